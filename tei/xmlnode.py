"""A minimal XML element and its serializer: what the TEI writer builds instead of an lxml tree.

Building lxml elements costs microseconds each (every name and value crosses into libxml2 and is
checked there); the writer only ever appends, sets and serializes, so plain Python objects and one
join are several times faster. The bytes are those libxml2 writes for the same tree: attributes
in insertion order, `<x/>` for an element with no children and no text (`<x></x>` for empty
text), `&amp; &lt; &gt;` and `&#13;` escaped in text, and in attribute values also `&quot;`,
`&#10;` and `&#9;`; any other character raw as UTF-8.

Names are written as given: a namespace is an ordinary `xmlns` attribute and `xml:lang` a
prefixed name, so the caller owns the namespaces. An attribute whose value is None or empty is
absent, so optional values can be passed as they are. Characters XML 1.0 does not allow (C0
controls other than tab, line feed and carriage return, U+FFFE, U+FFFF, lone surrogates) raise
`XmlCharacterError` at serialization: the output is well-formed or there is none.
"""

from __future__ import annotations

import re

from tei.errors import TeiError

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DECLARATION = XML_DECLARATION.decode()
_CONTROL_BYTES = bytes(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))
_new = list.__new__


class XmlCharacterError(TeiError, ValueError):
    """Text holds a character XML 1.0 cannot represent (a control character, U+FFFE/U+FFFF, a
    lone surrogate): no well-formed document can carry it, not even as a character reference."""


class Element(list["Element"]):
    """An element: a list of its child elements (as in ElementTree and lxml) with `tag`, `attrib`
    (in insertion order), `text`, `tail`, and `depth`, the number of ancestors (fixed when the
    element is made by its parent's `child`). Elements compare by identity, not by content."""

    __slots__ = ("attrib", "depth", "tag", "tail", "text")
    __eq__ = object.__eq__
    __hash__ = object.__hash__  # type: ignore[assignment]

    def __init__(self, tag: str, text: str | None = None, /, **attrib: str | None) -> None:
        super().__init__()
        self.tag = tag
        self.text = text
        self.attrib = attrib
        self.tail: str | None = None
        self.depth = 0

    def child(self, tag: str, text: str | None = None, /, **attrib: str | None) -> Element:
        """A new last child (lxml's SubElement); attributes in keyword order."""
        el: Element = _new(Element)  # the writer's inner loop: no __init__, no repacking
        el.tag = tag
        el.text = text
        el.attrib = attrib
        el.tail = None
        el.depth = self.depth + 1
        self.append(el)
        return el

    def set(self, name: str, value: str | None) -> None:
        """Set an attribute; a new one goes last, an existing one keeps its place."""
        self.attrib[name] = value

    def __repr__(self) -> str:
        return f"<Element {self.tag} at depth {self.depth} with {len(self)} children>"


class Fragment(Element):
    """An element already serialized (`markup` is what `serialize` made of it), written as it
    is: a subtree that recurs across documents is built and serialized once, then inserted as a
    fragment. Only its tail belongs to the new tree."""

    __slots__ = ("markup",)

    def __init__(self, markup: str) -> None:  # no Element.__init__: a fragment is made per entry
        self.tag = ""
        self.text = None
        self.attrib = {}
        self.tail = None
        self.depth = 0
        self.markup = markup


def escape_text(text: str) -> str:
    """Character data as libxml2 writes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def escape_attribute(value: str) -> str:
    """An attribute value as libxml2 writes it between double quotes (whitespace other than the
    space as references, so that a parser's normalisation gives back the same value)."""
    value = escape_text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    return value


def serialize(root: Element) -> str:
    """The markup of `root` and its descendants (the root's tail is not part of it)."""
    out: list[str] = []
    _write(root, out)
    return "".join(out)


def _write(root: Element, out: list[str]) -> None:
    """Append the markup of `root` to `out`.

    Text rarely needs escaping, so the tree is first written as it is while its texts and
    attribute values are collected; only when one of them holds a character to escape is it
    written again, escaping every piece."""
    start = len(out)
    texts: list[str] = []
    values: list[str] = []
    _write_verbatim(root, out, texts, values)
    if _any_of(texts, "&<>\r") or _any_of(values, '&<>"\n\r\t'):
        del out[start:]
        _write_escaped(root, out)


def _any_of(pieces: list[str], chars: str) -> bool:
    """Whether any piece holds any of `chars` (one join, then a C-speed search per character)."""
    joined = "".join(pieces)
    return any(c in joined for c in chars)


def _write_verbatim(el: Element, out: list[str], texts: list[str], values: list[str]) -> None:
    """`_write_escaped` without the escaping (the two must stay in step); texts and values go to
    `texts` and `values` as well."""
    if el.__class__ is Fragment:
        out.append(el.markup)
        return
    tag = el.tag
    start = "<" + tag
    if el.attrib:
        for name, value in el.attrib.items():
            if value:
                values.append(value)
                start = f'{start} {name}="{value}"'
    text = el.text
    if el:
        if text:
            texts.append(text)
            out.append(f"{start}>{text}")
        else:
            out.append(start + ">")
        for child in el:
            _write_verbatim(child, out, texts, values)
            tail = child.tail
            if tail:
                texts.append(tail)
                out.append(tail)
        out.append(f"</{tag}>")
    elif text is None:
        out.append(start + "/>")
    else:
        texts.append(text)
        out.append(f"{start}>{text}</{tag}>")


def _write_escaped(el: Element, out: list[str]) -> None:
    if el.__class__ is Fragment:
        out.append(el.markup)
        return
    tag = el.tag
    start = "<" + tag
    for name, value in el.attrib.items():
        if value:
            start = f'{start} {name}="{escape_attribute(value)}"'
    text = el.text
    if el:
        out.append(f"{start}>{escape_text(text)}" if text else start + ">")
        for child in el:
            _write_escaped(child, out)
            if child.tail:
                out.append(escape_text(child.tail))
        out.append(f"</{tag}>")
    elif text is None:
        out.append(start + "/>")
    else:
        out.append(f"{start}>{escape_text(text)}</{tag}>")


def to_bytes(root: Element) -> bytes:
    """A UTF-8 document: XML declaration, the root, a line end (one join, one encoding)."""
    out = [_DECLARATION]
    _write(root, out)
    out.append("\n")
    document = "".join(out)
    try:
        data = document.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        raise _invalid(document) from None
    # one C-speed search per control character costs less than translating the whole document
    if any(byte in data for byte in _CONTROL_BYTES) or "\ufffe" in document or "\uffff" in document:
        raise _invalid(document)
    return data


def _invalid(document: str) -> XmlCharacterError:
    """The error for the first character XML 1.0 cannot carry, with the markup around it."""
    markup = document[len(_DECLARATION) : -1]
    found = _INVALID.search(markup)
    assert found is not None
    start = found.start()
    return XmlCharacterError(
        f"character U+{ord(found.group()):04X} is not allowed in XML 1.0 "
        f"(near {markup[max(0, start - 30) : start + 30]!r})"
    )
