"""Collect the documents to validate from files, directories, globs and zip archives.

Partners submit a folder or a .zip; CI passes globs. Whatever the form, the validator sees one flat,
deterministic list of `Source`s: argument order first, then sorted paths inside each directory, glob
or archive, each document once. Archive members are read from the archive, never extracted to disk;
members with absolute or `..` paths, and members that would expand beyond the limits (zip bombs),
become a `Source` that carries its refusal as a diagnostic instead of bytes.
"""

from __future__ import annotations

import glob
import os
import re
import stat
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from tei.diagnostics.codes import diagnostic
from tei.diagnostics.model import ARCHIVE_SEPARATOR, Diagnostic

MB = 1024 * 1024
DEFAULT_MAX_SIZE = 50 * MB
_GLOB_MAGIC = re.compile(r"[*?[]")
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": MB, "g": 1024 * MB}


class InputError(Exception):
    """A usage error in the input arguments; the CLI exits 2 with this one-line message."""


class NoInputFiles(InputError):
    """The arguments matched no document at all: a run over zero files must not pass."""

    def __init__(self, args: Sequence[str]) -> None:
        shown = " ".join(args) if args else "(no arguments)"
        super().__init__(f"no input files found in {shown} (looked for *.xml and *.zip)")
        self.args_given = tuple(args)


class InputNotFound(InputError):
    """A path argument that names nothing (and is not a glob pattern)."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: no such file or directory")
        self.path = path


class SizeExceeded(Exception):
    """A document is over `InputLimits.max_size`; raised by `Source.open` and `read_bytes`."""

    def __init__(self, source: str, size: int | None, limit: int) -> None:
        got = f"{format_size(size)}" if size is not None else "more than the limit"
        super().__init__(f"{source} is {got}, over the size limit of {format_size(limit)}")
        self.source = source
        self.size = size
        self.limit = limit


def parse_size(text: str) -> int:
    """Bytes from a human size (`50MB`, `200M`, `1.5GiB`, `1048576`); ValueError when unreadable."""
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"not a size: {text!r} (use e.g. 50MB, 200M, 1GB)")
    unit = (match.group(2) or "").lower()[:1]
    value = int(float(match.group(1)) * _UNITS[unit])
    if value <= 0:
        raise ValueError(f"a size must be positive: {text!r}")
    return value


def format_size(size: int) -> str:
    """A short human size for messages (`200 MB`, `512 KB`, `17 bytes`)."""
    if size >= MB:
        return f"{size / MB:.0f} MB" if size % MB == 0 or size >= 10 * MB else f"{size / MB:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


@dataclass(frozen=True)
class InputLimits:
    """Bounds that keep hostile input cheap: per document, per archive, and per member ratio."""

    max_size: int = DEFAULT_MAX_SIZE
    max_archive_total: int = 20 * DEFAULT_MAX_SIZE  # all members of one archive together
    max_members: int = 100_000
    max_ratio: int = 200  # uncompressed/compressed beyond this (for members over 1 MB) is a bomb
    ratio_floor: int = MB


@dataclass(frozen=True)
class Source:
    """One document to validate: its display name and where its bytes are.

    `name` is what reports show: the path as the user wrote it, or `archive.zip!/member.xml` for an
    archive member. A source with `problems` could not be offered for parsing; report those.
    """

    name: str
    path: Path
    member: str | None = None
    size: int | None = None
    limit: int = DEFAULT_MAX_SIZE
    problems: tuple[Diagnostic, ...] = field(default=(), compare=False)

    @property
    def readable(self) -> bool:
        return not self.problems

    @contextmanager
    def open(self) -> Iterator[IO[bytes]]:
        """A binary stream of the document (a member is decompressed on the fly, never to disk).

        Raises SizeExceeded when the known size is over the limit; a stream cannot grow past it
        unnoticed because `read_bytes` and the loader read at most `limit + 1` bytes.
        """
        if self.size is not None and self.size > self.limit:
            raise SizeExceeded(self.name, self.size, self.limit)
        if self.member is None:
            with self.path.open("rb") as stream:
                yield stream
            return
        with zipfile.ZipFile(self.path) as archive, archive.open(self.member) as member:
            yield member

    def read_bytes(self) -> bytes:
        """The whole document, at most `limit` bytes; SizeExceeded beyond it."""
        with self.open() as stream:
            data = stream.read(self.limit + 1)
        if len(data) > self.limit:
            raise SizeExceeded(self.name, self.size if self.size else None, self.limit)
        return data


def collect(
    paths: Sequence[str | os.PathLike[str]], limits: InputLimits | None = None
) -> list[Source]:
    """Every document the arguments name, in a deterministic order, each once.

    Raises InputNotFound for a plain path that does not exist and NoInputFiles when nothing at all
    was found; refusals inside archives are returned as sources with problems, not raised.
    """
    limits = limits or InputLimits()
    seen: set[tuple[str, str | None]] = set()
    found: list[Source] = []
    for arg in paths:
        for source in _expand(os.fspath(arg), limits):
            key = (os.path.realpath(source.path), source.member)
            if key not in seen:
                seen.add(key)
                found.append(source)
    if not found:
        raise NoInputFiles([os.fspath(p) for p in paths])
    return found


def _expand(arg: str, limits: InputLimits) -> Iterator[Source]:
    path = Path(arg)
    if path.is_dir():
        for file in _walk(path):
            yield _file_source(file, limits)
    elif path.exists() or path.is_symlink():
        if _is_archive(path):
            yield from _archive_sources(path, limits)
        else:
            yield _file_source(path, limits)
    elif _GLOB_MAGIC.search(arg):
        for match in sorted(glob.glob(arg, recursive=True)):
            matched = Path(match)
            if matched.is_dir():
                yield from (_file_source(f, limits) for f in _walk(matched))
            elif _is_archive(matched):
                yield from _archive_sources(matched, limits)
            elif matched.is_file():
                yield _file_source(matched, limits)
    else:
        raise InputNotFound(arg)


def _walk(top: Path) -> Iterator[Path]:
    """`*.xml` below a directory, sorted; hidden folders skipped, symlinked folders not followed."""
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.lower().endswith(".xml") and not name.startswith("."):
                yield Path(dirpath) / name


def _is_archive(path: Path) -> bool:
    return path.suffix.lower() == ".zip"


def _file_source(path: Path, limits: InputLimits) -> Source:
    name = str(path)
    try:
        info = path.stat()
    except OSError as exc:
        return _refused(name, path, "IO", f"the file cannot be read: {exc.strerror or exc}")
    if not stat.S_ISREG(info.st_mode):
        return _refused(name, path, "IO", "this is not a regular file")
    problems: tuple[Diagnostic, ...] = ()
    if info.st_size > limits.max_size:
        problems = (size_diagnostic(name, info.st_size, limits.max_size),)
    return Source(name, path, None, info.st_size, limits.max_size, problems)


def size_diagnostic(name: str, size: int | None, limit: int) -> Diagnostic:
    """The SIZE finding, naming the option that raises the limit."""
    got = format_size(size) if size is not None else "larger than the limit"
    return diagnostic(
        "SIZE",
        name,
        f"the document is {got}, over the size limit of {format_size(limit)}; "
        "raise the limit with --max-size if the file is genuine",
        engine="load",
    )


def _refused(name: str, path: Path, code: str, message: str, member: str | None = None) -> Source:
    return Source(name, path, member, None, 0, (diagnostic(code, name, message, engine="load"),))


def member_name(archive: str, member: str) -> str:
    """How an archive member is shown in reports: `archive.zip!/folder/file.xml`."""
    return f"{archive}{ARCHIVE_SEPARATOR}{member}"


def unsafe_member(member: str) -> str | None:
    """Why a member path is refused (absolute, a drive, a `..` step), or None when it is safe."""
    normal = member.replace("\\", "/")
    if normal.startswith("/") or re.match(r"^[A-Za-z]:", normal):
        return "an absolute path"
    if ".." in PurePosixPath(normal).parts:
        return "a '..' step out of the archive"
    if "\x00" in normal:
        return "a NUL character"
    return None


def _archive_sources(path: Path, limits: InputLimits) -> Iterator[Source]:
    name = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        yield _refused(name, path, "ZIP", f"this is not a readable zip archive: {exc}")
        return
    if len(infos) > limits.max_members:
        yield _refused(
            name,
            path,
            "ZIP-BOMB",
            f"the archive has {len(infos)} members, more than the limit of {limits.max_members}",
        )
        return
    total = 0
    counts = Counter(info.filename for info in infos)
    for info in sorted(infos, key=lambda i: i.filename):
        shown = member_name(name, info.filename)
        if counts[info.filename] > 1:
            twice = "the archive holds several members of this name; none of them is read"
            yield _refused(shown, path, "ZIP", twice, info.filename)
            continue
        why = unsafe_member(info.filename)
        if why is not None:
            yield _refused(
                shown,
                path,
                "ZIP-PATH",
                f"the archive member {info.filename!r} has {why} and was refused (not read)",
                info.filename,
            )
            continue
        if info.is_dir() or not info.filename.lower().endswith(".xml"):
            continue
        if PurePosixPath(info.filename).name.startswith(".") or info.filename.startswith(
            "__MACOSX/"
        ):
            continue
        yield _member_source(path, info, shown, limits, total)
        total += info.file_size


def _member_source(
    path: Path, info: zipfile.ZipInfo, shown: str, limits: InputLimits, total_before: int
) -> Source:
    member = info.filename
    if info.flag_bits & 0x1:
        return _refused(
            shown, path, "ZIP", "this archive member is encrypted and cannot be read", member
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
        return _refused(
            shown,
            path,
            "ZIP-BOMB",
            f"this archive member would expand {ratio:.0f}-fold to {format_size(info.file_size)} "
            f"(limit {limits.max_ratio}-fold); not read",
            member,
        )
    if total_before + info.file_size > limits.max_archive_total:
        return _refused(
            shown,
            path,
            "ZIP-BOMB",
            f"the archive expands beyond {format_size(limits.max_archive_total)} in total; "
            "this member was not read",
            member,
        )
    if info.file_size > limits.max_size:
        problem = size_diagnostic(shown, info.file_size, limits.max_size)
        return Source(shown, path, member, info.file_size, limits.max_size, (problem,))
    return Source(shown, path, member, info.file_size, limits.max_size)


def names(sources: Iterable[Source]) -> list[str]:
    """The display names, in order (handy for tests and progress bars)."""
    return [s.name for s in sources]
