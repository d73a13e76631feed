"""Regex fragments and word lists several parsers share (number signs, honorifics, number words).

Kept in one place so that "No.", "№" and "Nº" or "Comrade" and "тов." mean the same thing to the
header, distribution and signature parsers.
"""

from __future__ import annotations

import re

#: A number sign as typed in the exports: №, Nº, N°, No., No, Nr., #.
NUMBER_SIGN = r"(?:№|N[º°o˚]\.?|No\.?|NO\.?|Nr\.?|#)"

#: Honorifics and titles that stay outside a tagged name.
HONORIFIC = (
    r"(?:Comrades?|COMRADES?|Comr\.|COMR\.|Cde\.?|CDE\.?|Com\.|Premier|PREMIER|Chairman|CHAIRMAN"
    r"|Marshal|MARSHAL|General|GENERAL|Colonel|COLONEL|Ambassador|AMBASSADOR|Mr\.|Mrs\.|Dear"
    r"|(?i:тов\.|товарищу|товарищ|т\.|премьеру|премьер|маршалу|маршал|председателю|послу))"
)
HONORIFIC_RE = re.compile(rf"(?:{HONORIFIC}\s*)+")

#: Russian and English number words, for counts such as "Отп. четыре экз.".
NUMBER_WORDS: dict[str, int] = {
    "один": 1,
    "одна": 1,
    "одно": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
NUMBER_WORD = r"(?i:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"


def number_value(word: str) -> int | None:
    """The integer a digit string or number word stands for, or None."""
    w = word.strip().lower()
    if w.isdigit():
        return int(w)
    return NUMBER_WORDS.get(w)


# Characters that `re`'s IGNORECASE matches to a basic Latin or Cyrillic letter other than the
# one str.lower() gives (dotted and dotless i, long s, the old Cyrillic letter forms).
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u1c80-\u1c86]")


def folded(text: str) -> str | None:
    """text.lower(), or None when it holds a character `re` folds otherwise.

    Where it is not None, a pattern of lower-case letters (a-z, а-я, ё), blanks and the word,
    digit and space classes finds in it exactly what the same pattern with IGNORECASE finds in
    `text`, at the same offsets; and it finds it much faster (or `in` does), since no case has
    to be tried at every position.
    """
    if text.isascii() or _ODD_CASE.search(text) is None:
        return text.lower()
    return None


_LEAD_CHARS = " \t\r\n\u00a0\ufeff#*>_"
_TRAIL_CHARS = " \t\r\n\u00a0*_"


def line_bounds(line: str) -> tuple[int, int]:
    """Start and end of a line without surrounding whitespace and Markdown markers ("## ", "**")."""
    if line and line[0] not in _LEAD_CHARS and line[-1] not in _TRAIL_CHARS:
        return 0, len(line)  # most lines: nothing to strip
    s = len(line) - len(line.lstrip(_LEAD_CHARS))
    e = len(line.rstrip(_TRAIL_CHARS))
    return s, max(s, e)
