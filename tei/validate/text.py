"""Text-quality warnings (TEXT): suspects a schema cannot see, never corrected silently.

A word that mixes Latin and Cyrillic letters ("зернa" with a Latin "a") is almost always an OCR or
keyboard slip in these telegrams; it searches and sorts wrongly. Reported as a warning on the
element whose text holds it (`--strict` makes warnings fail a run).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from tei.diagnostics.codes import diagnostic
from tei.diagnostics.model import Diagnostic

_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def mixed_script_words(text: str) -> list[str]:
    """The words of `text` that contain both Latin and Cyrillic letters."""
    return [w for w in _WORD.findall(text) if _LATIN.search(w) is not None and _CYRILLIC.search(w)]


class TextEngine:
    """`Engine`: mixed-script words in element content (not in attribute values)."""

    name = "text"

    def iter_diagnostics(self, tree: etree._ElementTree, file: str) -> Iterator[Diagnostic]:
        for el in tree.getroot().iter(etree.Element):
            yield from _check(el.text, el, file)
            for child in el:
                yield from _check(child.tail, child, file, owner=el)


def _check(
    text: str | None, where: etree._Element, file: str, owner: etree._Element | None = None
) -> Iterator[Diagnostic]:
    if not text or _CYRILLIC.search(text) is None or _LATIN.search(text) is None:
        return  # one script only: the common case, checked without splitting words
    for word in mixed_script_words(text):
        latin = "".join(dict.fromkeys(_LATIN.findall(word)))
        holder = owner if owner is not None else where
        line = where.sourceline if isinstance(where.sourceline, int) else None
        yield diagnostic(
            "TEXT",
            file,
            f'the word "{word}" in <{etree.QName(holder).localname}> mixes Cyrillic and Latin '
            f'letters (Latin "{latin}")',
            line=line or None,
            engine="text",
        )
