"""The run: every file gets a result, in input order whatever --jobs, with the schema's identity."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import tei
from tei.diagnostics.model import Severity
from tei.validate import ValidateOptions, validate
from tei.validate.inputs import NoInputFiles
from tei.validate.run import run
from tei.validate.schema import SchemaError, bundled_set, schema_set

Write = Callable[..., Path]


def test_valid_document(mini_rng: Path, write: Write) -> None:
    path = write("ok")
    report = validate(path, schema=mini_rng)
    assert report.is_valid()
    assert [(f.file, f.diagnostics) for f in report.files] == [(str(path), [])]
    assert report.schema is not None
    assert (report.schema.name, report.schema.version) == ("mini", "0.3")
    assert report.schema.sha256 == schema_set(mini_rng).info().sha256
    assert report.engines == ("lxml", "schematron", "refs", "text")


def test_findings_carry_codes_lines_severities_and_the_schema(mini_rng: Path, write: Write) -> None:
    path = write(
        "bad",
        ('when="1951-01-29">29 January', 'when="1951-13-29">29 January'),
        ("Second point.", ""),
        ('type="original"', 'type="draft"'),
    )
    report = validate(path, schema=mini_rng)
    found = [(d.code, d.line, d.severity, d.engine) for d in report.files[0].diagnostics]
    assert found == [
        ("RNG", 7, Severity.ERROR, "lxml"),
        ("SCH-when-date", 7, Severity.ERROR, "schematron"),
        ("SCH-empty-p", 8, Severity.WARNING, "schematron"),
        ("RNG", 10, Severity.ERROR, "lxml"),
    ]
    assert report.files[0].diagnostics[1].message == '@when "1951-13-29" of <date> is not a date.'
    assert report.schema is not None
    assert all(
        d.schema == f"mini 0.3 sha256:{report.schema.sha256[:12]}" for d in report.diagnostics
    )


def test_strict_makes_warnings_fail(mini_rng: Path, write: Write) -> None:
    report = validate(write("warn", ("Second point.", "")), schema=mini_rng)
    assert report.is_valid() and not report.is_valid(strict=True)


def test_jobs_do_not_change_the_report(tmp_path: Path, mini_rng: Path, write: Write) -> None:
    paths = [write(f"d{i:02d}", ("#ru-p1", f"#ru-p{i % 3 + 1}")) for i in range(12)]
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><unclosed></TEI>")
    paths.insert(5, broken)
    one = run([*paths, paths[0]], ValidateOptions(schema=mini_rng, jobs=1))
    two = run([*paths, paths[0]], ValidateOptions(schema=mini_rng, jobs=2))
    assert [f.file for f in one.files] == [str(p) for p in paths]
    assert one == two
    codes = [[d.code for d in f.diagnostics] for f in one.files]
    assert codes[0] == []  # d00 points at ru-p1: fine
    assert codes[5] == ["XML"]
    assert codes[1] == ["ALIGN", "ALIGN"]  # en-p1 -> ru-p2: not answered, and ru-p2 answers en-p2


def test_progress_is_called_once_per_document(mini_rng: Path, write: Write) -> None:
    seen: list[tuple[int, int]] = []
    validate(
        [write("a"), write("b")],
        schema=mini_rng,
        progress=lambda done, total, name: seen.append((done, total)),
    )
    assert seen == [(1, 2), (2, 2)]


def test_xsd_adds_findings(mini_rng: Path, write: Write) -> None:
    path = write("xsd", ('when="1951-01-29">29 January', 'when="1951-13-29">29 January'))
    report = validate(path, schema=mini_rng, xsd=True)
    assert report.engines == ("lxml", "schematron", "refs", "text", "xsd")
    xsd = [d for d in report.diagnostics if d.code == "XSD"]
    assert len(xsd) == 1 and xsd[0].line == 7 and xsd[0].engine == "xsd"


def test_package_is_callable_as_tei_validate(mini_rng: Path, write: Write) -> None:
    report = tei.validate(write("ok"), schema=mini_rng)  # type: ignore[operator]
    assert report.is_valid()


def test_usage_errors(tmp_path: Path, mini_rng: Path, write: Write) -> None:
    with pytest.raises(NoInputFiles):
        validate(tmp_path)
    with pytest.raises(SchemaError):
        validate(write("ok"), schema=tmp_path / "missing.rng")
    with pytest.raises(SchemaError):
        validate(write("ok"), schema=mini_rng, engine="msxml")


def test_bundled_schema_identity() -> None:
    info = bundled_set().info()
    assert info.name == "telegrams" and len(info.sha256) == 64


def test_bundled_schema_rejects_a_broken_example(example: Path, tmp_path: Path) -> None:
    text = example.read_text(encoding="utf-8").replace('when="1951-01-29"', 'when="1951-13-29"', 1)
    bad = tmp_path / "bad.xml"
    bad.write_text(text, encoding="utf-8")
    report = validate(bad)
    assert "SCH-when-date" in {d.code for d in report.diagnostics}
    assert report.engines == ("lxml", "schematron", "text")  # the customisation owns REF/ALIGN
