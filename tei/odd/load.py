"""Safe XML loading for ODD files and the TEI source: no entities, no DTDs, no network."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tei.odd.errors import OddError

TEI_NS = "http://www.tei-c.org/ns/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
A_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TEI = f"{{{TEI_NS}}}"
RNG = f"{{{RNG_NS}}}"


def parser() -> etree.XMLParser:
    """An XML parser that never resolves entities, loads DTDs or touches the network."""
    # collect_ids=False: duplicate xml:ids make an ODD invalid, not malformed (tei_simplePrint).
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, collect_ids=False
    )


def parse_bytes(data: bytes, name: str) -> etree._ElementTree:
    """Parse XML bytes; a syntax error becomes an OddError naming the file and line."""
    try:
        root = etree.fromstring(data, parser(), base_url=name)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise OddError(f"malformed XML: {exc.msg}", file=name, line=line) from None
    return etree.ElementTree(root)


def parse_file(path: Path) -> etree._ElementTree:
    """Read and parse one XML file, turning I/O and syntax errors into OddError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OddError(f"cannot read: {exc.strerror}", file=path) from None
    return parse_bytes(data, str(path))


def local(el: etree._Element) -> str:
    """The local name of an element (comments and PIs give '')."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def text_of(el: etree._Element) -> str:
    """An element's text content with whitespace normalised."""
    return " ".join("".join(str(t) for t in el.itertext()).split())


def line_of(el: etree._Element) -> int | None:
    """The source line of an element, or None when unknown."""
    line = el.sourceline
    return line if isinstance(line, int) and line > 0 else None
