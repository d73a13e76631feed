"""The made-up examples in examples/: full-text golden TEI, valid against tei_all, no word lost,
and the "beyond the seeds" forms the issue lists recognised by the general parsers."""

from __future__ import annotations

from pathlib import Path

import pytest
from teitext import run_jing, source_words, tei_words

from converters import read
from converters.assemble import plain
from tei import model as m
from tei.options import WriteOptions
from tei.writer import to_bytes

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
INPUTS = sorted(EXAMPLES.glob("*.txt"))
DATE = "2023-11-14"


def _convert(path: Path) -> bytes:
    document, _report = read(path.read_text(encoding="utf-8"))
    return to_bytes(document, WriteOptions(date=DATE))


def test_examples_present() -> None:
    names = {p.stem for p in INPUTS}
    assert {"telegram-example", "beyond-cable", "beyond-letter", "beyond-conversation"} <= names


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_golden_tei(path: Path, file_regression: pytest.FixtureRequest) -> None:
    """examples/NAME.xml is the expected TEI of examples/NAME.txt, read in full and accepted."""
    file_regression.check(  # type: ignore[attr-defined]
        _convert(path).decode("utf-8"), fullpath=path.with_suffix(".xml"), encoding="utf-8"
    )


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_no_word_lost(path: Path) -> None:
    source = source_words(path.read_text(encoding="utf-8"))
    assert not source - tei_words(_convert(path))


@pytest.mark.jing
def test_examples_valid_against_tei_all(tmp_path: Path, tei_all_rng: Path) -> None:
    files = []
    for path in INPUTS:
        out = tmp_path / f"{path.stem}.xml"
        out.write_bytes(_convert(path))
        files.append(out)
    result = run_jing(tei_all_rng, files)
    assert result.returncode == 0, result.stdout + result.stderr


def _lines(doc: m.Document, cls: type[m.Opener] | type[m.Closer]) -> list[m.ApparatusLine]:
    out: list[m.ApparatusLine] = []
    for block in doc.divisions[0].blocks:
        if isinstance(block, cls):
            out += [x for x in block.lines if isinstance(x, m.ApparatusLine)]
    return out


def _dates(inlines: list[m.Inline]) -> list[str | None]:
    return [x.when for x in inlines if isinstance(x, m.Date)]


def test_beyond_cable_forms() -> None:
    """Header facts in other words: directorate, "CABLE Nº", a counted distribution list, "Received
    on 4:10 am, 14 May 1950", "Issuing No.", "Sent by wire on ...", two clerks on one line, and
    the "AP RF ...; and RGASPI ..." citation."""
    doc, report = read((EXAMPLES / "beyond-cable.txt").read_text(encoding="utf-8"))
    assert not report.detected  # no seed layout: the generic reader, with a warning
    assert any(f.kind == "layout" for f in report.findings)
    opener = {ln.kind: ln for ln in _lines(doc, m.Opener)}
    assert plain(opener["issuer"].content) == "SECOND MAIN DIRECTORATE"
    assert [x.text for x in opener["form"].content if isinstance(x, m.Identifier)] == ["123"]
    dist = opener["distribution"].distribution
    assert dist is not None and dist.total == 9
    assert [(i.ref, i.count) for i in dist.items] == [("per-stalin", 2), ("per-molotov", 1)]
    assert _dates(opener["received"].content) == ["1950-05-14T04:10:00"]
    closer = {ln.kind: ln for ln in _lines(doc, m.Closer)}
    assert [x.text for x in closer["outgoing"].content if isinstance(x, m.Identifier)] == ["56"]
    assert _dates(closer["sent"].content) == ["1950-05-14T03:15:00"]
    (service,) = [b for b in doc.divisions[0].blocks if isinstance(b, m.ServiceBlock)]
    assert [n.subtype for n in service.notes] == ["deciphered", "typed"]
    assert [(a.key, a.fond, a.delo) for a in doc.archives] == [
        ("APRF", "45", "334"),
        ("RGASPI", "558", "334"),
    ]
    assert [(f.start, f.end) for f in doc.archives[1].folios] == [("0141", "0141")]


def test_beyond_letter_copies_after_signature() -> None:
    """Copy lines ("Copy Nº 1 to Cde. Stalin") and a numbered list after the signature; a web
    page without the "Skip to content" chrome still has its trailer read; a papka."""
    doc, _ = read((EXAMPLES / "beyond-letter.txt").read_text(encoding="utf-8"))
    closer = _lines(doc, m.Closer)
    lists = [ln.distribution for ln in closer if ln.distribution is not None]
    assert [[(i.number, i.ref) for i in d.items] for d in lists] == [
        [(1, "per-stalin"), (2, "per-molotov")],
        [(1, "per-stalin"), (2, "per-molotov")],
    ]
    (arch,) = doc.archives
    assert (arch.key, arch.fond, arch.opis, arch.delo, arch.papka) == (
        "AVPRF",
        "059a",
        "5a",
        "5",
        "11",
    )
    assert doc.metadata.record_id == "900001"


def test_beyond_conversation_unknown_lines_stay_text() -> None:
    """A record of conversation with Chinese lines and unreadable marks: nothing is dropped, the
    Chinese paragraphs say they are Chinese, unknown lines are paragraphs."""
    text = (EXAMPLES / "beyond-conversation.txt").read_text(encoding="utf-8")
    doc, _ = read(text)
    paras = [b for b in doc.divisions[0].blocks if isinstance(b, m.Paragraph)]
    assert [p.lang for p in paras if p.lang] == ["zh", "zh"]
    assert any("%% 7/III ##" in plain(p.content) for p in paras)
    assert doc.divisions[0].type == "translation"  # the original language is Chinese


def test_beyond_chinese_note() -> None:
    """A Chinese note with its translation: the title after the name ("菲利波夫同志："), dates in
    Chinese numerals with and without the year, points "一、" paired with "1.", copy numbers
    before the names, a signature after a greeting, an ENCRYPTED TELEGRAM."""
    doc, _ = read((EXAMPLES / "beyond-chinese-note.txt").read_text(encoding="utf-8"))
    en, zh = doc.divisions
    assert (en.type, zh.type, zh.lang) == ("translation", "original", "zh")
    zh_paras = [b for b in zh.blocks if isinstance(b, m.Paragraph)]
    assert [(p.n, p.corresp) for p in zh_paras] == [("1", "en-p1"), ("2", "en-p2")]
    assert _dates(zh_paras[1].content) == ["1950-10-15"]
    (salute,) = [ln for b in zh.blocks if isinstance(b, m.Opener) for ln in b.lines]
    assert isinstance(salute, m.ApparatusLine) and salute.kind == "salute"
    assert [(x.ref, x.pseudonym) for x in salute.content if isinstance(x, m.Name)] == [
        ("per-stalin", True)
    ]
    zh_closer = {
        ln.kind: ln
        for b in zh.blocks
        if isinstance(b, m.Closer)
        for ln in b.lines
        if isinstance(ln, m.ApparatusLine)
    }
    assert _dates(zh_closer["date"].content) == ["1950-10-02"]
    en_opener = {ln.kind: ln for ln in _lines(doc, m.Opener)}
    dist = en_opener["distribution"].distribution
    assert dist is not None
    assert [(i.number, i.ref) for i in dist.items] == [(1, "per-stalin"), (2, "per-molotov")]
    en_closer = {ln.kind: ln for ln in _lines(doc, m.Closer)}
    signed = [x.ref for x in en_closer["signature"].content if isinstance(x, m.Name)]
    assert signed == ["per-mao"]


def test_generic_reader_never_crashes_on_odd_text() -> None:
    """Text of no known layout, with stray brackets and quotes, still converts."""
    odd = 'Something ] odd [ here\n\n"Unclosed quote\n\n12\n\n- 3 -\n\n###\n\nКонец'
    doc, report = read(odd)
    assert not report.detected
    assert sum(len(d.blocks) for d in doc.divisions) >= 3
    assert not source_words(odd) - tei_words(to_bytes(doc, WriteOptions(date=DATE)))
