"""ODD features, each on a small made-up customisation: the compiled RELAX NG must accept and
reject the documents the ODD says it should (checked with lxml's RELAX NG, no JVM)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei.odd.compile import CompiledSchema, compile_odd, rng_bytes
from tei.odd.errors import OddError, SourceError
from tei.odd.source import Source, load_source

TEI_NS = "http://www.tei-c.org/ns/1.0"
BASE = """
  <moduleRef key="tei"/>
  <moduleRef key="header"/>
  <moduleRef key="core"/>
  <moduleRef key="textstructure"/>
"""


@pytest.fixture(scope="module")
def source(p5subset: Path) -> Source:
    return load_source(p5subset)


def make_odd(tmp_path: Path, body: str, *, base: str = BASE, attrs: str = 'start="TEI"') -> Path:
    path = tmp_path / "custom.odd"
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:rng="http://relaxng.org/ns/structure/1.0">
<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>
<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>
<text><body>
<schemaSpec ident="custom" {attrs}>{base}{body}
</schemaSpec>
</body></text></TEI>""",
        encoding="utf-8",
    )
    return path


def doc(body: str, *, header_extra: str = "") -> etree._ElementTree:
    return etree.ElementTree(
        etree.fromstring(
            f"""<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>t</title>
{header_extra}</titleStmt><publicationStmt><p>p</p></publicationStmt>
<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>{body}</body></text></TEI>"""
        )
    )


def compile_text(tmp_path: Path, source: Source, body: str, **kw: str) -> CompiledSchema:
    return compile_odd(make_odd(tmp_path, body, **kw), source=source)


def validator(schema: CompiledSchema) -> etree.RelaxNG:
    return etree.RelaxNG(etree.fromstring(rng_bytes(schema)))


def accepts(schema: CompiledSchema, body: str) -> bool:
    return bool(validator(schema).validate(doc(body)))


def define(schema: CompiledSchema, name: str) -> etree._Element:
    found = schema.rng.getroot().find(
        f"{{http://relaxng.org/ns/structure/1.0}}define[@name='{name}']"
    )
    assert found is not None, name
    return found


def test_base_customisation_accepts_plain_tei(tmp_path: Path, source: Source) -> None:
    schema = compile_text(tmp_path, source, "")
    assert schema.name == "custom"
    assert accepts(schema, '<p rend="bold">text <hi>x</hi></p>')
    assert not accepts(schema, "<p><bogus/></p>")
    assert not accepts(schema, "")  # body needs content


def test_element_delete_removes_it_and_prunes_references(tmp_path: Path, source: Source) -> None:
    schema = compile_text(tmp_path, source, '<elementSpec ident="hi" mode="delete"/>')
    assert not accepts(schema, "<p><hi>x</hi></p>")
    assert accepts(schema, "<p>x</p>")
    assert schema.spec.find(f"{{{TEI_NS}}}elementSpec[@ident='hi']") is None


def test_inherited_attribute_delete_expands_the_class(tmp_path: Path, source: Source) -> None:
    body = """<elementSpec ident="p" mode="change"><attList>
      <attDef ident="rend" mode="delete"/></attList></elementSpec>"""
    schema = compile_text(tmp_path, source, body)
    assert not accepts(schema, '<p rend="x">t</p>')
    assert accepts(schema, '<p style="x">t</p>')
    assert accepts(schema, '<div rend="x"><p>t</p></div>')  # other members keep it
    refs = {r.get("name") for r in define(schema, "p").iter("{*}ref")}
    assert "att.global.rendition.attribute.style" in refs
    assert "att.global.attributes" not in refs


def test_closed_and_semi_value_lists(tmp_path: Path, source: Source) -> None:
    body = """<elementSpec ident="div" mode="change"><attList>
      <attDef ident="type" mode="change"><valList type="closed" mode="add">
        <valItem ident="letter"/><valItem ident="part"/></valList></attDef>
      </attList></elementSpec>
      <elementSpec ident="name" mode="change"><attList>
      <attDef ident="type" mode="change"><valList type="semi" mode="add">
        <valItem ident="note"/></valList></attDef></attList></elementSpec>
      <elementSpec ident="p" mode="change"><attList>
      <attDef ident="type" mode="change"><valList type="closed" mode="add">
        <valItem ident="x"/></valList></attDef></attList></elementSpec>"""
    schema = compile_text(tmp_path, source, body)
    assert accepts(schema, '<div type="letter"><p>t</p></div>')
    assert not accepts(schema, '<div type="memo"><p>t</p></div>')
    assert accepts(schema, '<p><name type="note">t</name></p>')
    assert accepts(schema, '<p><name type="other">t</name></p>')  # semi-open
    assert not accepts(schema, '<p><name type="two words">t</name></p>')  # still a datatype
    # changing an attribute the element does not have is a no-op, as in odd2odd
    assert not accepts(schema, '<p type="x">t</p>')


def test_value_list_without_mode_in_a_change_is_ignored_like_odd2odd(
    tmp_path: Path, source: Source
) -> None:
    body = """<elementSpec ident="div" mode="change"><attList>
      <attDef ident="type" mode="change"><valList type="closed">
        <valItem ident="letter"/></valList></attDef></attList></elementSpec>"""
    schema = compile_text(tmp_path, source, body)
    assert accepts(schema, '<div type="memo"><p>t</p></div>')


def test_class_membership_change(tmp_path: Path, source: Source) -> None:
    body = """<elementSpec ident="hi" mode="change"><classes mode="change">
      <memberOf key="model.hiLike" mode="delete"/></classes></elementSpec>"""
    schema = compile_text(tmp_path, source, body)
    assert not accepts(schema, "<p><hi>x</hi></p>")
    assert accepts(schema, "<p><emph>x</emph></p>")


def test_added_element_with_pure_odd_content(tmp_path: Path, source: Source) -> None:
    body = """<elementSpec ident="note2" mode="add" ns="http://example.org/ns">
      <classes><memberOf key="model.pLike"/><memberOf key="att.global"/></classes>
      <content><sequence><elementRef key="p" minOccurs="1" maxOccurs="unbounded"/>
        <alternate minOccurs="0"><textNode/><classRef key="model.hiLike"/></alternate>
      </sequence></content>
      <attList><attDef ident="level" usage="req"><datatype><dataRef key="teidata.count"/>
      </datatype></attDef></attList></elementSpec>"""
    schema = compile_text(tmp_path, source, body)
    ok = '<n:note2 xmlns:n="http://example.org/ns" level="2"><p>a</p><p>b</p></n:note2>'
    assert accepts(schema, ok)
    assert not accepts(schema, ok.replace('level="2"', 'level="x"'))
    assert not accepts(schema, ok.replace(' level="2"', ""))
    assert not accepts(schema, '<n:note2 xmlns:n="http://example.org/ns" level="1"/>')


def test_class_ref_expansion_sequence(tmp_path: Path, source: Source) -> None:
    body = """<elementSpec ident="head" mode="change"><content>
      <classRef key="model.pLike" expand="sequenceOptional"/></content></elementSpec>"""
    schema = compile_text(tmp_path, source, body)
    assert define(schema, "model.pLike_sequenceOptional") is not None
    assert accepts(schema, "<div><head><p>x</p></head><p>t</p></div>")
    assert not accepts(schema, "<div><head>text</head><p>t</p></div>")


def test_replace_mode_and_rng_content(tmp_path: Path, source: Source) -> None:
    body = """<elementSpec ident="head" mode="replace" module="core">
      <classes><memberOf key="model.headLike"/></classes>
      <content><rng:data type="integer"/></content></elementSpec>"""
    schema = compile_text(tmp_path, source, body)
    assert accepts(schema, "<div><head>12</head><p>t</p></div>")
    assert not accepts(schema, "<div><head>twelve</head><p>t</p></div>")
    assert not accepts(schema, '<div><head rend="x">12</head><p>t</p></div>')  # no classes


def test_module_include_and_except(tmp_path: Path, source: Source) -> None:
    base = """<moduleRef key="tei"/>
      <moduleRef key="header" include="teiHeader fileDesc titleStmt publicationStmt sourceDesc"/>
      <moduleRef key="core" except="hi emph"/>
      <moduleRef key="textstructure" include="TEI text body div"/>"""
    schema = compile_text(tmp_path, source, "", base=base)
    assert accepts(schema, "<p>x</p>")
    assert not accepts(schema, "<p><hi>x</hi></p>")
    kept = {s.get("ident") for s in schema.spec}
    assert "front" not in kept and "title" in kept and "editionStmt" not in kept


def test_spec_group_reference(tmp_path: Path, source: Source) -> None:
    path = make_odd(tmp_path, '<specGrpRef target="#g"/>')
    text = path.read_text(encoding="utf-8").replace(
        "</body>", '<specGrp xml:id="g"><elementSpec ident="hi" mode="delete"/></specGrp></body>'
    )
    path.write_text(text, encoding="utf-8")
    schema = compile_odd(path, source=source)
    assert not accepts(schema, "<p><hi>x</hi></p>")


def test_prefix_and_start(tmp_path: Path, source: Source) -> None:
    schema = compile_text(tmp_path, source, "", attrs='start="TEI div" prefix="tei_"')
    names = {d.get("name") for d in schema.rng.getroot().iter("{*}define")}
    assert {"tei_p", "tei_model.pLike", "tei_att.global.attributes"} <= names
    start = schema.rng.getroot().find("{*}start")
    assert start is not None
    assert {r.get("name") for r in start.iter("{*}ref")} == {"tei_TEI", "tei_div"}


def test_deprecated_attributes_stay_in_the_grammar(tmp_path: Path, source: Source) -> None:
    # The TEI toolchain keeps attributes past @validUntil in the RELAX NG (Schematron warns).
    schema = compile_text(tmp_path, source, "")
    title = schema.spec.find(f"{{{TEI_NS}}}elementSpec[@ident='title']")
    assert title is not None
    calendar = title.find(f".//{{{TEI_NS}}}attDef[@ident='calendar']")
    assert calendar is not None and calendar.get("validUntil")
    v = validator(schema)
    assert v.validate(doc("<p/>", header_extra='<title calendar="#julian">t</title>'))


def test_constraints_are_kept_and_added(tmp_path: Path, source: Source) -> None:
    body = """<elementSpec ident="p" mode="change">
      <constraintSpec ident="mine" scheme="schematron" mode="add"><constraint>
      <sch:rule xmlns:sch="http://purl.oclc.org/dsdl/schematron" context="tei:p">
      <sch:assert test="true()">x</sch:assert></sch:rule></constraint></constraintSpec>
      </elementSpec>"""
    schema = compile_text(tmp_path, source, body)
    p = schema.spec.find(f"{{{TEI_NS}}}elementSpec[@ident='p']")
    assert p is not None
    idents = {c.get("ident") for c in p.findall(f"{{{TEI_NS}}}constraintSpec")}
    assert "mine" in idents and len(idents) > 1


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ('<moduleRef key="nosuchmodule"/>', "unknown module 'nosuchmodule'"),
        ('<elementRef key="nosuchElement"/>', "unknown element 'nosuchElement'"),
        ('<classRef key="model.nothing"/>', "unknown class 'model.nothing'"),
        ('<moduleRef url="http://example.org/x.rng"/>', "moduleRef/@url"),
        ('<elementSpec ident="p" mode="sideways"/>', "unknown mode 'sideways'"),
    ],
)
def test_errors_name_the_problem_and_the_line(
    tmp_path: Path, source: Source, body: str, needle: str
) -> None:
    path = make_odd(tmp_path, body)
    with pytest.raises(OddError) as info:
        compile_odd(path, source=source)
    assert needle in str(info.value)
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if body[:20] in t)
    assert info.value.line == line
    assert str(path) in str(info.value)


def test_start_naming_a_deleted_element_is_an_error(tmp_path: Path, source: Source) -> None:
    with pytest.raises(OddError, match="@start names element 'TEI', which is deleted"):
        compile_text(tmp_path, source, '<elementSpec ident="TEI" mode="delete"/>')


def test_malformed_odd_reports_its_line(tmp_path: Path, source: Source) -> None:
    path = tmp_path / "bad.odd"
    path.write_text("<TEI>\n<schemaSpec ident='x'>\n</TEI>\n")
    with pytest.raises(OddError) as info:
        compile_odd(path, source=source)
    assert "malformed XML" in str(info.value) and info.value.line == 3


def test_no_schema_spec(tmp_path: Path, source: Source) -> None:
    path = tmp_path / "plain.xml"
    path.write_text(f'<TEI xmlns="{TEI_NS}"><text/></TEI>')
    with pytest.raises(OddError, match="no TEI schemaSpec"):
        compile_odd(path, source=source)


def test_missing_source_says_how_to_give_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEI_P5_SOURCE", raising=False)
    with pytest.raises(SourceError, match="TEI_P5_SOURCE"):
        load_source(None)


def test_source_from_environment(monkeypatch: pytest.MonkeyPatch, p5subset: Path) -> None:
    monkeypatch.setenv("TEI_P5_SOURCE", str(p5subset))
    src = load_source(None)
    assert src.version.startswith("4.8.0") or "4.8.0" in src.version
    assert src.kind("p") == "elementSpec" and "core" in src.modules


def test_value_list_replaced_on_an_attribute_the_source_already_overrides(
    tmp_path: Path, source: Source
) -> None:
    # list/@type is itself a mode="change" override of att.typed in p5subset
    body = """<elementSpec ident="list" mode="change"><attList>
      <attDef ident="type" mode="change"><valList type="closed" mode="replace">
        <valItem ident="distribution"/></valList></attDef></attList></elementSpec>"""
    schema = compile_text(tmp_path, source, body)
    assert accepts(schema, '<list type="distribution"><item>x</item></list>')
    assert not accepts(schema, '<list type="gloss"><item>x</item></list>')


def test_attribute_classes_without_members_are_pruned(tmp_path: Path, source: Source) -> None:
    base = """<moduleRef key="tei"/>
      <moduleRef key="header" include="teiHeader fileDesc titleStmt publicationStmt sourceDesc"/>
      <moduleRef key="core" include="p title"/>
      <moduleRef key="textstructure" include="TEI text body"/>"""
    schema = compile_text(tmp_path, source, "", base=base)
    kept = {s.get("ident") for s in schema.spec}
    assert "att.global" in kept and "att.pointing" not in kept
    assert "model.addressLike" in kept  # empty model classes stay, as notAllowed
    assert define(schema, "model.addressLike")[0].tag.endswith("notAllowed")


def test_specs_follow_the_toolchain_order(tmp_path: Path, source: Source) -> None:
    base = """<moduleRef key="header"/><moduleRef key="textstructure"/>
      <moduleRef key="core"/><moduleRef key="tei"/>"""
    schema = compile_text(tmp_path, source, "", base=base)
    modules = []
    for spec in schema.spec:
        if not modules or modules[-1] != spec.get("module"):
            modules.append(spec.get("module"))
    assert modules == ["tei", "core", "header", "textstructure"]


def test_schema_spec_source_names_a_local_p5subset(
    tmp_path: Path, p5subset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEI_P5_SOURCE", raising=False)
    (tmp_path / "p5").mkdir()
    (tmp_path / "p5" / "p5subset.xml").symlink_to(p5subset)
    path = make_odd(tmp_path, "", attrs='start="TEI" source="p5/p5subset.xml"')
    assert compile_odd(path).name == "custom"


def test_schema_spec_source_version_mismatch_warns(tmp_path: Path, source: Source) -> None:
    path = make_odd(tmp_path, "", attrs='start="TEI" source="tei:3.0.0"')
    schema = compile_odd(path, source=source)
    assert any("asks for TEI 3.0.0" in w for w in schema.warnings)
    path = make_odd(tmp_path, "", attrs='start="TEI" source="tei:4.8.0"')
    assert compile_odd(path, source=source).warnings == ()


def test_schema_level_constraints_and_rng_attribute_class_refs(
    tmp_path: Path, source: Source
) -> None:
    body = """<constraintSpec ident="whole" scheme="schematron"><constraint>
      <sch:rule xmlns:sch="http://purl.oclc.org/dsdl/schematron" context="tei:TEI">
      <sch:assert test="tei:teiHeader">x</sch:assert></sch:rule></constraint></constraintSpec>
      <elementSpec ident="stamp2" mode="add"><classes><memberOf key="model.pPart.data"/></classes>
      <content><rng:text/></content>
      <attList><attDef ident="kind" usage="req"><datatype><rng:text/></datatype></attDef>
      </attList></elementSpec>
      <elementSpec ident="stamp2" mode="change"><content><rng:group><rng:text/>
      <rng:ref name="att.global.attributes"/></rng:group></content></elementSpec>"""
    schema = compile_text(tmp_path, source, body)
    assert schema.spec[-1].get("ident") == "whole"
    assert accepts(schema, '<p><stamp2 kind="a" xml:id="s1">x</stamp2></p>')
    assert not accepts(schema, '<p><stamp2 kind="a" bogus="1">x</stamp2></p>')
