"""Text-quality checks: words that mix Latin and Cyrillic letters ("марionеточных").

Such words are OCR or typing accidents (the two alphabets share look-alike letters); the converter
reports them with their place and never corrects the text silently.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def find_mixed_script_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for every word holding both Latin and Cyrillic letters."""
    if not isinstance(text, str) or text.isascii():
        return []
    if not _LATIN.search(text) or not _CYRILLIC.search(text):
        return []
    return [
        (m.start(), m.end(), m.group())
        for m in _WORD.finditer(text)
        if _LATIN.search(m.group()) and _CYRILLIC.search(m.group())
    ]
