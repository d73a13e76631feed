"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, sarif-tools, IDE viewers).

One run; the driver lists only the rules that fired (as Ruff's emitter does), each with the codes
table's summary and hint; the schema that judged the documents is in the run's properties. A
finding without a line has a location without a region; an element's XPath is its logical location.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from tei.diagnostics.codes import SCHEMATRON_PREFIX, UnknownCode, is_schematron, lookup
from tei.diagnostics.model import Diagnostic, Report, Severity
from tei.diagnostics.render.options import TOOL_NAME, RenderOptions
from tei.diagnostics.render.summary import hint_for, summary_for

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(file: str) -> str:
    """A URI reference for a report path: relative stays relative, absolute becomes file:."""
    posix = file.replace("\\", "/")
    if PurePath(file).is_absolute() or posix.startswith("/"):
        return "file://" + quote(posix if posix.startswith("/") else "/" + posix, safe="/!:@")
    return quote(posix, safe="/!:@")


class SarifRenderer:
    """One SARIF log with one run."""

    name = "sarif"

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def render(self, report: Report, out: TextIO) -> None:
        json.dump(self.log(report), out, ensure_ascii=False, indent=2)
        out.write("\n")

    def log(self, report: Report) -> dict[str, Any]:
        """The SARIF log as a JSON-ready dict."""
        fired = sorted({d.code for d in report.diagnostics})
        index = {code: i for i, code in enumerate(fired)}
        properties: dict[str, Any] = {"engines": list(report.engines)}
        if report.schema is not None:
            properties["schema"] = {
                "name": report.schema.name,
                "version": report.schema.version,
                "sha256": report.schema.sha256,
            }
        run = {
            "tool": {
                "driver": {
                    "name": TOOL_NAME,
                    "version": self.options.tool_version,
                    "rules": [_rule(code) for code in fired],
                }
            },
            "columnKind": "unicodeCodePoints",  # libxml2 and jing count characters
            "results": [_result(d, index[d.code]) for d in report.diagnostics],
            "properties": properties,
        }
        return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _rule(code: str) -> dict[str, Any]:
    summary = summary_for(code)
    if is_schematron(code):
        summary = f"Schematron rule `{code[len(SCHEMATRON_PREFIX) :]}` of the customisation failed."
    rule: dict[str, Any] = {"id": code, "shortDescription": {"text": summary}}
    try:
        row = lookup(code)
    except UnknownCode:
        return rule
    rule["help"] = {"text": row.hint}
    rule["defaultConfiguration"] = {"level": _LEVEL[row.severity]}
    rule["properties"] = {"status": row.status.value}
    return rule


def _result(d: Diagnostic, rule_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(d.file)}}
    if d.line is not None:
        region: dict[str, int] = {"startLine": d.line}
        if d.column is not None:
            region["startColumn"] = d.column
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if d.xpath:
        location["logicalLocations"] = [{"fullyQualifiedName": d.xpath, "kind": "element"}]
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [location],
    }
    hint = hint_for(d)
    own_hint = hint if hint != _table_hint(d.code) else None
    extra = {k: v for k, v in (("hint", own_hint), ("engine", d.engine)) if v}
    if extra:
        result["properties"] = extra
    return result


def _table_hint(code: str) -> str | None:
    try:
        return lookup(code).hint
    except UnknownCode:
        return None
