"""Our RELAX NG accepts and rejects exactly what the TEI toolchain's reference schema does.

For every ODD with a reference schema: jing on the matching test document and on seeded
mutants of it (renamed, removed, duplicated, moved elements; wrong, missing, extra attribute
values) must give the same verdicts with errors at the same lines and columns. A fast subset
runs by default; the full sweep (every case, 200 mutants each) is marked slow.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from odd_harness import Case, cases, compare, write_mutants  # type: ignore[import-not-found]

from tei.odd.compile import compile_odd, rng_bytes
from tei.odd.source import Source, load_source

pytestmark = [
    pytest.mark.jing,
    pytest.mark.skipif(shutil.which("java") is None, reason="jing needs a Java runtime"),
]

FAST = ("tei_minimal", "testbare", "testTripReport", "detest")
FAST_MUTANTS = 25
FULL_MUTANTS = 200


@pytest.fixture(scope="module")
def source(p5subset: Path) -> Source:
    return load_source(p5subset)


def _case_ids() -> list[str]:
    return [c.name for c in cases()] or ["(no shared material)"]


def _check(case: Case, source: Source, tmp_path: Path, count: int) -> None:
    ours = tmp_path / f"{case.name}.rng"
    ours.write_bytes(rng_bytes(compile_odd(case.odd, source=source)))
    files = write_mutants(case, count, tmp_path / "docs")
    try:
        diffs, counts = compare(ours, case.reference, files)
    except RuntimeError as exc:
        if str(case.reference) in str(exc):
            pytest.skip(f"the reference schema itself does not load in jing: {exc}")
        raise
    assert counts["files"] == count + 1
    report = "\n".join(
        f"{d.label}\n  ours: {d.ours[:3]}\n  reference: {d.reference[:3]}" for d in diffs[:5]
    )
    assert not diffs, f"{len(diffs)} of {counts['files']} files differ:\n{report}"


@pytest.mark.parametrize("name", FAST)
def test_fast_subset_matches_reference(
    name: str, source: Source, tmp_path: Path, tei_p5_dir: Path
) -> None:
    case = next((c for c in cases(tei_p5_dir) if c.name == name), None)
    assert case is not None, f"no reference case {name}"
    _check(case, source, tmp_path, FAST_MUTANTS)


@pytest.mark.slow
@pytest.mark.parametrize("name", _case_ids())
def test_full_sweep_matches_reference(
    name: str, source: Source, tmp_path: Path, tei_p5_dir: Path
) -> None:
    case = next((c for c in cases(tei_p5_dir) if c.name == name), None)
    if case is None:
        pytest.skip("shared TEI material is absent")
    _check(case, source, tmp_path, FULL_MUTANTS)


def test_every_reference_has_a_case(tei_p5_dir: Path) -> None:
    names = {c.name for c in cases(tei_p5_dir)}
    refs = {p.stem for p in (tei_p5_dir / "reference").glob("*.rng")}
    assert names == refs
