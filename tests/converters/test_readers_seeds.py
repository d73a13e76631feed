"""The five seed exports: they convert (exit 0), are valid against tei_all, lose no word, are
byte-identical across runs, and match their golden skeletons (structure and facts, no seed text)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from teitext import run_jing, skeleton, source_words, tei_words

from converters import read
from converters.assemble import plain
from tei import model as m
from tei.cli import main
from tei.options import WriteOptions
from tei.writer import to_bytes

EPOCH = "1700000000"  # 2023-11-14
LAYOUTS = {
    "000": "wilson-scan",
    "001": "wilson-web",
    "002": "wilson-continuation",
    "003": "wilson-markdown",
    "004": "wilson-outgoing",
}


def _seeds(seeds_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt"))


@pytest.fixture(scope="module")
def converted(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """All seeds converted once by the command line, as a user would."""
    out = tmp_path_factory.mktemp("seeds-tei")
    seeds = _seeds(seeds_dir)
    result = CliRunner().invoke(
        main, ["convert", *map(str, seeds), "-o", str(out)], env={"SOURCE_DATE_EPOCH": EPOCH}
    )
    assert result.exit_code == 0, result.output
    return {s.name[:3]: out / f"{s.stem}.xml" for s in seeds}


def test_five_seeds_present(seeds_dir: Path) -> None:
    assert [s.name[:3] for s in _seeds(seeds_dir)] == sorted(LAYOUTS)


@pytest.mark.jing
def test_outputs_valid_against_tei_all(converted: dict[str, Path], tei_all_rng: Path) -> None:
    result = run_jing(tei_all_rng, sorted(converted.values()))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("prefix", sorted(LAYOUTS))
def test_layout_detected(seeds_dir: Path, prefix: str) -> None:
    (seed,) = seeds_dir.glob(f"{prefix}_*.txt")
    _doc, report = read(seed.read_text(encoding="utf-8"))
    assert report.detected
    assert report.layout == LAYOUTS[prefix]


@pytest.mark.parametrize("prefix", sorted(LAYOUTS))
def test_no_word_lost(seeds_dir: Path, converted: dict[str, Path], prefix: str) -> None:
    (seed,) = seeds_dir.glob(f"{prefix}_*.txt")
    source = source_words(seed.read_text(encoding="utf-8"))
    missing = source - tei_words(converted[prefix].read_bytes())
    assert sum(source.values()) > 500
    assert not missing, f"words of the source missing from the TEI: {dict(missing)}"


@pytest.mark.parametrize("prefix", sorted(LAYOUTS))
def test_deterministic(seeds_dir: Path, prefix: str) -> None:
    (seed,) = seeds_dir.glob(f"{prefix}_*.txt")
    text = seed.read_text(encoding="utf-8")
    first = to_bytes(read(text)[0], WriteOptions(date="2023-11-14"))
    second = to_bytes(read(text)[0], WriteOptions(date="2023-11-14"))
    assert first == second


def test_source_date_epoch(converted: dict[str, Path]) -> None:
    for path in converted.values():
        assert b'<change when="2023-11-14">' in path.read_bytes()


@pytest.mark.parametrize("prefix", sorted(LAYOUTS))
def test_golden_skeleton(
    converted: dict[str, Path], prefix: str, data_regression: pytest.FixtureRequest
) -> None:
    """Golden structure of each seed's TEI; read against the source before accepting it."""
    data_regression.check({"skeleton": skeleton(converted[prefix].read_bytes())})  # type: ignore[attr-defined]


def _paragraphs(blocks: list[m.Block]) -> list[m.Paragraph]:
    out: list[m.Paragraph] = []
    for b in blocks:
        if isinstance(b, m.Paragraph):
            out.append(b)
        elif isinstance(b, m.EmbeddedMessage):
            out += _paragraphs(b.blocks)
    return out


def test_scan_facts(seeds_dir: Path) -> None:
    """Seed 000: Russian scan then English: facts the encoding asks for, checked one by one."""
    (seed,) = seeds_dir.glob("000_*.txt")
    doc, report = read(seed.read_text(encoding="utf-8"))
    assert [(d.type, d.lang) for d in doc.divisions] == [("translation", "en"), ("original", "ru")]
    (arch,) = doc.archives
    assert (arch.key, arch.fond, arch.opis, arch.delo) == ("APRF", "45", "1", "337")
    assert [(f.start, f.end) for f in arch.folios] == [("41", "43")]
    ru = doc.divisions[1]
    pages = [b.n for b in _walk_blocks(ru.blocks) if isinstance(b, m.PageBreak)]
    assert pages == ["41", "42", "43"]
    msg1, msg2 = doc.messages
    received = next(a for a in msg1.actions if a.type == "received" and a.subtype is None)
    assert received.date is not None and received.date.when == "1951-01-29T18:40:00"
    assert [p.ref for p in received.persons] == ["per-stalin"]
    sent2 = next(a for a in msg2.actions if a.type == "sent")
    assert [p.ref for p in sent2.persons] == ["per-mao"]
    # the quoted telegram's points are aligned by their numbers
    en_points = {p.n: p for p in _paragraphs(doc.divisions[0].blocks) if p.n}
    ru_points = {p.n: p for p in _paragraphs(ru.blocks) if p.n}
    for n in "123456789":
        assert en_points[n].corresp == ru_points[n].xml_id
        assert ru_points[n].corresp == en_points[n].xml_id
    kinds = {f.kind for f in report.findings}
    assert "mixed-script-word" in kinds
    assert any(f.text == "марionеточных" for f in report.findings)


def _walk_blocks(blocks: list[m.Block]) -> list[m.Block]:
    out: list[m.Block] = []
    for b in blocks:
        out.append(b)
        if isinstance(b, m.EmbeddedMessage):
            out += _walk_blocks(b.blocks)
        elif isinstance(b, m.Opener | m.Closer):
            out += [x for x in b.lines if not isinstance(x, m.ApparatusLine)]
    return out


def test_outgoing_versions(seeds_dir: Path) -> None:
    """Seed 004: the draft and the transmitted Russian texts are two originals."""
    (seed,) = seeds_dir.glob("004_*.txt")
    doc, _ = read(seed.read_text(encoding="utf-8"))
    ru = [d for d in doc.divisions if d.lang == "ru"]
    assert [(d.subtype, d.n) for d in ru] == [("draft", "1"), ("transmitted", "2")]
    assert [a.key for a in doc.archives] == ["APRF", "RGASPI"]
    msg = doc.messages[0]
    received = next(a for a in msg.actions if a.type == "received")
    assert {p.ref for p in received.persons} == {"per-mao", "per-zhou-enlai"}


def test_continuation_is_partial(seeds_dir: Path) -> None:
    """Seed 002: only the continuation sheets of the Russian survive."""
    (seed,) = seeds_dir.glob("002_*.txt")
    doc, _ = read(seed.read_text(encoding="utf-8"))
    ru = next(d for d in doc.divisions if d.lang == "ru")
    assert ru.partial
    service = [b for b in ru.blocks if isinstance(b, m.ServiceBlock)]
    subtypes = [n.subtype for n in service[0].notes if n.subtype]
    assert subtypes == ["deciphered", "typed", "printed", "checked"]
    closer = [b for b in ru.blocks if isinstance(b, m.Closer)]
    assert closer and "260" in "".join(
        plain(x.content) for x in closer[0].lines if isinstance(x, m.ApparatusLine)
    )


def test_web_trailer(seeds_dir: Path) -> None:
    """Seed 001: the Document Information trailer fills the header."""
    (seed,) = seeds_dir.glob("001_*.txt")
    doc, _ = read(seed.read_text(encoding="utf-8"))
    meta = doc.metadata
    assert (meta.record_id, meta.uploaded_when, meta.doc_type) == (
        "110020",
        "2011-11-20",
        "Telegram",
    )
    assert len(meta.rights) == 2 and meta.summary
    assert [a.key for a in doc.archives] == ["APRF"]
