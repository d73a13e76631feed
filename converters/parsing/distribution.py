"""Distribution lists: who received which copy of a telegram, and how many.

The same fact is written four ways: a headed list ("Copies: Stalin (2), Molotov"; "Distribution
list - 9 copies: Stalin - 2, Molotov -1"), a numbered block ("1. Comr. Stalin"), one copy per line
("Copy Nº 1 to Cde. Stalin"; "экз. № 3-4 - 8 Отдел") and the Russian form's copy table, whose
tab-separated cells interleave copy numbers and addressees. Each reader hands the lines here and
gets the same entries back; text that is not a distribution list gives None, so prose that happens
to start with a number ("1. I received your telegram") is never taken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from converters.parsing.lexicon import HONORIFIC, NUMBER_SIGN, NUMBER_WORD, folded, number_value
from converters.parsing.names import find_names


@dataclass(frozen=True)
class CopyEntry:
    """One addressee or copy. Offsets (added to the contract) point into the parsed text."""

    text: str
    name: str | None  # as written, without honorific ("Сталину")
    ref: str | None
    count: int | None  # copies this addressee got, when stated
    number: int | None  # the copy's number, when stated
    start: int | None = None  # the entry within the parsed text
    end: int | None = None
    name_start: int | None = None  # the name within the parsed text
    name_end: int | None = None


@dataclass(frozen=True)
class Distribution:
    """The entries of one list, with the total number of copies when the list states it."""

    entries: tuple[CopyEntry, ...]
    total: int | None
    text: str


_HEAD = re.compile(
    r"[ \t]*(?:(?P<head>(?i:distribution(?:[ \t]+list)?|copies|copy|cc|рассылка|экземпляры|копии"
    r"|копия)(?:[ \t]+(?i:to|sent[ \t]+to))?)"
    r"(?:[ \t]*[-–—(,]?[ \t]*(?P<total>\d+|" + NUMBER_WORD + r")[ \t]+(?i:copies|copy|экз\.?"
    r"|экземпляр[а-я]*)\)?)?[ \t]*[:\-–—]"
    r"|(?P<verb>(?i:distributed[ \t]+to|sent[ \t]+to|разослано|разослать|направлено))[ \t]*:?)"
    r"\s*(?P<body>\S.*)$",
    re.S,
)
_SPLIT = re.compile(r"[ \t]*(?:[,;\n]|[ \t](?:and|и)[ \t])[ \t]*")
_LEAD = re.compile(rf"^(?:(?i:to|для|тов\.?)\s+)?(?:{HONORIFIC}\s*)*")
_COUNT = re.compile(
    r"[ \t]*(?:\([ \t]*(?P<c1>\d+)[ \t]*(?i:copies|copy|экз\.?)?[ \t]*\)"
    r"|[-–—][ \t]*(?P<c2>\d+)(?:[ \t]*(?i:copies|copy|экз\.?))?"
    r"|,?[ \t]+(?P<c3>\d+)[ \t]*(?i:copies|copy|экз\.?))[ \t]*[.;]?[ \t]*$"
)
# Every character a `_COUNT` match can hold, lower-cased, but digits beyond ASCII.
_COUNT_CHARS = " \t\n()-–—,.;0123456789copiesyэкз"


def _count(seg: str) -> re.Match[str] | None:
    """`_COUNT.search(seg)`, tried only where the count can start: in the tail of count characters.

    A search from the start tries the pattern at every position of what is usually a long line.
    """
    low = folded(seg)
    if low is None:
        return _COUNT.search(seg)
    tail = len(low.rstrip(_COUNT_CHARS))
    if tail and low[tail - 1].isdecimal():  # a digit of another script: search it all
        tail = 0
    return _COUNT.search(seg, tail)


# The rest runs to its last character that is not a blank (greedy: a lazy rest would try the end
# of the line after every character).
_NUMBERED = re.compile(r"[ \t]*(?P<n>\d{1,2})[.)][ \t]+(?P<rest>\S(?:.*[^ \t\n])?)[ \t]*$")
_PER_COPY = re.compile(
    rf"[ \t]*(?i:copy|экз\.?|экземпляр)[ \t]*{NUMBER_SIGN}?[ \t]*(?P<n>\d+)(?:-(?P<n2>\d+))?"
    r"(?:[ \t]*(?:[-–—:]|(?i:to))[ \t]*(?P<rest>\S.*?))?[ \t]*[.;]?[ \t]*$"
)
# A copy number before the addressee in a headed list ("Copies: 1 - Stalin, 2 - Molotov"); a
# number after the name is a count ("Stalin - 2").
_COPY_LEAD = re.compile(
    rf"[ \t]*(?:(?i:copy|экз\.?)[ \t]*)?(?:{NUMBER_SIGN}[ \t]*)?"
    r"(?P<n>\d{1,2})[ \t]*[-–—.:)][ \t]*"
)
_CELL_NUMBER = re.compile(rf"[ \t]*(?:(?i:экз\.?|copy)[ \t]*)?{NUMBER_SIGN}[ \t]*(?P<n>\d+)[ \t]*$")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_MAX_NAME_WORDS = 5


def parse_distribution(text: str) -> Distribution | None:
    """The distribution list `text` is, or None when it is not one."""
    if not isinstance(text, str) or not text.strip():
        return None
    for reader in (_table, _headed, _per_copy, _numbered):
        found = reader(text)
        if found is not None:
            return found
    return None


def _name_entry(
    text: str, start: int, end: int, *, number: int | None, free: bool
) -> CopyEntry | None:
    """An entry from text[start:end]: honorific, a name, an optional count.

    `free` allows any destination ("8 Отдел") after a copy number; otherwise the name must be known
    or look like one (at most five words, the first capitalised) and must be introduced by an
    honorific or a heading, which the caller checks.
    """
    seg = text[start:end]
    count = None
    cm = _count(seg)
    if cm is not None:
        count = int(cm.group("c1") or cm.group("c2") or cm.group("c3"))
        seg = seg[: cm.start()]
    lead = _LEAD.match(seg)
    ns = lead.end() if lead else 0
    name = seg[ns:].rstrip(" \t.;:!")
    if not name:
        return None
    n0 = start + ns
    if not free and not _name_sized(name):
        return None  # prose, known names or not: decided before looking names up
    names = find_names(name)
    ref = names[0].ref if names else None
    if not free and not _looks_like_name(name, known=bool(names)):
        return None
    entry_text = text[start:end].strip()
    off = text.find(entry_text, start)
    return CopyEntry(
        entry_text, name, ref, count, number, off, off + len(entry_text), n0, n0 + len(name)
    )


def _name_sized(name: str) -> bool:
    """One to five words and no digit: what every name here is, known or not."""
    words = name.split()
    return bool(words) and len(words) <= _MAX_NAME_WORDS and not any(ch.isdigit() for ch in name)


def _looks_like_name(name: str, *, known: bool) -> bool:
    if not _name_sized(name):
        return False
    if known:
        return True
    words = name.split()
    return all(_NAME_WORD.fullmatch(w) for w in words) and words[0][0].isupper()


def _headed(text: str) -> Distribution | None:
    m = _HEAD.match(text)
    if m is None:
        return None
    total = number_value(m.group("total")) if m.group("total") else None
    pos = m.start("body")
    end_all = m.end("body")
    if "\n" in text[pos:end_all]:  # a heading over a numbered list or one copy per line
        for reader in (_table, _per_copy, _numbered):
            inner = reader(text[pos:end_all])
            if inner is not None:
                return Distribution(tuple(_shift(e, pos) for e in inner.entries), total, text)
    entries = []
    for part in _SPLIT.finditer(text, pos, end_all):
        if part.start() > pos:
            entries.append(_headed_entry(text, pos, part.start()))
        pos = part.end()
    if pos < end_all:
        entries.append(_headed_entry(text, pos, end_all))
    if not entries or any(e is None for e in entries):
        return None
    return Distribution(tuple(e for e in entries if e is not None), total, text)


def _headed_entry(text: str, start: int, end: int) -> CopyEntry | None:
    """One entry of a headed list: an addressee, after its copy number when one leads."""
    lead = _COPY_LEAD.match(text, start, end)
    if lead is None:
        return _name_entry(text, start, end, number=None, free=False)
    entry = _name_entry(text, lead.end(), end, number=int(lead.group("n")), free=False)
    return None if entry is None else _with_span(entry, text, start, end)


def _shift(entry: CopyEntry, k: int) -> CopyEntry:
    """The entry with its offsets moved by k (it was read from a part of the text)."""

    def add(x: int | None) -> int | None:
        return None if x is None else x + k

    return replace(
        entry,
        start=add(entry.start),
        end=add(entry.end),
        name_start=add(entry.name_start),
        name_end=add(entry.name_end),
    )


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _numbered(text: str) -> Distribution | None:
    entries = []
    for s, e in _lines(text):
        m = _NUMBERED.match(text, s, e)
        if m is None:
            return None
        rest_start = m.start("rest")
        # The entry first: it turns prose down without looking up the names of the whole line.
        entry = _name_entry(text, rest_start, m.end("rest"), number=int(m.group("n")), free=False)
        if entry is None:
            return None
        if not _LEAD.match(text[rest_start : m.end("rest")]).group():  # type: ignore[union-attr]
            known = find_names(m.group("rest"))
            if not known or known[0].start != 0:
                return None
        entries.append(_with_span(entry, text, s, e))
    return Distribution(tuple(entries), None, text) if entries else None


def _with_span(entry: CopyEntry, text: str, s: int, e: int) -> CopyEntry:
    line = text[s:e].strip()
    off = text.find(line, s)
    return CopyEntry(
        line, entry.name, entry.ref, entry.count, entry.number, off, off + len(line),
        entry.name_start, entry.name_end,
    )  # fmt: skip


def _per_copy(text: str) -> Distribution | None:
    entries: list[CopyEntry] = []
    named = False
    for s, e in _lines(text):
        m = _PER_COPY.match(text, s, e)
        if m is None:
            return None
        first = int(m.group("n"))
        last = int(m.group("n2")) if m.group("n2") else first
        if last < first or last - first > 50:
            return None
        for number in range(first, last + 1):
            entry: CopyEntry | None
            if m.group("rest"):
                entry = _name_entry(text, m.start("rest"), m.end("rest"), number=number, free=True)
                named = named or entry is not None
            else:
                entry = None
            if entry is None:
                entry = CopyEntry(text[s:e].strip(), None, None, None, number)
            entries.append(_with_span(entry, text, s, e))
    if not named:  # "Экз. № 2" alone is a sheet header, not a list
        return None
    return Distribution(tuple(entries), None, text)


def _table(text: str) -> Distribution | None:
    """The Russian copy table: cells "Экз. № 1", "тов. Сталину", "№ 8"... separated by tabs."""
    if "\t" not in text:
        return None
    by_number: dict[int, CopyEntry] = {}
    numbers = 0
    for s, e in _lines(text):
        cells: list[tuple[int, int]] = []
        pos = s
        for cell in text[s:e].split("\t"):
            cells.append((pos, pos + len(cell)))
            pos += len(cell) + 1
        current: tuple[int, int, int] | None = None  # number, cell start, cell end
        for cs, ce in cells:
            m = _CELL_NUMBER.match(text, cs, ce)
            if m is not None:
                if current is not None:
                    _put(by_number, text, current, None)
                current = (int(m.group("n")), cs, ce)
                numbers += 1
            elif current is not None:
                _put(by_number, text, current, (cs, ce))
                current = None
            elif text[cs:ce].strip():
                return None  # a name without a copy number: not the copy table
        if current is not None:
            _put(by_number, text, current, None)
    if numbers < 2:
        return None
    return Distribution(tuple(by_number[n] for n in sorted(by_number)), None, text)


def _put(
    by_number: dict[int, CopyEntry],
    text: str,
    num: tuple[int, int, int],
    name_cell: tuple[int, int] | None,
) -> None:
    number, cs, ce = num
    end = name_cell[1] if name_cell and text[name_cell[0] : name_cell[1]].strip() else ce
    entry = None
    if name_cell is not None and text[name_cell[0] : name_cell[1]].strip():
        entry = _name_entry(text, name_cell[0], name_cell[1], number=number, free=True)
    seg = text[cs:end].strip()
    off = text.find(seg, cs)
    if entry is None:
        entry = CopyEntry(seg, None, None, None, number, off, off + len(seg))
    else:
        entry = CopyEntry(
            seg, entry.name, entry.ref, entry.count, number, off, off + len(seg),
            entry.name_start, entry.name_end,
        )  # fmt: skip
    by_number.setdefault(number, entry)
