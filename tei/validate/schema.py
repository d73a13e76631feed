"""A compiled schema set (RELAX NG, Schematron, XSD) and the identity every report carries.

The toolkit's own set is `schema/telegrams.{rng,sch,xsd}` (found through `tei.bundled`); `--schema
X.rng` names any other compiled schema, whose Schematron is the sibling `X.sch` or `X.isosch` if
present. The identity (`SchemaInfo`: name, version, sha256 over the files' bytes) lets a partner
tell a stale schema. Compiled forms are cached per process, keyed by path and content hash, so a
batch, or a pool worker forked after loading, pays for compilation once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from tei import bundled
from tei.diagnostics.model import SchemaInfo
from tei.validate.schematron import Schematron, SchematronError

_VERSION = re.compile(
    rb"(?:TEI Edition: Version|<edition\b[^>]*\bn=\"|[Ss]chema[- ]version:?)"
    rb"\s*([0-9][0-9A-Za-z.\-]*)"
)
_TRUSTED = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class SchemaError(Exception):
    """A schema file that is missing or cannot be compiled (a usage error: exit 2)."""


@dataclass(frozen=True)
class SchemaSet:
    """Where the three renderings of one schema live; only the RELAX NG is required."""

    name: str
    rng: Path
    sch: Path | None = None
    xsd: Path | None = None
    odd: Path | None = None  # the source ODD, when it sits beside (or in ../odd/): its version

    @property
    def files(self) -> tuple[Path, ...]:
        return tuple(p for p in (self.rng, self.sch, self.xsd) if p is not None)

    def info(self) -> SchemaInfo:
        return _info(self.name, self.files, self.odd)

    def relaxng(self) -> etree.RelaxNG:
        return _relaxng(self.rng, self.info().sha256)

    def schematron(self) -> Schematron | None:
        return None if self.sch is None else _schematron(self.sch, self.info().sha256)


def bundled_set() -> SchemaSet:
    """The toolkit's own compiled customisation."""
    rng = bundled.schema_file(".rng")
    if not rng.exists():
        raise SchemaError(
            f"the bundled schema {rng} is missing: compile it with `tei odd compile` "
            "or pass --schema SCHEMA.rng"
        )
    return _with_siblings(rng, bundled.SCHEMA_NAME)


def schema_set(rng: str | Path | None) -> SchemaSet:
    """The set for `--schema RNG` (None: the bundled one)."""
    if rng is None:
        return bundled_set()
    path = Path(rng)
    if not path.is_file():
        raise SchemaError(f"{path}: no such schema file")
    return _with_siblings(path, path.stem)


def _with_siblings(rng: Path, name: str) -> SchemaSet:
    sch = next(
        (p for p in (rng.with_suffix(".sch"), rng.with_suffix(".isosch")) if p.exists()), None
    )
    xsd = rng.with_suffix(".xsd")
    odds = (rng.with_suffix(".odd"), rng.parent.parent / "odd" / f"{rng.stem}.odd")
    odd = next((p for p in odds if p.exists()), None)
    return SchemaSet(name, rng, sch, xsd if xsd.exists() else None, odd)


@lru_cache(maxsize=8)
def _info(name: str, files: tuple[Path, ...], odd: Path | None) -> SchemaInfo:
    """Name, version and content hash. The hash covers the compiled files; the version is the
    first one they state (a `schema-version:` comment, TEI's "Edition: Version"), else the
    `edition/@n` of the source ODD beside them, else "unversioned"."""
    digest = hashlib.sha256()
    version = ""
    for path in files:
        data = path.read_bytes()
        digest.update(path.suffix.encode() + b"\0" + data)
        version = version or _version(data)
    if not version and odd is not None:
        version = _version(odd.read_bytes())
    return SchemaInfo(name=name, version=version or "unversioned", sha256=digest.hexdigest())


def _version(data: bytes) -> str:
    found = _VERSION.search(data[:16384])
    return found.group(1).decode("ascii", "replace").rstrip(".") if found else ""


@lru_cache(maxsize=4)
def _relaxng(path: Path, sha256: str) -> etree.RelaxNG:
    try:
        return etree.RelaxNG(etree.parse(str(path), _TRUSTED))
    except (OSError, etree.XMLSyntaxError, etree.RelaxNGParseError) as exc:
        raise SchemaError(f"{path}: cannot compile the RELAX NG schema: {exc}") from exc


@lru_cache(maxsize=4)
def _schematron(path: Path, sha256: str) -> Schematron:
    try:
        return Schematron.from_path(path)
    except SchematronError as exc:
        raise SchemaError(str(exc)) from exc
