"""Archival citations: "APRF, f. 45, op. 1, d. 337, ll. 41-43" and every spelling of it.

A citation is read as an archive name followed by a run of labelled parts (fond, opis, delo,
papka, folios) in any of the labels the exports use: abbreviated ("f.", "op.", "d.", "ll."),
spelled out ("Fond", "Opis", "Delo", "Listy"), Russian ("ф.", "оп.", "д.", "л."), separated by
commas, full stops or semicolons. Several citations in one string ("... and RGASPI f. 558, ...")
are found one by one, each starting at its archive name. An archive not in the curated table
keeps its abbreviation as written, so a new repository still yields a citation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from converters.tables import ARCHIVES, archive_for


@dataclass(frozen=True)
class ArchiveCitation:
    """One archive reference with its parts as written ("059a" stays "059a", "0141" stays)."""

    start: int
    end: int
    text: str
    archive: str  # key into tables.ARCHIVES, the abbreviation as written if unknown, "" if absent
    written: str
    fond: str | None
    opis: str | None
    delo: str | None
    papka: str | None
    folios: tuple[tuple[str, str], ...]
    folio_text: str | None


_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_LABELS: tuple[tuple[str, str], ...] = (
    ("fond", r"(?i:fonds?|фонд|f|ф)"),
    ("opis", r"(?i:opis['’]?|inventory|опись|op|оп)"),
    ("delo", r"(?i:delo|file|дело|d|д)"),
    ("papka", r"(?i:papka|folder|папка|pap|п)"),
    ("page", r"(?i:p)"),  # papka in AVPRF style before folios, pages at the end
    ("folios", r"(?i:listy|lists?|pages|page|листы|лист|ll|pp|лл|л|l|стр)"),
)
_VALUE = r"(?:[РRрr]-?)?\d+[a-zа-яё]?(?![\d])"
_FOLIO = r"\d+(?:[ \t]?(?:ob|об)\.?|[a-zа-яё](?![a-zа-яё]))?"  # "41", "41a", "10ob.", "10 об."
_FOLIO_LIST = rf"{_FOLIO}(?:\s*[-–—]\s*{_FOLIO})?(?:\s*,\s*{_FOLIO}(?:\s*[-–—]\s*{_FOLIO})?)*"


def _part_alternative(name: str, label: str) -> str:
    value = _FOLIO_LIST if name in ("folios", "page") else _VALUE
    return rf"(?P<{name}>{label}(?![^\W\d_])\.?\s*(?P<{name}_v>{value}))"


# One labelled part, after a comma, full stop or semicolon: "op. 1", "Listy 88-90", "Д. 337".
_PART = re.compile(
    r"[ \t]*[,;.]?\s{0,3}"
    + _NOT_LETTER_BEFORE
    + "(?:"
    + "|".join(_part_alternative(name, label) for name, label in _LABELS)
    + ")"
)
_FOND = re.compile(_NOT_LETTER_BEFORE + rf"(?i:fonds?|фонд|f|ф)(?![^\W\d_])\.?\s*{_VALUE}")
_RANGE = re.compile(rf"({_FOLIO})(?:\s*[-–—]\s*({_FOLIO}))?")


def _known_archive_pattern() -> re.Pattern[str]:
    """Any written form of a known archive, spaces flexible ("AP RF" = "APRF"), at a line's end."""
    forms = {v for a in ARCHIVES.values() for v in (*a.variants, a.key)}
    alts = sorted(
        (r"\s*".join(re.escape(ch) for ch in f.replace(" ", "")) for f in forms),
        key=len,
        reverse=True,
    )
    return re.compile(
        _NOT_LETTER_BEFORE + "(?P<name>" + "|".join(alts) + r")[ \t]*\)?[ \t]*[,.:]?\s{0,3}\Z",
        re.I,
    )


_KNOWN_BEFORE = _known_archive_pattern()
# An unknown archive: an abbreviation of capitals ("GAKhK", "TsGA RUz"), just before the fond.
_UNKNOWN_BEFORE = re.compile(
    _NOT_LETTER_BEFORE
    + r"(?P<name>[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{1,7}(?:[ \t][A-ZА-ЯЁ][A-Za-zА-Яа-яЁё]{0,3})?)"
    + r"[ \t]*[,.:]?\s{0,3}\Z"
)
_REACH = 90


def find_archive_citations(text: str) -> list[ArchiveCitation]:
    """Every archive citation in `text`, left to right; a fond is required to count as one."""
    if not isinstance(text, str) or not text:
        return []
    out: list[ArchiveCitation] = []
    pos = 0
    for at in _fond_starts(text):
        if at < pos:
            continue
        cit = _read(text, at, pos)
        if cit is not None:
            out.append(cit)
            pos = cit.end
    return out


def _fond_starts(text: str) -> list[int]:
    """Where a fond label begins: found with str.find (much faster than sliding a regex over
    a whole document), then checked with the label pattern."""
    starts = set()
    for label, back in _FOND_LABELS:
        i = text.find(label)
        while i != -1:
            starts.add(max(0, i - back))
            i = text.find(label, i + 1)
    return [i for i in sorted(starts) if _FOND.match(text, i)]


# (what to look for, how far back the label starts): "f.", "ф.", and the "ond" of "Fond"/"фонд".
_FOND_LABELS: tuple[tuple[str, int], ...] = (
    ("f.", 0),
    ("F.", 0),
    ("ф.", 0),
    ("Ф.", 0),
    ("ond", 1),
    ("OND", 1),
    ("онд", 1),
    ("ОНД", 1),
)


def _read(text: str, fond_at: int, floor: int) -> ArchiveCitation | None:
    parts: dict[str, str] = {}
    folio_text: str | None = None
    folios: tuple[tuple[str, str], ...] = ()
    pos, end = fond_at, fond_at
    pending_page: tuple[str, int, int] | None = None  # "p. 11": papka if folios follow
    while True:
        m = _PART.match(text, pos)
        if m is None or m.lastgroup is None:
            break
        name = m.lastgroup
        if name.endswith("_v"):
            name = name[:-2]
        value = m.group(name + "_v")
        if name == "page":
            if pending_page is not None or "papka" in parts or folios:
                break
            pending_page = (value, m.start(name), m.end())
        elif name == "folios":
            if folios:
                break
            if pending_page is not None:
                parts["papka"] = pending_page[0]
                pending_page = None
            folios = _ranges(value)
            folio_text = text[m.start(name) : m.end()]
        else:
            if pending_page is not None and "papka" not in parts:
                # AVPRF order "f. 0102, op. 6, p. 21, d. 47": a "p." before the delo is the papka.
                parts["papka"] = pending_page[0]
                pending_page = None
            if name in parts or folios:
                break
            parts[name] = value
        pos = end = m.end()
    if pending_page is not None:  # "pp."/"p." at the end are pages of the file
        folios = _ranges(pending_page[0])
        folio_text = text[pending_page[1] : pending_page[2]]
    if "fond" not in parts or len(parts) + bool(folios) < 2:
        return None
    start, written, key = _archive_before(text, fond_at, floor)
    return ArchiveCitation(
        start=start,
        end=end,
        text=text[start:end],
        archive=key,
        written=written,
        fond=parts.get("fond"),
        opis=parts.get("opis"),
        delo=parts.get("delo"),
        papka=parts.get("papka"),
        folios=folios,
        folio_text=folio_text,
    )


def _ranges(value: str) -> tuple[tuple[str, str], ...]:
    out = []
    for m in _RANGE.finditer(value):
        a = m.group(1).replace(" ", "").rstrip(".")
        b = (m.group(2) or m.group(1)).replace(" ", "").rstrip(".")
        out.append((a, b))
    return tuple(out)


def _archive_before(text: str, fond_at: int, floor: int) -> tuple[int, str, str]:
    """The archive named just before the fond: (start, as written, key or abbreviation)."""
    lo = max(floor, fond_at - _REACH)
    m = _KNOWN_BEFORE.search(text, lo, fond_at)
    if m is not None:
        written = m.group("name")
        arc = archive_for(written)
        return m.start("name"), written, arc.key if arc else written
    m = _UNKNOWN_BEFORE.search(text, lo, fond_at)
    if m is not None and sum(ch.isupper() for ch in m.group("name")) >= 2:
        return m.start("name"), m.group("name"), m.group("name")
    return fond_at, "", ""
