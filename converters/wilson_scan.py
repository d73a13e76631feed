"""Layout "wilson-scan": the archive's description, then the transcription of the Russian scan
(sheets with folio numbers, catchwords and continuation headers), then the English translation."""

from __future__ import annotations

from converters.assemble import Profile
from converters.base import Reader, first_letters_line
from converters.lines import script


def detect(text: str) -> int:
    """The document text starts in Cyrillic (the scan comes first)."""
    first = first_letters_line(text)
    return 70 if first is not None and script(first) == "ru" else 0


READER = Reader(
    "wilson-scan",
    "Russian scan transcription first, then the English translation",
    detect,
    Profile("wilson-scan"),
)
