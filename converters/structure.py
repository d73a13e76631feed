"""From the classified units of one language version to model blocks.

The shape every telegram shares, whatever the layout: an opener (the heading apparatus), the
text, quoted telegrams with their own opener and closer, a closer (greeting, signature, outgoing
number, date) and, in Russian originals, the cipher office's service block; sheets of the original
are marked by catchwords, continuation headers and folio numbers. Each zone is found from what the
lines are, never from their position in a particular layout, and a line that fits no zone stays a
paragraph of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from converters import apparatus
from converters.inline import Context, tag
from converters.lines import script
from converters.parsing.chinese_numerals import chinese_point
from converters.parsing.dates import parse_time
from converters.parsing.spans import Span
from converters.report import FindingKind
from converters.units import (
    DATE,
    FOLIO,
    PAGENUM,
    SIGNED,
    Unit,
    classify,
    is_prose,
    split_salute,
    split_signature,
)
from tei import model as m
from tei import vocabulary as v

#: Unit kinds that belong to the page structure, not to the message.
PAGE_KINDS = frozenset({"CATCH", "CONTINUATION", FOLIO, PAGENUM})
#: Unit kinds of an opener.
OPENER_KINDS = frozenset(
    {
        "ISSUER",
        "FORM",
        "DISTRIBUTION",
        "RECEIVED",
        "SENT",
        "URGENCY",
        "ADDRESS",
        "SALUTE",
        "CLASSIFICATION",
        "OUTGOING",
        DATE,
    }
)
#: Unit kinds of a closer.
CLOSER_KINDS = frozenset(
    {"GREETING", "SIGNATURE", "OUTGOING", "SENT", "DISTRIBUTION", DATE, SIGNED}
)
_QUOTE_MARK = re.compile(r'["“”«»„]')
_POINT = re.compile(r"^\W*(\d{1,2}|[a-zа-я])[.)]\s")


def _point_number(text: str) -> str | None:
    """The label of a numbered point ("3.", "b)"; "一、" as "1"), for the paragraph's @n."""
    point = _POINT.match(text)
    if point is not None:
        return point.group(1)
    chinese = chinese_point(text)
    return str(chinese[0]) if chinese else None


@dataclass
class Quote:
    """A quoted telegram: its items (units and nested quotes)."""

    items: list[Item] = field(default_factory=list)


Item = Unit | Quote


# -- quotation structure -------------------------------------------------------------------------


def _quote_events(text: str) -> tuple[int | None, bool]:
    """(offset of an opening quotation mark left open, whether the line closes an outer one)."""
    if _QUOTE_MARK.search(text) is None:  # most lines: no scan, no list
        return None, False
    opens: list[int] = []
    closes_outer = False
    for mm in _QUOTE_MARK.finditer(text):
        i, c = mm.start(), mm.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if c in "“«„" or (c == '"' and before in " \t(:" and not after.isspace()):
            opens.append(i)
        elif opens:
            opens.pop()
        else:
            closes_outer = True
    return (opens[-1] if opens else None), closes_outer


def segment(units: Sequence[Unit], *, year: int | None, folios: frozenset[str]) -> list[Item]:
    """Nest the units into quotes by their quotation marks; unclosed quotes stay flat."""
    root: list[Item] = []
    stack: list[list[Item]] = [root]
    for unit in units:
        if unit.kind in PAGE_KINDS:
            stack[-1].append(unit)
            continue
        opened, closes = _quote_events(unit.text)
        if closes and opened is None:
            stack[-1].append(unit)
            if len(stack) > 1:
                inner = stack.pop()
                stack[-1].append(Quote(inner))
            else:
                _retro_quote(root)
            continue
        if opened is not None and not closes:
            before = unit.text[:opened].strip()
            if before:
                stack[-1].append(classify(before, unit.number, year=year, folios=folios))
                unit = classify(unit.text[opened:], unit.number, year=year, folios=folios)
            stack.append([unit])
            continue
        stack[-1].append(unit)
    while len(stack) > 1:  # an opening mark never closed: keep the lines as they were
        inner = stack.pop()
        stack[-1].extend(inner)
    return root


def _retro_quote(items: list[Item]) -> None:
    """A closing mark with no opening one: the quote starts at the last salute after some text,
    or, in a version that begins mid-text (a continuation), at its first line."""
    seen_text = False
    start: int | None = None
    for i, it in enumerate(items[:-1]):
        if isinstance(it, Unit) and it.kind is None and is_prose(it.text):
            seen_text = True
        elif isinstance(it, Unit) and it.kind == "SALUTE" and seen_text:
            start = i
    if start is None:
        first = items[0] if items else None
        if isinstance(first, Unit) and first.kind == "CONTINUATION":
            start = next(
                (
                    i
                    for i, it in enumerate(items)
                    if not (isinstance(it, Unit) and it.kind in PAGE_KINDS)
                ),
                None,
            )
    if start is None:
        return
    inner = items[start:]
    del items[start:]
    items.append(Quote(inner))


# -- building blocks -------------------------------------------------------------------------------


@dataclass
class Builder:
    """Builds the blocks of one division; keeps the sheet state across nested quotes."""

    ctx: Context
    year: int | None
    folios: frozenset[str]
    page: m.PageBreak | None = None
    pages: list[m.PageBreak] = field(default_factory=list)
    quotes: list[m.EmbeddedMessage] = field(default_factory=list)
    paragraphs: list[m.Paragraph] = field(default_factory=list)
    lang: str | None = None  # the division's language; a paragraph in another script says so
    fresh: bool = False  # a page break was just written and nothing of the sheet followed yet

    def division(self, items: list[Item]) -> list[m.Block]:
        """The blocks of a whole version; a first page break when the version has sheets."""
        out: list[m.Block] = []
        if _has_pages(items):
            self.page = m.PageBreak()
            self.pages.append(self.page)
            self.fresh = True
            out.append(self.page)
        out += self.container(items, top=True)
        _infer_folios(self.pages)
        return out

    def container(self, items: list[Item], *, top: bool) -> list[m.Block]:
        items = list(items)
        if not top:
            self._split_leading_salute(items)
        self._split_trailing_signature(items)
        n_open = _opener_end(items)
        service_at = _service_start(items) if top else len(items)
        close_at = _closer_start(items, n_open, service_at)
        if not any(_is_body(it) for it in items[n_open:close_at]):
            # TEI needs text between an opener and a closer: without any, all lines are text
            n_open, close_at, service_at = 0, len(items), len(items)
        out: list[m.Block] = []
        if n_open:
            out.append(m.Opener(self._apparatus_lines(items[:n_open], opener=True)))
        for it in items[n_open:close_at]:
            out += self._body_item(it)
        if close_at < service_at:
            closer = m.Closer(self._apparatus_lines(items[close_at:service_at], opener=False))
            _complete_times(closer)
            out.append(closer)
        if service_at < len(items):
            out += self._service(items[service_at:])
        return out

    # zones --------------------------------------------------------------------------------------

    def _split_leading_salute(self, items: list[Item]) -> None:
        first = items[0] if items else None
        if isinstance(first, Unit) and first.kind is None:
            at = split_salute(first.text, self.year)
            if at is not None:
                items[0:1] = [
                    classify(
                        first.text[:at].rstrip(), first.number, year=self.year, folios=self.folios
                    ),
                    classify(first.text[at:], first.number, year=self.year, folios=self.folios),
                ]

    def _split_trailing_signature(self, items: list[Item]) -> None:
        idx = len(items) - 1
        while idx >= 0 and _is_apparatus(items[idx], CLOSER_KINDS):
            idx -= 1
        last = items[idx] if idx >= 0 else None
        if isinstance(last, Unit) and last.kind is None:
            at = split_signature(last.text, self.year)
            if at is not None:
                items[idx : idx + 1] = [
                    classify(
                        last.text[:at].rstrip(), last.number, year=self.year, folios=self.folios
                    ),
                    classify(last.text[at:], last.number, year=self.year, folios=self.folios),
                ]

    # items ----------------------------------------------------------------------------------------

    def _body_item(self, it: Item) -> list[m.Block]:
        if isinstance(it, Quote):
            return [self._quote(it)]
        if it.kind in PAGE_KINDS:
            return list(self._page_item(it))
        self.ctx.line = it.number
        self.fresh = False
        lang = script(it.text)
        para = m.Paragraph(
            tag(it.text, self.ctx, spans=it.spans),
            n=_point_number(it.text),
            lang=lang if lang and lang != self.lang else None,
        )
        self.paragraphs.append(para)
        self.ctx.report.recognise("paragraph")
        return [para]

    def _quote(self, quote: Quote) -> m.EmbeddedMessage:
        msg = m.EmbeddedMessage([])
        self.quotes.append(msg)
        self.ctx.report.recognise("embedded-telegram")
        msg.blocks = self.container(quote.items, top=False)
        return msg

    def _page_item(self, unit: Unit) -> list[m.PageBreak | m.FormWork]:
        self.ctx.line = unit.number
        content = tag(unit.text, self.ctx, spans=unit.spans)
        if unit.kind == "CATCH":
            self.fresh = True
            self.page = m.PageBreak()
            self.pages.append(self.page)
            return [m.FormWork("catch", content), self.page]
        if unit.kind == "CONTINUATION":
            out: list[m.PageBreak | m.FormWork] = []
            if not self.fresh:
                self.page = m.PageBreak()
                self.pages.append(self.page)
                self.fresh = True
                out.append(self.page)
            return [*out, m.FormWork("header", content)]
        if unit.kind == FOLIO and self.page is not None and self.page.n is None:
            self.page.n = unit.text.strip()
        if unit.kind == PAGENUM:
            self.fresh = True
            self.page = m.PageBreak(unit.text.strip(" -–—"))
            self.pages.append(self.page)
            return [self.page, m.FormWork("pageNum", content)]
        return [m.FormWork("pageNum", content)]

    def _apparatus_lines(
        self, units: Sequence[Item], *, opener: bool
    ) -> list[m.ApparatusLine | m.PageBreak | m.FormWork]:
        out: list[m.ApparatusLine | m.PageBreak | m.FormWork] = []
        for it in units:
            assert isinstance(it, Unit)
            if it.kind in PAGE_KINDS:
                out += self._page_item(it)
                continue
            self.ctx.line = it.number
            self.fresh = False
            line = apparatus.line(it, self.ctx, opener=opener)
            if line.kind == "unclassified":
                self.ctx.report.warn(
                    FindingKind.UNINTERPRETED,
                    "heading line not interpreted; kept as written",
                    it.number,
                    it.text,
                )
            out.append(line)
        return out

    def _service(self, items: Sequence[Item]) -> list[m.Block]:
        notes: list[m.ServiceNote] = []
        for it in items:
            assert isinstance(it, Unit)
            self.ctx.line = it.number
            if it.kind == "PROCESSING" and it.header is not None and it.header.notes:
                notes += self._processing(it)
                continue
            when = parse_time(it.text.strip())
            if when:  # a time standing alone, e.g. when the checker signed
                content: list[m.Inline] = [m.Date(it.text, when)]
            else:
                content = tag(it.text, self.ctx, spans=it.spans)
            if notes and notes[-1].subtype and (when or _attaches(it)):
                notes[-1].content += [m.LineBreak(), *content]
                continue
            self.ctx.report.warn(
                FindingKind.UNINTERPRETED,
                "service line not interpreted; kept as written",
                it.number,
                it.text,
            )
            notes.append(m.ServiceNote(content, None))
        return [m.ServiceBlock(notes)]

    def _processing(self, it: Unit) -> list[m.ServiceNote]:
        """One service note per clerk's mark of the line; text between marks kept in place."""
        assert it.header is not None
        out: list[m.ServiceNote] = []
        pos = 0
        text = it.text
        for note in it.header.notes:
            if text[pos : note.start].strip():
                out.append(m.ServiceNote(tag(text[pos : note.start], self.ctx), None))
            spans = [
                Span(sp.start - note.start, sp.end - note.start, sp.role, sp.value, sp.pseudonym)
                for sp in it.spans
                if note.start <= sp.start and sp.end <= note.end and sp.role != "person"
            ]
            if note.person is not None:
                a, b = note.person
                spans.append(Span(a - note.start, b - note.start, "person", _clerk_ref(it, a, b)))
            subtype = note.subtype if note.subtype in v.PROCESSING_SUBTYPES else None
            out.append(
                m.ServiceNote(tag(text[note.start : note.end], self.ctx, spans=spans), subtype)
            )
            self.ctx.report.recognise(f"processing-{note.subtype}")
            pos = note.end
        if text[pos:].strip():
            out.append(m.ServiceNote(tag(text[pos:], self.ctx), None))
        return out


def _clerk_ref(unit: Unit, start: int, end: int) -> str | None:
    """The entity of a clerk's name when the header parser tied it to one."""
    for sp in unit.spans:
        if sp.role == "person" and sp.start == start and sp.end == end:
            return sp.value
    return None


_TIME = re.compile(r"^\d\d:\d\d:\d\d$")
_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")


def _complete_times(closer: m.Closer) -> None:
    """A time standing on its own under a dated signature ("19:00.") is that day's time."""
    day: str | None = None
    for line in closer.lines:
        if not isinstance(line, m.ApparatusLine):
            continue
        for date in _dates(line.content):
            if date.when and _DAY.match(date.when):
                day = date.when
            elif date.when and day and _TIME.match(date.when):
                date.when = f"{day}T{date.when}"


def _dates(inlines: Sequence[m.Inline]) -> list[m.Date]:
    out: list[m.Date] = []
    for it in inlines:
        if isinstance(it, m.Date):
            out.append(it)
        elif isinstance(it, m.Name | m.EditorialNote | m.Segment):
            out += _dates(it.content)
    return out


def _attaches(unit: Unit) -> bool:
    """A short line continuing the previous service mark (a rank, a name, a time, a line that
    starts in lower case)."""
    has_digit = any(c.isdigit() for c in unit.text)
    lower = unit.text[:1].islower()
    return len(unit.text) <= 40 and (lower or not has_digit or unit.kind == DATE)


def _has_pages(items: Sequence[Item]) -> bool:
    for it in items:
        if isinstance(it, Quote):
            if _has_pages(it.items):
                return True
        elif it.kind in ("CATCH", "CONTINUATION", FOLIO):
            return True
    return False


def _is_body(it: Item) -> bool:
    return isinstance(it, Quote) or it.kind not in PAGE_KINDS


def _is_apparatus(it: Item, kinds: frozenset[str]) -> bool:
    return isinstance(it, Unit) and it.kind in kinds


def _opener_end(items: Sequence[Item]) -> int:
    """Length of the opener: up to the last apparatus line before the first prose or quote."""
    end = 0
    for i, it in enumerate(items):
        if isinstance(it, Quote):
            break
        if it.kind in OPENER_KINDS:
            end = i + 1
        elif it.kind in PAGE_KINDS or it.kind in ("CLASSIFICATION",):
            continue
        elif (it.kind is None and is_prose(it.text)) or it.kind in (
            "GREETING",
            "SIGNATURE",
            SIGNED,
            "PROCESSING",
        ):
            break
    return end


def _closer_start(items: Sequence[Item], n_open: int, service_at: int) -> int:
    """Start of the closer: the run of closing lines just before the service block."""
    i = service_at
    while i > n_open and _is_apparatus(items[i - 1], CLOSER_KINDS):
        i -= 1
    return i


def _service_start(items: Sequence[Item]) -> int:
    """Start of the service block: a processing mark after which only marks and short lines."""
    start = len(items)
    for i in range(len(items) - 1, -1, -1):
        it = items[i]
        if isinstance(it, Quote):
            break
        if it.kind == "PROCESSING":
            start = i
        elif (it.kind is None and is_prose(it.text)) or it.kind in (
            "GREETING",
            "SIGNATURE",
            SIGNED,
        ):
            break
    return start


def _infer_folios(pages: Sequence[m.PageBreak]) -> None:
    """A sheet without its folio number between two numbered sheets is the number in between."""
    for a, b, c in zip(pages, pages[1:], pages[2:], strict=False):
        numbered = a.n and c.n and a.n.isdigit() and c.n.isdigit()
        if b.n is None and numbered and int(c.n or 0) - int(a.n or 0) == 2:
            b.n = str(int(a.n or 0) + 1)
