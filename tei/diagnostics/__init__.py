"""Validation findings: the record (`model`), the stable codes (`codes`), the renderers (`render`)."""

from tei.diagnostics.codes import CODES, Code, Status, UnknownCode, diagnostic, lookup
from tei.diagnostics.model import Diagnostic, FileResult, Report, SchemaInfo, Severity

__all__ = [
    "CODES",
    "Code",
    "Diagnostic",
    "FileResult",
    "Report",
    "SchemaInfo",
    "Severity",
    "Status",
    "UnknownCode",
    "diagnostic",
    "lookup",
]
