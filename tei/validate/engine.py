"""The engine shapes: one per document (a parsed tree in, findings out) and one per batch.

Every engine yields `Diagnostic`s and nothing else (style guide: errors are data, iterators are the
primitive). A per-document engine gets the tree the safe loader parsed, so no engine reparses or
touches the network; a batch engine (jing, a JVM) gets the sources and runs once for all of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from lxml import etree

from tei.diagnostics.model import Diagnostic
from tei.validate.inputs import Source


class Engine(Protocol):
    """Checks one parsed document."""

    name: str

    def iter_diagnostics(self, tree: etree._ElementTree, file: str) -> Iterator[Diagnostic]: ...


class BatchEngine(Protocol):
    """Checks many documents in one go (one JVM for all); findings by `Source.name`."""

    name: str

    def run(self, sources: Sequence[Source]) -> dict[str, list[Diagnostic]]: ...


def strip_tei_namespace(text: str) -> str:
    """Messages in the document's terms: `{http://www.tei-c.org/ns/1.0}date` -> `date`."""
    return text.replace("{http://www.tei-c.org/ns/1.0}", "")
