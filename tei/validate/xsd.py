"""XSD validation with xmlschema, for partners whose tools need XSD.

An XSD pass is never full conformance (XSD cannot say everything the RELAX NG and Schematron say),
so this engine only ever adds findings to the default RELAX NG + Schematron run.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import xmlschema
from lxml import etree

from tei.diagnostics.codes import diagnostic
from tei.diagnostics.model import Diagnostic
from tei.validate.engine import strip_tei_namespace


class XsdError(Exception):
    """The XSD file cannot be loaded (a usage error)."""


@lru_cache(maxsize=2)
def _load(path: Path) -> xmlschema.XMLSchema:
    try:
        return xmlschema.XMLSchema(str(path))
    except (OSError, xmlschema.XMLSchemaException) as exc:
        raise XsdError(f"{path}: cannot load the XML Schema: {exc}") from exc


class XsdEngine:
    """`Engine` over an XML Schema file."""

    name = "xsd"

    def __init__(self, path: Path) -> None:
        self.schema = _load(path)

    def iter_diagnostics(self, tree: etree._ElementTree, file: str) -> Iterator[Diagnostic]:
        for error in self.schema.iter_errors(tree):
            line = getattr(error, "sourceline", None)
            yield diagnostic(
                "XSD",
                file,
                strip_tei_namespace(str(error.reason or error.message)).strip(),
                line=line if isinstance(line, int) and line > 0 else None,
                xpath=error.path,
                engine=self.name,
            )
