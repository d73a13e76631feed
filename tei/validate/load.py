"""Parse one submitted document into an lxml tree, safely, or say precisely why not.

Submissions are untrusted: the parser never expands or fetches entities, never loads a DTD, never
touches the network, reads at most the size limit, and refuses any DTD that declares entities
(billion laughs) or points outside the document. What comes back is a tree with source line numbers
for the engines, or diagnostics with stable codes (XML, XML-ENTITY, XML-EXTERNAL, TEI-NS, TEI-ROOT,
SIZE, IO, ZIP) and no tree.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from lxml import etree

from tei.diagnostics.codes import diagnostic
from tei.diagnostics.model import Diagnostic
from tei.validate.inputs import (
    DEFAULT_MAX_SIZE,
    InputLimits,
    SizeExceeded,
    Source,
    collect,
    size_diagnostic,
)

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI_ROOTS = frozenset({"TEI", "teiCorpus"})
_HEAD = 64 * 1024  # bytes kept to place a DOCTYPE or an entity declaration on its line
_POSITION_SUFFIX = re.compile(r",\s*line \d+,\s*column \d+\s*$")
_ENGINE = "load"


@dataclass(frozen=True)
class LoadOptions:
    """What the loader insists on; `require_tei=False` lets another schema judge any root."""

    require_tei: bool = True


@dataclass
class Loaded:
    """A parsed document, or the reasons it was refused (then `tree` is None)."""

    source: Source
    tree: etree._ElementTree | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.tree is not None


class RefuseExternal(etree.Resolver):
    """Answers every external DTD or entity request with nothing, so no file or URL is ever read.

    Defence in depth: `load_dtd=False` alone depends on every other option staying benign (with
    `collect_ids=False`, lxml 6 / libxml2 2.14 does open a DOCTYPE's SYSTEM file, strace shows).
    lxml asks a parser's resolvers before its default loader, so this one stops any such load.
    """

    def resolve(  # type: ignore[override]  # lxml-stubs omit the context argument
        self, system_url: str, public_id: str, context: object
    ) -> object:
        return self.resolve_string("", context)  # type: ignore[call-arg]


def safe_parser() -> etree.XMLParser:
    """A fresh parser that resolves nothing outside the document (parsers are not thread-safe).

    Feed it bytes or a file object, never a file name: lxml asks the resolvers for the main
    document's URL too, and RefuseExternal would answer it with an empty document.
    """
    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
    )
    parser.resolvers.add(RefuseExternal())
    return parser


class _BoundedReader:
    """Feeds the parser at most `limit` bytes and keeps the head for locating the DOCTYPE."""

    def __init__(self, stream: IO[bytes], name: str, limit: int) -> None:
        self._stream = stream
        self._name = name
        self._limit = limit
        self.count = 0
        self.head = b""

    def read(self, n: int = -1) -> bytes:
        want = self._limit + 1 - self.count if n is None or n < 0 else n
        chunk = self._stream.read(max(0, min(want, self._limit + 1 - self.count)))
        self.count += len(chunk)
        if self.count > self._limit:
            raise SizeExceeded(self._name, None, self._limit)
        if len(self.head) < _HEAD:
            self.head += chunk[: _HEAD - len(self.head)]
        return chunk


def load(source: Source, options: LoadOptions | None = None) -> Loaded:
    """Parse `source` safely; a refused document comes back with diagnostics and no tree."""
    options = options or LoadOptions()
    if source.problems:
        return Loaded(source, None, list(source.problems))
    name = source.name
    reader: _BoundedReader | None = None
    try:
        with source.open() as stream:
            reader = _BoundedReader(stream, name, source.limit)
            tree = etree.parse(reader, safe_parser(), base_url=name)  # type: ignore[arg-type]
    except SizeExceeded as exc:
        return _refuse(source, size_diagnostic(name, exc.size, exc.limit))
    except etree.XMLSyntaxError as exc:
        return _refuse(source, _syntax_diagnostic(name, exc, reader.head if reader else b""))
    except zipfile.BadZipFile as exc:
        return _refuse(
            source, diagnostic("ZIP", name, f"the archive member cannot be decompressed: {exc}")
        )
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return _refuse(source, diagnostic("IO", name, f"the file cannot be read: {reason}"))
    head = reader.head if reader else b""
    found = _dtd_diagnostics(name, tree, head)
    if not found and options.require_tei:
        found = _root_diagnostics(name, tree.getroot())
    if found:
        return Loaded(source, None, found)
    return Loaded(source, tree)


def load_path(path: str | Path, max_size: int = DEFAULT_MAX_SIZE) -> Loaded:
    """Load one file on disk (tests and the Python API); the size check happens before reading."""
    (source,) = collect([path], InputLimits(max_size=max_size))
    return load(source)


def _refuse(source: Source, finding: Diagnostic) -> Loaded:
    return Loaded(source, None, [_engine(finding)])


def _engine(finding: Diagnostic) -> Diagnostic:
    return finding if finding.engine else replace(finding, engine=_ENGINE)


def _syntax_diagnostic(name: str, exc: etree.XMLSyntaxError, head: bytes) -> Diagnostic:
    text = _POSITION_SUFFIX.sub("", exc.msg or str(exc)).strip()
    line, column = exc.position if exc.position else (None, None)
    if "amplification" in text.lower() or "entity loop" in text.lower():
        return diagnostic(
            "XML-ENTITY",
            name,
            "the DTD's entity declarations expand beyond any sane size (an entity bomb); "
            "the document was refused",
            line=_line_of(head, b"<!DOCTYPE"),
            engine=_ENGINE,
        )
    return diagnostic(
        "XML",
        name,
        f"not well-formed XML: {text}",
        line=line or None,
        column=column or None,
        engine=_ENGINE,
    )


def _dtd_diagnostics(name: str, tree: etree._ElementTree, head: bytes) -> list[Diagnostic]:
    info = tree.docinfo
    found: list[Diagnostic] = []
    doctype_line = _line_of(head, b"<!DOCTYPE")
    system_url: str | None = getattr(info, "system_url", None)
    if system_url or info.public_id:
        where = system_url or info.public_id
        found.append(
            diagnostic(
                "XML-EXTERNAL",
                name,
                f"the DOCTYPE refers to the external DTD {where!r}, which is never loaded; "
                "the document was refused",
                line=doctype_line,
                engine=_ENGINE,
            )
        )
    dtd = info.internalDTD
    if dtd is None:
        return found
    for entity in dtd.iterentities():  # type: ignore[attr-defined]
        line = _line_of(head, b"<!ENTITY", entity.name) or doctype_line
        if entity.system_url:
            found.append(
                diagnostic(
                    "XML-EXTERNAL",
                    name,
                    f"the DTD declares the external entity {entity.name!r} "
                    f"({entity.system_url!r}), which is never loaded; the document was refused",
                    line=line,
                    engine=_ENGINE,
                )
            )
        else:
            found.append(
                diagnostic(
                    "XML-ENTITY",
                    name,
                    f"the DTD declares the entity {entity.name!r}; entity expansion is refused",
                    line=line,
                    engine=_ENGINE,
                )
            )
    return found


def _root_diagnostics(name: str, root: etree._Element) -> list[Diagnostic]:
    qname = etree.QName(root)
    line = source_line(root)
    if qname.namespace == TEI_NS and qname.localname in TEI_ROOTS:
        return []
    if qname.localname in TEI_ROOTS:
        where = f"the namespace {qname.namespace!r}" if qname.namespace else "no namespace"
        return [
            diagnostic(
                "TEI-NS",
                name,
                f"the root element <{qname.localname}> is in {where}, "
                f"not the TEI namespace {TEI_NS}",
                line=line,
                xpath=f"/{root.tag}" if not qname.namespace else None,
                engine=_ENGINE,
            )
        ]
    shown = f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname
    return [
        diagnostic(
            "TEI-ROOT",
            name,
            f"the root element is <{shown}>, not a TEI document's <TEI>",
            line=line,
            engine=_ENGINE,
        )
    ]


def source_line(node: etree._Element) -> int | None:
    """lxml's line number for a node, None when libxml2 does not know it."""
    line = node.sourceline
    return line if isinstance(line, int) and line > 0 else None


def _line_of(head: bytes, marker: bytes, entity: str | None = None) -> int | None:
    """The 1-based line of a declaration in the document's head, for ASCII-compatible encodings."""
    if entity is not None:
        found = re.search(
            re.escape(marker) + rb"\s+(?:%\s+)?" + re.escape(entity.encode("utf-8")) + rb"\s", head
        )
        index = found.start() if found else -1
    else:
        index = head.find(marker)
    return head.count(b"\n", 0, index) + 1 if index >= 0 else None
