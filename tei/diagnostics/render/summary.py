"""Counts and labels every renderer shows the same way: per-code tallies, the schema line, hints."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tei.diagnostics.codes import UnknownCode, lookup
from tei.diagnostics.model import Diagnostic, FileResult, Report, SchemaInfo, Severity

HASH_SHOWN = 12  # hex digits of the schema hash in human-facing lines


@dataclass(frozen=True)
class CodeCount:
    """How often one code fired, by severity."""

    code: str
    errors: int
    warnings: int
    infos: int

    @property
    def total(self) -> int:
        return self.errors + self.warnings + self.infos


@dataclass(frozen=True)
class Summary:
    """The whole run in numbers; a file is valid when it has no errors."""

    files: int
    valid_files: int
    errors: int
    warnings: int
    infos: int
    by_code: tuple[CodeCount, ...]

    @property
    def invalid_files(self) -> int:
        return self.files - self.valid_files


def summarize(report: Report) -> Summary:
    """Tally a report; codes sorted by name so every rendering lists them in the same order."""
    tally: Counter[tuple[str, Severity]] = Counter((d.code, d.severity) for d in report.diagnostics)
    codes = sorted({code for code, _ in tally})
    return Summary(
        files=len(report.files),
        valid_files=sum(is_clean(f) for f in report.files),
        errors=sum(n for (_, s), n in tally.items() if s is Severity.ERROR),
        warnings=sum(n for (_, s), n in tally.items() if s is Severity.WARNING),
        infos=sum(n for (_, s), n in tally.items() if s is Severity.INFO),
        by_code=tuple(
            CodeCount(
                code,
                tally[code, Severity.ERROR],
                tally[code, Severity.WARNING],
                tally[code, Severity.INFO],
            )
            for code in codes
        ),
    )


def is_clean(result: FileResult) -> bool:
    """No errors in this file (warnings and notes do not make a file invalid)."""
    return result.errors == 0


def schema_label(schema: SchemaInfo | None) -> str:
    """`telegrams 0.1.0 (sha256 0123456789ab)`, or a plain statement that none was recorded."""
    if schema is None:
        return "(not recorded)"
    return f"{schema.name} {schema.version} (sha256 {schema.sha256[:HASH_SHOWN]})"


def hint_for(diagnostic: Diagnostic) -> str | None:
    """The diagnostic's own hint, else its code's hint from the table (None for unknown codes)."""
    if diagnostic.hint:
        return diagnostic.hint
    try:
        return lookup(diagnostic.code).hint
    except UnknownCode:
        return None


def summary_for(code: str) -> str:
    """The table's one-line meaning of a code; a Schematron code names its rule."""
    try:
        row = lookup(code)
    except UnknownCode:
        return "(unknown code)"
    return row.summary


def plural(n: int, word: str) -> str:
    """`1 error`, `2 errors`."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def location(diagnostic: Diagnostic) -> str:
    """`path:line:col`, `path:line` or `path`, as editors and compilers print it."""
    parts = [diagnostic.file]
    if diagnostic.line is not None:
        parts.append(str(diagnostic.line))
        if diagnostic.column is not None:
            parts.append(str(diagnostic.column))
    return ":".join(parts)
