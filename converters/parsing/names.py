"""Known persons, places and organisations in running text, by the curated table.

Matching is on letters only: a name is a run of words whose letters, case-folded and joined, equal
the letters of a listed variant. That one rule covers "MAO ZEDONG" and "Mao Zedong", "Цзэ-дун" and
"Цзэдун", spaced signatures ("М А О Ц З Е - Д У Н", "F I L I P P O V") and names broken across a
line, without a pattern per spelling. Words are whole (letter runs), the longest match wins, and
honorifics ("Comrade", "тов.") are never part of a match because they are not in the table.
A name must start with a capital as it does in the table ("молотов" is a plural of "hammer", not
Molotov), and short all-capital abbreviations ("UN", "PLA") must match their case exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from converters.tables import ENTITIES, Entity

_WORD = re.compile(r"[^\W\d_]+")
# Letters of lower-cased Latin or Cyrillic text: the scripts of the table's spaced names. Explicit
# ranges scan a third faster than the Unicode letter class; Chinese and Korean go by substring.
_LETTERS = "a-zß-öø-ÿĀ-ɏЀ-ӿ"
_LOWER_WORD = re.compile(f"[{_LETTERS}]+")
# What may stand between two words of one name: one to five spaces, hyphens, apostrophes, dots of
# initials ("I.V. Stalin") and at most one line break.
_GAP_CHARS = " \t\u00a0.'’ʼ`-‐–"
_NO_GAPS = str.maketrans("", "", _GAP_CHARS + "\n")
_SEP = re.escape(_GAP_CHARS)
_GAP = rf"(?=[{_SEP}\n]{{1,5}}(?:[{_LETTERS}]|\Z))[{_SEP}]*\n?[{_SEP}]*"  # up to a word or the end
_NEXT_WORD = re.compile(rf"{_GAP}([{_LETTERS}]+)")
# A one-letter word just before `endpos`, with only a gap between (search with pos and endpos).
_SINGLE_BEFORE = re.compile(rf"(?<![{_LETTERS}])[{_LETTERS}]{_GAP}\Z")


@dataclass(frozen=True)
class NameMatch:
    """A known name in the text; `ref` is the entity's xml:id."""

    start: int
    end: int
    text: str
    kind: str
    ref: str
    pseudonym: bool


@dataclass(frozen=True)
class _Entry:
    entity: Entity
    pseudonym: bool
    exact: str | None  # letters that must match case-sensitively (short capital abbreviations)
    capital: bool = True  # the name starts with a capital ("Molotov", not "молотов" = hammers)


def letters_key(text: str) -> str:
    """The comparison key of a name: its letters only, case-folded, ё as е."""
    return "".join(_WORD.findall(text)).casefold().replace("ё", "е")


def _build() -> dict[str, _Entry]:
    index: dict[str, _Entry] = {}
    for ent in ENTITIES.values():
        forms = [(f, False) for f in (*ent.names_en, *ent.names_ru)]
        forms += [(f, True) for f in (*ent.pseudonyms_en, *ent.pseudonyms_ru)]
        if ent.abbreviation:
            forms.append((ent.abbreviation, False))
        for form, pseudo in forms:
            key = letters_key(form)
            if not key or key in index:
                continue
            letters = "".join(_WORD.findall(form))
            exact = letters if (letters.isupper() and len(letters) <= 6) else None
            index[key] = _Entry(ent, pseudo, exact, letters[:1].isupper())
    return index


_INDEX = _build()


class _Prefix(NamedTuple):
    """The leading letters of some listed names, as the words read so far spell them."""

    capital: bool  # the name must be capitalised: no lower-case name ("river Han") starts so
    entry: _Entry | None  # the name these letters spell in full
    longer: bool  # further words can make a longer name


def _build_prefixes() -> dict[str, _Prefix]:
    """Every leading part of every name's letters: a name's first word can be any of them."""
    lower = {k[:i] for k, e in _INDEX.items() if not e.capital for i in range(1, len(k) + 1)}
    longer = {k[:i] for k in _INDEX for i in range(1, len(k))}
    every = longer | _INDEX.keys()
    return {p: _Prefix(p not in lower, _INDEX.get(p), p in longer) for p in every}


_PREFIXES = _build_prefixes()


def _fold(ch: str) -> str:
    """The character lower-cased text holds for `ch` (İ lowers to two; its first stands in)."""
    return (ch.lower()[:1] or ch).replace("ё", "е")


def _char_class(letters: frozenset[str]) -> str:
    """The body of a regex class for `letters` (no escapes needed), as runs of code points."""
    runs: list[list[int]] = []
    for point in sorted(map(ord, letters)):
        if runs and runs[-1][1] == point - 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in runs)


def _text_letters() -> frozenset[str]:
    """Characters of the original text whose lower case is a word letter.

    Besides the letters' own upper cases, Unicode lowers only ẞ, the Kelvin K and the Ångström Å
    into these ranges; a test checks the set against every code point.
    """
    pool = set(map(chr, range(0x500)))  # the word letters lie below U+0500
    pool |= {up for up in map(str.upper, pool) if len(up) == 1}
    pool |= set("\u1e9e\u212a\u212b")
    return frozenset(ch for ch in pool if _LOWER_WORD.fullmatch(_fold(ch)))


def _name_start() -> re.Pattern[str]:
    """Words of the original text that can begin a name: a capital, or a lower-case name's letter.

    Scanning for these in C, rather than testing every word, is what makes the scan fast.
    """
    capital = {k[0] for k, entry in _INDEX.items() if entry.capital}
    lower = {k[0] for k, entry in _INDEX.items() if not entry.capital}
    starts = frozenset(
        ch for ch in _TEXT_LETTERS if _fold(ch) in lower or (ch.isupper() and _fold(ch) in capital)
    )
    letters = _char_class(_TEXT_LETTERS)
    return re.compile(f"([{_char_class(starts)}](?<![{letters}].)[{letters}]*)")


_TEXT_LETTERS = _text_letters()
_NAME_START = _name_start()


def _build_cjk() -> tuple[re.Pattern[str], dict[str, _Entry]]:
    """Chinese and Korean forms are found as substrings: these scripts do not space words."""
    forms: dict[str, _Entry] = {}
    for ent in ENTITIES.values():
        for form in (*ent.names_zh, *ent.names_ko):
            forms.setdefault(form, _Entry(ent, False, None, False))
        for form in ent.pseudonyms_zh:
            forms.setdefault(form, _Entry(ent, True, None, False))
    alts = sorted(forms, key=len, reverse=True) or ["(?!)"]
    return re.compile("|".join(re.escape(f) for f in alts)), forms


_CJK_RE, _CJK_FORMS = _build_cjk()
_HAS_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def find_names(text: str) -> list[NameMatch]:
    """Every known name in `text`, left to right, longest first; unknown names give nothing.

    Results are cached: readers, the bracket parser and the aligner ask about the same blocks.
    """
    if not isinstance(text, str) or not text:
        return []
    if len(text) > _CACHE_LIMIT:  # whole documents are read once; blocks and lines recur
        return list(_scan_names(text))
    return list(_cached_names(text))


_CACHE_LIMIT = 4000


@lru_cache(maxsize=4096)
def _cached_names(text: str) -> tuple[NameMatch, ...]:
    return _scan_names(text)


def _scan_names(text: str) -> tuple[NameMatch, ...]:
    found = _scan_spaced_scripts(text)
    if text.isascii() or _HAS_CJK.search(text) is None:
        return found
    cjk = []
    for m in _CJK_RE.finditer(text):
        entry = _CJK_FORMS[m.group()]
        cjk.append(_name_match(m.start(), m.end(), m.group(), entry))
    return tuple(sorted((*found, *cjk), key=lambda n: n.start))


def _scan_spaced_scripts(text: str) -> tuple[NameMatch, ...]:
    """Latin and Cyrillic names, from each word that can start one."""
    low = text.lower().replace("ё", "е")
    if len(low) != len(text):  # a few letters change length when lower-cased; be exact then
        low = "".join(map(_fold, text))
    out: list[NameMatch] = []
    end = stop = 0
    pieces = iter(_NAME_START.split(text))  # text, word, text, ...: cheaper than match objects
    for before, word in zip(pieces, pieces, strict=False):  # the text after the last word: unpaired
        start = stop + len(before)
        stop = start + len(word)
        key = low[start:stop]
        prefix = _PREFIXES.get(key)
        if prefix is None or start < end:  # no name starts so, or inside the name just found
            continue
        upper = text[start].isupper()
        if (prefix.capital and not upper) or (len(key) == 1 and not _may_start_spaced(text, stop)):
            continue
        found = _longest_name(text, low, start, stop, key, upper)
        if found is not None:
            out.append(found)
            end = found.end
    return tuple(out)


def _longest_name(
    text: str, low: str, start: int, end: int, key: str, upper: bool
) -> NameMatch | None:
    """The longest listed name of the words from `start`, joined by short gaps, or None.

    A name must start with a capital if the table's does, and short abbreviations must keep their
    exact case ("UN", not "un").
    """
    words, prefix = 1, _PREFIXES[key]
    best, best_end, spaced = None, end, False
    while True:
        _, entry, longer = prefix
        if (
            entry is not None
            and (upper or not entry.capital)
            and (entry.exact is None or _letters(text, start, end) == entry.exact)
        ):
            best, best_end, spaced = entry, end, words == len(key) > 1
        if not longer:
            break
        word = _NEXT_WORD.match(low, end)
        if word is None:
            break
        key += word.group(1)
        next_prefix = _PREFIXES.get(key)
        if next_prefix is None:
            break
        prefix, end, words = next_prefix, word.end(), words + 1
    if best is None or (spaced and not _whole_spaced_run(low, start, best_end)):
        return None
    return _name_match(start, best_end, text[start:best_end], best)


def _name_match(start: int, end: int, text: str, entry: _Entry) -> NameMatch:
    """NameMatch(...) at half the cost: a frozen dataclass's __init__ sets each field by a call."""
    match = object.__new__(NameMatch)
    fields = match.__dict__
    fields["start"] = start
    fields["end"] = end
    fields["text"] = text
    fields["kind"] = entry.entity.kind
    fields["ref"] = entry.entity.id
    fields["pseudonym"] = entry.pseudonym
    return match


def _letters(text: str, start: int, end: int) -> str:
    """The letters of the words in text[start:end]: all that is not a gap between them."""
    return text[start:end].translate(_NO_GAPS)


def _may_start_spaced(text: str, end: int) -> bool:
    """A one-letter word starts a name only as an initial ("I.V.") or a spaced run ("F I L")."""
    return end < len(text) and text[end] in " .\t"


def _whole_spaced_run(low: str, start: int, end: int) -> bool:
    """A name spelled in spaced letters must be the whole run ("F I L I P P O V", not "F I L")."""
    if _SINGLE_BEFORE.search(low, max(0, start - 6), start) is not None:
        return False
    after = _NEXT_WORD.match(low, end)
    return after is None or len(after.group(1)) > 1


def lookup(name: str) -> Entity | None:
    """The entity a whole string names ("FILIPPOV", "Сталину"), or None."""
    entry = _INDEX.get(letters_key(name)) if isinstance(name, str) else None
    return entry.entity if entry is not None else None


def is_pseudonym(name: str) -> bool:
    """Whether a whole string is a listed code name of its entity ("Filippov")."""
    entry = _INDEX.get(letters_key(name)) if isinstance(name, str) else None
    return bool(entry and entry.pseudonym)
