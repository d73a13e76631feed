"""Telegram apparatus: a classified unit -> an opener/closer line of the model.

The header parser says what a line is (issuer, receipt, copies list, urgency, ...) and marks what
is inside it; this module maps those verdicts onto the model's apparatus kinds and builds the
distribution list, keeping every word of the line in its place.
"""

from __future__ import annotations

import re
from collections import Counter

from converters.inline import Context, tag
from converters.lines import words
from converters.parsing.distribution import CopyEntry, Distribution, parse_distribution
from converters.parsing.spans import Span
from converters.units import DATE, SIGNED, Unit
from tei import model as m
from tei import vocabulary as v

_KINDS: dict[str, str] = {
    "ISSUER": v.APP_ISSUER,
    "FORM": v.APP_FORM,
    "DISTRIBUTION": v.APP_DISTRIBUTION,
    "RECEIVED": v.APP_RECEIVED,
    "SENT": v.APP_SENT,
    "URGENCY": v.APP_URGENCY,
    "ADDRESS": v.APP_ADDRESS,
    "SALUTE": v.APP_SALUTE,
    "CLASSIFICATION": v.APP_CLASSIFICATION,
    "OUTGOING": v.APP_OUTGOING,
    "SIGNATURE": v.APP_SIGNATURE,
    SIGNED: v.APP_SIGNATURE,
    "GREETING": v.APP_GREETING,
    DATE: v.APP_DATE,
}
_DATE_TYPES = {"RECEIVED": v.DATE_RECEIVED, "SENT": v.DATE_SENT}


def line(unit: Unit, ctx: Context, *, opener: bool) -> m.ApparatusLine:
    """The apparatus line for a unit of an opener or closer."""
    unit_kind = unit.kind or ""
    kind = _KINDS.get(unit_kind, v.APP_UNCLASSIFIED)
    spans = unit.spans
    if kind == v.APP_SENT and not any(sp.role in ("date", "time") for sp in spans):
        kind = v.APP_TRANSMISSION
    if kind == v.APP_DISTRIBUTION:
        dist = unit.distribution
        if dist is None and unit.header is not None:
            dist = unit.header.distribution
        if dist is None:
            dist = parse_distribution(unit.text)
        if dist is not None and dist.entries:
            ctx.report.recognise("distribution")
            model = distribution(unit.text, dist, ctx)
            return m.ApparatusLine(kind, [], distribution=model)
        kind = v.APP_UNCLASSIFIED
    date_type = _DATE_TYPES.get(unit_kind)
    content = tag(unit.text, ctx, spans=spans, date_type=date_type)
    subtype = unit.subtype if kind == v.APP_URGENCY else None
    if subtype is not None and subtype not in v.URGENCY_SUBTYPES:
        subtype = None
    if kind != v.APP_UNCLASSIFIED:
        ctx.report.recognise(f"apparatus-{kind}")
    return m.ApparatusLine(kind, content, subtype)


def distribution(text: str, dist: Distribution, ctx: Context) -> m.Distribution:
    """The model's copies list for `text`: entries in place when they occur in order, else in
    the parser's order (a table read column-wise) with leftover words kept after the list."""
    positions: list[int] = []
    cursor = 0
    for entry in dist.entries:
        at = text.find(entry.text, cursor) if entry.text else -1
        if at < 0:
            break
        positions.append(at)
        cursor = at + len(entry.text)
    if len(positions) == len(dist.entries):
        return _in_place(text, dist, positions, ctx)
    items = [_item(e, e.text, ctx) for e in dist.entries]
    left = Counter(words(text)) - Counter(w for e in dist.entries for w in words(e.text))
    tail: list[m.Inline] = [" " + " ".join(sorted(left.elements()))] if left else []
    return m.Distribution([], items, dist.total, tail)


def _in_place(text: str, dist: Distribution, positions: list[int], ctx: Context) -> m.Distribution:
    lead = tag(text[: positions[0]], ctx) if positions[0] else []
    items: list[m.CopyItem] = []
    for k, (entry, at) in enumerate(zip(dist.entries, positions, strict=True)):
        end = positions[k + 1] if k + 1 < len(positions) else at + len(entry.text)
        if not text[at + len(entry.text) : end].strip():  # a line break between entries is
            end = at + len(entry.text)  # the list's own layout, not part of an entry
        items.append(_item(entry, text[at:end], ctx))
    last = positions[-1] + len(dist.entries[-1].text)
    tail = tag(text[last:], ctx) if last < len(text) else []
    return m.Distribution(lead, items, dist.total, tail)


def _item(entry: CopyEntry, text: str, ctx: Context) -> m.CopyItem:
    spans: list[Span] = []
    if entry.name:
        at = text.find(entry.name)
        if at >= 0:
            spans.append(Span(at, at + len(entry.name), "person", entry.ref))
    if entry.count is not None:
        for mm in re.finditer(rf"(?<!\d){entry.count}(?!\d)", text):
            if not any(sp.start <= mm.start() < sp.end for sp in spans):
                spans.append(Span(mm.start(), mm.end(), "num", str(entry.count)))
    content = tag(text, ctx, spans=spans)
    if entry.ref:
        ctx.refs.add(entry.ref)
    return m.CopyItem(content, entry.number, entry.ref, entry.count)
