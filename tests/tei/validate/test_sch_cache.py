"""The per-user parse cache (sch_cache): a Schematron loaded from it reports exactly what a fresh
parse reports; a damaged cache is only a miss; `TEI_CACHE_DIR=off` disables it."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei.validate.schema import schema_set
from tei.validate.schematron import Schematron

MADE_UP = Path(__file__).resolve().parents[2] / "schema" / "fixtures" / "made-up-telegram.xml"


def _findings(sch: Schematron, tree: etree._ElementTree) -> list[tuple[object, ...]]:
    return [(d.code, d.line, d.message, d.hint) for d in sch.iter_diagnostics(tree, "x.xml")]


def _broken() -> etree._ElementTree:
    """The made-up telegram with a dangling pointer, a bad date and an unanswered alignment."""
    tree = etree.parse(str(MADE_UP))
    root = tree.getroot()
    with_corresp = [el for el in root.iter(etree.Element) if el.get("corresp")]
    with_corresp[-1].set("corresp", "#nowhere")
    next(el for el in root.iter(etree.Element) if el.get("when")).set("when", "1951-02-30")
    return tree


def test_cached_load_gives_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEI_CACHE_DIR", str(tmp_path))
    sch_path = schema_set(None).sch
    assert sch_path is not None
    fresh = Schematron.from_path(sch_path)
    files = list(tmp_path.glob("sch-*.pickle"))
    assert len(files) == 1
    cached = Schematron.from_path(sch_path)
    assert cached._cache is not None and cached._cache.entries and not cached._cache.changed
    for tree in (etree.parse(str(MADE_UP)), _broken()):
        expected = _findings(fresh, tree)
        assert _findings(cached, tree) == expected
    assert {"REF", "SCH-when-date"} <= {f[0] for f in _findings(cached, _broken())}
    files[0].write_bytes(b"not a pickle")
    damaged = Schematron.from_path(sch_path)
    assert _findings(damaged, _broken()) == _findings(fresh, _broken())


def test_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEI_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sch_path = schema_set(None).sch
    assert sch_path is not None
    Schematron.from_path(sch_path)
    assert not list(tmp_path.rglob("*.pickle"))


def test_a_cache_file_others_may_write_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TEI_CACHE_DIR", str(tmp_path))
    sch_path = schema_set(None).sch
    assert sch_path is not None
    Schematron.from_path(sch_path)
    (cache_file,) = tmp_path.glob("sch-*.pickle")
    cache_file.chmod(0o666)
    Schematron.from_path(sch_path)
    assert cache_file.stat().st_mode & 0o777 == 0o600  # parsed afresh and rewritten privately
