"""The whole report as one JSON document, for scripts and dashboards.

Stable keys, every diagnostic field (hints filled from the codes table), the summary and the schema;
`format`/`version` name this document's shape so consumers can check it.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from tei.diagnostics.model import Diagnostic, Report
from tei.diagnostics.render.options import TOOL_NAME, RenderOptions
from tei.diagnostics.render.summary import hint_for, is_clean, summarize

FORMAT_NAME = "tei-validate-report"
FORMAT_VERSION = 1


class JsonRenderer:
    """One JSON object per run."""

    name = "json"

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def render(self, report: Report, out: TextIO) -> None:
        json.dump(self.document(report), out, ensure_ascii=False, indent=2)
        out.write("\n")

    def document(self, report: Report) -> dict[str, Any]:
        """The JSON-ready dict (also handy for callers that embed it)."""
        s = summarize(report)
        schema = report.schema
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "tool": {"name": TOOL_NAME, "version": self.options.tool_version},
            "schema": (
                None
                if schema is None
                else {"name": schema.name, "version": schema.version, "sha256": schema.sha256}
            ),
            "engines": list(report.engines),
            "valid": report.is_valid(),
            "summary": {
                "files": s.files,
                "valid_files": s.valid_files,
                "invalid_files": s.invalid_files,
                "errors": s.errors,
                "warnings": s.warnings,
                "infos": s.infos,
                "by_code": {
                    c.code: {"errors": c.errors, "warnings": c.warnings, "infos": c.infos}
                    for c in s.by_code
                },
            },
            "files": [
                {
                    "file": f.file,
                    "valid": is_clean(f),
                    "errors": f.errors,
                    "warnings": f.warnings,
                    "diagnostics": [_diagnostic(d) for d in f.diagnostics],
                }
                for f in report.files
            ],
        }


def _diagnostic(d: Diagnostic) -> dict[str, Any]:
    return {
        "file": d.file,
        "line": d.line,
        "column": d.column,
        "severity": d.severity.value,
        "code": d.code,
        "message": d.message,
        "hint": hint_for(d),
        "xpath": d.xpath,
        "engine": d.engine,
        "schema": d.schema,
    }
