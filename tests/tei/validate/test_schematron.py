"""The XPath 2 Schematron engine on made-up schemas and documents, and on TEI's tei_all rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei.diagnostics.model import Severity
from tei.validate.schematron import Schematron, SchematronError, rule_code, severity_of

SCH = "http://purl.oclc.org/dsdl/schematron"
TEI = "http://www.tei-c.org/ns/1.0"


def schema(body: str) -> Schematron:
    text = (
        f'<schema xmlns="{SCH}" queryBinding="xslt2"><ns prefix="tei" uri="{TEI}"/>{body}</schema>'
    )
    return Schematron(etree.fromstring(text), name="test.sch")


def doc(body: str) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(f'<TEI xmlns="{TEI}">\n{body}\n</TEI>'))


DATES = """<text>
<body>
<p><date when="1951-01-29">29 Jan</date></p>
<p><date when="1951-13-02">bad</date><date>none</date></p>
</body>
</text>"""


def test_assert_with_xpath2_and_value_of_maps_to_source_line() -> None:
    sch = schema(
        '<ns prefix="xs" uri="http://www.w3.org/2001/XMLSchema"/>'
        '<pattern id="p"><rule context="tei:date[@when]">'
        '<assert id="when-date" test="@when castable as xs:date">'
        '<name/>/@when "<value-of select="@when"/>" is not a date</assert>'
        "</rule></pattern>"
    )
    (found,) = sch.check(doc(DATES), "a.xml")
    assert found.code == "SCH-when-date"
    assert found.message == 'date/@when "1951-13-02" is not a date'
    assert found.line == 5
    assert found.severity is Severity.ERROR
    assert found.engine == "schematron"
    assert found.xpath == "/tei:TEI/tei:text[1]/tei:body[1]/tei:p[2]/tei:date[1]"


def test_report_role_and_let_variables() -> None:
    sch = schema(
        '<let name="limit" value="1"/>'
        '<pattern id="count"><rule context="tei:p">'
        '<let name="n" value="count(tei:date)"/>'
        '<report test="$n gt $limit" role="warning">p has <value-of select="$n"/> dates</report>'
        "</rule></pattern>"
    )
    (found,) = sch.check(doc(DATES), "a.xml")
    assert (found.code, found.severity, found.message) == (
        "SCH-count",
        Severity.WARNING,
        "p has 2 dates",
    )


def test_first_matching_rule_of_a_pattern_wins() -> None:
    sch = schema(
        '<pattern id="pat">'
        '<rule context="tei:date[@when]"><assert id="a" test="false()">first</assert></rule>'
        '<rule context="tei:date"><assert id="b" test="false()">second</assert></rule>'
        "</pattern>"
    )
    codes = [d.code for d in sch.check(doc(DATES), "a.xml")]
    assert codes == ["SCH-a", "SCH-a", "SCH-b"]


def test_path_union_and_attribute_contexts() -> None:
    sch = schema(
        '<pattern id="u"><rule context="tei:body/tei:p/tei:date | tei:text//tei:p">'
        '<report id="hit" test="true()">hit <name/></report></rule></pattern>'
        '<pattern id="att"><rule context="tei:p/tei:date/@when">'
        '<report id="w" test="starts-with(., \'1951-13\')">month 13</report></rule></pattern>'
    )
    found = sch.check(doc(DATES), "a.xml")
    hits = [(d.code, d.message, d.line) for d in found]
    assert hits == [
        ("SCH-hit", "hit p", 4),
        ("SCH-hit", "hit date", 4),
        ("SCH-hit", "hit p", 5),
        ("SCH-hit", "hit date", 5),
        ("SCH-hit", "hit date", 5),
        ("SCH-w", "month 13", 5),
    ]
    assert found[-1].xpath is not None and found[-1].xpath.endswith("/tei:date[1]/@when")


def test_abstract_rule_and_abstract_pattern() -> None:
    sch = schema(
        '<pattern id="base" abstract="true"><rule context="$el">'
        '<assert id="has-att" test="$att">missing</assert></rule></pattern>'
        '<pattern is-a="base" id="dates"><param name="el" value="tei:date"/>'
        '<param name="att" value="@when"/></pattern>'
        '<pattern id="ab"><rule abstract="true" id="nonempty">'
        '<assert id="empty" test="normalize-space(.) ne \'\'">empty</assert></rule>'
        '<rule context="tei:date"><extends rule="nonempty"/></rule></pattern>'
    )
    found = sch.check(doc(DATES), "a.xml")
    assert [(d.code, d.line) for d in found] == [("SCH-has-att", 5)]


def test_uncompilable_and_failing_rules_are_reported_not_skipped() -> None:
    sch = schema(
        '<pattern id="broken"><rule context="tei:p[">'
        '<assert test="true()">x</assert></rule></pattern>'
        '<pattern id="runtime"><rule context="tei:p">'
        '<assert test="xs:integer(string(.)) gt 0">x</assert></rule></pattern>'
    )
    found = sch.check(doc(DATES), "a.xml")
    assert {d.code for d in found} == {"ENGINE"}
    assert any("SCH-broken" in d.message and "not checked" in d.message for d in found)
    assert sum("SCH-runtime" in d.message for d in found) == 2


def test_diagnostics_element_is_the_hint() -> None:
    sch = schema(
        '<pattern id="p"><rule context="tei:date">'
        '<assert id="when" test="@when" diagnostics="fix">no @when</assert></rule></pattern>'
        '<diagnostics><diagnostic id="fix">Add @when to <name/>.</diagnostic></diagnostics>'
    )
    (found,) = sch.check(doc(DATES), "a.xml")
    assert found.hint == "Add @when to date."


def test_codes_and_severities() -> None:
    assert rule_code(None, None, "schematron-constraint-tei_all-att.datable-w3c-when-3") == (
        "SCH-att.datable-w3c-when"
    )
    assert rule_code("ref-resolves", "r", "p") == "SCH-ref-resolves"
    assert [severity_of(r) for r in (None, "nonfatal", "warning", "info", "fatal")] == [
        Severity.ERROR,
        Severity.WARNING,
        Severity.WARNING,
        Severity.INFO,
        Severity.ERROR,
    ]


def test_not_a_schematron_schema(tmp_path: Path) -> None:
    bad = tmp_path / "x.sch"
    bad.write_text("<nope/>")
    with pytest.raises(SchematronError):
        Schematron.from_path(bad)


@pytest.fixture(scope="module")
def tei_all_sch(tei_p5_dir: Path) -> Schematron:
    return Schematron.from_path(tei_p5_dir / "tei_all.isosch")


def test_tei_all_rules_all_compile_and_example_is_clean(tei_all_sch: Schematron) -> None:
    assert len(tei_all_sch.rules) > 200
    assert not tei_all_sch.problems
    assert [r.code for r in tei_all_sch.rules if r.problem] == []
    example = Path(__file__).resolve().parents[3].parent / "shared/design/example-000.xml"
    if not example.exists():
        pytest.skip("../shared/design is absent")
    assert tei_all_sch.check(etree.parse(str(example)), "example.xml") == []


def test_tei_all_rules_fire(tei_all_sch: Schematron) -> None:
    tree = doc(
        "<teiHeader/><text><body>"
        '<p><date when="1951" notBefore="1950">x</date></p>'
        '<p><ref target="#a" cRef="b">r</ref><title subtype="x">t</title></p>'
        "</body></text>"
    )
    found = tei_all_sch.check(tree, "t.xml")
    by_code = {d.code: d for d in found}
    assert "SCH-att.datable.w3c-att-datable-w3c-when" in by_code
    assert by_code["SCH-att.datable.w3c-att-datable-w3c-when"].severity is Severity.WARNING
    assert any("@target and @cRef" in d.message or "cRef" in d.message for d in found)
    assert any("@subtype" in d.message for d in found)
    assert {d.line for d in found} == {2}


MUTATIONS = {
    "valid": ("", ""),
    "month-13": ('when="1951-01-29"', 'when="1951-13-29"'),
    "feb-30": ('when="1951-01-29"', 'when="1951-02-30"'),
    "received-early": ('when="1951-01-29T18:40:00"', 'when="1951-01-20T18:40:00"'),
    "self-aligned": ('corresp="#ru-p1"', 'corresp="#en-p1"'),
    "dangling": ('corresp="#ru-p1"', 'corresp="#ru-p9"'),
    "wrong-kind": ('ref="#per-mao"', 'ref="#pl-beijing"'),
    "bracket": ("Jemulpo</note>", "Jemulpo</note> [sic]"),
    "folios": ('from="41" to="43"', 'from="43" to="41"'),
    "decls": ('decls="#msg1"', 'decls="#ms1"'),
    "no-fond": ('<idno type="fond">45</idno>', ""),
    "subtype": ('type="received" subtype="copy"', 'type="sent" subtype="copy"'),
}


def _both(path: Path) -> tuple[Schematron, Schematron]:
    fast = Schematron.from_path(path)
    slow = Schematron(etree.parse(str(path)).getroot(), name=fast.source_name, python=False)
    return fast, slow


def test_compiled_python_plan_agrees_with_elementpath(tei_p5_dir: Path) -> None:
    """The compiled-Python evaluator (xpath_py) finds exactly what elementpath finds, on the
    bundled customisation and on tei_all, for the example, its mutants and TEI's test files."""
    example = Path(__file__).resolve().parents[3].parent / "shared/design/example-000.xml"
    if not example.exists():
        pytest.skip("../shared/design is absent")
    text = example.read_text(encoding="utf-8")
    trees = []
    for name, (old, new) in MUTATIONS.items():
        assert old in text, name
        trees.append(
            (name, etree.ElementTree(etree.fromstring(text.replace(old, new, 1).encode())))
        )
    spans = (
        f'<TEI xmlns="{TEI}"><text><body><p><addSpan spanTo="#a"/>x<anchor xml:id="a"/>'
        '<addSpan spanTo="#b"/></p><anchor xml:id="b"/><p><delSpan spanTo="#zz"/>'
        '<anchor xml:id="c"/><addSpan spanTo="#c"/></p></body></text></TEI>'
    )
    trees.append(("spans", etree.ElementTree(etree.fromstring(spans))))
    for doc in sorted((tei_p5_dir / "test-documents").glob("*.xml"))[:25]:
        try:
            trees.append((doc.name, etree.parse(str(doc))))
        except etree.XMLSyntaxError:
            continue
    bundled = Path(__file__).resolve().parents[3] / "schema" / "telegrams.sch"
    for schema_path in (bundled, tei_p5_dir / "tei_all.isosch"):
        fast, slow = _both(schema_path)
        assert sum(p.python is not None for p in fast.patterns) > len(fast.patterns) * 0.9
        for name, tree in trees:
            assert fast.check(tree, name) == slow.check(tree, name), (schema_path.name, name)
