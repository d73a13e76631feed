"""compile_odd: an ODD file -> its resolved customisation and RELAX NG grammar."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tei.odd.load import TEI, line_of, parse_file
from tei.odd.resolve import find_schema_spec, resolve
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
    """Compile one ODD against the TEI source: the one given (a path, a URL or a Source),
    else a local file named by schemaSpec/@source, else $TEI_P5_SOURCE."""
    tree = parse_file(Path(odd))
    schema_spec = find_schema_spec(tree.getroot(), Path(odd))
    notes: list[str] = []
    if isinstance(source, Source):
        src = source
    else:
        src = load_source(source if source is not None else _declared_source(odd, schema_spec))
    notes.extend(_check_declared_version(odd, schema_spec, src))
    spec, warnings = resolve(tree.getroot(), Path(odd), src)
    return CompiledSchema(
        name=spec.get("ident", ""),
        spec=spec,
        rng=to_rng(spec, src),
        warnings=tuple(notes + warnings),
        version=edition(tree.getroot()),
    )


def _declared_source(odd: Path, schema_spec: etree._Element) -> Path | None:
    """schemaSpec/@source when it names a local file (relative to the ODD); URLs and
    `tei:VERSION` references are not fetched: pass --source for those."""
    declared = (schema_spec.get("source") or "").strip()
    if not declared or ":" in declared.split("/", 1)[0]:
        return None
    path = (Path(odd).parent / declared).resolve()
    return path if path.is_file() else None


def _check_declared_version(odd: Path, schema_spec: etree._Element, src: Source) -> list[str]:
    declared = (schema_spec.get("source") or "").strip()
    if declared.startswith("tei:"):
        wanted = declared[4:]
        if wanted and wanted != "current" and wanted not in src.version:
            return [
                f"{odd}:{line_of(schema_spec)}: schemaSpec/@source asks for TEI {wanted}, "
                f"compiling against {src.version or 'an unversioned source'}"
            ]
    return []


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
