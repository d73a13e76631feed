"""The conversion report: what a reader recognised and what it could not interpret.

Plain records, no printing: `tei convert` renders them on stderr (text) or as JSON. A finding
locates itself by the source line number (1-based) when known, None otherwise.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class FindingKind(StrEnum):
    """What a finding is about; the JSON report uses these values."""

    UNINTERPRETED = "uninterpreted-line"
    UNBALANCED = "unbalanced-bracket"
    MIXED_SCRIPT = "mixed-script-word"
    LAYOUT = "layout"
    MISSING = "missing-metadata"
    CONTROL = "control-character"


@dataclass(frozen=True)
class Finding:
    """One warning of the conversion, in the document's terms."""

    kind: FindingKind
    message: str
    line: int | None = None
    text: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "line": self.line,
            "message": self.message,
            "text": self.text,
        }


@dataclass
class Report:
    """Everything one conversion noticed: recognised items by kind, and findings in line order."""

    layout: str | None = None
    detected: bool = True  # False when no layout matched and the generic reader was used
    recognised: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)

    def recognise(self, kind: str, count: int = 1) -> None:
        """Count one more recognised item of `kind` ("date", "person", "opener", ...)."""
        self.recognised[kind] += count

    def warn(
        self, kind: FindingKind, message: str, line: int | None = None, text: str | None = None
    ) -> None:
        self.findings.append(Finding(kind, message, line, text))

    def sorted_findings(self) -> list[Finding]:
        """Findings in source order (unlocated ones first), stable for equal lines."""
        return sorted(self.findings, key=lambda f: -1 if f.line is None else f.line)

    def as_dict(self) -> dict[str, Any]:
        return {
            "layout": self.layout,
            "detected": self.detected,
            "recognised": dict(sorted(self.recognised.items())),
            "findings": [f.as_dict() for f in self.sorted_findings()],
        }
