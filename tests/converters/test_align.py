"""Bilingual block alignment: numbered points by number, the rest by order, length and anchors."""

from __future__ import annotations

from pathlib import Path

from converters.align import align_blocks

EN = [
    "At present the troops attack the regions near Seoul and Incheon.",
    "I ask you to familiarise yourself with it:",
    "1. I received your telegram of 27 January 1951, 24:00.",
    "2. Our troops must prepare for the fourth operation against 20,000 troops.",
    "3. It is necessary to hold Jemulpo and the city of Seoul.",
    "I ask you to communicate your opinion.",
]
RU = [
    "В настоящее время войска пытаются наступать на районы у Сеула и Чемульпо.",
    "Прошу ознакомиться:",
    "1. Вашу телеграмму от 27.1.51 г. 24.00 получил.",
    "2. Наши войска должны провести подготовку к 4 операции.",
    "3. Необходимо удерживать Чемульпо и город Сеул.",
    "Прошу сообщить Ваше мнение.",
]


def test_parallel_versions_align_one_to_one() -> None:
    assert align_blocks(EN, RU) == [(i, i) for i in range(6)]


def test_numbered_points_pair_by_number_when_one_side_lacks_a_point() -> None:
    ru = RU[:3] + RU[4:]  # point 2 missing from the original
    pairs = align_blocks(EN, ru)
    assert (2, 2) in pairs and (4, 3) in pairs
    assert all(i != 3 for i, _ in pairs)  # point 2 has no counterpart and is left out


def test_pairs_are_monotone_and_unique() -> None:
    pairs = align_blocks(EN, list(reversed(RU)))
    assert pairs == sorted(pairs)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})


def test_empty_sides() -> None:
    assert align_blocks([], RU) == []
    assert align_blocks(EN, []) == []


def test_lettered_points() -> None:
    en = ["a) To leave 1 division in Seoul.", "b) The 50th army will advance.", "c) The 42nd army."]
    ru = ["а) Оставить 1 дивизию в Сеуле.", "б) 50 армия будет наступать.", "в) 42 армия."]
    assert align_blocks(en, ru) == [(0, 0), (1, 1), (2, 2)]


def test_seed_paragraphs_align_monotonically(seeds_dir: Path) -> None:
    text = (seeds_dir / "000_e1a063a50a9bfbb3.txt").read_text(encoding="utf-8")
    blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
    ru = [b for b in blocks if sum("а" <= c.lower() <= "я" for c in b) > 40]
    en = [b for b in blocks[blocks.index(ru[-1]) :] if b.isascii() and len(b) > 40]
    pairs = align_blocks(en, ru)
    assert pairs == sorted(pairs) and len(pairs) >= 8
    numbered = [
        (en[i][:2], ru[j][:2]) for i, j in pairs if en[i][0].isdigit() and ru[j][0].isdigit()
    ]
    assert numbered and all(a == b for a, b in numbered)


def test_parenthesised_labels() -> None:
    en = ["(1) First point about 5 divisions.", "(2) Second point.", "(3) Third."]
    ru = ["1) Первый пункт о 5 дивизиях.", "2) Второй пункт.", "3) Третий."]
    assert align_blocks(en, ru) == [(0, 0), (1, 1), (2, 2)]
