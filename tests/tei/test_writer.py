"""The TEI writer: mapping of the model, determinism, closed vocabularies, tei_all validity."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lxml import etree

from converters import read
from tei import model as m
from tei import vocabulary as v
from tei.options import WriteOptions, conversion_date
from tei.writer import to_bytes
from tei.xmlnode import XmlCharacterError

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "converters"))
from teitext import run_jing

NS = {"t": "http://www.tei-c.org/ns/1.0"}
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OPTS = WriteOptions(date="2023-11-14")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _doc() -> m.Document:
    """A small telegram built by hand: opener, quote, closer, service block, sheets."""
    stalin = m.Name("person", ["FILIPPOV"], "per-stalin", pseudonym=True)
    opener = m.Opener(
        [
            m.ApparatusLine("issuer", ["SECOND MAIN DIRECTORATE"]),
            m.ApparatusLine("form", ["CABLE No. ", m.Identifier("7", "telegram")]),
            m.ApparatusLine(
                "distribution",
                [],
                distribution=m.Distribution(
                    ["Copies: "],
                    [
                        m.CopyItem(
                            [
                                m.Name("person", ["Stalin"], "per-stalin"),
                                " (",
                                m.Number("2", 2),
                                ")",
                            ],
                            count=2,
                        )
                    ],
                ),
            ),
            m.ApparatusLine("received", ["Received ", m.Date("4.1.51", "1951-01-04", "received")]),
            m.ApparatusLine("urgency", ["URGENT"], subtype="urgent"),
            m.ApparatusLine(
                "salute", ["To ", stalin, " ", m.EditorialNote("identification", ["Stalin"])]
            ),
            m.ApparatusLine("unclassified", ["№ 15, II"]),
        ]
    )
    quote = m.EmbeddedMessage(
        [m.Paragraph(["Quoted text ", m.Gap("[...]")], xml_id="en-p2")], "msg2"
    )
    closer = m.Closer([m.ApparatusLine("signature", [m.Name("person", ["MAO"], "per-mao")])])
    service = m.ServiceBlock([m.ServiceNote(["Typed by Ivanova"], "typed"), m.ServiceNote(["№ 9"])])
    div = m.Division(
        "original",
        "ru",
        "ru",
        [
            m.PageBreak("41"),
            opener,
            m.Paragraph(["Text ", m.Foreign("pristupit", "ru-Latn")], xml_id="en-p1", n="1"),
            m.FormWork("catch", ["(см. сл. лист)"]),
            m.PageBreak("42"),
            quote,
            closer,
            service,
        ],
        decls="msg1",
    )
    meta = m.Metadata(title="A made-up cable", date_text="January 4, 1951", date_when="1951-01-04")
    meta.translator = "Jane Roe"
    meta.citation = '"A made-up cable", January 4, 1951, Example Archive, APRF, f. 45, op. 1, d. 1.'
    entities = [
        m.EntityRecord(
            "per-stalin", "person", "Iosif Stalin", ("Stalin",), ("Сталин",), ("Filippov",)
        ),
        m.EntityRecord("per-mao", "person", "Mao Zedong"),
    ]
    messages = [
        m.CorrespRecord("msg1", [m.CorrespAction("sent", [m.Party("per-mao", "Mao Zedong")])]),
        m.CorrespRecord("msg2", [m.CorrespAction("sent", [m.Party(None, "Peng")])]),
    ]
    return m.Document(
        meta, messages=messages, entities=entities, divisions=[div], text_languages=["ru"]
    )


def _tree(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def test_mapping_of_the_apparatus() -> None:
    root = _tree(to_bytes(_doc(), OPTS))
    opener = root.find(".//t:opener", NS)
    assert opener is not None
    tags = [etree.QName(c).localname for c in opener]
    assert tags == ["orgName", "seg", "note", "dateline", "seg", "salute", "seg"]
    assert opener[0].get("type") == "issuer"
    assert root.xpath("string(.//t:seg[@type='urgency']/@subtype)", namespaces=NS) == "urgent"
    item = root.find(".//t:list[@type='distribution']/t:item", NS)
    assert item is not None and item.find("t:num", NS).get("value") == "2"  # type: ignore[union-attr]
    salute = root.find(".//t:salute", NS)
    assert salute is not None and salute[0].get("type") == "pseudonym"
    assert salute[1].get("type") == "identification" and salute[1].get("place") == "inline"
    assert root.find(".//t:seg[@type='unclassified']", NS) is not None


def test_blocks_quote_service_pages() -> None:
    root = _tree(to_bytes(_doc(), OPTS))
    div = root.find(".//t:body/t:div", NS)
    assert div is not None
    assert [etree.QName(c).localname for c in div] == [
        "pb",
        "opener",
        "p",
        "fw",
        "pb",
        "quote",
        "closer",
        "postscript",
    ]
    floating = div.find("t:quote/t:floatingText", NS)
    assert floating is not None and floating.get("decls") == "#msg2"
    assert floating.find("t:body/t:p/t:gap", NS).get("reason") == "omitted"  # type: ignore[union-attr]
    notes = div.findall("t:postscript/t:p/t:note", NS)
    assert [(n.get("type"), n.get("subtype")) for n in notes] == [("processing", "typed")]
    assert (
        div.find("t:p/t:foreign", NS).get("{http://www.w3.org/XML/1998/namespace}lang") == "ru-Latn"
    )  # type: ignore[union-attr]


def test_header_and_stand_off() -> None:
    root = _tree(to_bytes(_doc(), OPTS))
    assert (
        root.xpath("string(.//t:bibl[@type='citation']/t:date/@when)", namespaces=NS)
        == "1951-01-04"
    )
    person = root.find(
        ".//t:standOff/t:listPerson/t:person[@{http://www.w3.org/XML/1998/namespace}id='per-stalin']",
        NS,
    )
    assert person is not None
    kinds = [
        (p.get("type"), p.get("{http://www.w3.org/XML/1998/namespace}lang"), p.text) for p in person
    ]
    assert kinds == [
        (None, None, "Iosif Stalin"),
        (None, None, "Stalin"),
        (None, "ru", "Сталин"),
        ("pseudonym", None, "Filippov"),
    ]
    assert root.xpath("string(.//t:change/@when)", namespaces=NS) == "2023-11-14"


def test_translator() -> None:
    root = _tree(to_bytes(_doc(), OPTS))
    resp = root.find(".//t:titleStmt/t:respStmt", NS)
    assert resp is not None
    assert [(etree.QName(c).localname, c.text) for c in resp] == [
        ("resp", "translator"),
        ("persName", "Jane Roe"),
    ]


def test_deterministic_bytes() -> None:
    assert to_bytes(_doc(), OPTS) == to_bytes(_doc(), OPTS)


def test_source_date_epoch() -> None:
    assert conversion_date({"SOURCE_DATE_EPOCH": "0"}) == "1970-01-01"
    assert conversion_date({"SOURCE_DATE_EPOCH": "1700000000"}) == "2023-11-14"
    root = _tree(to_bytes(_doc(), WriteOptions()))
    assert root.xpath("string(.//t:change/@when)", namespaces=NS) == conversion_date()


def test_empty_document_is_still_tei() -> None:
    root = _tree(to_bytes(m.Document(m.Metadata()), OPTS))
    assert root.find("t:text/t:body/t:p", NS) is not None
    assert root.findtext(".//t:title", namespaces=NS) == "Untitled document"


def _written_values(root: etree._Element) -> set[tuple[str, str, str]]:
    out = set()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname
        for attr in ("type", "subtype", "reason", "place", "part"):
            value = el.get(attr)
            if value is not None:
                out.add((name, attr, value))
    return out


def test_every_written_value_is_in_the_closed_vocabularies() -> None:
    written = _written_values(_tree(to_bytes(_doc(), OPTS)))
    for path in sorted(EXAMPLES.glob("*.txt")):
        written |= _written_values(_tree(to_bytes(read(path.read_text(encoding="utf-8"))[0], OPTS)))
    for name, attr, value in sorted(written):
        assert value in v.CLOSED_VALUES.get((name, attr), frozenset()), (name, attr, value)


@pytest.mark.jing
def test_hand_built_documents_valid(tmp_path: Path, tei_all_rng: Path) -> None:
    files = []
    for i, doc in enumerate([_doc(), m.Document(m.Metadata())]):
        path = tmp_path / f"doc{i}.xml"
        path.write_bytes(to_bytes(doc, OPTS))
        files.append(path)
    result = run_jing(tei_all_rng, files)
    assert result.returncode == 0, result.stdout


def test_pretty_and_compact_share_no_layout() -> None:
    """The standOff entries are made once per layout: a compact run after a pretty one (and back)
    has no indentation, and both say the same."""
    pretty = to_bytes(_doc(), OPTS)
    compact = to_bytes(_doc(), WriteOptions(date="2023-11-14", pretty=False))
    assert b'<listPerson><person xml:id="per-mao"><persName>Mao Zedong</persName>' in compact
    assert to_bytes(_doc(), OPTS) == pretty
    strip = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    assert etree.tostring(etree.fromstring(pretty, strip)) == etree.tostring(
        etree.fromstring(compact, strip)
    )


def test_a_character_xml_cannot_carry_is_an_error_not_bad_xml() -> None:
    doc = _doc()
    doc.divisions[0].blocks.append(m.Paragraph(["bell \x07 rings"]))
    with pytest.raises(XmlCharacterError, match="U\\+0007"):
        to_bytes(doc, OPTS)
