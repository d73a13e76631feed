"""Renderer behaviour beyond the golden files: the registry, colour, and third-party readers."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml
from sarif import loader

from tei.diagnostics.codes import diagnostic
from tei.diagnostics.model import FileResult, Report
from tei.diagnostics.render import FORMATS, RenderOptions, UnknownFormat, get_renderer, render
from tei.diagnostics.render.github import escape_data, escape_property
from tei.diagnostics.render.sarif import artifact_uri
from tei.diagnostics.render.text import TextRenderer


def rendered(report: Report, fmt: str, options: RenderOptions) -> str:
    out = io.StringIO()
    render(report, out, fmt, options)
    return out.getvalue()


def test_registry_names_and_unknown_format() -> None:
    assert FORMATS == ("text", "json", "junit", "sarif", "github")
    for name in FORMATS:
        assert get_renderer(name).name == name
    with pytest.raises(UnknownFormat, match="choose one of: text, json"):
        get_renderer("html")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal(mixed_report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    plain, tty = io.StringIO(), _Terminal()
    TextRenderer(RenderOptions()).render(mixed_report, plain)
    TextRenderer(RenderOptions()).render(mixed_report, tty)
    assert "\x1b[" not in plain.getvalue()
    assert "\x1b[1;31merror\x1b[0m" in tty.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    quiet = _Terminal()
    TextRenderer(RenderOptions()).render(mixed_report, quiet)
    assert quiet.getvalue() == plain.getvalue()
    forced = io.StringIO()
    TextRenderer(RenderOptions(color=True)).render(mixed_report, forced)
    assert "\x1b[" in forced.getvalue()


def test_text_lines_are_compiler_style(mixed_report: Report, options: RenderOptions) -> None:
    lines = rendered(mixed_report, "text", options).splitlines()
    assert lines[0].startswith("letters/1951-01-29 Beijing.xml:14:7: error [SCH-corresp-sent] ")
    assert lines[1].startswith("    hint: ")
    assert "scans/huge.xml: error [SIZE] " in lines[12]
    assert "schema: telegrams 0.1.0 (sha256 3f5a9c0e1b2d)" in lines


def test_json_counts_match_the_report(mixed_report: Report, options: RenderOptions) -> None:
    doc = json.loads(rendered(mixed_report, "json", options))
    assert doc["valid"] is False
    assert doc["summary"]["errors"] == sum(f["errors"] for f in doc["files"]) == 6
    assert [f["file"] for f in doc["files"]] == [f.file for f in mixed_report.files]
    assert doc["files"][1] == {
        "file": "letters/clean.xml",
        "valid": True,
        "errors": 0,
        "warnings": 0,
        "diagnostics": [],
    }
    assert doc["schema"]["sha256"].startswith("3f5a9c0e")


def test_sarif_loads_in_sarif_tools(
    mixed_report: Report, options: RenderOptions, tmp_path: Path
) -> None:
    path = tmp_path / "report.sarif"
    path.write_text(rendered(mixed_report, "sarif", options), encoding="utf-8")
    sarif_file = loader.load_sarif_file(str(path))
    records = sarif_file.get_records()
    assert len(records) == len(mixed_report.diagnostics)
    assert {r["Code"] for r in records} >= {"RNG", "REF", "SCH-corresp-sent"}
    assert sarif_file.get_result_count() == 8
    assert sorted(r["Severity"] for r in records).count("error") == 6
    log = json.loads(path.read_text(encoding="utf-8"))
    run = log["runs"][0]
    fired = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert fired == sorted({d.code for d in mixed_report.diagnostics})
    assert run["properties"]["schema"]["name"] == "telegrams"
    for result in run["results"]:
        assert fired[result["ruleIndex"]] == result["ruleId"]
    summary = subprocess.run(
        [sys.executable, "-m", "sarif", "summary", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "error: 6" in summary.stdout
    assert "warning: 1" in summary.stdout and "note: 1" in summary.stdout


def test_sarif_of_a_clean_run_has_no_rules(options: RenderOptions) -> None:
    clean = Report(schema=None, files=[FileResult("a.xml")])
    run = json.loads(rendered(clean, "sarif", options))["runs"][0]
    assert run["tool"]["driver"]["rules"] == [] and run["results"] == []


def test_sarif_uris() -> None:
    assert artifact_uri("a b/c.xml") == "a%20b/c.xml"
    assert artifact_uri("/abs/x.xml") == "file:///abs/x.xml"
    assert artifact_uri("sub.zip!/m.xml") == "sub.zip!/m.xml"


def test_junit_parses_with_a_suite_per_file(
    mixed_report: Report, options: RenderOptions, tmp_path: Path
) -> None:
    path = tmp_path / "junit.xml"
    path.write_text(rendered(mixed_report, "junit", options), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    suites = list(xml)
    assert [s.name for s in suites] == [f.file for f in mixed_report.files]
    clean = suites[1]
    cases = list(clean)
    assert len(cases) == 1 and cases[0].is_passed
    first = suites[0]
    assert first.failures == 3 and first.tests == 4
    failures = [r for case in first for r in case.result if isinstance(r, Failure)]
    assert failures[0].type == "SCH-corresp-sent"
    assert xml.failures == 6


def test_junit_of_an_empty_report_parses(options: RenderOptions, tmp_path: Path) -> None:
    path = tmp_path / "junit.xml"
    path.write_text(rendered(Report(schema=None), "junit", options), encoding="utf-8")
    assert list(JUnitXml.fromfile(str(path))) == []


def test_github_escaping_and_archive_members(options: RenderOptions) -> None:
    assert escape_data("50% done\nnext") == "50%25 done%0Anext"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"
    member = diagnostic("XML", "sub.zip!/dir/a.xml", "broken", line=3, column=2)
    report = Report(schema=None, files=[FileResult("sub.zip!/dir/a.xml", [member])])
    first = rendered(report, "github", options).splitlines()[0]
    assert first.startswith("::error file=sub.zip,title=[XML]::dir/a.xml:3: broken%0Ahint: ")
    plain = diagnostic("TEXT", "x,y.xml", "odd", line=1, column=5)
    line = get_renderer("github", options).annotation(plain)  # type: ignore[attr-defined]
    assert line.startswith("::warning file=x%2Cy.xml,line=1,col=5,title=[TEXT]::odd")
