"""JUnit XML for CI test dashboards: a testsuite per file, a testcase per finding.

As in Ruff's emitter, a clean file still gets a passing testcase, so a dashboard shows what was
checked, not only what failed. Errors are failures; warnings and notes are passing testcases whose
`system-out` carries the finding (JUnit has no "warning" outcome, and they do not fail a run).
"""

from __future__ import annotations

import re
from typing import TextIO

from lxml import etree

from tei.diagnostics.model import Diagnostic, FileResult, Report, Severity
from tei.diagnostics.render.options import TOOL_NAME, RenderOptions
from tei.diagnostics.render.summary import hint_for, location, schema_label

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text safe for an XML 1.0 document (a stray control character in a message is dropped)."""
    return _NOT_XML.sub("\ufffd", text)


class JunitRenderer:
    """`<testsuites>` with one `<testsuite>` per input file."""

    name = "junit"

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options or RenderOptions()

    def render(self, report: Report, out: TextIO) -> None:
        root = etree.Element("testsuites", name=TOOL_NAME)
        tests = failures = 0
        for result in report.files:
            suite = self._suite(report, result)
            root.append(suite)
            tests += int(suite.get("tests", "0"))
            failures += int(suite.get("failures", "0"))
        root.set("tests", str(tests))
        root.set("failures", str(failures))
        root.set("errors", "0")
        text = etree.tostring(root, pretty_print=True, xml_declaration=False, encoding="unicode")
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + text)

    def _suite(self, report: Report, result: FileResult) -> etree._Element:
        suite = etree.Element("testsuite", name=xml_text(result.file))
        properties = etree.SubElement(suite, "properties")
        for key, value in self._properties(report):
            etree.SubElement(properties, "property", name=key, value=xml_text(value))
        if not result.diagnostics:
            etree.SubElement(suite, "testcase", name="valid", classname=xml_text(result.file))
        for d in result.diagnostics:
            suite.append(self._case(d, result.file))
        suite.set("tests", str(max(1, len(result.diagnostics))))
        suite.set("failures", str(result.errors))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        return suite

    def _properties(self, report: Report) -> list[tuple[str, str]]:
        found = [
            ("tool.version", self.options.tool_version),
            ("schema", schema_label(report.schema)),
        ]
        if report.schema is not None:
            found.append(("schema.sha256", report.schema.sha256))
        if report.engines:
            found.append(("engines", ", ".join(report.engines)))
        return found

    def _case(self, d: Diagnostic, file: str) -> etree._Element:
        where = f"line {d.line}" if d.line is not None else "file"
        if d.line is not None and d.column is not None:
            where += f", column {d.column}"
        case = etree.Element(
            "testcase", name=xml_text(f"[{d.code}] {where}"), classname=xml_text(file)
        )
        body = f"{location(d)}: {d.severity.value} [{d.code}] {d.message}"
        hint = hint_for(d)
        if hint:
            body += f"\nhint: {hint}"
        if d.severity is Severity.ERROR:
            failure = etree.SubElement(case, "failure", message=xml_text(d.message), type=d.code)
            failure.text = xml_text(body)
        else:
            etree.SubElement(case, "system-out").text = xml_text(body)
        return case
