"""Files in, TEI out: reading an input safely and writing an output atomically.

Library code: raises `tei.errors` classes with the file named, never prints. An input is only ever
opened for reading; an output appears complete or not at all (temporary file + os.replace).
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from converters import read
from converters.report import Report
from tei.errors import (
    EmptyInputError,
    EncodingError,
    InputError,
    InternalError,
    OutputError,
    TeiError,
)
from tei.options import ReadOptions, WriteOptions
from tei.writer import to_bytes

_SNIFF = 8192


def load_text(path: Path) -> str:
    """The text of an input file; one clear error for a missing path, a directory, binary data,
    invalid UTF-8 or an empty file."""
    name = str(path)
    if not path.exists():
        raise InputError("no such file", file=name)
    if path.is_dir():
        raise InputError("is a directory, not a text file", file=name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", file=name) from exc
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """UTF-8 text of `data` (a BOM is dropped); errors name the file and the offending byte."""
    if b"\x00" in data[:_SNIFF]:
        raise EncodingError("binary data, not a text export", file=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise EncodingError(
            f"not valid UTF-8 (byte 0x{bad} at offset {exc.start})", file=name
        ) from exc
    if not text.strip():
        raise EmptyInputError("empty file: no text to convert", file=name)
    return text


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same directory and os.replace."""
    if path.parent.exists() and not path.parent.is_dir():
        raise OutputError(f"cannot write: {path.parent} is not a directory", file=str(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror or exc})", file=str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; an output is an ordinary file
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write ({exc.strerror or exc})", file=str(path)) from exc


def _umask() -> int:
    """The process umask (reading it means setting it; it is put back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@dataclass(frozen=True)
class Converted:
    """One input converted: the TEI bytes and the conversion report."""

    source: str
    xml: bytes
    report: Report


def convert_text(
    text: str, source: str, read_options: ReadOptions, write_options: WriteOptions
) -> Converted:
    """Read an export's text and write its TEI bytes; an error names `source`."""
    document, report = read(text, options=read_options)
    try:
        return Converted(source, to_bytes(document, write_options), report)
    except TeiError as exc:  # the writer does not know which file the document came from
        exc.file = exc.file or source
        raise


def convert_file(path: Path, read_options: ReadOptions, write_options: WriteOptions) -> Converted:
    """Convert one input file (not writing anything)."""
    return convert_text(load_text(path), str(path), read_options, write_options)


def convert_outcome(
    path: Path, read_options: ReadOptions, write_options: WriteOptions
) -> Converted | TeiError:
    """`convert_file` with the failure returned, not raised: a batch goes on past a bad input, and
    a worker process hands the failure back. A fault of the toolkit itself becomes an
    `InternalError` naming the input."""
    try:
        return convert_file(path, read_options, write_options)
    except TeiError as exc:
        return exc
    except Exception as exc:  # a toolkit bug on one input must not stop the batch
        return InternalError(
            f"internal error ({type(exc).__name__}: {exc}); please report it with this input",
            file=str(path),
        )


def convert_files(
    paths: Sequence[Path], read_options: ReadOptions, write_options: WriteOptions, jobs: int = 1
) -> Iterator[Converted | TeiError]:
    """The outcome of each input, in input order; with `jobs` > 1 converted by worker processes
    (each document is independent, so a batch scales with the cores)."""
    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        for path in paths:
            yield convert_outcome(path, read_options, write_options)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    work = partial(convert_outcome, read_options=read_options, write_options=write_options)
    chunk = max(1, min(16, len(paths) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(work, paths, chunksize=chunk)
