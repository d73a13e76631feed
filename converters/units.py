"""Logical lines ("units") of one language version, each classified once.

A unit is what the structure builder works with: usually one source line, but a line wrapped in
the export is joined back (a lower-case continuation, a receipt line whose date sits on the next
line) and a copies table spread over several lines is one unit. Classification calls the shared
header parser once per unit and adds the few line kinds that are about layout rather than
telegram apparatus (folio and page numbers, a line that is only a date, a signature with a date).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from converters.lines import Line, blocks, is_page_number, words
from converters.parsing.dates import DATE_SIGN, find_dates, find_times
from converters.parsing.distribution import Distribution, parse_distribution
from converters.parsing.header import HeaderLine, LineKind, classify_line
from converters.parsing.names import find_names
from converters.parsing.spans import Span

#: Unit kinds beyond the header parser's LineKind names.
FOLIO = "FOLIO"  # a bare number that is a folio of the cited range
PAGENUM = "PAGENUM"  # a typed page number ("- 2 -")
DATE = "DATE"  # only a date or time
SIGNED = "SIGNED"  # names and dates only: a signature line ("MAO ZEDONG, 28 January 1951")

_QUOTES_LEAD = re.compile(r"^[\s\"“«„']+")
_QUOTES_TAIL = re.compile(r"[\s\"”»“']+$")
_QUOTE_CHARS = "\"”»“'"
_LEAD_CHARS = "\"“«„'"
_FILLER = frozenset(
    [
        "on",
        "at",
        "of",
        "the",
        "dated",
        "and",
        "by",
        "from",
        "in",
        "sent",
        "received",
        "в",
        "от",
        "г",
        "года",
        "и",
    ]
)
_HONORIFIC_WORDS = frozenset(
    [
        "comrade",
        "comrades",
        "comr",
        "cde",
        "tov",
        "тов",
        "товарищ",
        "т",
        "premier",
        "marshal",
        "chairman",
    ]
)
# A letter inside a date or time (dates.find_dates, find_times) is in a word that begins with one
# of these, lower-cased: a month name ("Jan.", "января"), "hours"/"hrs", "minutes"/"mins", Russian
# "ч(ас)", "м(ин)", "г(ода)"; or is an upper-case roman month ("1.X.50") or a word shorter than
# four letters ("am", "of", "at", "в"), or is next to a digit ("29th", "T" in "1951-01-29T18:40").
_DATE_WORD_HEADS = (
    *("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    *("янв", "фев", "апр", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"),
    *("hour", "hr", "min", "ч", "м", "г"),
)
# A word of four or more basic Latin or Cyrillic letters alone (no digit, no other script: a
# letter `re` folds unlike str.lower is never one) that is neither filler nor such a date word.
_PLAIN_WORD = re.compile(
    rf"(?<!\w)(?![IVXХ])(?!(?i:{'|'.join(_DATE_WORD_HEADS)}))(?!(?i:{'|'.join(sorted(_FILLER))})(?!\w))"
    r"(?:[A-Za-z]{4,}|[а-яёА-ЯЁ]{4,})(?!\w)"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”»]?\s+")
# The end of an apparatus sentence: not the stop of a number sign ("Copy No. 1").
_MARK_END = re.compile(r"(?<=[.!?])(?<!(?i:no)\.)(?<!Nº\.)[\"”»]?\s+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”»)]$")
_BRACKETED = re.compile(r"\[[^\]]*\]")
_TABLE_ROW = re.compile(r"^(?=.{1,80}$)(?:.*\t|\s*(?:\d{1,2}[.)]\s|copy|экз|№|n[oº°]))", re.I)
_STARTS_LOWER = re.compile(r"^[a-zа-яё]")
# Anchored, alternating word and non-word runs: linear, and stops at the count it needs.
_FOUR_WORDS = re.compile(r"\W*(?:\w+\W+){3}\w")
_EIGHT_WORDS = re.compile(r"\W*(?:\w+\W+){7}\w")


@dataclass
class Unit:
    """One logical line of a version: text, first source line, and what it was recognised as."""

    text: str
    number: int
    kind: str | None = None  # LineKind name, or FOLIO/PAGENUM/DATE/SIGNED, None for text
    header: HeaderLine | None = None
    distribution: Distribution | None = None

    @property
    def spans(self) -> tuple[Span, ...]:
        return self.header.spans if self.header is not None else ()

    @property
    def subtype(self) -> str | None:
        return self.header.subtype if self.header is not None else None


@lru_cache(maxsize=1024)
def is_prose(text: str) -> bool:
    """Running text rather than a heading line: several words with lower-case letters.

    Asked of every unit several times over (zones, versions, quotes): cached, and it counts no
    further than the eight words it needs, in the regex engine."""
    if not _FOUR_WORDS.match(text) or text.upper() == text:
        return False
    return bool(_EIGHT_WORDS.match(text) or _ENDS_SENTENCE.search(text))


def classify(text: str, number: int, *, year: int | None, folios: frozenset[str]) -> Unit:
    """A unit for `text`, with the header parser's verdict or one of the layout kinds."""
    stripped = text.strip()
    if stripped in folios:
        return Unit(text, number, FOLIO)
    if is_page_number(stripped):
        return Unit(text, number, PAGENUM)
    header = _classify_unquoted(text, year)
    if header is not None:
        kind = _UNIT_KIND[header.kind]
        if kind in ("SALUTE", "ADDRESS") and is_prose(text) and not header.spans:
            header = None
        else:
            return Unit(text, number, kind, header)
    if is_date_only(text, year):
        return Unit(text, number, DATE)
    if is_signature(text, year):
        return Unit(text, number, SIGNED)
    return Unit(text, number)


# The unit kind of each header kind: its name, but DATE for a date line. A table, since
# `LineKind.name` is a descriptor call, and classify runs on every line.
_UNIT_KIND = {kind: DATE if kind is LineKind.DATELINE else kind.name for kind in LineKind}


def _classify_unquoted(text: str, year: int | None) -> HeaderLine | None:
    """classify_line on the text without surrounding quotation marks; spans map back to `text`."""
    lead = _QUOTES_LEAD.match(text) if text[:1] in _LEAD_CHARS or text[:1].isspace() else None
    start = lead.end() if lead else 0
    end = len(text)
    if text and (text[-1].isspace() or text[-1] in _QUOTE_CHARS):  # else no search of the line
        tail = _QUOTES_TAIL.search(text, start)
        end = tail.start() if tail else end
    inner = text[start:end]
    if not inner:
        return None
    header = classify_line(inner, year=year)
    if header is None or start == 0:
        return header
    shifted = tuple(replace(sp, start=sp.start + start, end=sp.end + start) for sp in header.spans)
    return replace(header, text=text, spans=shifted)


def _residue(text: str, cuts: list[tuple[int, int]]) -> Iterator[str]:
    """The words left when the `cuts` (dates, names) and bracketed notes are removed.

    Slices joined by spaces, not a character list: a cut or bracket separates words either way.
    A generator, so that a caller stops at the first word that settles its question."""
    pieces: list[str] = []
    at = 0
    for a, b in sorted(cuts):
        if a > at:
            pieces.append(text[at:a])
        at = max(at, b)
    pieces.append(text[at:])
    rest = " ".join(pieces)
    if "[" in rest:
        rest = _BRACKETED.sub(" ", rest)
    return (w for w in words(rest) if w.lower() not in _FILLER)


def is_date_only(text: str, year: int | None) -> bool:
    """A line that states only a date or time ("28.1.51.", "On 1.X.50 [1 October 1950]")."""
    if _has_plain_word(text) or not DATE_SIGN.search(text):  # the first is quicker on prose
        return False
    return _date_only(text, year)


def _has_plain_word(text: str) -> bool:
    """Whether a word outside brackets is neither filler nor able to be part of a date or time.

    Such a word would stay in `_residue` whatever dates the line holds, so the line is more than
    a date: most lines are prose, answered so without looking for their dates."""
    if "[" in text:
        text = _BRACKETED.sub(" ", text)
    return _PLAIN_WORD.search(text) is not None


@lru_cache(maxsize=256)
def _date_only(text: str, year: int | None) -> bool:
    """Cached: a line is asked once as the possible date of the line before, once on its own."""
    found = [*find_dates(text, year=year), *find_times(text)]
    if not found:
        return False
    return next(_residue(text, [(d.start, d.end) for d in found]), None) is None


def is_signature(text: str, year: int | None) -> bool:
    """A line of person names, optionally with dates ("PENG DEHUAI 12:00 19.1.51.")."""
    if len(text) > 120:
        return False
    names = find_names(text)
    if not any(n.kind == "person" for n in names):  # the cheap half of the answer first
        return False
    found = [*find_dates(text, year=year), *find_times(text)]
    cuts = [(d.start, d.end) for d in found] + [(n.start, n.end) for n in names]
    return all(w.lower() in _HONORIFIC_WORDS for w in _residue(text, cuts))


def split_signature(text: str, year: int | None) -> int | None:
    """Offset where a trailing signature starts in a line of prose ("... opinion. MAO ZEDONG.")."""
    for m in _SENTENCE_END.finditer(text):
        if is_signature(text[m.end() :], year) and words(text[: m.start()]):
            return m.end()
    return None


def split_salute(text: str, year: int | None) -> int | None:
    """Offset where prose starts after a leading salute ("To Comrade Peng Dehuai. I ask ...")."""
    m = _SENTENCE_END.search(text)
    if m is None or not words(text[m.end() :]):
        return None
    head = _classify_unquoted(text[: m.start() + 1], year)
    if head is not None and head.kind.name in ("SALUTE", "ADDRESS"):
        return m.end()
    return None


def units_of(
    lines: Sequence[Line], *, year: int | None, folios: frozenset[str] = frozenset()
) -> list[Unit]:
    """The classified units of a version's lines (blank lines separate blocks)."""
    out: list[Unit] = []
    for block in blocks(lines):
        table = _table(block)
        if table is not None:
            out.append(table)
            continue
        pending: Unit | None = None
        for line in block:
            if pending is not None and pending.kind is None and is_date_only(line.text, year):
                wrapped = classify(
                    f"{pending.text} {line.text}", pending.number, year=year, folios=folios
                )
                if wrapped.kind in ("RECEIVED", "SENT"):
                    pending = wrapped
                    continue
            if pending is not None and _continues(pending, line, year):
                text = f"{pending.text} {line.text}"
                joined = classify(text, pending.number, year=year, folios=folios)
                if pending.kind is None or joined.kind == pending.kind:
                    pending = joined
                    continue
            if pending is not None:
                out.append(pending)
            pending = classify(line.text, line.number, year=year, folios=folios)
        if pending is not None:
            out.append(pending)
    return _merge_labels(_split_marks(out, year, folios))


def _split_marks(units: list[Unit], year: int | None, folios: frozenset[str]) -> list[Unit]:
    """Units with each line of apparatus sentences split into one unit per sentence.

    Apparatus comes before and after the text: only the unclassified lines up to the first one
    that is text, and back from the end to the last one, are tried."""
    split: dict[int, list[Unit]] = {}
    loose = [i for i, unit in enumerate(units) if unit.kind is None]
    for order in (loose, loose[::-1]):
        for i in order:
            parts = split.get(i) or _apparatus_sentences(units[i], year, folios)
            if not parts:
                break
            split[i] = parts
    if not split:
        return units
    return [part for i, unit in enumerate(units) for part in split.get(i, [unit])]


def _apparatus_sentences(unit: Unit, year: int | None, folios: frozenset[str]) -> list[Unit]:
    """The sentences of a line that holds nothing but apparatus ("From Beijing. Received at 16:40
    on 3 October 1950."), each classified; [] when any sentence is text.

    An apparatus sentence is short, so a line whose first sentence is long is text, answered
    without classifying anything."""
    text = unit.text
    first = _MARK_END.search(text, 0, _MAX_MARK_CHARS)
    if first is None or "\n" in text or len(text) > _MAX_MARK_LINE:
        return []
    parts: list[Unit] = []
    at, end = 0, first.end()
    while at < len(text):
        part = classify(text[at:end].rstrip(), unit.number, year=year, folios=folios)
        if part.kind is None:
            return []
        parts.append(part)
        following = _MARK_END.search(text, end)
        at, end = end, following.end() if following else len(text)
    return parts


_MAX_MARK_CHARS = 60  # the first sentence of a line of apparatus ends this early
_MAX_MARK_LINE = 240


def _merge_labels(units: list[Unit]) -> list[Unit]:
    """A label line ("Distribution:") followed by a copies list is one distribution unit."""
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if (
            prev is not None
            and unit.kind == "DISTRIBUTION"
            and prev.kind is None
            and prev.text.endswith(":")
            and len(words(prev.text)) <= 3
        ):
            text = f"{prev.text}\n{unit.text}"
            dist = unit.distribution or (unit.header.distribution if unit.header else None)
            out[-1] = Unit(text, prev.number, "DISTRIBUTION", None, dist)
            continue
        out.append(unit)
    return out


def _continues(prev: Unit, line: Line, year: int | None) -> bool:
    """Whether `line` is the wrapped rest of `prev` (checked before re-classifying the join)."""
    if prev.kind in ("ISSUER", "FORM", "ADDRESS") and line.text.isupper():
        return classify_line(line.text, year=year) is None and not is_prose(line.text)
    if prev.kind in ("RECEIVED", "SENT") and is_date_only(line.text, year):
        return not any(sp.role == "date" and "-" in (sp.value or "") for sp in prev.spans)
    return (
        prev.kind is None
        and not _ENDS_SENTENCE.search(prev.text)
        and bool(_STARTS_LOWER.match(line.text))
    )


def _table(block: Sequence[Line]) -> Unit | None:
    """A copies list spread over the lines of one block (a table or numbered entries)."""
    if len(block) < 2 or not all(_TABLE_ROW.match(ln.text) for ln in block):
        return None
    text = "\n".join(ln.text for ln in block)
    dist = parse_distribution(text)
    if dist is None or len(dist.entries) < 2:
        return None
    return Unit(text, block[0].number, "DISTRIBUTION", None, dist)
