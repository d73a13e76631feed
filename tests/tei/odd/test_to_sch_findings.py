"""Our Schematron finds the same problems as the TEI's on real documents and their mutants.

Both schemas run through the toolkit's XPath 2 Schematron engine (`tei.validate.schematron`);
findings are compared as (line, column, severity, message), since pattern numbers are the
only thing allowed to differ.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from odd_harness import cases, write_mutants  # type: ignore[import-not-found]
from test_to_sch import (  # type: ignore[import-not-found]
    SPEC_ONLY_IN_REFERENCE,
    rule_set,
    tei_all_spec,
)

from tei.odd.to_sch import to_schematron

schematron = pytest.importorskip("tei.validate.schematron")
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)

FAST = ("testTripReport", "testspoken")


def findings(engine: object, path: Path) -> Counter[tuple[object, ...]]:
    try:
        doc = etree.parse(str(path), PARSER)
    except etree.XMLSyntaxError as exc:  # a mutant libxml2 refuses (e.g. xml:id="#x")
        return Counter({("unparsable", exc.msg): 1})
    found = engine.check(doc, str(path))  # type: ignore[attr-defined]
    return Counter((d.line, d.column, str(d.severity), " ".join(d.message.split())) for d in found)


def test_tei_all_findings_equal_the_reference(
    p5subset: Path, tei_p5_dir: Path, tmp_path: Path
) -> None:
    ours_path = tmp_path / "tei_all.sch"
    ours_path.write_bytes(to_schematron(tei_all_spec(p5subset), name="tei_all"))
    ours = schematron.Schematron.from_path(ours_path)
    theirs = schematron.Schematron.from_path(tei_p5_dir / "tei_all.isosch")
    documents = sorted((tei_p5_dir / "test-documents").glob("*.xml"))
    fired = 0
    for document in documents:
        expected = findings(theirs, document)
        assert findings(ours, document) == expected, document.name
        fired += sum(expected.values())
    assert fired > 0  # the documents do trigger rules


def _without(isosch: Path, stems: set[str], tmp_path: Path) -> Path:
    """The reference minus the patterns the compiled spec is known not to produce."""
    if not stems:
        return isosch
    tree = etree.parse(str(isosch), PARSER)
    for pattern in list(tree.iter("{http://purl.oclc.org/dsdl/schematron}pattern")):
        if pattern.get("id", "").rsplit("-", 1)[0] in stems:
            parent = pattern.getparent()
            assert parent is not None
            parent.remove(pattern)
    path = tmp_path / f"reference-{isosch.name}"
    tree.write(str(path))
    return path


def _check_compiled(name: str, count: int, tmp_path: Path, source: Path) -> None:
    compile_odd = pytest.importorskip("tei.odd.compile").compile_odd
    case = next((c for c in cases() if c.name == name), None)
    if case is None:
        pytest.skip(f"no reference for {name}")
    compiled = compile_odd(case.odd, source=source)
    ours_path = tmp_path / f"{name}.sch"
    ours_path.write_bytes(to_schematron(compiled.spec, name=compiled.name))
    reference = _without(
        case.reference.with_suffix(".isosch"), SPEC_ONLY_IN_REFERENCE.get(name, set()), tmp_path
    )
    same_rules = {k.rsplit("-", 1)[0]: v for k, v in rule_set(ours_path).items() if k} == {
        k.rsplit("-", 1)[0]: v for k, v in rule_set(reference).items() if k
    }
    assert same_rules
    ours = schematron.Schematron.from_path(ours_path)
    theirs = schematron.Schematron.from_path(reference)
    for path, label in sorted(write_mutants(case, count, tmp_path / "docs").items()):
        assert findings(ours, path) == findings(theirs, path), label


@pytest.mark.parametrize("name", FAST)
def test_compiled_findings_equal_the_reference(name: str, tmp_path: Path, p5subset: Path) -> None:
    _check_compiled(name, 20, tmp_path, p5subset)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted({c.name for c in cases()} - set(FAST)))
def test_compiled_findings_equal_the_reference_full(
    name: str, tmp_path: Path, p5subset: Path
) -> None:
    _check_compiled(name, 40, tmp_path, p5subset)
