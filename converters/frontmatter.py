"""The archive's description around a document: date line, title, labelled fields, trailer.

The exports put the same facts in different places: "Citation:"/"Summary:"/"Contents:" fields
before the text (with or without Markdown bold), or a trailing "Document Information" block whose
labels have no colon. `split_front_matter` finds both and returns the metadata plus the lines that
remain for the document itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from converters.lines import SEPARATOR, Line, blocks, joined, split_lines
from converters.parsing.dates import parse_date
from tei.model import Metadata

#: Field labels of the exports, normalised to the key used below.
LABELS: dict[str, str] = {
    "citation": "citation",
    "summary": "summary",
    "abstract": "summary",
    "original language": "languages",
    "language": "languages",
    "languages": "languages",
    "contents": "renditions",
    "source": "source",
    "rights": "rights",
    "original uploaded date": "uploaded",
    "uploaded date": "uploaded",
    "type": "doc_type",
    "record id": "record_id",
    "translated by": "translator",
    "translator": "translator",
    "url": "url",
}
_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{1,30}?)\s*:\s*(?P<rest>.*)$")
_TRAILER = re.compile(r"^document information$", re.I)
_TRAILER_LEN = len("document information")
_TRANSLATED_BY = re.compile(
    r"^\[?\s*Translated\s+(?:(?:for|from the Russian for)\s+[^\]]*?\s+)?by\s+"
    r"([^\]]+?)\s*\.?\s*\]?$",
    re.I,
)
_URL = re.compile(r"https?://\S+")
_RENDITION = re.compile(r"\b(?:translation|transcription|scan|original|transliteration)\b", re.I)
_SINGLE = {"languages", "uploaded", "doc_type", "record_id", "translator", "url"}
_PUBLISHER = re.compile(r"(?:^|,\s*)([A-Z][^,]*?\b(?:Digital Archive|Archive))\s*,")
_LANGUAGE_SPLIT = re.compile(r"\s*(?:,|;|\band\b)\s*")


@dataclass
class FrontMatter:
    """Metadata found, the line numbers it used, and the remaining document lines."""

    metadata: Metadata
    body: list[Line]
    used: set[int] = field(default_factory=set)
    trailer: list[Line] = field(default_factory=list)


def label_of(line: Line, *, colon_required: bool) -> tuple[str, str] | None:
    """(field key, rest of the line) when the line is a field label, else None."""
    text = line.text.strip()
    m = _LABEL.match(text)
    if m and m.group("label").strip().lower() in LABELS:
        return LABELS[m.group("label").strip().lower()], m.group("rest").strip()
    if not colon_required and text.lower() in LABELS:
        return LABELS[text.lower()], ""
    return None


def front_matter(text: str) -> FrontMatter:
    """The front matter of a whole text; cached because detection and reading both need it,
    and returned as a fresh copy so that no two Documents share a mutable Metadata."""
    cached = _front_matter(text)
    meta = cached.metadata
    fresh = replace(
        meta,
        summary=list(meta.summary),
        languages=list(meta.languages),
        renditions=list(meta.renditions),
        rights=list(meta.rights),
    )
    return FrontMatter(fresh, list(cached.body), set(cached.used), list(cached.trailer))


@lru_cache(maxsize=4)
def _front_matter(text: str) -> FrontMatter:
    return split_front_matter(split_lines(text))


def split_front_matter(lines: Sequence[Line]) -> FrontMatter:
    """Metadata from the head and the "Document Information" trailer; the rest is the body."""
    meta = Metadata()
    used: set[int] = set()
    trailer_at = next((i for i, ln in enumerate(lines) if _is_trailer(ln.text)), None)
    head = list(lines if trailer_at is None else lines[:trailer_at])
    trailer = [] if trailer_at is None else list(lines[trailer_at + 1 :])
    if trailer_at is not None:
        used.add(lines[trailer_at].number)
    groups = blocks(head)
    start = _date_and_title(groups, meta, used)
    end = _fields(groups, start, meta, used, colon_required=True)
    body = [ln for g in groups[end:] for ln in g]
    rest: set[int] = set()
    if trailer:
        tgroups = blocks(trailer)
        end = _fields(tgroups, 0, meta, used, colon_required=False)
        rest = {ln.number for g in tgroups[end:] for ln in g}
        if not meta.summary:
            _page_description(head[_first_index(head, body) :], meta, used)
    _finish(meta)
    first = _first(body)
    body_lines = [ln for ln in head if ln.number >= first and ln.number not in used]
    if not meta.translator:  # "[Translated by X]" at the foot of the text: stays text as well
        meta.translator = next(
            (m.group(1) for ln in body_lines if (m := _TRANSLATED_BY.match(ln.text))), None
        )
    if trailer:  # trailer lines that are no field stay text, after the document's own
        body_lines += [ln for ln in trailer if ln.number in rest or (ln.blank and body_lines)]
    return FrontMatter(meta, body_lines, used, trailer)


def _is_trailer(text: str) -> bool:
    """The "Document Information" heading (its length first: asked of every line)."""
    return len(text) == _TRAILER_LEN and _TRAILER.match(text) is not None


def _page_description(body: Sequence[Line], meta: Metadata, used: set[int]) -> None:
    """On a web page with a trailer, the prose after the last separator describes the page."""
    cut = max((i for i, ln in enumerate(body) if SEPARATOR.match(ln.text)), default=None)
    if cut is None:
        return
    tail = [ln for ln in body[cut + 1 :] if not ln.blank]
    if tail and all(len(ln.text.split()) >= 8 for ln in tail):
        meta.summary.extend(ln.text for ln in tail)
        used.update(ln.number for ln in tail)


def _first_index(head: Sequence[Line], body: Sequence[Line]) -> int:
    first = _first(body)
    return next((i for i, ln in enumerate(head) if ln.number >= first), len(head))


def _first(body: Sequence[Line]) -> int:
    return body[0].number if body else 1 << 30


def _date_and_title(groups: list[list[Line]], meta: Metadata, used: set[int]) -> int:
    """Read the leading date line and title; return the index of the block after them."""
    if not groups:
        return 0
    index, candidate = 1, groups[0]
    first = candidate[0]
    when = parse_date(first.text) if len(first.text) < 40 else None
    if when:
        meta.date_text, meta.date_when = first.text, when
        used.add(first.number)
        candidate = candidate[1:]
        if not candidate:
            index, candidate = 2, groups[1] if len(groups) > 1 else []
    # a title follows the date line, or is set in bold, or is followed by a labelled field:
    # without one of these the first lines are the document's own text
    after = groups[index] if index < len(groups) else []
    announced = (
        bool(when)
        or all(ln.emphasis for ln in candidate)
        or (bool(after) and label_of(after[0], colon_required=True) is not None)
    )
    if (
        candidate
        and announced
        and label_of(candidate[0], colon_required=True) is None
        and _looks_like_title(candidate)
    ):
        meta.title = joined(candidate)
        used.update(ln.number for ln in candidate)
        return index
    return index - 1 if candidate else index


def _looks_like_title(group: Sequence[Line]) -> bool:
    """A title is a short run of lines that is not telegram apparatus (mostly lower-case words)."""
    text = joined(group)
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(group) <= 4 and len(text) < 400 and bool(letters) and upper < 0.6 * len(letters)


def _fields(
    groups: list[list[Line]], start: int, meta: Metadata, used: set[int], *, colon_required: bool
) -> int:
    """Read labelled fields from groups[start:]; return the index of the first body block."""
    i = start
    while i < len(groups):
        group = groups[i]
        found = label_of(group[0], colon_required=colon_required)
        if found is None:
            break
        key, rest = found
        used.add(group[0].number)
        value_lines: list[Line] = [group[0].with_text(rest)] if rest else []
        value_lines += group[1:]
        i += 1
        if key == "renditions":
            i = _renditions(groups, i, value_lines, meta, used)
            continue
        if not value_lines or key not in _SINGLE:
            i = _take_values(groups, i, key, value_lines, colon_required)
        used.update(ln.number for ln in value_lines)
        _store(meta, key, value_lines)
    return i


def _take_values(
    groups: list[list[Line]], i: int, key: str, values: list[Line], colon_required: bool
) -> int:
    """Extend a field's value with following blocks: all of them up to the next label when one
    follows, else one block (so that the last field never swallows the document)."""
    nxt = next(
        (j for j in range(i, len(groups)) if label_of(groups[j][0], colon_required=colon_required)),
        None,
    )
    if key in _SINGLE:
        if i < len(groups) and nxt != i:
            values.extend(groups[i])
            return i + 1
        return i
    if nxt is not None and (not colon_required or nxt - i <= 3):
        for g in groups[i:nxt]:
            values.extend(g)
        return nxt
    if not values and i < len(groups):
        values.extend(groups[i])
        return i + 1
    return i


def _renditions(
    groups: list[list[Line]], i: int, values: list[Line], meta: Metadata, used: set[int]
) -> int:
    """The "Contents:" list: list items or rendition names, one per line."""
    take = list(values)
    while i < len(groups) and all(ln.item or _RENDITION.search(ln.text) for ln in groups[i]):
        if any(len(ln.text) > 60 for ln in groups[i]):
            break
        take.extend(groups[i])
        i += 1
    meta.renditions.extend(ln.text for ln in take if ln.text)
    used.update(ln.number for ln in take)
    return i


def _store(meta: Metadata, key: str, values: list[Line]) -> None:
    """Keep a field's value; a field given twice keeps both values (nothing is overwritten)."""
    text = joined(values).strip()
    paragraphs = [ln.text for ln in values if ln.text]
    if key == "citation":
        url = _URL.search(text)
        if url and not meta.url:
            meta.url = url.group(0).rstrip(".,;")
            text = text.replace(meta.url, "", 1).strip()
        meta.citation = _join(meta.citation, text)
    elif key == "summary":
        meta.summary.extend(paragraphs)
    elif key == "languages":
        meta.languages.extend(w for w in _LANGUAGE_SPLIT.split(text) if w)
    elif key == "rights":
        meta.rights.extend(paragraphs)
    elif key == "uploaded":
        meta.uploaded_text = _join(meta.uploaded_text, text)
        meta.uploaded_when = parse_date(meta.uploaded_text) if meta.uploaded_text else None
    elif key in ("source", "doc_type", "record_id", "translator"):
        setattr(meta, key, _join(getattr(meta, key), text))
    elif key == "url":
        if meta.url and text:
            meta.source = _join(meta.source, text)
        else:
            meta.url = text or None


def _join(old: str | None, new: str) -> str | None:
    """`new` added to an earlier value of the same field."""
    if not new:
        return old
    return f"{old} {new}" if old else new


def _finish(meta: Metadata) -> None:
    """Facts derived from other fields: the publisher named in the citation."""
    if meta.citation:
        m = _PUBLISHER.search(meta.citation.split("”")[-1].split('"')[-1])
        if m:
            meta.publisher = m.group(1).strip()
