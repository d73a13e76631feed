"""Readers of the archive's plain-text exports: layout registry, detection and `read`.

    >>> from converters import read
    >>> document, report = read(text)            # layout detected
    >>> document, report = read(text, layout="wilson-web")

A layout is one module with a `READER` plus one entry in `READERS`. When no layout recognises a
text, the "generic" reader converts it anyway (the same shared pipeline) and the report says so.
"""

from __future__ import annotations

from converters import (
    wilson_continuation,
    wilson_markdown,
    wilson_outgoing,
    wilson_scan,
    wilson_web,
)
from converters.assemble import Profile
from converters.base import Reader
from converters.report import FindingKind, Report
from tei.errors import UnknownLayoutError
from tei.model import Document
from tei.options import ReadOptions

GENERIC = Reader(
    "generic", "best effort for a layout not recognised", lambda text: 1, Profile("generic")
)

READERS: dict[str, Reader] = {
    r.name: r
    for r in (
        wilson_scan.READER,
        wilson_web.READER,
        wilson_continuation.READER,
        wilson_markdown.READER,
        wilson_outgoing.READER,
        GENERIC,
    )
}


def detect(text: str) -> Reader | None:
    """The reader whose detector scores highest (ties: registry order); None if none claims it."""
    best, score = None, 0
    for reader in READERS.values():
        if reader is GENERIC:
            continue
        s = reader.detect(text)
        if s > score:
            best, score = reader, s
    return best


def read(
    text: str, layout: str | None = None, options: ReadOptions | None = None
) -> tuple[Document, Report]:
    """The Document of an export and the conversion report; `layout` forces a reader.

    Raises UnknownLayoutError for a layout name that is not registered.
    """
    name = layout or (options.layout if options else None)
    if name is not None:
        if name not in READERS:
            raise UnknownLayoutError(name, sorted(READERS))
        return READERS[name].read(text, options)
    reader = detect(text)
    if reader is None:
        document, report = GENERIC.read(text, options)
        report.detected = False
        report.warn(FindingKind.LAYOUT, "layout not recognised; converted with the generic reader")
        return document, report
    return reader.read(text, options)


__all__ = ["READERS", "Reader", "Report", "detect", "read"]
