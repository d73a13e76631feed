"""Find and index the TEI P5 source (p5subset.xml) that ODD customisations refer to.

The source is given explicitly (`--source` path or URL) or by the `TEI_P5_SOURCE` environment
variable; nothing is guessed and the network is used only for a URL given on purpose. Parsing
the 4 MB file is most of a small customisation's compile time, so a compact copy (specs only,
English prose only) is cached on disk by content hash; see tei.odd.source_cache.
"""

from __future__ import annotations

import hashlib
import os
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tei.odd import source_cache
from tei.odd.errors import SourceError
from tei.odd.load import TEI, parse_bytes, text_of

ENV_VAR = "TEI_P5_SOURCE"
SPEC_TAGS = ("elementSpec", "classSpec", "macroSpec", "dataSpec")
_SPEC_QNAMES = tuple(TEI + t for t in SPEC_TAGS)


@dataclass
class Source:
    """The parsed TEI source: every spec by ident, and each module's specs in document order."""

    location: str
    version: str
    specs: dict[str, etree._Element] = field(default_factory=dict)
    modules: dict[str, list[str]] = field(default_factory=dict)

    def kind(self, ident: str) -> str | None:
        """The local tag name (elementSpec, classSpec, ...) of a spec, or None if unknown."""
        spec = self.specs.get(ident)
        return None if spec is None else etree.QName(spec).localname


def locate(explicit: str | os.PathLike[str] | None = None) -> str:
    """The path or URL of the source: the explicit one, else $TEI_P5_SOURCE, else an error."""
    if explicit:
        return os.fspath(explicit)
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    raise SourceError(
        f"no TEI P5 source given: pass --source PATH/TO/p5subset.xml (or a URL) or set {ENV_VAR}"
    )


def _read(location: str) -> bytes:
    if location.startswith(("http://", "https://")):
        try:
            with urllib.request.urlopen(location, timeout=60) as resp:
                return bytes(resp.read())
        except OSError as exc:
            raise SourceError(f"cannot fetch the TEI source: {exc}", file=location) from None
    try:
        return Path(location).read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read the TEI source: {exc.strerror}", file=location) from None


_CACHE: dict[str, Source] = {}


def load_source(explicit: str | os.PathLike[str] | None = None) -> Source:
    """Load and index the source; the same content (by SHA-256) is parsed once per process,
    and from a compact cached copy when one exists (see tei.odd.source_cache)."""
    location = locate(explicit)
    data = _read(location)
    digest = hashlib.sha256(data).hexdigest()
    if digest in _CACHE:
        return _CACHE[digest]
    root = source_cache.read(digest)
    if root is not None:
        source = index(root, location, version=root.get("version", ""))
    else:
        full = parse_bytes(data, location).getroot()
        source = index(full, location)
        source_cache.write(digest, source_cache.compact(full, source.version))
    _CACHE[digest] = source
    return source


def index(root: etree._Element, location: str, version: str | None = None) -> Source:
    """Index the specs of a TEI source tree (specs inside examples are not TEI-namespaced)."""
    if version is None:
        edition = root.find(f".//{TEI}editionStmt/{TEI}edition")
        version = text_of(edition) if edition is not None else ""
    source = Source(location=location, version=version)
    for spec in root.iter(*_SPEC_QNAMES):
        ident = spec.get("ident")
        if not ident or ident in source.specs:
            continue
        source.specs[ident] = spec
        source.modules.setdefault(spec.get("module", ""), []).append(ident)
    for mod in root.iter(TEI + "moduleSpec"):
        source.modules.setdefault(mod.get("ident", ""), [])
    if not source.specs:
        raise SourceError("not a TEI P5 source: it holds no elementSpec/classSpec", file=location)
    return source
