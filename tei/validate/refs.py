"""Pointers inside a document resolve (REF), and bilingual alignment is symmetric (ALIGN).

The bundled customisation states the same checks as Schematron rules (ids `ref-*`, `align-*`, run
by the Schematron engine under the same codes), so this engine runs only with a schema that lacks
them (e.g. `--schema tei_all.rng`): every pointer is checked once, never reported twice.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from tei.diagnostics.codes import diagnostic
from tei.diagnostics.model import Diagnostic

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
TEI_DIV = "{http://www.tei-c.org/ns/1.0}div"
POINTERS = ("corresp", "ref", "decls", "target")
PAIRS = {"translation": "original", "original": "translation"}


class RefsEngine:
    """`Engine`: local `#id` pointers resolve; `@corresp` alignment is mutual and bilingual."""

    name = "refs"

    def iter_diagnostics(self, tree: etree._ElementTree, file: str) -> Iterator[Diagnostic]:
        ids: dict[str, etree._Element] = {}
        for el in tree.getroot().iter(etree.Element):
            value = el.get(XML_ID)
            if value is not None:
                ids.setdefault(value, el)
        for el in tree.getroot().iter(etree.Element):
            for att in POINTERS:
                for target in _local_targets(el.get(att)):
                    if target not in ids:
                        yield _finding(
                            "REF",
                            file,
                            el,
                            f'{_name(el)}/@{att} points to "#{target}", which no xml:id names',
                        )
            yield from _alignment(el, ids, file)


def _local_targets(value: str | None) -> list[str]:
    if not value:
        return []
    return [token[1:] for token in value.split() if token.startswith("#") and len(token) > 1]


def _alignment(
    el: etree._Element, ids: dict[str, etree._Element], file: str
) -> Iterator[Diagnostic]:
    own = el.get(XML_ID)
    for target_id in _local_targets(el.get("corresp")):
        other = ids.get(target_id)
        if other is None or own is None or other.tag != el.tag:
            continue  # unresolved (REF) or not a block-to-block alignment
        if f"#{own}" not in (other.get("corresp") or "").split():
            yield _finding(
                "ALIGN",
                file,
                el,
                f'{_name(el)} "{own}" points to "{target_id}" with @corresp, '
                f'but "{target_id}" does not point back',
            )
        mine, theirs = _division_type(el), _division_type(other)
        if mine in PAIRS and theirs is not None and PAIRS[mine] != theirs:
            yield _finding(
                "ALIGN",
                file,
                el,
                f'{_name(el)} "{own}" in the {mine} is aligned with "{target_id}" in the '
                f"{theirs}, not with a block of the {PAIRS[mine]}",
            )


def _division_type(el: etree._Element) -> str | None:
    for anc in el.iterancestors(TEI_DIV):
        kind = anc.get("type")
        if kind in PAIRS:
            return kind
    return None


def _name(el: etree._Element) -> str:
    return etree.QName(el).localname


def _finding(code: str, file: str, el: etree._Element, message: str) -> Diagnostic:
    line = el.sourceline if isinstance(el.sourceline, int) and el.sourceline > 0 else None
    return diagnostic(code, file, message, line=line, xpath=tree_path(el), engine="refs")


def tree_path(el: etree._Element) -> str:
    return el.getroottree().getpath(el)
