"""The native pre-checks of the pointer/alignment rules (sch_native) never change a finding: the
Schematron engine with them reports exactly what it reports without them (code, line, message,
hint, path, severity) on the converted seeds, on the schema's mutation corpus and on made-up
edge cases aimed at the string tricks of the rules (`contains` over joined id lists)."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tei.validate.schema import schema_set
from tei.validate.schematron import Schematron

ROOT = Path(__file__).resolve().parents[3]
SCHEMA_TESTS = ROOT / "tests" / "schema"
MADE_UP = SCHEMA_TESTS / "fixtures" / "made-up-telegram.xml"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NATIVE_RULES = {"ref-resolves", "ref-kind", "align-symmetric", "align-pairs", "ref-decls"}


@cache
def engines() -> tuple[Schematron, Schematron]:
    sch = schema_set(None).sch
    assert sch is not None
    tree = etree.parse(str(sch))
    return Schematron(tree.getroot(), native=True), Schematron(tree.getroot(), native=False)


def findings(sch: Schematron, xml: bytes | etree._ElementTree) -> list[tuple[object, ...]]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = (
        xml if isinstance(xml, etree._ElementTree) else etree.fromstring(xml, parser).getroottree()
    )
    return [
        (d.code, d.line, d.message, d.hint, d.xpath, d.severity)
        for d in sch.iter_diagnostics(tree, "doc.xml")
    ]


def assert_same(xml: bytes | etree._ElementTree, label: str) -> list[tuple[object, ...]]:
    native, generic = engines()
    expected = findings(generic, xml)
    assert findings(native, xml) == expected, label
    return expected


def test_the_bundled_rules_run_natively() -> None:
    """If this fails, the rule text changed: re-prove sch_native against it, then re-key it."""
    native, _ = engines()
    names = {
        c.code + ":" + (r.pattern or "")
        for p in native.patterns
        if p.native is not None
        for r in p.rules
        for c in r.checks
    }
    found = {n.split("-", 4)[-1].rsplit("-", 1)[0] for n in names}
    assert found == NATIVE_RULES, names


def _converted(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    from converters.io import convert_file
    from tei.options import ReadOptions, WriteOptions

    return [
        convert_file(seed, ReadOptions(), WriteOptions(date="2026-01-15")).xml
        for seed in sorted(seeds_dir.glob("*.txt"))
    ]


@pytest.fixture(scope="module")
def bases(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    found = {"made-up": MADE_UP.read_bytes()}
    for i, xml in enumerate(_converted(seeds_dir, tmp_path_factory)):
        found[f"seed{i}"] = xml
    return found


def _mutants(bases: dict[str, bytes]) -> list[Any]:
    sys.path.insert(0, str(SCHEMA_TESTS))
    try:
        from schema_mutants import mutants
    finally:
        sys.path.remove(str(SCHEMA_TESTS))
    return [m for name, xml in bases.items() for m in mutants(name, xml)]


def test_seeds_same_findings(bases: dict[str, bytes]) -> None:
    for name, xml in bases.items():
        assert assert_same(xml, name) == [], name


def test_pointer_and_alignment_mutants_same_findings(bases: dict[str, bytes]) -> None:
    """Every mutant designed to break a REF/ALIGN rule, and a spread of the others."""
    corpus = _mutants(bases)
    chosen = [m for i, m in enumerate(corpus) if m.code in ("REF", "ALIGN") or i % 15 == 0]
    fired = 0
    for m in chosen:
        fired += bool(assert_same(m.xml, m.name))
    assert fired > len(chosen) // 2


@pytest.mark.slow
def test_whole_mutation_corpus_same_findings(bases: dict[str, bytes]) -> None:
    corpus = _mutants(bases)
    assert len(corpus) >= 1000
    for m in corpus:
        assert_same(m.xml, m.name)


def _edit(xml: bytes, edit: object) -> etree._ElementTree:
    """The edited tree itself: some edits (an empty xml:id) would not parse again."""
    root = etree.fromstring(xml)
    edit(root)  # type: ignore[operator]
    return root.getroottree()


def _first(root: etree._Element, att: str, inside: str = "text") -> etree._Element:
    return next(
        el
        for el in root.iter(etree.Element)
        if el.get(att) and next(el.iterancestors(TEI + inside), None) is not None
    )


def _set(att: str, value: str, inside: str = "text") -> object:
    return lambda root: _first(root, att, inside).set(att, value)


def _empty_id(root: etree._Element) -> None:
    el = next(e for e in root.iter(etree.Element) if e.get(XML_ID))
    el.set(XML_ID, "")
    _first(root, "corresp").set("corresp", "#")


def _id_with_space(root: etree._Element) -> None:
    el = next(e for e in root.iter(etree.Element) if e.get(XML_ID))
    el.set(XML_ID, "a b")
    _first(root, "corresp").set("corresp", "#a #b")


def _pipe_links(root: etree._Element) -> None:
    el = _first(root, "corresp")
    el.set("corresp", el.get("corresp", "") + "|#x #y|")


def _foreign_corresp(root: etree._Element) -> None:
    text = next(root.iter(TEI + "p"))
    etree.SubElement(text, "{urn:other}note", corresp="#nowhere")


def _self_pair(root: etree._Element) -> None:
    el = _first(root, "corresp")
    el.set("corresp", "#" + (el.get(XML_ID) or ""))


def _kind_swap(root: etree._Element) -> None:
    places = [p.get(XML_ID) for p in root.iter(TEI + "place") if p.get(XML_ID)]
    persons = [p.get(XML_ID) for p in root.iter(TEI + "person") if p.get(XML_ID)]
    for el in root.iter(TEI + "persName"):
        if el.get("ref") and places:
            el.set("ref", f"#{places[0]}")
    for el in root.iter(TEI + "placeName", TEI + "orgName"):
        if el.get("ref") and persons:
            el.set("ref", f"  #{persons[0]}\t{el.get('ref')} ")


EDGES = {
    "hash-only": _set("corresp", "#"),
    "whitespace-tokens": _set("corresp", "\t #nowhere \n"),
    "scheme": _set("corresp", "http://example.org/x #nowhere urn:x"),
    "bad-scheme": _set("corresp", "1http:x"),
    "no-hash": _set("corresp", "nowhere"),
    "nbsp": _set("corresp", "#a\u00a0#b"),
    "empty": _set("corresp", ""),
    "empty-id": _empty_id,
    "id-with-space": _id_with_space,
    "pipes": _pipe_links,
    "foreign": _foreign_corresp,
    "self": _self_pair,
    "kinds": _kind_swap,
    "decls": _set("decls", "#nowhere #", inside="TEI"),
    "ref-tabs": _set("ref", "\t#x\n", inside="TEI"),
}


@pytest.mark.parametrize("name", sorted(EDGES))
def test_made_up_edge_cases_same_findings(name: str, bases: dict[str, bytes]) -> None:
    for base in ("made-up", "seed0"):
        assert_same(_edit(bases[base], EDGES[name]), f"{base}: {name}")
