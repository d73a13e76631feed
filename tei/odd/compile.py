"""compile_odd: an ODD file -> its resolved customisation and RELAX NG grammar."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tei.odd.load import TEI, parse_file
from tei.odd.resolve import resolve
from tei.odd.source import Source, load_source
from tei.odd.to_rng import to_rng


@dataclass(frozen=True)
class CompiledSchema:
    """What the emitters need: the schema's name, the resolved schemaSpec and the grammar."""

    name: str
    spec: etree._Element
    rng: etree._ElementTree
    warnings: tuple[str, ...] = ()
    version: str | None = None


def compile_odd(
    odd: Path, *, source: Path | str | os.PathLike[str] | Source | None = None
) -> CompiledSchema:
    """Compile one ODD against the TEI source: a path, a URL, a Source, or $TEI_P5_SOURCE."""
    src = source if isinstance(source, Source) else load_source(source)
    tree = parse_file(Path(odd))
    spec, warnings = resolve(tree.getroot(), Path(odd), src)
    return CompiledSchema(
        name=spec.get("ident", ""),
        spec=spec,
        rng=to_rng(spec, src),
        warnings=tuple(warnings),
        version=edition(tree.getroot()),
    )


def edition(odd_root: etree._Element) -> str | None:
    """The customisation's own version: teiHeader/fileDesc/editionStmt/edition/@n, if any."""
    for el in odd_root.iterfind(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}editionStmt/{TEI}edition"):
        n = (el.get("n") or "").strip()
        if n:
            return n
    return None


def rng_bytes(schema: CompiledSchema) -> bytes:
    """The grammar serialised: UTF-8, indented, with an XML declaration."""
    etree.indent(schema.rng, space="   ")
    return etree.tostring(schema.rng, xml_declaration=True, encoding="UTF-8", pretty_print=True)
