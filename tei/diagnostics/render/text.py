"""The default rendering: `path:line:col: error [CODE] message`, the hint indented, then a summary.

Compiler-style lines let editors and terminals jump to the place; the summary table at the end
(files, errors and warnings by code, the schema's name, version and hash) is what a person reads.
Colour only when writing to a terminal and NO_COLOR is unset.
"""

from __future__ import annotations

import os
from typing import TextIO

from tei.diagnostics.model import Diagnostic, Report, Severity
from tei.diagnostics.render.options import RenderOptions
from tei.diagnostics.render.summary import (
    Summary,
    hint_for,
    location,
    plural,
    schema_label,
    summarize,
    summary_for,
)

_RESET = "\x1b[0m"
_STYLE: dict[str | Severity, str] = {
    "path": "\x1b[1m",
    "code": "\x1b[36m",
    "dim": "\x1b[2m",
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;34m",
}


def wants_color(out: TextIO, requested: bool | None) -> bool:
    """An explicit choice wins; otherwise colour on a terminal unless NO_COLOR is set."""
    if requested is not None:
        return requested
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


class TextRenderer:
    """Human-readable lines plus a summary table."""

    name = "text"

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def render(self, report: Report, out: TextIO) -> None:
        paint = _Painter(wants_color(out, self.options.color))
        for result in report.files:
            for d in result.diagnostics:
                out.write(self._line(d, paint) + "\n")
                hint = hint_for(d) if self.options.show_hints else None
                if hint:
                    out.write(paint("dim", f"    hint: {hint}") + "\n")
        if report.diagnostics:
            out.write("\n")
        self._summary(report, summarize(report), out, paint)

    @staticmethod
    def _line(d: Diagnostic, paint: _Painter) -> str:
        message = " ".join(d.message.split())
        return (
            f"{paint('path', location(d))}: {paint(d.severity, d.severity.value)} "
            f"{paint('code', f'[{d.code}]')} {message}"
        )

    @staticmethod
    def _summary(report: Report, s: Summary, out: TextIO, paint: _Painter) -> None:
        out.write(f"schema: {schema_label(report.schema)}\n")
        if report.engines:
            out.write(f"engines: {', '.join(report.engines)}\n")
        verdict = (
            f"{plural(s.files, 'file')} checked: {s.valid_files} valid, {s.invalid_files} invalid"
        )
        counts = f"{plural(s.errors, 'error')}, {plural(s.warnings, 'warning')}"
        if s.infos:
            counts += f", {plural(s.infos, 'note')}"
        out.write(f"{verdict}; {counts}\n")
        if not s.by_code:
            return
        width = max(len("code"), *(len(c.code) for c in s.by_code))
        notes = "  notes" if s.infos else ""
        head = f"{'code':<{width}}  errors  warnings{notes}  meaning"
        out.write("\n" + paint("path", head) + "\n")
        for c in s.by_code:
            counts = f"{c.errors:>6}  {c.warnings:>8}" + (f"  {c.infos:>5}" if s.infos else "")
            out.write(f"{c.code:<{width}}  {counts}  {summary_for(c.code)}\n")


class _Painter:
    """Wraps text in ANSI styles, or leaves it alone when colour is off."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, style: str | Severity, text: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if self.color else text
