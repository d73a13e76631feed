"""RELAX NG with lxml (libxml2): the default, fast engine.

libxml2 adds "failed to validate content" for every ancestor of an invalid element; those echoes
are dropped when a more specific error explains them, and so is "failed to validate attributes"
when the same line has the attribute's own error. Where libxml2 is known to accept what jing
(the reference) refuses, this engine reports it itself, so lxml never passes a document jing
rejects (tests/tei/validate/test_engines_agree.py, tests/schema/test_schema_mutants.py):

* a repeated `xml:id` (jing's ID check; libxml2's parser refuses it already, this is a backstop);
* the hour 24 in a date-time or time (`1951-01-29T24:00:00`): XSD 1.0 datatypes in libxml2 allow
  it, jing does not, in the dating attributes (`@when`, `@notBefore`, `@notAfter`, `@from`, `@to`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from tei.diagnostics.codes import diagnostic
from tei.diagnostics.model import Diagnostic
from tei.validate.engine import strip_tei_namespace

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_ECHO = "failed to validate content"
_ATTRIBUTES_ECHO = "failed to validate attributes"  # kept only when nothing on its line says why
DATING = ("when", "notBefore", "notAfter", "from", "to")
_HOUR_24 = re.compile(r"^(?:-?\d{4,}-\d\d-\d\dT)?24:00:00(?:\.0+)?(?:Z|[+-]\d\d:\d\d)?$")


class LxmlRelaxNG:
    """`Engine` over a compiled `etree.RelaxNG`."""

    name = "lxml"

    def __init__(self, relaxng: etree.RelaxNG) -> None:
        self.relaxng = relaxng

    def iter_diagnostics(self, tree: etree._ElementTree, file: str) -> Iterator[Diagnostic]:
        yield from duplicate_ids(tree, file, self.name)
        yield from hour_24(tree, file, self.name)
        if self.relaxng.validate(tree):
            return
        entries = list(self.relaxng.error_log)
        specific = [e for e in entries if _ECHO not in e.message]
        explained = {e.line for e in specific if _ATTRIBUTES_ECHO not in e.message}
        specific = [
            e for e in specific if _ATTRIBUTES_ECHO not in e.message or e.line not in explained
        ]
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


def hour_24(tree: etree._ElementTree, file: str, engine: str) -> Iterator[Diagnostic]:
    """`T24:00:00` in a dating attribute: accepted by libxml2, refused by jing."""
    for el in tree.getroot().iter(etree.Element):
        for name in DATING:
            value = el.get(name)
            if value is not None and _HOUR_24.match(value.strip()):
                line = el.sourceline if isinstance(el.sourceline, int) else None
                yield diagnostic(
                    "RNG",
                    file,
                    f'value of attribute "{name}" is invalid: "{value}" has the hour 24, which the '
                    "reference validator (jing) refuses; write 00:00:00 of the next day",
                    line=line or None,
                    engine=engine,
                )
