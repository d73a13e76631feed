"""Layout "wilson-web": a saved web page: chrome ("Skip to content"), date and title, the English
text, a description paragraph and a trailing "Document Information" block (Source, Rights,
Original Uploaded Date, Type, Language, Record ID) whose labels have no colon."""

from __future__ import annotations

import re

from converters.assemble import Profile
from converters.base import Reader

_TRAILER = re.compile(r"^Document Information\s*$", re.M | re.I)
_CHROME = re.compile(r"\A\s*Skip to (?:main )?content\s*$", re.M | re.I)


def detect(text: str) -> int:
    """A "Document Information" trailer, or the page's "Skip to content" chrome."""
    if _TRAILER.search(text):
        return 90
    return 60 if _CHROME.search(text) else 0


READER = Reader(
    "wilson-web",
    "web-page export with a trailing Document Information block",
    detect,
    Profile("wilson-web"),
)
