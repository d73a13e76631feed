"""Every ODD in exemplars/ and test-odds/ compiles (or fails naming what is unsupported),
its grammar loads in a RELAX NG validator, and compiling twice gives identical bytes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree
from odd_harness import TEI_P5, jing  # type: ignore[import-not-found]

from tei.odd.compile import compile_odd, rng_bytes
from tei.odd.errors import UnsupportedFeature
from tei.odd.source import Source, load_source


def _odds() -> list[Path]:
    return sorted(TEI_P5.glob("exemplars/*.odd")) + sorted(TEI_P5.glob("test-odds/*.odd"))


@pytest.fixture(scope="module")
def source(p5subset: Path) -> Source:
    return load_source(p5subset)


def _compile_and_load(odd: Path, source: Source, tmp_path: Path) -> bytes | None:
    try:
        schema = compile_odd(odd, source=source)
    except UnsupportedFeature as exc:  # allowed, if it says what is unsupported
        assert "not supported" in str(exc)
        return None
    data = rng_bytes(schema)
    if shutil.which("java"):  # jing loads it: every ref defined, patterns well formed
        path = tmp_path / f"{odd.stem}.rng"
        path.write_bytes(data)
        assert jing(path, []) == {}
    return data


@pytest.mark.parametrize("name", ["tei_minimal", "tei_simplePrint", "testnym"])
def test_some_odds_compile(name: str, source: Source, tei_p5_dir: Path, tmp_path: Path) -> None:
    odd = next(p for p in _odds() if p.stem == name)
    assert _compile_and_load(odd, source, tmp_path) is not None


@pytest.mark.slow
@pytest.mark.parametrize("odd", _odds(), ids=lambda p: p.stem)
def test_every_odd_compiles(odd: Path, source: Source, tei_p5_dir: Path, tmp_path: Path) -> None:
    if (tei_p5_dir / "reference" / f"{odd.stem}.rng").exists():
        # jing loads these grammars in test_reference_equivalence already: only compile here
        assert compile_odd(odd, source=source).rng.getroot() is not None
        return
    _compile_and_load(odd, source, tmp_path)


def test_compiling_twice_is_byte_identical(source: Source, tei_p5_dir: Path) -> None:
    odd = tei_p5_dir / "test-odds" / "testbare.odd"
    first = rng_bytes(compile_odd(odd, source=source))
    second = rng_bytes(compile_odd(odd, source=load_source(tei_p5_dir / "p5subset.xml")))
    assert first == second


def test_tei_all_matches_the_official_define_set(source: Source, tei_p5_dir: Path) -> None:
    """The official tei_all.rng's define names all exist in ours (a shape check)."""
    ours = etree.fromstring(
        rng_bytes(compile_odd(tei_p5_dir / "exemplars/tei_all.odd", source=source))
    )
    official = etree.parse(str(tei_p5_dir / "tei_all.rng")).getroot()

    def names(root: etree._Element) -> set[str]:
        return {str(d.get("name")) for d in root.iter("{*}define")}

    mine, theirs = names(ours), names(official)
    assert theirs <= mine
    # We keep a few defines the TEI toolchain prunes (unused classes and macros), harmless as
    # nothing refers to them; and we refer to class expansions (model.x_sequence) where the
    # TEI toolchain writes the same patterns out in place.
    referenced = {str(r.get("name")) for r in ours.iter("{*}ref")}
    expansions = (
        "_sequence",
        "_sequenceOptional",
        "_sequenceOptionalRepeatable",
        "_sequenceRepeatable",
        "_alternation",
    )
    assert all(n.endswith(expansions) for n in (mine - theirs) & referenced)
