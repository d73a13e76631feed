"""RELAX NG with lxml (libxml2): the default, fast engine.

libxml2 adds "failed to validate content" for every ancestor of an invalid element; those echoes
are dropped when a more specific error explains them. libxml2 does not check ID uniqueness for
RELAX NG (jing does, as DTD compatibility), so this engine checks `xml:id` uniqueness itself and
the two engines agree on that verdict (see tests/tei/validate/test_engines_agree.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from tei.diagnostics.codes import diagnostic
from tei.diagnostics.model import Diagnostic
from tei.validate.engine import strip_tei_namespace

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_ECHO = "failed to validate content"


class LxmlRelaxNG:
    """`Engine` over a compiled `etree.RelaxNG`."""

    name = "lxml"

    def __init__(self, relaxng: etree.RelaxNG) -> None:
        self.relaxng = relaxng

    def iter_diagnostics(self, tree: etree._ElementTree, file: str) -> Iterator[Diagnostic]:
        yield from duplicate_ids(tree, file, self.name)
        if self.relaxng.validate(tree):
            return
        entries = list(self.relaxng.error_log)
        specific = [e for e in entries if _ECHO not in e.message]
        for entry in specific or entries:
            yield diagnostic(
                "RNG",
                file,
                strip_tei_namespace(entry.message.strip()),
                line=entry.line or None,
                column=entry.column or None,
                engine=self.name,
            )


def duplicate_ids(tree: etree._ElementTree, file: str, engine: str) -> Iterator[Diagnostic]:
    """An `xml:id` used twice: an RNG error in jing (ID type), not checked by libxml2."""
    first: dict[str, int | None] = {}
    for el in tree.getroot().iter(etree.Element):
        value = el.get(XML_ID)
        if value is None:
            continue
        line = el.sourceline if isinstance(el.sourceline, int) and el.sourceline > 0 else None
        if value in first:
            where = f" (first on line {first[value]})" if first[value] else ""
            yield diagnostic(
                "RNG",
                file,
                f'the xml:id "{value}" is used twice{where}',
                line=line,
                engine=engine,
            )
        else:
            first[value] = line
