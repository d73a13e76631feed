"""Inline tagging: a line of text -> model inlines (dates, names, numbers, editorial brackets).

The shared parsers find what a stretch of text means (offsets plus normalised values); this module
only chooses non-overlapping marks and cuts the text around them, so the words of the line stay
exactly as written, in order. Priority: editorial brackets, then the spans a header parser gave
(they know the line's role), then dates, then names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from converters.parsing.brackets import find_brackets
from converters.parsing.dates import find_dates, find_times
from converters.parsing.names import find_names
from converters.parsing.spans import Span
from converters.report import FindingKind, Report
from tei import model as m
from tei import vocabulary as v

_DIGIT = re.compile(r"\d")
_NAME_ROLES = {"person": v.PERSON, "place": v.PLACE, "org": v.ORG}
_NOTE_KINDS = {"identification": v.NOTE_IDENTIFICATION, "clarification": v.NOTE_CLARIFICATION}


@dataclass
class Context:
    """What inline tagging needs besides the text: the document year, the report, the refs seen."""

    year: int | None
    report: Report
    refs: set[str]
    line: int | None = None


class _Mark(NamedTuple):
    """A stretch of the line to tag, and how to make its inline from the stretch's text."""

    start: int
    end: int
    make: Callable[[str], m.Inline]


def tag(
    text: str,
    ctx: Context,
    *,
    spans: Sequence[Span] = (),
    date_type: str | None = None,
    brackets: bool = True,
) -> list[m.Inline]:
    """The inlines of `text`: every character kept, recognised stretches tagged."""
    marks: list[_Mark] = []
    if brackets and ("[" in text or "]" in text):
        marks += _bracket_marks(text, ctx)
    marks += [mk for sp in spans if (mk := _span_mark(sp, ctx, date_type)) is not None]
    if _DIGIT.search(text):  # every date and time has a digit
        marks += [
            _date_mark(d.start, d.end, d.when, date_type, ctx)
            for d in find_dates(text, year=ctx.year)
        ]
        marks += [_date_mark(t.start, t.end, t.when, date_type, ctx) for t in find_times(text)]
    marks += [
        _name_mark(n.start, n.end, _NAME_ROLES[n.kind], n.ref, n.pseudonym, ctx)
        for n in find_names(text)
    ]
    return _cut(text, _choose(marks))


def _choose(marks: Iterable[_Mark]) -> list[_Mark]:
    """Non-overlapping marks, earlier lists (higher priority) first, then in text order."""
    chosen: list[_Mark] = []
    for mk in marks:
        if mk.end <= mk.start:
            continue
        if all(mk.end <= c.start or mk.start >= c.end for c in chosen):
            chosen.append(mk)
    return sorted(chosen, key=lambda mk: mk.start)


def _cut(text: str, marks: Sequence[_Mark]) -> list[m.Inline]:
    out: list[m.Inline] = []
    pos = 0
    for mk in marks:
        if mk.start > pos:
            out.append(text[pos : mk.start])
        out.append(mk.make(text[mk.start : mk.end]))
        pos = mk.end
    if pos < len(text):
        out.append(text[pos:])
    return out


def _date_mark(
    start: int, end: int, when: str | None, date_type: str | None, ctx: Context
) -> _Mark:
    def make(s: str) -> m.Inline:
        ctx.report.recognise("date")
        return m.Date(s, when, date_type)

    return _Mark(start, end, make)


def _name_mark(
    start: int, end: int, kind: str, ref: str | None, pseudonym: bool, ctx: Context
) -> _Mark:
    def make(s: str) -> m.Inline:
        ctx.report.recognise(kind)
        if ref:
            ctx.refs.add(ref)
        return m.Name(kind, [s], ref, pseudonym)

    return _Mark(start, end, make)


def _span_mark(sp: Span, ctx: Context, date_type: str | None) -> _Mark | None:
    role = sp.role
    if role in ("date", "time"):
        return _date_mark(sp.start, sp.end, sp.value, date_type, ctx)
    if role in _NAME_ROLES:
        return _name_mark(sp.start, sp.end, _NAME_ROLES[role], sp.value, sp.pseudonym, ctx)
    if role in ("idno-telegram", "idno-outgoing"):
        kind = v.IDNO_TELEGRAM if role == "idno-telegram" else v.IDNO_OUTGOING
        return _Mark(sp.start, sp.end, lambda s: m.Identifier(s, kind))
    if role in ("num", "copy-number") and sp.value and sp.value.isdigit():
        value = int(sp.value)
        return _Mark(sp.start, sp.end, lambda s: m.Number(s, value))
    return None


def _bracket_marks(text: str, ctx: Context) -> list[_Mark]:
    out: list[_Mark] = []
    for br in find_brackets(text):
        if br.kind == "unbalanced":
            ctx.report.warn(
                FindingKind.UNBALANCED,
                "unbalanced editorial bracket left as written",
                ctx.line,
                text[br.start : br.end],
            )
            continue
        out.append(_Mark(br.start, br.end, _bracket_maker(br.kind, br.content, br.ref, ctx)))
    return out


def _bracket_maker(
    kind: str, content: str, ref: str | None, ctx: Context
) -> Callable[[str], m.Inline]:
    def make(s: str) -> m.Inline:
        ctx.report.recognise(f"bracket-{kind}")
        if kind == "gap":
            return m.Gap(s)
        if kind == "foreign":
            return m.Foreign(content, "ru-Latn")
        inner = tag(content, ctx, brackets=False)
        if ref:
            ctx.refs.add(ref)
        return m.EditorialNote(_NOTE_KINDS.get(kind, v.NOTE_CLARIFICATION), inner, ref)

    return make
