"""Fixtures of the customisation's tests: the ODD compiled once, the bundled schema files."""

from __future__ import annotations

from pathlib import Path

import pytest
from odd_facts import ODD  # type: ignore[import-not-found]

from tei.odd.compile import CompiledSchema, compile_odd

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MADE_UP = FIXTURES / "made-up-telegram.xml"


@pytest.fixture(scope="session")
def compiled(p5subset: Path) -> CompiledSchema:
    """odd/telegrams.odd compiled against ../shared's p5subset (skips when it is absent)."""
    return compile_odd(ODD, source=p5subset)


@pytest.fixture(scope="session")
def made_up() -> Path:
    """A made-up telegram in the project's encoding that uses every element of the schema."""
    return MADE_UP


@pytest.fixture(scope="session")
def converted_seeds(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The five seeds converted by the toolkit's own converter (`tei convert`'s library call)."""
    from converters.io import convert_file
    from tei.options import ReadOptions, WriteOptions

    out = tmp_path_factory.mktemp("converted-seeds")
    paths = []
    for seed in sorted(seeds_dir.glob("*.txt")):
        converted = convert_file(seed, ReadOptions(), WriteOptions(date="2026-01-15"))
        path = out / f"{seed.stem}.xml"
        path.write_bytes(converted.xml)
        paths.append(path)
    assert len(paths) == 5, f"expected the five seeds in {seeds_dir}"
    return paths
