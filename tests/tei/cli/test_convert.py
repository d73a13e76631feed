"""`tei convert` end to end: outputs, report, bad inputs in a batch, exit codes, atomic writes."""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tei.cli import main
from tei.errors import EmptyInputError, EncodingError, InputError, InternalError, OutputError

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
EXAMPLE = EXAMPLES / "telegram-example.txt"


def _run(*args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(main, ["convert", *args], env={"SOURCE_DATE_EPOCH": "1700000000"})
    return result.exit_code, result.stdout, result.stderr


def test_converts_into_directory(tmp_path: Path) -> None:
    code, _out, err = _run(str(EXAMPLE), "-o", str(tmp_path / "out"))
    assert code == 0, err
    xml = (tmp_path / "out" / "telegram-example.xml").read_bytes()
    assert xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns=')
    assert "converted as wilson-scan" in err
    assert "recognised:" in err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["telegram-example.xml"]  # no temp


def test_stdout_for_one_input() -> None:
    code, out, _err = _run(str(EXAMPLE), "-o", "-")
    assert code == 0
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert '<change when="2023-11-14">' in out


def test_stdout_takes_one_input_only() -> None:
    code, _out, err = _run(str(EXAMPLE), str(EXAMPLE), "-o", "-")
    assert code == 2
    assert "exactly one input" in err


def test_no_inputs_is_a_usage_error() -> None:
    code, _out, err = _run()
    assert code == 2
    assert "no input files" in err


def test_unknown_layout_name_is_a_usage_error() -> None:
    code, _out, err = _run(str(EXAMPLE), "--layout", "nonsense", "-o", "-")
    assert code == 2
    assert "nonsense" in err


def test_forced_layout(tmp_path: Path) -> None:
    code, _out, err = _run(str(EXAMPLE), "--layout", "generic", "-o", str(tmp_path))
    assert code == 0
    assert "converted as generic" in err


def test_unrecognised_layout_converts_with_a_warning(tmp_path: Path) -> None:
    odd = tmp_path / "odd.txt"
    odd.write_text("Some notes of a meeting.\n\nNothing like a telegram here at all, truly.\n")
    code, _out, err = _run(str(odd), "-o", str(tmp_path / "out"))
    assert code == 0
    assert "layout not recognised" in err
    assert (tmp_path / "out" / "odd.xml").exists()


BAD = {
    "empty.txt": (b"", "empty file", EmptyInputError.exit_code),
    "blank.txt": (b"  \n\n", "empty file", EmptyInputError.exit_code),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data", EncodingError.exit_code),
    "latin1.txt": (
        "Caf\u00e9 telegram".encode("latin-1"),
        "not valid UTF-8",
        EncodingError.exit_code,
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_one_line_error(tmp_path: Path, name: str) -> None:
    data, message, exit_code = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    code, _out, err = _run(str(path), "-o", str(tmp_path / "out"))
    lines = err.strip().splitlines()
    assert lines == [f"error: {path}: {lines[0].split(': ', 2)[2]}"]
    assert message in err
    assert code == exit_code
    assert not (tmp_path / "out" / f"{path.stem}.xml").exists()


def test_directory_and_missing_path(tmp_path: Path) -> None:
    code, _out, err = _run(str(tmp_path), "-o", str(tmp_path / "out"))
    assert code == InputError.exit_code
    assert f"error: {tmp_path}: is a directory" in err
    missing = tmp_path / "nope.txt"
    code, _out, err = _run(str(missing), "-o", str(tmp_path / "out"))
    assert code == InputError.exit_code
    assert err.strip() == f"error: {missing}: no such file"


def test_batch_continues_and_exit_status_says_some_failed(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02")
    out = tmp_path / "out"
    code, _out, err = _run(str(empty), str(EXAMPLE), str(binary), "-o", str(out))
    assert code == 1  # two different failures: the generic failure status
    assert (out / "telegram-example.xml").exists()
    assert f"error: {empty}:" in err and f"error: {binary}:" in err
    summary = err.splitlines()[-3:]
    assert summary[0] == "3 inputs: 1 converted, 2 failed"
    assert summary[1].startswith(f"  failed: {empty}: ")
    assert summary[2].startswith(f"  failed: {binary}: ")


def test_inputs_never_modified(tmp_path: Path) -> None:
    src = tmp_path / "in.txt"
    src.write_bytes(EXAMPLE.read_bytes())
    before = (src.read_bytes(), src.stat().st_mtime_ns)
    code, _out, _err = _run(str(src), "-o", str(tmp_path))
    assert code == 0
    assert (src.read_bytes(), src.stat().st_mtime_ns) == before


def test_output_replaced_atomically(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "telegram-example.xml"
    target.write_text("stale")
    inode_before = target.stat().st_ino
    code, _out, _err = _run(str(EXAMPLE), "-o", str(out))
    assert code == 0
    assert target.read_bytes().startswith(b"<?xml")
    assert target.stat().st_ino != inode_before  # a new file renamed over the old one
    assert sorted(os.listdir(out)) == ["telegram-example.xml"]


def test_same_output_name_twice(tmp_path: Path) -> None:
    other = tmp_path / "b" / "telegram-example.txt"
    other.parent.mkdir()
    other.write_bytes(EXAMPLE.read_bytes())
    code, _out, err = _run(str(EXAMPLE), str(other), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "would overwrite" in err


def test_json_report(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, _out, err = _run(
        str(EXAMPLE), str(empty), "-o", str(tmp_path / "out"), "--report", "json"
    )
    assert code == EmptyInputError.exit_code
    report = json.loads(err)
    good, bad = report["files"]
    assert good["layout"] == "wilson-scan" and good["detected"] is True
    assert good["recognised"]["division-original"] == 1
    assert (
        {"kind", "line", "message", "text"} <= set(good["findings"][0])
        if good["findings"]
        else True
    )
    assert bad["error"].startswith(str(empty))


def test_report_lists_findings(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "January 2, 1951\n\nA made-up telegram\n\nTo Comrade FILIPPOV [Stalin.\n\n"
        "Our troops stand near Seoul and the марionеточных units retreat to the south today.\n"
        "A bell\x07rang.\n"
    )
    code, _out, err = _run(str(page), "-o", str(tmp_path / "out"))
    assert code == 0
    assert "unbalanced-bracket" in err
    assert f"{page}:8: control-character: character U+0007" in err
    assert "mixed-script-word" in err and "марionеточных" in err


def test_output_has_the_usual_file_mode(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    os.umask(mask)
    code, _out, _err = _run(str(EXAMPLE), "-o", str(tmp_path))
    assert code == 0
    mode = (tmp_path / "telegram-example.xml").stat().st_mode & 0o777
    assert mode == 0o666 & ~mask


def test_output_directory_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("")
    code, _out, err = _run(str(EXAMPLE), "-o", str(blocker))
    assert code == OutputError.exit_code
    assert err.strip() == (
        f"error: {blocker}/telegram-example.xml: cannot write: {blocker} is not a directory"
    )


def test_internal_error_names_the_input_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A toolkit bug on one input is one line naming it; the other inputs still convert."""
    io = importlib.import_module("converters.io")
    real = io.convert_file

    def flaky(path: Path, *args: object) -> object:
        if path.name == "bad.txt":
            raise ValueError("simulated fault")
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(io, "convert_file", flaky)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(EXAMPLE.read_bytes())
    code, _out, err = _run(str(bad), str(EXAMPLE), "-o", str(tmp_path / "out"))
    assert code == InternalError.exit_code
    assert f"error: {bad}: internal error (ValueError: simulated fault)" in err
    assert (tmp_path / "out" / "telegram-example.xml").exists()
    assert "2 inputs: 1 converted, 1 failed" in err


def test_jobs_give_the_same_outputs_and_report(tmp_path: Path) -> None:
    """--jobs converts in worker processes; outputs, report order and exit status are the same."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    inputs = [*sorted(str(p) for p in EXAMPLES.glob("*.txt")), str(empty)]
    one = _run(*inputs, "-o", str(tmp_path / "one"), "--report", "json")
    two = _run(*inputs, "-o", str(tmp_path / "two"), "--report", "json", "--jobs", "2")
    assert one[0] == two[0] == EmptyInputError.exit_code
    assert one[2].replace("/one/", "/x/") == two[2].replace("/two/", "/x/")
    for xml in (tmp_path / "one").glob("*.xml"):
        assert (tmp_path / "two" / xml.name).read_bytes() == xml.read_bytes()
    assert json.loads(two[2])["files"][-1]["error"].startswith(str(empty))
