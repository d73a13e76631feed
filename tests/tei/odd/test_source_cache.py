"""The compact cached copy of p5subset: written once, reused, and never trusted blindly."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei.odd import source as source_module
from tei.odd import source_cache
from tei.odd.load import TEI


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TEI_TOOLKIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(source_module, "_CACHE", {})
    return tmp_path / "cache"


def _specs(src: source_module.Source) -> dict[str, tuple[str | None, str | None]]:
    return {i: (s.get("module"), etree.QName(s).localname) for i, s in src.specs.items()}


def test_cache_is_written_and_gives_the_same_index(cache: Path, p5subset: Path) -> None:
    first = source_module.load_source(p5subset)
    files = list(cache.iterdir())
    assert len(files) == 1 and files[0].stat().st_size < p5subset.stat().st_size / 2
    source_module._CACHE.clear()
    second = source_module.load_source(p5subset)
    assert second.version == first.version and "4.8.0" in second.version
    assert _specs(second) == _specs(first)
    assert second.modules == first.modules
    p = second.specs["p"]
    assert p.find(f"{TEI}constraintSpec") is not None and p.find(f"{TEI}content") is not None
    langs = {
        d.get("{http://www.w3.org/XML/1998/namespace}lang", "en") for d in p.iter(f"{TEI}desc")
    }
    assert langs == {"en"}
    assert p.find(f".//{TEI}exemplum") is None


def test_corrupt_cache_is_ignored(cache: Path, p5subset: Path) -> None:
    source_module.load_source(p5subset)
    (cached,) = cache.iterdir()
    cached.write_bytes(b"<broken")
    source_module._CACHE.clear()
    assert source_module.load_source(p5subset).kind("p") == "elementSpec"


def test_cache_can_be_disabled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, p5subset: Path
) -> None:
    monkeypatch.setenv("TEI_TOOLKIT_CACHE", "")
    monkeypatch.setattr(source_module, "_CACHE", {})
    assert source_cache.cache_dir() is None
    assert source_module.load_source(p5subset).kind("TEI") == "elementSpec"
