"""Source lines: numbering, markup and web-chrome removal, blank-line blocks, script of a line.

Every reader starts here, so Markdown emphasis, `##` headings, list dashes, autolinks and page
chrome ("Skip to content") are handled once. A `Line` keeps its 1-based source line number for
the conversion report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

#: Lines that are web-page furniture, not document text.
CHROME = re.compile(r"^(?:skip to (?:main )?content|back to top|print|share|menu)$", re.I)
_CHROME_LEN = len("skip to main content")  # the longest: longer lines need no match
#: A separator line of the exports ("###", "---", "***").
SEPARATOR = re.compile(r"^(?:#{3,}|-{3,}|\*{3,}|_{3,})$")
_HEADING = re.compile(r"^#{1,6}\s+")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])")
#: Bold markers left open or closed on a line because the bold span wraps over several lines.
_UNPAIRED_BOLD = re.compile(r"^(?:\*\*|__)(?=\S)|(?<=\S)(?:\*\*|__)$")
_LIST_ITEM = re.compile(r"^[-*+]\s+(?=\S)")
_PAGE_NUMBER = re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$")
_DASHES = "-–—"
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_NON_ROMAN_LATIN = re.compile(r"[ABD-HJKM-UWYZa-z]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_SCRIPT_SAMPLE = 240  # the start of a line shows its script; long paragraphs need not be counted
_CJK = re.compile(r"[\u1100-\u11ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_ROMAN = re.compile(r"\b[IVXLC]+\b")
_WORD = re.compile(r"\w+")
#: Characters XML 1.0 does not allow (C0 controls but tab and line ends, U+FFFE/U+FFFF, lone
#: surrogates). Form feeds and vertical tabs need no entry: `str.splitlines` ends a line there.
NOT_XML = re.compile("[\x00-\x08\x0e-\x1b\x1f\ud800-\udfff\ufffe\uffff]")


class Line(NamedTuple):
    """One source line with markup removed; `number` is 1-based in the input.

    A named tuple: immutable like a frozen dataclass (lines are shared through a cache) and
    several times cheaper to create, which counts at a hundred lines per document."""

    number: int
    text: str
    heading: bool = False  # a Markdown heading ("## ...")
    item: bool = False  # a Markdown list item ("- ...")
    emphasis: bool = False  # the whole line was bold or italic

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    def with_text(self, text: str) -> Line:
        return self._replace(text=text)


#: Line(...) without the Python frame of the named tuple's generated __new__ (all fields given).
_new_line = tuple.__new__


def clean(raw: str) -> tuple[str, bool, bool, bool]:
    """Markup-free text of one line, and whether it was a heading, a list item, emphasised."""
    plain = raw.strip()
    if (
        (not plain or plain[0] not in "#-+")
        and "*" not in raw
        and "_" not in raw
        and "<http" not in raw
        and "\u00a0" not in raw
    ):  # most lines: no markup character at all, so no pattern to try
        return plain, False, False, False
    text = raw.replace("\u00a0", " ").rstrip() if "\u00a0" in raw else raw.rstrip()
    heading = item = emphasis = False
    first = text.lstrip()[:1]
    if first == "#" and _HEADING.match(text) and not SEPARATOR.match(text):
        heading = True
        text = _HEADING.sub("", text)
    if first in ("-", "*", "+") and _LIST_ITEM.match(text) and not _PAGE_NUMBER.match(text.strip()):
        text = _LIST_ITEM.sub("", text)
        item = True
    if "*" in text or "_" in text:
        stripped = text.strip()
        emphasis = len(stripped) > 2 and any(
            stripped.startswith(mark) and stripped.endswith(mark) for mark in ("**", "*", "__")
        )
        text = _BOLD.sub(lambda mm: mm.group(1) or mm.group(2), text)
        text = _ITALIC.sub(r"\1", text)
        text = _UNPAIRED_BOLD.sub("", text)
    if "<http" in text:
        text = _AUTOLINK.sub(r"\1", text)
    return text.strip(), heading, item, emphasis


def split_lines(text: str) -> list[Line]:
    """All lines of a text, cleaned; chrome lines become blank (their number is kept)."""
    return list(_split_lines(text))


@lru_cache(maxsize=4)
def _split_lines(text: str) -> tuple[Line, ...]:
    """Cached: detection and reading look at the same text one after the other."""
    out: list[Line] = []
    if not_xml(text):  # a stray control character separates words, like a space
        text = NOT_XML.sub(" ", text)
    text = text.removeprefix("\ufeff")  # a byte-order mark is no text
    for number, raw in enumerate(text.splitlines(), 1):
        cleaned, heading, item, emphasis = clean(raw)
        if len(cleaned) <= _CHROME_LEN and CHROME.match(cleaned):
            cleaned = ""
        out.append(_new_line(Line, (number, cleaned, heading, item, emphasis)))
    return tuple(out)


@lru_cache(maxsize=4)
def not_xml(text: str) -> tuple[re.Match[str], ...]:
    """The characters of `text` that XML cannot hold; cached: the report lists them as well."""
    return tuple(NOT_XML.finditer(text))


def blocks(lines: Iterable[Line]) -> list[list[Line]]:
    """Runs of non-blank lines; separators ("###") end a block and are dropped."""
    out: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        text = line.text
        if not text.strip() or (text[0] in "#-*_" and SEPARATOR.match(text)):
            if current:
                out.append(current)
                current = []
            continue
        current.append(line)
    if current:
        out.append(current)
    return out


@lru_cache(maxsize=1024)
def script(text: str) -> str | None:
    """The language a line's letters point to: "ru" (Cyrillic), "en" (Latin), "zh" (Han), "ko"
    (Hangul), by the most letters (roman numerals ignored); None without letters or on a tie.

    Cached: language sections ask it of each line, the division builder again of each unit."""
    sample = text[:_SCRIPT_SAMPLE]
    if sample.isascii():  # a Latin letter that no roman numeral has settles it at once
        if _NON_ROMAN_LATIN.search(sample):
            return "en"
        return "en" if _LATIN.search(_ROMAN.sub("", sample)) else None
    if not _CJK.search(sample) and not _LATIN.search(sample):  # Cyrillic text: nothing to count
        return "ru" if _CYRILLIC.search(sample) else None
    letters = _ROMAN.sub("", sample)
    if not _CJK.search(letters):  # one script only needs no counting
        cyr, lat = _CYRILLIC.search(letters), _LATIN.search(letters)
        if cyr is None or lat is None:
            return "ru" if cyr else "en" if lat else None
    counts = {"ru": len(_CYRILLIC.findall(letters)), "en": len(_LATIN.findall(letters))}
    counts["zh"] = len(_HAN.findall(letters))
    counts["ko"] = len(_HANGUL.findall(letters))
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked[0][1] == 0 or ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def words(text: str) -> list[str]:
    """The words of a text (letters and digits), as the no-word-lost check counts them."""
    return _WORD.findall(text)


def is_page_number(text: str) -> bool:
    """A typed page number line ("- 2 -")."""
    stripped = text.strip()
    return stripped[:1] in _DASHES and _PAGE_NUMBER.match(stripped) is not None


def joined(lines: Sequence[Line], sep: str = " ") -> str:
    return sep.join(line.text for line in lines)
