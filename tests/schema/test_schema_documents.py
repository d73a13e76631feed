"""The committed schema is the ODD compiled; valid documents are clean for every engine and valid
against tei_all (TEI conformance)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from jing_batch import jing_errors  # type: ignore[import-not-found]
from odd_facts import ODD, ROOT  # type: ignore[import-not-found]

import tei.validate

SCHEMA = ROOT / "schema"
RECOMPILE = "tei odd compile odd/telegrams.odd --source ../shared/tei-p5/p5subset.xml -o schema"


def test_committed_schema_is_what_the_odd_compiles_to(p5subset: Path, tmp_path: Path) -> None:
    """Byte for byte: nobody edits schema/ by hand, and the committed files are not stale."""
    from tei.cli.odd import odd

    args = ["compile", str(ODD), "--source", str(p5subset), "-o", str(tmp_path)]
    result = CliRunner().invoke(odd, args)
    assert result.exit_code == 0, result.output
    for suffix in (".rng", ".sch", ".xsd"):
        fresh = (tmp_path / f"telegrams{suffix}").read_bytes()
        committed = (SCHEMA / f"telegrams{suffix}").read_bytes()
        assert fresh == committed, f"schema/telegrams{suffix} is stale: run `{RECOMPILE}`"


def _findings(paths: list[Path], engine: str) -> list[str]:
    report = tei.validate.validate(paths, engine=engine, xsd=True)
    assert len(report.files) == len(paths)
    return [
        f"{d.file}:{d.line}: {d.severity} [{d.code}] {d.message}"
        for f in report.files
        for d in f.diagnostics
        if d.severity == "error"
    ]


@pytest.mark.parametrize("engine", ["lxml", pytest.param("jing", marks=pytest.mark.jing)])
def test_made_up_telegram_is_clean(made_up: Path, engine: str) -> None:
    """RELAX NG (lxml or jing), every Schematron rule and the XSD all accept it."""
    assert _findings([made_up], engine) == []


@pytest.mark.parametrize("engine", ["lxml", pytest.param("jing", marks=pytest.mark.jing)])
def test_converted_seeds_are_clean(converted_seeds: list[Path], engine: str) -> None:
    assert _findings(converted_seeds, engine) == []


@pytest.mark.jing
def test_valid_documents_conform_to_tei_all(
    made_up: Path, converted_seeds: list[Path], tei_all_rng: Path
) -> None:
    """What this schema accepts, TEI accepts (the customisation only narrows tei_all)."""
    errors = jing_errors(tei_all_rng, [made_up, *converted_seeds])
    assert {str(f): e for f, e in errors.items() if e} == {}
