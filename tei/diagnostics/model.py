"""The one record every validation engine produces, and the report that collects them.

Renderers see only these types (see ../shared/design/diagnostics.md): an engine never formats text,
a renderer never validates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

ARCHIVE_SEPARATOR = "!/"
"""Between an archive and its member in `Diagnostic.file`: `submission.zip!/letters/a.xml`."""


def split_archive(file: str) -> tuple[str, str | None]:
    """The file on disk and the archive member (None for a plain file) of a `Diagnostic.file`."""
    outer, sep, member = file.partition(ARCHIVE_SEPARATOR)
    return (outer, member) if sep else (file, None)


class Severity(StrEnum):
    """How bad a finding is; only errors fail a run (warnings too with --strict)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class SchemaInfo:
    """Which schema judged the document, so a partner can tell a stale one."""

    name: str
    version: str
    sha256: str


@dataclass(frozen=True)
class Diagnostic:
    """One finding: where, how bad, which stable code, what is wrong and what to do."""

    file: str
    line: int | None
    column: int | None
    severity: Severity
    code: str
    message: str
    hint: str | None = None
    xpath: str | None = None
    engine: str = ""
    schema: str | None = None


@dataclass
class FileResult:
    """The findings for one input file, in document order."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


@dataclass
class Report:
    """Everything one run found, files in a deterministic (input) order."""

    schema: SchemaInfo | None
    files: list[FileResult] = field(default_factory=list)
    engines: tuple[str, ...] = ()

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    def is_valid(self, strict: bool = False) -> bool:
        bad = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return not any(d.severity in bad for d in self.diagnostics)
