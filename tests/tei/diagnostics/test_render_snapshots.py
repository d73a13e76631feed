"""Every renderer on every shared fixture, compared with golden files read before acceptance."""

from __future__ import annotations

import io

import pytest
from pytest_regressions.file_regression import FileRegressionFixture

from tei.diagnostics.model import Report
from tei.diagnostics.render import FORMATS, RenderOptions, get_renderer

EXTENSION = {"text": ".txt", "json": ".json", "junit": ".xml", "sarif": ".sarif", "github": ".txt"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(
    fmt: str,
    report_case: tuple[str, Report],
    options: RenderOptions,
    file_regression: FileRegressionFixture,
) -> None:
    name, report = report_case
    out = io.StringIO()
    get_renderer(fmt, options).render(report, out)
    file_regression.check(out.getvalue(), basename=f"{fmt}_{name}", extension=EXTENSION[fmt])


def test_every_format_has_a_golden_extension() -> None:
    assert set(EXTENSION) == set(FORMATS)
