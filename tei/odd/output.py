"""Atomic writing of compiled schemas: a temporary file beside the target, then os.replace."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tei.odd.errors import OddError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes so that readers see the old file or the new one, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OddError(f"cannot write: {exc.strerror}", file=path) from None


def stamp_version(data: bytes, version: str | None) -> bytes:
    """Put `<!-- schema-version: V -->` after the XML declaration, so that validators can
    report which version of the customisation a schema file was compiled from."""
    if not version:
        return data
    comment = f"<!-- schema-version: {version.replace('--', '- -')} -->\n".encode()
    if data.startswith(b"<?xml"):
        end = data.index(b"?>") + 2
        newline = data[end : end + 1] == b"\n"
        cut = end + 1 if newline else end
        return data[:cut] + (b"" if newline else b"\n") + comment + data[cut:]
    return comment + data


def write_outputs(directory: Path, files: dict[str, bytes]) -> list[Path]:
    """Write each named file into directory atomically; the paths written, in order."""
    written = []
    for name, data in files.items():
        target = directory / name
        write_atomic(target, data)
        written.append(target)
    return written
