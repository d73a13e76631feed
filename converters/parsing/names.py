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

from converters.tables import ENTITIES, Entity

_WORD = re.compile(r"[^\W\d_]+")
# Words of lower-cased Latin or Cyrillic text: the scripts of the table's spaced names. Explicit
# ranges scan a third faster than the Unicode letter class; Chinese and Korean go by substring.
_LOWER_WORD = re.compile(r"[a-zß-öø-ÿĀ-ɏЀ-ӿ]+")
# What may stand between two words of one name: spaces, one line break, hyphens, apostrophes,
# the dot of an initial ("I.V. Stalin").
_SEP = re.compile(r"(?:[ \t\u00a0]|\.|['’ʼ`]|[-‐–]|\n){1,5}")
_MAX_SPACED_GAP = 3


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


def _build() -> tuple[dict[str, _Entry], frozenset[str]]:
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
    prefixes = frozenset(k[:i] for k in index for i in range(1, len(k) + 1))
    return index, prefixes


_INDEX, _PREFIXES = _build()


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


def _joinable(text: str, end: int, start: int) -> bool:
    if start - end > 5:
        return False
    if end == start:
        return False
    gap = text[end:start]
    return _SEP.fullmatch(gap) is not None and gap.count("\n") <= 1


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
    if _HAS_CJK.search(text) is None:
        return found
    cjk = []
    for m in _CJK_RE.finditer(text):
        entry = _CJK_FORMS[m.group()]
        ent = entry.entity
        cjk.append(NameMatch(m.start(), m.end(), m.group(), ent.kind, ent.id, entry.pseudonym))
    return tuple(sorted((*found, *cjk), key=lambda n: n.start))


def _scan_spaced_scripts(text: str) -> tuple[NameMatch, ...]:
    """Latin and Cyrillic names, word by word."""
    low = text.lower().replace("ё", "е")
    if len(low) != len(text):  # a few letters change length when lower-cased; be exact then
        low = "".join(ch.lower()[:1] or ch for ch in text).replace("ё", "е")
    spans = [m.span() for m in _LOWER_WORD.finditer(low)]
    out: list[NameMatch] = []
    i, n = 0, len(spans)
    while i < n:
        s0, e0 = spans[i]
        key = low[s0:e0]
        if key not in _PREFIXES or (e0 - s0 == 1 and not _may_start_spaced(text, e0)):
            i += 1
            continue
        best: tuple[int, _Entry] | None = None
        j = i
        while True:
            entry = _INDEX.get(key)
            if entry is not None and _case_ok(text, spans, i, j, entry):
                best = (j, entry)
            j += 1
            if j >= n or not _joinable(text, spans[j - 1][1], spans[j][0]):
                break
            key += low[spans[j][0] : spans[j][1]]
            if key not in _PREFIXES:
                break
        if best is not None and _whole_spaced_run(text, spans, i, best[0]):
            j, entry = best
            start, end = s0, spans[j][1]
            ent = entry.entity
            out.append(NameMatch(start, end, text[start:end], ent.kind, ent.id, entry.pseudonym))
            i = j + 1
        else:
            i += 1
    return tuple(out)


def _may_start_spaced(text: str, end: int) -> bool:
    """A one-letter word starts a name only as an initial ("I.V.") or a spaced run ("F I L")."""
    return end < len(text) and text[end] in " .\t"


def _case_ok(text: str, spans: list[tuple[int, int]], i: int, j: int, entry: _Entry) -> bool:
    """Proper names are capitalised in the text too; short abbreviations keep their exact case."""
    if entry.capital and not text[spans[i][0]].isupper():
        return False
    if entry.exact is None:
        return True
    return "".join(text[s:e] for s, e in spans[i : j + 1]) == entry.exact


def _whole_spaced_run(text: str, spans: list[tuple[int, int]], i: int, j: int) -> bool:
    """A name spelled in spaced letters must be the whole run ("F I L I P P O V", not "F I L")."""
    if j == i or any(e - s > 1 for s, e in spans[i : j + 1]):
        return True

    def single(k: int) -> bool:
        return 0 <= k < len(spans) and spans[k][1] - spans[k][0] == 1

    before = single(i - 1) and _joinable(text, spans[i - 1][1], spans[i][0])
    after = single(j + 1) and _joinable(text, spans[j][1], spans[j + 1][0])
    return not (before or after)


def lookup(name: str) -> Entity | None:
    """The entity a whole string names ("FILIPPOV", "Сталину"), or None."""
    entry = _INDEX.get(letters_key(name)) if isinstance(name, str) else None
    return entry.entity if entry is not None else None


def is_pseudonym(name: str) -> bool:
    """Whether a whole string is a listed code name of its entity ("Filippov")."""
    entry = _INDEX.get(letters_key(name)) if isinstance(name, str) else None
    return bool(entry and entry.pseudonym)
