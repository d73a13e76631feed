"""Layout "wilson-markdown": Markdown with bold labels ("**Citation:**") and the telegram's heading
lines as "##" headings, English only."""

from __future__ import annotations

from converters.assemble import Profile
from converters.base import MARKDOWN_HEADING, Reader, first_letters_line
from converters.lines import script


def detect(text: str) -> int:
    """Markdown headings in an English document."""
    first = first_letters_line(text)
    if first is None or script(first) != "en" or not MARKDOWN_HEADING.search(text):
        return 0
    return 50


READER = Reader(
    "wilson-markdown",
    "Markdown with ## headings for the telegram's heading lines",
    detect,
    Profile("wilson-markdown"),
)
