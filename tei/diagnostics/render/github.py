"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

`::error file=F,line=L,col=C,title=CODE::message`; warnings become `::warning`, notes `::notice`.
Values are escaped as the runner expects (%, CR, LF everywhere; also `:` and `,` in properties). An
archive member cannot be annotated inside the zip, so it is annotated on the archive and named
in the message. A plain summary line closes the log.
"""

from __future__ import annotations

from typing import TextIO

from tei.diagnostics.model import Diagnostic, Report, Severity, split_archive
from tei.diagnostics.render.options import RenderOptions
from tei.diagnostics.render.summary import hint_for, plural, schema_label, summarize

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property's value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubRenderer:
    """One workflow command per finding."""

    name = "github"

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def render(self, report: Report, out: TextIO) -> None:
        for d in report.diagnostics:
            out.write(self.annotation(d) + "\n")
        s = summarize(report)
        out.write(
            f"tei validate: {plural(s.files, 'file')} checked, {s.invalid_files} invalid; "
            f"{plural(s.errors, 'error')}, {plural(s.warnings, 'warning')}; "
            f"schema {schema_label(report.schema)}\n"
        )

    def annotation(self, d: Diagnostic) -> str:
        """The workflow command for one finding."""
        file, member = split_archive(d.file)
        props = [f"file={escape_property(file)}"]
        if member is None and d.line is not None:
            props.append(f"line={d.line}")
            if d.column is not None:
                props.append(f"col={d.column}")
        props.append(f"title={escape_property(f'[{d.code}]')}")
        message = d.message
        if member is not None:
            where = member if d.line is None else f"{member}:{d.line}"
            message = f"{where}: {message}"
        hint = hint_for(d) if self.options.show_hints else None
        if hint:
            message += f"\nhint: {hint}"
        return f"::{_COMMAND[d.severity]} {','.join(props)}::{escape_data(message)}"
