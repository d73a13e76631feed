"""Layout "wilson-continuation": the English translation, then the Russian original of which only
the continuation sheets survive (it opens with "Продолжение шифртелеграммы № ..."), ending with
the cipher office's service block."""

from __future__ import annotations

import re

from converters.assemble import Profile
from converters.base import Reader, first_letters_line
from converters.lines import script

_CONTINUATION = re.compile(r"^(?:#{1,6}\s+)?Продолжение\s+шифр", re.M | re.I)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def detect(text: str) -> int:
    """English first, and the first Cyrillic line opens a continuation sheet."""
    first = first_letters_line(text)
    if first is None or script(first) != "en":
        return 0
    for line in text.splitlines():
        if _CYRILLIC.search(line):
            return 80 if _CONTINUATION.match(line.strip()) else 0
    return 0


READER = Reader(
    "wilson-continuation",
    "English translation with the Russian continuation sheets",
    detect,
    Profile("wilson-continuation"),
)
