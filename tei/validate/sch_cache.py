"""A per-user cache of a Schematron file's parsed XPath 2.0 expressions.

Parsing the ~130 expressions of the bundled Schematron with elementpath is about half of its
loading time (about 55 of 110 ms); unpickling the parsed tokens takes about 10. The cache file
is keyed by the sha256 of the .sch bytes, the elementpath version and the Python version, so a
changed schema or library never reuses a stale parse; any unreadable cache is ignored and
rewritten. It lives in `$TEI_CACHE_DIR`, else `$XDG_CACHE_HOME/tei-toolkit`, else
`~/.cache/tei-toolkit` (pickles are only read from a file the user owns and only the user may
write); set
`TEI_CACHE_DIR=off` to disable it. Writes are atomic (temp file + os.replace).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

import elementpath

_FORMAT = 1


def cache_dir() -> Path | None:
    """Where the cache lives, or None when disabled."""
    chosen = os.environ.get("TEI_CACHE_DIR")
    if chosen:
        return None if chosen.lower() == "off" else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tei-toolkit"


def _private(path: Path) -> bool:
    """Only a cache file the user owns and nobody else can write is unpickled."""
    try:
        info = path.stat()
    except OSError:
        return False
    owner = getattr(os, "getuid", None)
    return (owner is None or info.st_uid == owner()) and not info.st_mode & 0o022


class ParseCache:
    """Parsed tokens of one Schematron's expressions, as pickles (one per expression text, so
    every use gets its own token: compilation annotates tokens in place)."""

    def __init__(self, schema_bytes: bytes) -> None:
        key = hashlib.sha256(
            b"%d\0%s\0%s\0" % (_FORMAT, elementpath.__version__.encode(), sys.version.encode())
            + schema_bytes
        ).hexdigest()
        folder = cache_dir()
        self.path = folder / f"sch-{key[:32]}.pickle" if folder is not None else None
        self.entries: dict[str, bytes] = {}
        self.changed = False
        if self.path is not None and self.path.is_file() and _private(self.path):
            try:
                loaded = pickle.loads(self.path.read_bytes())
                if isinstance(loaded, dict):
                    self.entries = loaded
            except Exception:
                self.entries = {}

    def get(self, text: str) -> Any | None:
        data = self.entries.get(text)
        if data is None:
            return None
        try:
            return pickle.loads(data)
        except Exception:
            return None

    def put(self, text: str, token: Any) -> None:
        try:
            self.entries[text] = pickle.dumps(token, protocol=pickle.HIGHEST_PROTOCOL)
            self.changed = True
        except Exception:
            pass

    def save(self) -> None:
        """Write the cache if anything was added; a read-only home only loses the speed-up."""
        if self.path is None or not self.changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".sch-", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(pickle.dumps(self.entries, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self.path)
            self.changed = False
        except OSError:
            Path(tmp).unlink(missing_ok=True)
