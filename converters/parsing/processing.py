"""The cipher clerks' notes of a telegram's service block: who deciphered, typed, printed, checked.

"Расш. Сухов 29.1.51 20.20", "отп.Степанова 17.45 16.1", "Отп. четыре экз.", "Проверил: НАЧАЛЬНИК
ОТДЕЛЕНИЯ", "Deciphered by X 14.05 Typed by Y": a keyword, then a clerk's name, a time and perhaps a
count. One line may hold several notes, so a line is split at each keyword and every part read
the same way. "Расп." is read as "Расш." (deciphered), as the encoding brief's example does: it
is the scans' usual misreading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from converters.parsing.dates import find_dates, find_times, parse_time
from converters.parsing.lexicon import NUMBER_WORD, line_bounds, number_value


@dataclass(frozen=True)
class ProcessingNote:
    """One clerk's note inside a processing line ("Deciphered by X 14.05 Typed by Y" has two)."""

    start: int
    end: int
    subtype: str  # "deciphered" | "enciphered" | "typed" | "printed" | "checked"
    person: tuple[int, int] | None  # offsets of the clerk's name
    when: str | None  # ISO date-time, date or xs:time
    count: int | None  # copies printed


_PROC_KEY = re.compile(
    r"(?<![^\W\d_])(?:"
    r"(?P<deciphered>Расш(?:ифровал[аи]?)?|Расп|Deciphered(?:[ \t]+by)?|Decoded(?:[ \t]+by)?"
    r"|Decrypted(?:[ \t]+by)?)"
    r"|(?P<enciphered>Зашифровал[аи]?|Зашифр|Enciphered(?:[ \t]+by)?|Ciphered[ \t]+by"
    r"|Encoded[ \t]+by)"
    r"|(?P<printed>Отпечатано|Напечатано|Размножено|Printed(?:[ \t]+in)?)"
    r"|(?P<typed>Отпечатал[аи]?|Напечатал[аи]?|Отп|Печ|Typed(?:[ \t]+by)?)"
    r"|(?P<checked>Проверил[аи]?|Сверил[аи]?|Checked(?:[ \t]+by)?|Verified(?:[ \t]+by)?)"
    r")(?![^\W\d_])[ \t]*[.:]?[ \t]*",
    re.IGNORECASE,
)
COPIES_COUNT = re.compile(
    rf"(?P<n>\d+|{NUMBER_WORD})[ \t]*(?:экз\.?|экземпляр[а-я]*|copies|copy)(?![^\W\d_])",
    re.IGNORECASE,
)
_RANKS = frozenset(
    [
        "начальник",
        "отделения",
        "отдела",
        "управления",
        "полковник",
        "подполковник",
        "майор",
        "капитан",
        "лейтенант",
        "генерал",
        "старший",
        "младший",
        "head",
        "chief",
        "of",
        "the",
        "section",
        "department",
        "colonel",
        "major",
        "captain",
        "lieutenant",
        "general",
    ]
)
_PERSON_WORD = re.compile(r"\(?(?:[A-ZА-ЯЁ]\.[ \t]?){0,2}[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё'-]+\)?")
LOOSE_TIME = re.compile(r"(?<![\d.,:])\d{1,2}[.:]\d{2}(?![\d]|[.,]\d)")


def processing_notes(line: str, *, year: int | None = None) -> list[ProcessingNote]:
    """The clerks' notes of a service line, each with its person, time and count.

    The line must begin with a note keyword ("Расш.", "отп.", "Deciphered by", "Проверил:");
    ordinary text gives an empty list.
    """
    if not isinstance(line, str):
        return []
    s, e = line_bounds(line)
    if _PROC_KEY.match(line, s, e) is None:
        return []
    keys = list(_PROC_KEY.finditer(line, s, e))
    out = []
    for i, k in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else e
        note = _note(line, k, end, year)
        if note is None:
            return []
        out.append(note)
    return out


def _note(line: str, k: re.Match[str], end: int, year: int | None) -> ProcessingNote | None:
    subtype = k.lastgroup or "typed"
    body_s = k.end()
    body = line[body_s:end]
    count = None
    cm = COPIES_COUNT.match(body)
    if subtype in ("typed", "printed") and cm is not None:
        subtype, count = "printed", number_value(cm.group("n"))
    person = None
    if count is None:
        person = _clerk(line, body_s, end)
    when = None
    dates = find_dates(body, year=year)
    if dates:
        when = dates[0].when
    else:
        times = find_times(body) or []
        if times:
            when = times[0].when
        else:
            lt = LOOSE_TIME.search(body)
            when = parse_time(lt.group()) if lt else None
    if subtype == "checked" or person or when or count is not None:
        return ProcessingNote(k.start(), end, subtype, person, when, count)
    if not body.strip():  # a bare keyword at the end of a block, the name on the next line
        return ProcessingNote(k.start(), end, subtype, None, None, None)
    return None


def _clerk(line: str, s: int, e: int) -> tuple[int, int] | None:
    """The clerk's name after a note keyword: the first capitalised word that is not a rank."""
    for m in _PERSON_WORD.finditer(line, s, e):
        word = m.group().strip("()")
        if word.lower() in _RANKS:
            continue
        a = m.start() + (1 if m.group().startswith("(") else 0)
        return a, a + len(word)
    return None
    return None
