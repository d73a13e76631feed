"""No input crashes a reader: shuffled and damaged pieces of the examples, stray brackets and
quotes, control characters; every conversion keeps all words and gives well-formed TEI."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from teitext import source_words, tei_words

from converters import READERS, read
from tei.options import WriteOptions
from tei.writer import to_bytes

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NOISE = ['"', "“", "”", "[", "]", "[...]", "(см. сл. лист)", "- 7 -", "###", "## ", "**", "\t", "№"]
OPTS = WriteOptions(date="2023-11-14")


def _pieces() -> list[str]:
    lines: list[str] = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    return lines


def _mangled(rng: random.Random, pieces: list[str]) -> str:
    out = []
    for _ in range(rng.randint(1, 60)):
        line = rng.choice(pieces)
        if rng.random() < 0.3:
            cut = rng.randint(0, len(line))
            line = line[:cut] + rng.choice(NOISE) + line[cut:]
        if rng.random() < 0.1:
            line = line.upper()
        out.append(line)
        if rng.random() < 0.4:
            out.append("")
    return "\n".join(out)


def _letters(words: Counter[str]) -> Counter[str]:
    """Letters and digits of some words: noise put inside a word (a bracket the TEI turns into
    markup) must not count as a lost word, a lost letter still does."""
    return Counter(c for w, n in words.items() for c in w * n)


def _check(text: str, layout: str | None = None) -> None:
    document, _report = read(text, layout=layout)
    xml = to_bytes(document, OPTS)
    etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    assert not _letters(source_words(text)) - _letters(tei_words(xml))


@pytest.mark.parametrize("seed", range(40))
def test_mangled_examples(seed: int) -> None:
    rng = random.Random(seed)
    _check(_mangled(rng, _pieces()))


@pytest.mark.parametrize("layout", sorted(READERS))
def test_every_reader_takes_any_text(layout: str) -> None:
    for path in sorted(EXAMPLES.glob("*.txt")):
        _check(path.read_text(encoding="utf-8"), layout)


@pytest.mark.parametrize(
    "text",
    [
        "x",
        "\n\n\n",
        "]",
        "[",
        '"',
        "“”",
        "1.",
        "- 1 -",
        "№",
        "\x0c form feed \x0b",
        "start\x01of heading",
        "bell\x07 and escape\x1b",
        "a\ud800 lone surrogate",
        "not a character \ufffe",
        "**",
        "## ",
        "a\u00a0b",
    ],
)
def test_tiny_inputs(text: str) -> None:
    _check(text)


def test_control_characters_become_spaces_and_are_reported() -> None:
    """XML cannot hold them: each is a space in the TEI and a finding with its line."""
    document, report = read("First line of text\nSecond\x01line and\x1bmore words here.\n")
    xml = to_bytes(document, OPTS).decode("utf-8")
    assert "Second line and more words here." in xml
    found = [(f.kind, f.line, f.message) for f in report.findings if f.kind == "control-character"]
    assert [(line, "U+0001" in msg) for _k, line, msg in found][:1] == [(2, True)]
    assert len(found) == 2 and "U+001B" in found[1][2]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(40, 400))
def test_mangled_examples_sweep(seed: int) -> None:
    rng = random.Random(seed)
    _check(_mangled(rng, _pieces()))
