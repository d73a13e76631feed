"""End to end: made-up broken telegrams through `tei.validate` and every renderer, against goldens.

The documents in `test_renderings_e2e/documents/` are invented (a fictitious grain telegram), each
broken on purpose in the way its comment says; `clean.xml` is the valid original they derive from.
The goldens pin what a partner or a CI log sees; the schema's hash and version and the toolkit's
version become placeholders so that recompiling the schema or releasing does not churn them (the
tests check separately that the real values are in the output).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from junitparser import JUnitXml
from pytest_regressions.file_regression import FileRegressionFixture
from sarif import loader

import tei
from tei.cli import main
from tei.diagnostics.model import Report
from tei.diagnostics.render import FORMATS, RenderOptions, get_renderer

DOCUMENTS = Path(__file__).parent / "test_renderings_e2e" / "documents"
NAMES = sorted(p.name for p in DOCUMENTS.glob("*.xml"))
EXTENSION = {"text": ".txt", "json": ".json", "junit": ".xml", "sarif": ".sarif", "github": ".txt"}
OPTIONS = RenderOptions(color=False)


@pytest.fixture(scope="module")
def report() -> Report:
    """One validation of all the documents, named relative to their folder (stable in goldens)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(DOCUMENTS)
        return tei.validate(NAMES)


def rendered(report: Report, fmt: str) -> str:
    out = io.StringIO()
    get_renderer(fmt, OPTIONS).render(report, out)
    return out.getvalue()


def normalised(text: str, report: Report) -> str:
    """Placeholders for what changes with every schema build or release."""
    assert report.schema is not None
    sha = report.schema.sha256
    text = text.replace(sha, "{schema-sha256}").replace(sha[:12], "{sha12}")
    text = text.replace(f"{report.schema.name} {report.schema.version} ", "{schema} ")
    text = text.replace(f'"version": "{report.schema.version}"', '"version": "{schema-version}"')
    return text.replace(tei.__version__, "{tool-version}")


def test_the_documents_are_judged_as_intended(report: Report) -> None:
    verdicts = {f.file: sorted({d.code for d in f.diagnostics}) for f in report.files}
    assert [f.file for f in report.files] == NAMES
    assert verdicts["clean.xml"] == []
    assert verdicts["malformed.xml"] == ["XML"]
    assert verdicts["no-namespace.xml"] == ["TEI-NS"]
    assert verdicts["entity.xml"] == ["XML-ENTITY"]
    assert {"SCH-when-date", "SCH-receipt-after-sending", "RNG"} <= set(verdicts["bad-values.xml"])
    assert {"REF", "ALIGN", "SCH-no-raw-brackets", "TEXT"} <= set(verdicts["broken-pointers.xml"])
    assert report.schema is not None and len(report.schema.sha256) == 64


@pytest.mark.parametrize("fmt", FORMATS)
def test_rendering_golden(fmt: str, report: Report, file_regression: FileRegressionFixture) -> None:
    text = rendered(report, fmt)
    assert report.schema is not None and report.schema.sha256[:12] in text
    file_regression.check(normalised(text, report), basename=f"e2e_{fmt}", extension=EXTENSION[fmt])


def test_the_sarif_loads_in_sarif_tools(report: Report, tmp_path: Path) -> None:
    path = tmp_path / "e2e.sarif"
    path.write_text(rendered(report, "sarif"), encoding="utf-8")
    records = loader.load_sarif_file(str(path)).get_records()
    assert len(records) == len(report.diagnostics)
    assert {r["Location"] for r in records} == {f.file for f in report.files if f.diagnostics}


def test_the_junit_parses_with_a_passing_case_for_the_clean_file(
    report: Report, tmp_path: Path
) -> None:
    path = tmp_path / "e2e.xml"
    path.write_text(rendered(report, "junit"), encoding="utf-8")
    suites = {suite.name: suite for suite in JUnitXml.fromfile(str(path))}
    assert list(suites) == NAMES
    (case,) = list(suites["clean.xml"])
    assert case.is_passed and case.name == "valid"
    assert suites["malformed.xml"].failures == 1


def test_the_cli_prints_the_same_report_and_exits_1(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(DOCUMENTS)
    result = CliRunner().invoke(main, ["validate", "--format", "json", *NAMES])
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout) == json.loads(rendered(report, "json"))
    clean = CliRunner().invoke(main, ["validate", "clean.xml"])
    assert clean.exit_code == 0 and "1 file checked: 1 valid, 0 invalid" in clean.stdout


def test_no_input_files_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "*.xml"])
    assert result.exit_code == 2
    assert "no input files found" in result.stderr
