"""The parsers over the five seed exports: the facts each seed states are all recognised.

Only facts are asserted (numbers, ids, ISO values, kinds), never the seeds' wording.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from converters.parsing.archives import find_archive_citations
from converters.parsing.dates import find_dates
from converters.parsing.header import classify_line
from converters.parsing.names import find_names
from converters.parsing.spans import ROLES

SEEDS = {
    "000": "000_e1a063a50a9bfbb3.txt",
    "001": "001_9abe56c8443e77ce.txt",
    "002": "002_044a458e14690f41.txt",
    "003": "003_60eb79539b6dc13b.txt",
    "004": "004_8fdb34be53a588fd.txt",
}


def _text(seeds_dir: Path, key: str) -> str:
    return (seeds_dir / SEEDS[key]).read_text(encoding="utf-8")


def _facts(text: str) -> set[tuple[str, str]]:
    """(kind, value) of every classified line's spans, plus the kinds and subtypes."""
    out: set[tuple[str, str]] = set()
    for line in text.split("\n"):
        h = classify_line(line, year=1951)
        if h is None:
            continue
        out.add(("kind", h.kind.value))
        if h.subtype:
            out.add((h.kind.value, h.subtype))
        for note in h.notes:
            out.add(("note", note.subtype))
        for sp in h.spans:
            out.add((sp.role, sp.value or ""))
    return out


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "000",
            {
                ("idno-telegram", "16052"),
                ("date", "1951-01-29T18:40:00"),
                ("date", "1951-01-28T19:00:00"),
                ("idno-outgoing", "478"),
                ("person", "per-mao"),
                ("place", "pl-beijing"),
                ("urgency", "extremely-urgent"),
                ("note", "deciphered"),
                ("note", "typed"),
                ("note", "printed"),
                ("note", "checked"),
                ("kind", "catch"),
                ("continuation", "sheet"),
                ("kind", "distribution"),
                ("kind", "issuer"),
                ("classification", "secrecy"),
            },
        ),
        (
            "001",
            {
                ("date", "1951-01-27T19:35:00"),
                ("date", "1951-01-19T12:00:00"),
                ("idno-outgoing", "449"),
                ("person", "per-gao-gang"),
                ("kind", "greeting"),
                ("kind", "salute"),
            },
        ),
        (
            "002",
            {
                ("idno-telegram", "15603"),
                ("person", "per-molotov"),
                ("date", "1951-01-16T16:00:00"),
                ("date", "1951-01-16T17:45:00"),
                ("idno-outgoing", "260"),
                ("kind", "catch"),
            },
        ),
        (  # the receipt's time and date stand on two lines here
            "003",
            {
                ("time", "02:40:00"),
                ("date", "1951-01-08"),
                ("idno-outgoing", "103"),
                ("person", "per-mao"),
            },
        ),
        (
            "004",
            {
                ("kind", "sent"),
                ("person", "per-bulganin"),
                ("address", "office"),
                ("address", "forward"),
                ("person", "per-zhou-enlai"),
                ("date", "1950-10-01T03:00:00"),
                ("continuation", "page"),
                ("kind", "dateline"),
            },
        ),
    ],
)
def test_seed_apparatus_facts(seeds_dir: Path, key: str, expected: set[tuple[str, str]]) -> None:
    text = _text(seeds_dir, key)
    missing = expected - _facts(text)
    assert not missing


def test_every_span_role_is_a_known_role(seeds_dir: Path) -> None:
    for name in SEEDS.values():
        for line in (seeds_dir / name).read_text(encoding="utf-8").split("\n"):
            h = classify_line(line, year=1951)
            assert h is None or all(sp.role in ROLES for sp in h.spans)


def test_long_paragraphs_are_never_apparatus(seeds_dir: Path) -> None:
    for name in SEEDS.values():
        for para in (seeds_dir / name).read_text(encoding="utf-8").split("\n\n"):
            if len(para) > 300 and "\t" not in para:
                assert classify_line(para, year=1951) is None


@pytest.mark.parametrize(
    ("key", "rows"),
    [
        ("000", [("APRF", "45", "1", "337", (("41", "43"),))]),
        ("001", [("APRF", "45", "1", "337", (("37", "40"),))]),
        ("002", [("APRF", "45", "1", "337", (("1", "3"),))]),
        ("003", [("APRF", "45", "1", "336", (("88", "90"),))]),
        (
            "004",
            [
                ("APRF", "45", "1", "334", (("99", "103"),)),
                ("RGASPI", "558", "11", "334", (("97", "98"),)),
            ],
        ),
    ],
)
def test_seed_citations(seeds_dir: Path, key: str, rows: list[tuple[object, ...]]) -> None:
    got = {
        (c.archive, c.fond, c.opis, c.delo, c.folios)
        for c in find_archive_citations(_text(seeds_dir, key))
    }
    assert set(rows) <= got


def test_seed_names(seeds_dir: Path) -> None:
    refs = {n.ref for n in find_names(_text(seeds_dir, "000"))}
    assert {
        "per-stalin",
        "per-mao",
        "per-peng-dehuai",
        "pl-beijing",
        "pl-seoul",
        "pl-incheon",
        "pl-han-river",
        "pl-suwon",
        "pl-wonju",
        "pl-andong",
        "pl-daejeon",
        "pl-yeongju",
        "pl-nampo",
        "pl-pyongyang",
        "org-second-main-administration",
        "org-aprf",
    } <= refs
    refs4 = {n.ref for n in find_names(_text(seeds_dir, "004"))}
    assert {"per-zhou-enlai", "per-roshchin", "per-bulganin", "pl-moscow", "pl-sochi"} <= refs4


def test_parsers_are_fast_on_a_seed(seeds_dir: Path) -> None:
    """A generous bound (machines differ); the report quotes the measured figure."""
    text = _text(seeds_dir, "000")
    start = time.perf_counter()
    for i in range(20):
        variant = f"{text}\n{i}"  # defeat the result caches
        find_names(variant)
        find_dates(variant)
    per_doc = (time.perf_counter() - start) / 20
    assert per_doc < 0.05
