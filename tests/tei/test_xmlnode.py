"""The writer's element and serializer: lxml's bytes for the same tree, and always well-formed."""

from __future__ import annotations

import random

import pytest
from lxml import etree

from tei.errors import TeiError
from tei.xmlnode import Element, Fragment, XmlCharacterError, serialize, to_bytes

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TRICKY = [
    "plain",
    "say \"yes\" & 'no'",
    "a < b > c ]]> d",
    "&amp; is already escaped",
    "line\nbreak\r\nand\ttab",
    "Кириллица «ёлка» — тире",
    "中文 漢字 한국어",
    "emoji 😀 flag 🇷🇺",
    "nbsp\u00a0 nel\u0085 ls\u2028 bom\ufeff private\ue000 last\ufffd",
    " ",
    "",
]


def _lxml(el: Element, parent: etree._Element | None = None) -> etree._Element:
    """The same tree built with lxml, every element in the TEI namespace as the writer has it."""
    attrib = {
        (f"{{{XML_NS}}}{k[4:]}" if k.startswith("xml:") else k): a
        for k, a in el.attrib.items()
        if a and k != "xmlns"
    }
    tag = f"{{{TEI_NS}}}{el.tag}"
    if parent is None:
        out = etree.Element(tag, attrib, nsmap={None: TEI_NS})  # type: ignore[dict-item]
    else:
        out = etree.SubElement(parent, tag, attrib)
    out.text = el.text
    out.tail = el.tail
    for child in el:
        _lxml(child, out)
    return out


def _expected(el: Element) -> bytes:
    declaration = b'<?xml version="1.0" encoding="UTF-8"?>\n'
    return declaration + etree.tostring(_lxml(el), encoding="UTF-8") + b"\n"


def _tree(value: str) -> Element:
    """A root with `value` in every place a string can go."""
    root = Element("TEI", value, xmlns=TEI_NS, **{"xml:lang": "ru"})
    p = root.child("p", value, n=value, **{"xml:id": "p1"})
    p.child("name", value, ref=value).tail = value
    p.child("lb").tail = value
    p.child("date", "", when=value)
    root.child("empty").tail = value
    return root


@pytest.mark.parametrize("value", TRICKY)
def test_bytes_are_those_of_lxml(value: str) -> None:
    root = _tree(value)
    assert to_bytes(root) == _expected(root)


def test_random_strings_are_written_as_lxml_writes_them() -> None:
    alphabet = "ab &<>\"'\n\r\t]Жж中😀\u00a0\u0085\ufeff"
    rng = random.Random(1)
    for _ in range(300):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        root = _tree(value)
        assert to_bytes(root) == _expected(root), repr(value)


def test_escaping_in_text_and_attributes() -> None:
    root = Element("r", 'a&b<c>d"e\n\r\tf', v='a&b<c>d"e\n\r\tf')
    assert serialize(root) == (
        '<r v="a&amp;b&lt;c&gt;d&quot;e&#10;&#13;&#9;f">a&amp;b&lt;c&gt;d"e\n&#13;\tf</r>'
    )


def test_empty_elements_and_absent_attributes() -> None:
    root = Element("r")
    root.child("none", None, a=None, b="")
    root.child("empty", "")
    root.child("zero", "0", n="0")
    assert serialize(root) == '<r><none/><empty></empty><zero n="0">0</zero></r>'


def test_namespace_and_xml_attributes_in_given_order() -> None:
    root = Element("TEI", None, xmlns=TEI_NS, **{"xml:lang": "en"})
    div = root.child("div", type="x", **{"xml:id": "d1", "xml:lang": "ru"})
    div.set("part", "F")
    div.set("type", "y")  # an existing attribute keeps its place
    div_tag = '<div type="y" xml:id="d1" xml:lang="ru" part="F"/>'
    expected = f'<TEI xmlns="{TEI_NS}" xml:lang="en">{div_tag}</TEI>'
    assert serialize(root) == expected
    assert to_bytes(root) == _expected(root)


def test_depth_and_identity() -> None:
    root = Element("r")
    first, second = root.child("a"), root.child("a")
    assert (root.depth, first.depth, first.child("b").depth) == (0, 1, 2)
    assert first != second  # equal content, different elements
    root.remove(second)
    assert root[-1] is first and len(root) == 1


def test_fragment_is_written_verbatim_with_its_tail() -> None:
    made = Element("person", None, **{"xml:id": "p1"})
    made.child("persName", "A & B")
    root = Element("list")
    root.append(Fragment(serialize(made)))
    root[-1].tail = "\n"
    root.child("item", "x")
    assert serialize(root) == (
        '<list><person xml:id="p1"><persName>A &amp; B</persName></person>\n<item>x</item></list>'
    )


@pytest.mark.parametrize(
    "char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"]
)
@pytest.mark.parametrize("where", ["text", "tail", "attribute", "fragment"])
def test_characters_outside_xml_are_refused(char: str, where: str) -> None:
    root = Element("r")
    bad = f"a{char}b"
    if where == "text":
        root.child("x", bad)
    elif where == "tail":
        root.child("x").tail = bad
    elif where == "attribute":
        root.child("x", v=bad)
    else:
        root.append(Fragment(serialize(Element("x", bad))))
    with pytest.raises(XmlCharacterError) as caught:
        to_bytes(root)
    assert f"U+{ord(char):04X}" in str(caught.value)
    assert isinstance(caught.value, TeiError) and isinstance(caught.value, ValueError)


@pytest.mark.parametrize("char", ["\ud800", "\udfff"])
def test_lone_surrogates_are_refused(char: str) -> None:
    with pytest.raises(XmlCharacterError, match=f"U\\+{ord(char):04X}"):
        to_bytes(Element("r", f"a{char}b"))


def test_allowed_controls_pass() -> None:
    assert to_bytes(Element("r", "\t\n\r\x7f\x85")).endswith(b"<r>\t\n&#13;\x7f\xc2\x85</r>\n")
