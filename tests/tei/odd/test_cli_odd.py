"""`tei odd compile`: writes NAME.rng/.sch/.xsd, reproducibly; errors give one line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["odd", "compile", *args])
    return result.exit_code, result.stdout, result.stderr


def test_compile_writes_three_schemas(tmp_path: Path, tei_p5_dir: Path, p5subset: Path) -> None:
    odd = tei_p5_dir / "exemplars" / "tei_minimal.odd"
    before = odd.read_bytes()
    code, out, err = run(str(odd), "--source", str(p5subset), "-o", str(tmp_path / "a"))
    assert code == 0, err
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["tei_minimal.rng", "tei_minimal.sch", "tei_minimal.xsd"]
    assert out.split() == [str(tmp_path / "a" / n) for n in names]
    rng = etree.parse(str(tmp_path / "a" / "tei_minimal.rng")).getroot()
    assert etree.QName(rng).localname == "grammar"
    assert odd.read_bytes() == before  # input untouched


def test_compiling_twice_gives_identical_files(
    tmp_path: Path, tei_p5_dir: Path, p5subset: Path
) -> None:
    odd = tei_p5_dir / "test-odds" / "testbare.odd"
    for sub in ("a", "b"):
        code, _, err = run(str(odd), "--source", str(p5subset), "-o", str(tmp_path / sub))
        assert code == 0, err
    for f in (tmp_path / "a").iterdir():
        assert f.read_bytes() == (tmp_path / "b" / f.name).read_bytes(), f.name


def test_source_from_environment(
    tmp_path: Path, tei_p5_dir: Path, p5subset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEI_P5_SOURCE", str(p5subset))
    code, _, err = run(str(tei_p5_dir / "exemplars" / "tei_minimal.odd"), "-o", str(tmp_path))
    assert code == 0, err


def test_no_source_is_a_clear_error(
    tmp_path: Path, tei_p5_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TEI_P5_SOURCE", raising=False)
    code, out, err = run(str(tei_p5_dir / "exemplars" / "tei_minimal.odd"), "-o", str(tmp_path))
    assert code == 2 and out == ""
    assert "--source" in err and "TEI_P5_SOURCE" in err
    assert list(tmp_path.iterdir()) == []


def test_unknown_module_names_the_odd_line(tmp_path: Path, p5subset: Path) -> None:
    odd = tmp_path / "bad.odd"
    odd.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n'
        '<schemaSpec ident="bad">\n<moduleRef key="tei"/>\n<moduleRef key="nope"/>\n'
        "</schemaSpec></body></text></TEI>\n"
    )
    code, _, err = run(str(odd), "--source", str(p5subset), "-o", str(tmp_path / "out"))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert f"{odd}:4:" in lines[0] and "unknown module 'nope'" in lines[0]
    assert not (tmp_path / "out").exists()


def test_malformed_odd(tmp_path: Path, p5subset: Path) -> None:
    odd = tmp_path / "broken.odd"
    odd.write_text("<TEI>\n<schemaSpec>\n")
    code, _, err = run(str(odd), "--source", str(p5subset))
    assert code == 2 and "malformed XML" in err and f"{odd}:" in err


def test_missing_odd_file(tmp_path: Path, p5subset: Path) -> None:
    code, _, err = run(str(tmp_path / "nothing.odd"), "--source", str(p5subset))
    assert code == 2 and "nothing.odd" in err


def test_edition_becomes_a_schema_version_comment(tmp_path: Path, p5subset: Path) -> None:
    odd = tmp_path / "versioned.odd"
    odd.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>v'
        '</title></titleStmt><editionStmt><edition n="2.1.0">2.1</edition></editionStmt>'
        "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>"
        '</teiHeader><text><body><schemaSpec ident="versioned" start="TEI">'
        '<moduleRef key="tei"/><moduleRef key="core"/><moduleRef key="header"/>'
        '<moduleRef key="textstructure"/></schemaSpec></body></text></TEI>'
    )
    code, _, err = run(str(odd), "--source", str(p5subset), "-o", str(tmp_path / "out"))
    assert code == 0, err
    for suffix in ("rng", "sch", "xsd"):
        data = (tmp_path / "out" / f"versioned.{suffix}").read_bytes()
        assert data.splitlines()[1] == b"<!-- schema-version: 2.1.0 -->", suffix
        etree.fromstring(data)
