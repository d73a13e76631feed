"""Shared fixtures: where ../shared is, and skips with a clear reason when it is absent."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
TEI_P5 = SHARED / "tei-p5"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared material sits beside the project (../shared)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _need(SEEDS)


@pytest.fixture(scope="session")
def tei_p5_dir() -> Path:
    return _need(TEI_P5)


@pytest.fixture(scope="session")
def p5subset() -> Path:
    return _need(TEI_P5 / "p5subset.xml")


@pytest.fixture(scope="session")
def tei_all_rng() -> Path:
    return _need(TEI_P5 / "tei_all.rng")
