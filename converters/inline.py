"""Inline tagging: a line of text -> model inlines (dates, names, numbers, editorial brackets).

The shared parsers find what a stretch of text means (offsets plus normalised values); this module
only chooses non-overlapping marks and cuts the text around them, so the words of the line stay
exactly as written, in order. Priority: editorial brackets, then the spans a header parser gave
(they know the line's role), then dates, then names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from converters.parsing.brackets import Bracket, find_brackets
from converters.parsing.dates import DATE_SIGN, find_dates, find_times
from converters.parsing.names import find_names
from converters.parsing.spans import Span
from converters.report import FindingKind, Report
from tei import model as m
from tei import vocabulary as v

_ASCII_DIGIT = re.compile("[0-9]")  # the same in ASCII text, tested a third faster
_NAME_ROLES = {"person": v.PERSON, "place": v.PLACE, "org": v.ORG}
_IDNO_ROLES = {"idno-telegram": v.IDNO_TELEGRAM, "idno-outgoing": v.IDNO_OUTGOING}
_NOTE_KINDS = {"identification": v.NOTE_IDENTIFICATION, "clarification": v.NOTE_CLARIFICATION}


@dataclass
class Context:
    """What inline tagging needs besides the text: the document year, the report, the refs seen."""

    year: int | None
    report: Report
    refs: set[str]
    line: int | None = None


#: Makes the inline of a chosen stretch: (its text, the mark's value, context, date type).
_Make = Callable[[str, Any, Context, str | None], m.Inline]
#: A stretch of the line to tag: (start, end, make, value). A plain tuple, and no inline until
#: the mark is chosen: a document has thousands of candidates.
_Mark = tuple[int, int, _Make, Any]
_START = itemgetter(0)


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
    for sp in spans:
        mk = _span_mark(sp)
        if mk is not None:
            marks.append(mk)
    if (_ASCII_DIGIT if text.isascii() else DATE_SIGN).search(text):
        marks += [(d.start, d.end, _date, d.when) for d in find_dates(text, year=ctx.year)]
        marks += [(t.start, t.end, _date, t.when) for t in find_times(text)]
    marks += [
        (n.start, n.end, _name, (_NAME_ROLES[n.kind], n.ref, n.pseudonym)) for n in find_names(text)
    ]
    if not marks:
        return [text] if text else []
    return _cut(text, _choose(marks), ctx, date_type)


def _choose(marks: list[_Mark]) -> list[_Mark]:
    """The marks that overlap no earlier (higher-priority) chosen one, in text order."""
    chosen: list[_Mark] = []
    for mk in marks:
        start, end = mk[0], mk[1]
        if end <= start:
            continue
        for c in chosen:
            if start < c[1] and c[0] < end:
                break
        else:
            chosen.append(mk)
    chosen.sort(key=_START)
    return chosen


def _cut(text: str, marks: list[_Mark], ctx: Context, date_type: str | None) -> list[m.Inline]:
    out: list[m.Inline] = []
    pos = 0
    for start, end, make, value in marks:
        if start > pos:
            out.append(text[pos:start])
        out.append(make(text[start:end], value, ctx, date_type))
        pos = end
    if pos < len(text):
        out.append(text[pos:])
    return out


def _span_mark(sp: Span) -> _Mark | None:
    role = sp.role
    if role in ("date", "time"):
        return (sp.start, sp.end, _date, sp.value)
    if role in _NAME_ROLES:
        return (sp.start, sp.end, _name, (_NAME_ROLES[role], sp.value, sp.pseudonym))
    if role in _IDNO_ROLES:
        return (sp.start, sp.end, _identifier, _IDNO_ROLES[role])
    if role in ("num", "copy-number") and sp.value and sp.value.isdigit():
        return (sp.start, sp.end, _number, int(sp.value))
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
        out.append((br.start, br.end, _bracket, br))
    return out


# makers ---------------------------------------------------------------------------------------


def _date(s: str, when: str | None, ctx: Context, date_type: str | None) -> m.Inline:
    ctx.report.recognise("date")
    return m.Date(s, when, date_type)


def _name(s: str, name: tuple[str, str | None, bool], ctx: Context, _: str | None) -> m.Inline:
    """A person, place or organisation, tied to its entity when the parser knows it."""
    kind, ref, pseudonym = name
    ctx.report.recognise(kind)
    if ref:
        ctx.refs.add(ref)
    return m.Name(kind, [s], ref, pseudonym)


def _identifier(s: str, kind: str, ctx: Context, _: str | None) -> m.Inline:
    return m.Identifier(s, kind)


def _number(s: str, value: int, ctx: Context, _: str | None) -> m.Inline:
    return m.Number(s, value)


def _bracket(s: str, br: Bracket, ctx: Context, _: str | None) -> m.Inline:
    """An editorial insertion; a note's words are tagged too (dates and names, no brackets)."""
    ctx.report.recognise(f"bracket-{br.kind}")
    if br.kind == "gap":
        return m.Gap(s)
    if br.kind == "foreign":
        return m.Foreign(br.content, "ru-Latn")
    inner = tag(br.content, ctx, brackets=False)
    if br.ref:
        ctx.refs.add(br.ref)
    return m.EditorialNote(_NOTE_KINDS.get(br.kind, v.NOTE_CLARIFICATION), inner, br.ref)
