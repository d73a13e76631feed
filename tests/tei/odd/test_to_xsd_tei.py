"""The XSD emitter on the TEI's grammars: xmlschema loads them and agrees with jing.

For each ODD with a reference schema, the XSD translated from the RELAX NG must give jing's
verdict on the ODD's test document and on mutants of it, except where a documented
approximation (docs/xsd-approximations.md) explains the difference: those are listed in
KNOWN with the approximation's number, so a new disagreement fails the test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import xmlschema
from lxml import etree
from odd_harness import Case, cases, jing, write_mutants  # type: ignore[import-not-found]

from tei.odd.to_xsd import to_xsd

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
FAST = ("testbare", "testTripReport")
# xmlschema needs 0.5-3 s per TEI document (its content-model walk is linear in the size of
# the TEI's large choices), so the XSD sweep uses fewer mutants than the RELAX NG one.
FAST_MUTANTS = 10
FULL_MUTANTS = 5
# libxml2 (a second XSD processor, in C) is fast enough for the full mutant count.
LIBXML2_MUTANTS = 100

# Reference schemas that are themselves broken (jing refuses them too): nothing to compare.
BROKEN = {"relateditem": "reference/relateditem.rng refers to an undefined pattern 'relatedItem'"}

# (case, mutant label prefix) -> approximation number of docs/xsd-approximations.md
KNOWN: dict[tuple[str, str], int] = {}

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="jing needs a Java runtime")


def _case(name: str) -> Case:
    for case in cases():
        if case.name == name:
            return case
    pytest.skip(f"no reference schema and test document for {name} in ../shared/tei-p5")


def load_xsd(rng: etree._ElementTree, directory: Path) -> xmlschema.XMLSchema10:
    path = directory / "schema.xsd"
    path.write_bytes(to_xsd(rng))
    return xmlschema.XMLSchema10(str(path))


def disagreements(
    schema: xmlschema.XMLSchema10, rng: Path, files: dict[Path, str]
) -> dict[str, str]:
    """Mutant label -> 'xsd accepts' / 'xsd rejects', wherever xmlschema and jing differ."""
    verdicts = jing(rng, sorted(files))
    out = {}
    for path, label in sorted(files.items()):
        xsd_ok = schema.is_valid(str(path))
        if xsd_ok != (not verdicts[path]):
            out[label] = "xsd accepts" if xsd_ok else "xsd rejects"
    return out


# libxml2 does not ship the XML namespace schema: a minimal one of our own, for the import.
XML_NS_SCHEMA = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="id" type="xs:ID"/>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="lang"><xs:simpleType><xs:union memberTypes="xs:language">
    <xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value=""/></xs:restriction>
    </xs:simpleType></xs:union></xs:simpleType></xs:attribute>
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/></xs:restriction>
  </xs:simpleType></xs:attribute>
</xs:schema>"""
XML_IMPORT = b'<xs:import namespace="http://www.w3.org/XML/1998/namespace"/>'


def libxml2_xsd(rng: etree._ElementTree, directory: Path) -> etree.XMLSchema:
    """The XSD loaded by libxml2, which checks Unique Particle Attribution independently."""
    (directory / "xml.xsd").write_text(XML_NS_SCHEMA, encoding="utf-8")
    located = XML_IMPORT.replace(b"/>", b' schemaLocation="xml.xsd"/>')
    path = directory / "libxml2.xsd"
    path.write_bytes(to_xsd(rng).replace(XML_IMPORT, located))
    return etree.XMLSchema(etree.parse(str(path), PARSER))


def libxml2_disagreements(rng_path: Path, files: dict[Path, str], tmp_path: Path) -> dict[str, str]:
    schema = libxml2_xsd(etree.parse(str(rng_path), PARSER), tmp_path)
    verdicts = jing(rng_path, sorted(files))
    out = {}
    for path, label in sorted(files.items()):
        try:
            xsd_ok = schema.validate(etree.parse(str(path), PARSER))
        except etree.XMLSyntaxError:  # libxml2 refuses some mutants outright (xml:id="#x")
            xsd_ok = False
        if xsd_ok != (not verdicts[path]):
            out[label] = "xsd accepts" if xsd_ok else "xsd rejects"
    return out


@needs_java
@pytest.mark.jing
@pytest.mark.parametrize("name", ["testbare", "tei_lite"])
def test_libxml2_loads_the_xsd_and_agrees_with_jing(name: str, tmp_path: Path) -> None:
    case = _case(name)
    files = write_mutants(case, 60, tmp_path / "docs")
    assert libxml2_disagreements(case.reference, files, tmp_path) == {}


@needs_java
@pytest.mark.jing
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted({c.name for c in cases()} - set(BROKEN)))
def test_libxml2_agrees_with_jing_full(name: str, tmp_path: Path) -> None:
    case = _case(name)
    files = write_mutants(case, LIBXML2_MUTANTS, tmp_path / "docs")
    assert libxml2_disagreements(case.reference, files, tmp_path) == {}


def check_case(name: str, count: int, tmp_path: Path, source: Path | None = None) -> None:
    """XSD vs jing on the document and mutants: the reference grammar, or with `source`
    (p5subset) the grammar this toolkit compiles from the ODD."""
    case = _case(name)
    if source is None:
        if name in BROKEN:
            pytest.skip(BROKEN[name])
        rng_path = case.reference
        rng = etree.parse(str(rng_path), PARSER)
    else:
        compile_odd = pytest.importorskip("tei.odd.compile").compile_odd
        rng = compile_odd(case.odd, source=source).rng
        rng_path = tmp_path / f"{name}.rng"
        rng_path.write_bytes(etree.tostring(rng, xml_declaration=True, encoding="UTF-8"))
    files = write_mutants(case, count, tmp_path / "docs")
    schema = load_xsd(rng, tmp_path)
    found = disagreements(schema, rng_path, files)
    unexplained = {
        label: how
        for label, how in found.items()
        if not any(label.startswith(prefix) for (c, prefix) in KNOWN if c == name)
    }
    assert not unexplained, f"{name}: XSD and jing disagree on {unexplained}"


@needs_java
@pytest.mark.jing
@pytest.mark.parametrize("name", FAST)
def test_reference_xsd_agrees_with_jing(name: str, tmp_path: Path) -> None:
    check_case(name, FAST_MUTANTS, tmp_path)


@needs_java
@pytest.mark.jing
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted({c.name for c in cases()} - set(FAST)))
def test_compiled_xsd_agrees_with_jing_full(name: str, tmp_path: Path, p5subset: Path) -> None:
    """The product: the XSD of each compiled ODD against jing on the compiled RELAX NG."""
    check_case(name, FULL_MUTANTS, tmp_path, source=p5subset)


@needs_java
@pytest.mark.jing
def test_compiled_tei_lite_xsd_agrees_with_jing(p5subset: Path, tmp_path: Path) -> None:
    compile_odd = pytest.importorskip("tei.odd.compile").compile_odd
    case = _case("tei_lite")
    compiled = compile_odd(case.odd, source=p5subset)
    again = compile_odd(case.odd, source=p5subset)
    assert to_xsd(again.rng) == to_xsd(compiled.rng)  # reproducible from the ODD
    rng_path = tmp_path / "tei_lite.rng"
    rng_path.write_bytes(etree.tostring(compiled.rng, xml_declaration=True, encoding="UTF-8"))
    schema = load_xsd(compiled.rng, tmp_path)
    files = write_mutants(case, FAST_MUTANTS, tmp_path / "docs")
    assert len(files) == FAST_MUTANTS + 1
    assert disagreements(schema, rng_path, files) == {}


@needs_java
@pytest.mark.jing
def test_telegram_schema_xsd_agrees_with_jing(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[3]
    rng_path = root / "schema" / "telegrams.rng"
    if not rng_path.exists():
        pytest.skip("schema/telegrams.rng is not built yet")
    document = root / "tests" / "schema" / "fixtures" / "made-up-telegram.xml"
    if not document.exists():
        pytest.skip(f"{document} (a made-up telegram valid against the schema) is absent")
    schema = load_xsd(etree.parse(str(rng_path), PARSER), tmp_path)
    files = write_mutants(Case("telegrams", rng_path, rng_path, document), 30, tmp_path)
    assert disagreements(schema, rng_path, files) == {}


def _odds_without_reference() -> list[Path]:
    """The ODDs the reference sweep does not cover (each XSD load takes xmlschema 1-10 s)."""
    root = Path(__file__).resolve().parents[3].parent / "shared" / "tei-p5"
    odds = [*root.glob("exemplars/*.odd"), *root.glob("test-odds/*.odd")]
    return sorted(p for p in odds if not (root / "reference" / f"{p.stem}.rng").exists())


@pytest.mark.slow
@pytest.mark.parametrize("odd", _odds_without_reference(), ids=lambda p: p.stem)
def test_every_compiled_odd_gives_a_loadable_xsd(odd: Path, p5subset: Path, tmp_path: Path) -> None:
    compile_odd = pytest.importorskip("tei.odd.compile").compile_odd
    odd_error = pytest.importorskip("tei.odd.errors").OddError
    try:
        compiled = compile_odd(odd, source=p5subset)
    except odd_error as exc:  # the compiler's own tests cover the ODDs it refuses
        pytest.skip(f"{odd.name} does not compile: {exc}")
    schema = load_xsd(compiled.rng, tmp_path)
    assert schema.elements, f"{odd.name}: the XSD declares no root element"
    document = odd.parents[1] / "test-documents" / f"{odd.stem}.xml"
    if document.exists() and shutil.which("java"):  # and the same verdict as jing on it
        rng_path = tmp_path / f"{odd.stem}.rng"
        rng_path.write_bytes(etree.tostring(compiled.rng, xml_declaration=True, encoding="UTF-8"))
        assert disagreements(schema, rng_path, {document: "test document"}) == {}
