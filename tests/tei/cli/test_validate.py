"""`tei validate`: exit statuses, formats, output file, options the CI files rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei.cli import main

DATA = Path(__file__).resolve().parents[1] / "validate" / "data"
MINI = DATA / "mini.rng"
DOC = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>h</teiHeader><text><body>
<div type="translation" xml:id="en"><p>Sent on <date when="{when}">a day</date>.</p></div>
</body></text></TEI>
"""


@pytest.fixture()
def docs(tmp_path: Path) -> tuple[Path, Path]:
    good, bad = tmp_path / "good.xml", tmp_path / "bad.xml"
    good.write_text(DOC.format(when="1951-01-29"))
    bad.write_text(DOC.format(when="1951-13-29"))
    return good, bad


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["validate", *args])
    return result.exit_code, result.stdout, result.stderr


def test_exit_zero_when_valid(docs: tuple[Path, Path]) -> None:
    code, out, _ = invoke("--schema", str(MINI), str(docs[0]))
    assert code == 0
    assert "1 file checked: 1 valid" in out
    assert "mini 0.3" in out


def test_exit_one_when_invalid_with_position_and_code(docs: tuple[Path, Path]) -> None:
    code, out, _ = invoke("--schema", str(MINI), "--no-color", str(docs[0]), str(docs[1]))
    assert code == 1
    assert f"{docs[1]}:2: error [SCH-when-date]" in out


def test_exit_two_for_usage_errors(tmp_path: Path, docs: tuple[Path, Path]) -> None:
    code, _, err = invoke("--schema", str(MINI), str(tmp_path / "empty-dir-nothing"))
    assert code == 2 and "no such file" in err
    (tmp_path / "empty").mkdir()
    code, _, err = invoke("--schema", str(MINI), str(tmp_path / "empty"))
    assert code == 2 and "no input files" in err
    code, _, err = invoke("--schema", str(MINI))
    assert code == 2 and "no input files" in err
    code, _, err = invoke("--schema", str(tmp_path / "nope.rng"), str(docs[0]))
    assert code == 2 and "nope.rng" in err
    code, _, _ = invoke("--engine", "msxml", str(docs[0]))
    assert code == 2
    code, _, _ = invoke("--max-size", "lots", str(docs[0]))
    assert code == 2


def test_json_to_file_atomically(tmp_path: Path, docs: tuple[Path, Path]) -> None:
    out = tmp_path / "report.json"
    code, stdout, _ = invoke(
        "--schema", str(MINI), "--format", "json", "-o", str(out), "--jobs", "2", *map(str, docs)
    )
    assert code == 1 and stdout == ""
    data = json.loads(out.read_text())
    assert data["schema"]["name"] == "mini" and data["schema"]["version"] == "0.3"
    assert [f["file"] for f in data["files"]] == [str(docs[0]), str(docs[1])]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xml", "good.xml", "report.json"]


def test_strict_and_max_size(tmp_path: Path, docs: tuple[Path, Path]) -> None:
    warn = tmp_path / "warn.xml"
    warn.write_text(DOC.format(when="1951-01-29").replace("Sent on ", "").replace(">a day<", "><"))
    warn.write_text(warn.read_text().replace('<p><date when="1951-01-29"></date>.</p>', "<p/>"))
    assert invoke("--schema", str(MINI), str(warn))[0] == 0
    assert invoke("--schema", str(MINI), "--strict", str(warn))[0] == 1
    code, out, _ = invoke("--schema", str(MINI), "--max-size", "10", str(docs[0]))
    assert code == 1 and "[SIZE]" in out and "--max-size" in out


def test_help_lists_the_options_ci_relies_on() -> None:
    code, out, _ = invoke("--help")
    assert code == 0
    for option in ("--format", "--engine", "--schema", "--max-size", "--strict", "--jobs", "--xsd"):
        assert option in out
