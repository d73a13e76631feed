"""lxml (libxml2) and jing agree on every verdict: lxml passes nothing jing rejects."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tei.diagnostics.model import Report
from tei.validate import validate

pytestmark = [
    pytest.mark.jing,
    pytest.mark.skipif(shutil.which("java") is None, reason="jing needs a Java runtime"),
]

MUTATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "valid": (),
    "bad-enum": (('type="original"', 'type="draft"'),),
    "unknown-element": (("Second point.", "<seg>Second</seg> point."),),
    "missing-required-attribute": ((' xml:id="ru"', ""),),
    "bad-id-datatype": (('xml:id="en-p2"', 'xml:id="2en"'),),
    "unknown-attribute": (('<p xml:id="ru-p2"', '<p n="2" xml:id="ru-p2"'),),
    "text-in-header-element": (("<body>", "<body>stray"),),
    "missing-child": (("<teiHeader>A made-up telegram</teiHeader>", ""),),
    "wrong-namespace-child": (("<body>", '<body><x:div xmlns:x="urn:x"/>'),),
    "empty-div": (
        ('<p xml:id="ru-p1" corresp="#en-p1">Получено <date when="1951-01-29">29.1.51</date>.', ""),
        ('</p>\n        <p xml:id="ru-p2" corresp="#en-p2">Второй пункт.</p>', ""),
    ),
    "hour-24": (('when="1951-01-29">29 January', 'when="1951-01-29T24:00:00">29 January'),),
    "bad-date": (('when="1951-01-29">29 January', 'when="1951-02-30">29 January'),),
    "date-without-when": (('<date when="1951-01-29">29 January', "<date>29 January"),),
    "element-in-date": (("29.1.51</date>", "<date when='1951-01-01'/>29.1.51</date>"),),
}


def _rng_verdict(report: Report) -> bool:
    return not any(d.code in ("RNG", "XML") for d in report.diagnostics)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_lxml_and_jing_agree(name: str, mini_rng: Path, write: Callable[..., Path]) -> None:
    path = write(name, *MUTATIONS[name])
    lxml = validate(path, schema=mini_rng, engine="lxml")
    jing = validate(path, schema=mini_rng, engine="jing")
    assert _rng_verdict(lxml) == _rng_verdict(jing), (lxml.diagnostics, jing.diagnostics)
    assert _rng_verdict(jing) == (name == "valid")
    assert not any(d.code == "ENGINE" for d in jing.diagnostics)
    if not _rng_verdict(jing):
        lines = {d.line for d in jing.diagnostics if d.code in ("RNG", "XML")}
        assert lines and None not in lines


def test_jing_reports_findings_per_file_in_one_batch(
    mini_rng: Path, write: Callable[..., Path]
) -> None:
    paths = [write(name, *MUTATIONS[name]) for name in ("valid", "bad-enum", "valid")]
    report = validate(paths[:2], schema=mini_rng, engine="jing")
    assert [bool(f.diagnostics) for f in report.files] == [False, True]
    (finding,) = report.files[1].diagnostics
    assert (finding.code, finding.engine, finding.line) == ("RNG", "jing", 10)
    assert finding.column is not None


def test_jing_without_java_is_an_engine_finding(
    mini_rng: Path, write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    report = validate(write("valid"), schema=mini_rng, engine="jing")
    assert not report.is_valid()
    assert [d.code for d in report.diagnostics] == ["ENGINE"]
    assert "Java" in report.diagnostics[0].message


def test_jing_on_zip_members_reports_member_names(
    mini_rng: Path, write: Callable[..., Path], tmp_path: Path
) -> None:
    archive = tmp_path / "submission.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(write("valid"), "letters/a.xml")
        out.write(write("bad", *MUTATIONS["bad-enum"]), "letters/b.xml")
    report = validate(archive, schema=mini_rng, engine="jing")
    assert [f.file for f in report.files] == [
        f"{archive}!/letters/a.xml",
        f"{archive}!/letters/b.xml",
    ]
    assert [len(f.diagnostics) for f in report.files] == [0, 1]
    assert report.files[1].diagnostics[0].file == f"{archive}!/letters/b.xml"
