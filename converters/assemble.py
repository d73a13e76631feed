"""The pipeline every reader shares: text -> front matter -> language versions -> Document.

A reader module decides whether a text is in its layout and may adjust the `Profile`; the work
itself is done here once, so that a fact is recognised the same way in every layout:

1. lines are cleaned of markup and chrome (`converters.lines`);
2. the archive's description is read (`converters.frontmatter`);
3. the remaining lines are split by script into language sections, and a section holding several
   complete versions (a draft and the text as transmitted) into versions;
4. each version becomes a division (`converters.structure`), paragraphs are aligned across
   languages (`converters.align`), and the facts of the apparatus become correspondence records.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from converters.align import align_blocks
from converters.frontmatter import front_matter
from converters.inline import Context
from converters.lines import Line, not_xml, script
from converters.parsing.archives import find_archive_citations
from converters.parsing.script import find_mixed_script_words
from converters.report import FindingKind, Report
from converters.structure import Builder, segment
from converters.tables import ARCHIVES, ENTITIES
from converters.units import DATE, SIGNED, Unit, is_prose, units_of
from tei import model as m
from tei import vocabulary as v

_LANG_CODES = {"russian": "ru", "english": "en", "chinese": "zh", "korean": "ko"}
_VERSION_OPENERS = frozenset({"ISSUER", "FORM", "SENT", "ADDRESS"})
_CLOSING = frozenset({"SIGNATURE", SIGNED, "GREETING", DATE, "OUTGOING"})
_MAX_FOLIO_SPAN = 200


@dataclass(frozen=True)
class Profile:
    """What a layout tells the shared pipeline beyond what the text itself shows."""

    name: str
    translation_first: bool = True  # which division comes first when both languages are present


@dataclass
class _Version:
    lang: str
    units: list[Unit]


def read_document(text: str, profile: Profile, report: Report) -> m.Document:
    """The Document of an export in the given layout; findings go to `report`."""
    front = front_matter(text)
    meta = front.metadata
    year = int(meta.date_when[:4]) if meta.date_when and meta.date_when[:4].isdigit() else None
    archives = _archives(meta, report)
    folios = _folio_numbers(archives)
    versions = list(_versions(front.body, year, folios))
    originals = {_LANG_CODES.get(x.lower()) for x in meta.languages} - {None}
    ctx = Context(year, report, set())
    doc = m.Document(meta, archives=archives, layout=profile.name)
    builders: list[Builder] = []
    counts: dict[str, int] = {}
    for ver in versions:
        counts[ver.lang] = counts.get(ver.lang, 0) + 1
    seen: dict[str, int] = {}
    for ver in versions:
        seen[ver.lang] = seen.get(ver.lang, 0) + 1
        multiple = counts[ver.lang] > 1
        div_id = f"{ver.lang}{seen[ver.lang]}" if multiple else ver.lang
        builder = Builder(ctx, year, folios, lang=ver.lang)
        items = segment(ver.units, year=year, folios=folios)
        blocks = builder.division(items)
        is_original = ver.lang in originals if originals else ver.lang != "en"
        div = m.Division(
            v.DIV_ORIGINAL if is_original else v.DIV_TRANSLATION,
            ver.lang,
            div_id,
            blocks,
            decls="msg1",
            n=str(seen[ver.lang]) if multiple else None,
            subtype=_version_subtype(seen[ver.lang], counts[ver.lang]),
            partial=bool(ver.units) and ver.units[0].kind == "CONTINUATION",
        )
        for k, para in enumerate(builder.paragraphs, 1):
            para.xml_id = f"{div_id}-p{k}"
        doc.divisions.append(div)
        builders.append(builder)
        report.recognise(f"division-{div.type}")
    _order_divisions(doc, builders, profile)
    doc.text_languages = list(dict.fromkeys(d.lang for d in doc.divisions))
    _align(doc, builders)
    doc.messages = _messages(doc, builders)
    doc.entities = _entities(ctx.refs, doc)
    _script_findings(front.body, report)
    _control_findings(text, report)
    if not doc.divisions:
        report.warn(FindingKind.MISSING, "no document text found after the description")
    return doc


# -- archives --------------------------------------------------------------------------------------


def _archives(meta: m.Metadata, report: Report) -> list[m.ArchiveReference]:
    text = meta.citation or meta.source or ""
    out: list[m.ArchiveReference] = []
    for cit in find_archive_citations(text):
        table = ARCHIVES.get(cit.archive)
        out.append(
            m.ArchiveReference(
                key=cit.archive or cit.written,
                written=cit.text,
                abbreviation=table.abbreviation if table else (cit.written or cit.archive),
                repository=table.name if table else None,
                country=table.country if table else None,
                settlement=table.settlement if table else None,
                org_ref=table.org_id if table else None,
                fond=cit.fond,
                opis=cit.opis,
                delo=cit.delo,
                papka=cit.papka,
                folios=[m.Folio(a, b) for a, b in cit.folios],
                folio_text=cit.folio_text,
            )
        )
        report.recognise("archive-citation")
    if text and not out:
        report.warn(
            FindingKind.MISSING, "no archive reference recognised in the citation", None, text
        )
    return out


def _folio_numbers(archives: Sequence[m.ArchiveReference]) -> frozenset[str]:
    """Every folio number of the cited ranges, as a line of the scan would show it."""
    out: set[str] = set()
    for arch in archives:
        for folio in arch.folios:
            if folio.start.isdigit() and folio.end.isdigit():
                a, b = int(folio.start), int(folio.end)
                if 0 <= b - a <= _MAX_FOLIO_SPAN:
                    out.update(str(n) for n in range(a, b + 1))
    return frozenset(out)


# -- language versions ---------------------------------------------------------------------------


def _sections(lines: Sequence[Line]) -> list[tuple[str, list[Line]]]:
    """Runs of lines by script; a line of the other script starts a new run only when the
    lines after it are of that script too (a stray word does not switch language)."""
    scripts = [script(ln.text) for ln in lines]
    marked = [i for i, s in enumerate(scripts) if s]
    out: list[tuple[str, list[Line]]] = []
    current: str | None = None
    start = 0
    for k, i in enumerate(marked):
        s = scripts[i]
        if current is None:
            current = s
            continue
        if s != current:
            ahead = [scripts[j] for j in marked[k : k + 3]]
            if all(a == s for a in ahead):
                out.append((current, list(lines[start:i])))
                start, current = i, s
    if current is not None:
        out.append((current, list(lines[start:])))
    elif any(not ln.blank for ln in lines):  # no letters at all: still text, language unknown
        out.append(("en", list(lines)))
    return out


def _versions(
    lines: Sequence[Line], year: int | None, folios: frozenset[str]
) -> Iterator[_Version]:
    """Each complete version of each language section, in source order."""
    for lang, section in _sections(lines):
        units = units_of(section, year=year, folios=folios)
        prose = [u.kind is None and is_prose(u.text) for u in units]
        # a new version has running text after its opener; a closing line has none
        last_text = max((k for k, p in enumerate(prose) if p), default=-1)
        start = 0
        seen_text = closed = False
        for i, unit in enumerate(units):
            if prose[i]:
                seen_text, closed = True, False
            elif unit.kind in _CLOSING and seen_text:
                closed = True
            elif unit.kind in _VERSION_OPENERS and closed and i < last_text:
                yield _Version(lang, units[start:i])
                start, seen_text, closed = i, False, False
        if units[start:]:
            yield _Version(lang, units[start:])


def _version_subtype(n: int, count: int) -> str | None:
    """With several versions in one language, the last is the text as transmitted and the
    earlier ones are drafts (the exports print the draft first)."""
    if count < 2:
        return None
    return v.DIV_TRANSMITTED if n == count else v.DIV_DRAFT


def _order_divisions(doc: m.Document, builders: list[Builder], profile: Profile) -> None:
    """Translation first (the reading text), originals after, each in source order."""
    order = sorted(
        range(len(doc.divisions)),
        key=lambda i: (doc.divisions[i].type != v.DIV_TRANSLATION) == profile.translation_first,
    )
    doc.divisions[:] = [doc.divisions[i] for i in order]
    builders[:] = [builders[i] for i in order]


# -- alignment -------------------------------------------------------------------------------------


def plain(inlines: Sequence[m.Inline]) -> str:
    """The text of inline content, as written."""
    out: list[str] = []
    for it in inlines:
        if isinstance(it, str):
            out.append(it)
        elif isinstance(it, m.Name | m.EditorialNote | m.Segment):
            out.append(plain(it.content))
        elif isinstance(it, m.Date | m.Number | m.Identifier | m.Gap | m.Foreign):
            out.append(it.text)
        elif isinstance(it, m.LineBreak):
            out.append(" ")
    return "".join(out)


def _align(doc: m.Document, builders: Sequence[Builder]) -> None:
    """Point each translation paragraph at its counterparts in every original, and back."""
    pairs = list(zip(doc.divisions, builders, strict=True))
    left = [(d, b) for d, b in pairs if d.type == v.DIV_TRANSLATION][:1]
    rights = [(d, b) for d, b in pairs if d.type == v.DIV_ORIGINAL]
    if not left:
        return
    lbuild = left[0][1]
    ltexts = [plain(p.content) for p in lbuild.paragraphs]
    targets: dict[int, list[str]] = {}
    for _div, rbuild in rights:
        rtexts = [plain(p.content) for p in rbuild.paragraphs]
        for i, j in align_blocks(ltexts, rtexts):
            lp, rp = lbuild.paragraphs[i], rbuild.paragraphs[j]
            targets.setdefault(i, []).append(rp.xml_id or "")
            rp.corresp = lp.xml_id
    for i, ids in targets.items():
        lbuild.paragraphs[i].corresp = " #".join(ids)


# -- correspondence ------------------------------------------------------------------------------


def _walk(inlines: Sequence[m.Inline]) -> Iterator[m.Inline]:
    for it in inlines:
        yield it
        if isinstance(it, m.Name | m.EditorialNote | m.Segment):
            yield from _walk(it.content)


def _lines(
    blocks: Sequence[m.Block], cls: type[m.Opener] | type[m.Closer]
) -> list[m.ApparatusLine]:
    out: list[m.ApparatusLine] = []
    for b in blocks:
        if isinstance(b, cls):
            out += [ln for ln in b.lines if isinstance(ln, m.ApparatusLine)]
    return out


def _party(name: m.Name) -> m.Party:
    ent = ENTITIES.get(name.ref or "")
    return m.Party(name.ref, ent.name if ent else plain(name.content))


def _names(lines: Sequence[m.ApparatusLine], kinds: set[str], kind: str) -> list[m.Party]:
    out: list[m.Party] = []
    seen: set[str] = set()
    for ln in lines:
        if ln.kind not in kinds:
            continue
        for it in _walk(ln.content):
            if isinstance(it, m.Name) and it.kind == kind:
                party = _party(it)
                key = party.ref or party.text
                if key not in seen:
                    seen.add(key)
                    out.append(party)
    return out


def _first_date(lines: Sequence[m.ApparatusLine], kinds: set[str]) -> m.Date | None:
    """The first dated line's date; a later date of the same day with a time is preferred."""
    dates = [
        it
        for ln in lines
        if ln.kind in kinds
        for it in _walk(ln.content)
        if isinstance(it, m.Date) and it.when
    ]
    if not dates:
        return None
    first = dates[0]
    assert first.when is not None
    best = max(
        (d for d in dates if (d.when or "").startswith(first.when[:10])),
        key=lambda d: len(d.when or ""),
    )
    text = (
        best.text
        if best is first or best.text.startswith(first.text)
        else f"{first.text} {best.text}"
    )
    return m.Date(text, best.when)


def _record(xml_id: str, blocks: Sequence[m.Block], sent_date: m.Date | None) -> m.CorrespRecord:
    opener, closer = _lines(blocks, m.Opener), _lines(blocks, m.Closer)
    sent = m.CorrespAction(
        v.CORRESP_SENT,
        persons=_names(closer, {v.APP_SIGNATURE}, v.PERSON),
        places=_names(opener, {v.APP_RECEIVED}, v.PLACE),
        date=sent_date or _first_date(closer, {v.APP_SIGNATURE, v.APP_DATE, v.APP_OUTGOING}),
    )
    received = m.CorrespAction(
        v.CORRESP_RECEIVED,
        persons=_names(opener, {v.APP_SALUTE, v.APP_ADDRESS}, v.PERSON),
        places=_names(opener, {v.APP_ADDRESS}, v.PLACE),
        date=_first_date(opener, {v.APP_RECEIVED}),
    )
    actions = [sent, received]
    seen: set[str] = set()
    for ln in opener:
        if ln.distribution is None:
            continue
        for item in ln.distribution.items:
            if item.ref and item.ref not in seen:
                seen.add(item.ref)
                ent = ENTITIES.get(item.ref)
                party = m.Party(item.ref, ent.name if ent else plain(item.content))
                actions.append(m.CorrespAction(v.CORRESP_RECEIVED, [party], subtype=v.CORRESP_COPY))
    return m.CorrespRecord(xml_id, actions)


def _messages(doc: m.Document, builders: Sequence[Builder]) -> list[m.CorrespRecord]:
    """msg1 for the telegram itself, msg2... for the quoted ones (matched by order across
    divisions); facts from the first division that has them."""
    if not doc.divisions:
        return []
    meta = doc.metadata
    sent_date = m.Date(meta.date_text, meta.date_when) if meta.date_text else None
    records = [_record("msg1", doc.divisions[0].blocks, sent_date)]
    most = max(len(b.quotes) for b in builders)
    for k in range(most):
        xml_id = f"msg{k + 2}"
        source = next(b.quotes[k] for b in builders if len(b.quotes) > k)
        records.append(_record(xml_id, source.blocks, None))
        for b in builders:
            if len(b.quotes) > k:
                b.quotes[k].decls = xml_id
    return records


# -- entities and text quality ------------------------------------------------------------------


def _entities(refs: set[str], doc: m.Document) -> list[m.EntityRecord]:
    wanted = set(refs)
    for rec in doc.messages:
        for action in rec.actions:
            wanted.update(p.ref for p in (*action.persons, *action.places) if p.ref)
    wanted.update(a.org_ref for a in doc.archives if a.org_ref)
    out: list[m.EntityRecord] = []
    for ref in sorted(wanted):
        ent = ENTITIES.get(ref)
        if ent is None:
            continue
        name_ru = getattr(ent, "name_ru", None)
        out.append(
            m.EntityRecord(
                ent.id,
                ent.kind,
                ent.name,
                ent.names_en,
                (name_ru,) if name_ru else ent.names_ru[:1],
                ent.pseudonyms_en,
                ent.pseudonyms_ru,
                ent.abbreviation,
                names_other=_first_forms(ent, "names"),
                pseudonyms_other=_first_forms(ent, "pseudonyms"),
            )
        )
    return out


@lru_cache(maxsize=1024)
def _first_forms(ent: object, field: str) -> tuple[tuple[str, str], ...]:
    """The first Chinese and Korean form of a table entry's names (or code names), if any;
    cached, as the same entries recur in document after document."""
    out: list[tuple[str, str]] = []
    for lang in ("zh", "ko"):
        forms = getattr(ent, f"{field}_{lang}", ()) or ()
        if forms:
            out.append((lang, forms[0]))
    return tuple(out)


def _script_findings(lines: Sequence[Line], report: Report) -> None:
    for line in lines:
        for _start, _end, word in find_mixed_script_words(line.text):
            report.warn(
                FindingKind.MIXED_SCRIPT, "word mixes Latin and Cyrillic letters", line.number, word
            )


def _control_findings(text: str, report: Report) -> None:
    """Say where characters that XML cannot hold were replaced by spaces (never silently)."""
    for found in not_xml(text):
        line = len((text[: found.start()] + ".").splitlines())  # the line it is on
        code = f"U+{ord(found.group()):04X}"
        message = f"character {code} cannot be XML; replaced by a space"
        report.warn(FindingKind.CONTROL, message, line)


def read_text(text: str, profile: Profile) -> tuple[m.Document, Report]:
    """Convenience: read with a fresh report."""
    report = Report(layout=profile.name)
    return read_document(text, profile, report), report


__all__ = ["Profile", "plain", "read_document", "read_text"]
