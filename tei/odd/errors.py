"""Errors of the ODD compiler: each names the file and, where known, the ODD's line."""

from __future__ import annotations

from pathlib import Path


class OddError(Exception):
    """A customisation cannot be compiled; the CLI reports it in one line and exits 2."""

    def __init__(self, message: str, *, file: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line

    def __str__(self) -> str:
        where = self.file or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        return f"{where}: {self.message}" if where else self.message


class SourceError(OddError):
    """The TEI P5 source (p5subset.xml) is missing, unreadable or not a TEI specification."""


class UnsupportedFeature(OddError):
    """The ODD uses a feature this compiler does not implement; the message names it."""
