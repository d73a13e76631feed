"""Validation findings: the record (`model`), stable codes (`codes`), renderers (`render`)."""

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
