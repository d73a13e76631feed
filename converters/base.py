"""What every layout reader is: a name, a detector and a read function over the shared pipeline.

Pandoc-style: a reader has one shape, `read(text, options) -> (Document, Report)`; the registry in
`converters/__init__.py` maps layout names to readers. A detector returns a score (0: not this
layout); the highest score wins, so a more specific layout outranks a general one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from converters.assemble import Profile, read_document
from converters.frontmatter import front_matter
from converters.lines import script
from converters.report import Report
from tei.model import Document
from tei.options import ReadOptions

CYRILLIC_LINE = re.compile(r"^[^A-Za-z\n]*[\u0400-\u04ff]{3}", re.M)
MARKDOWN_HEADING = re.compile(r"^#{1,6} \S", re.M)
MARKDOWN_LABEL = re.compile(r"^\*\*[A-Z][A-Za-z ]+:\*\*\s*$", re.M)


@dataclass(frozen=True)
class Reader:
    """A layout: its name, a one-line description, its detector and its pipeline profile."""

    name: str
    description: str
    detect: Callable[[str], int]
    profile: Profile

    def read(self, text: str, options: ReadOptions | None = None) -> tuple[Document, Report]:
        """The Document of `text` read in this layout, and the conversion report."""
        report = Report(layout=self.name)
        return read_document(text, self.profile, report), report


@lru_cache(maxsize=4)
def first_letters_line(text: str) -> str | None:
    """The first line after the description fields with a clear script (the document's start)."""
    body = front_matter(text).body
    return next((ln.text for ln in body if script(ln.text)), None)
