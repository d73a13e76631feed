"""Distribution lists in every written form, and prose that must not be taken for one."""

from __future__ import annotations

import pytest

from converters.parsing import distribution
from converters.parsing.distribution import parse_distribution

Entry = tuple[int | None, str | None, str | None, int | None]


@pytest.mark.parametrize(
    ("text", "total", "entries"),
    [
        (
            "Copies: Stalin (2), Molotov",
            None,
            [(None, "Stalin", "per-stalin", 2), (None, "Molotov", "per-molotov", None)],
        ),
        ("Copies: Stalin (2)", None, [(None, "Stalin", "per-stalin", 2)]),
        (
            "Distribution list - 9 copies: Stalin - 2, Molotov -1",
            9,
            [(None, "Stalin", "per-stalin", 2), (None, "Molotov", "per-molotov", 1)],
        ),
        (
            "Distribution: Comrades Stalin and Molotov",
            None,
            [(None, "Stalin", "per-stalin", None), (None, "Molotov", "per-molotov", None)],
        ),
        ("Copy: To Comrade GAO GANG.", None, [(None, "GAO GANG", "per-gao-gang", None)]),
        (
            "Copies: Ivanov (3), Petrov",
            None,
            [(None, "Ivanov", None, 3), (None, "Petrov", None, None)],
        ),
        (
            "1. Comr. Stalin\n2. Comr. Molotov",
            None,
            [(1, "Stalin", "per-stalin", None), (2, "Molotov", "per-molotov", None)],
        ),
        (
            "Distribution:\n1. Comr. Stalin\n2. Comr. Molotov",
            None,
            [(1, "Stalin", "per-stalin", None), (2, "Molotov", "per-molotov", None)],
        ),
        (
            "Distribution list - 9 copies:\nCopy Nº 1 to Cde. Stalin\nCopy Nº 2 to Cde. Beria",
            9,
            [(1, "Stalin", "per-stalin", None), (2, "Beria", "per-beria", None)],
        ),
        (
            "Copies:\nStalin\nMolotov",
            None,
            [(None, "Stalin", "per-stalin", None), (None, "Molotov", "per-molotov", None)],
        ),
        (
            "1. Stalin\n2. Beria",
            None,
            [(1, "Stalin", "per-stalin", None), (2, "Beria", "per-beria", None)],
        ),
        (
            "Copy Nº 1 to Cde. Stalin\nCopy Nº 2 to Cde. Molotov",
            None,
            [(1, "Stalin", "per-stalin", None), (2, "Molotov", "per-molotov", None)],
        ),
        ("Copy No. 3 - Comrade Malenkov", None, [(3, "Malenkov", "per-malenkov", None)]),
        ("экз. № 4 - 8 отдел.", None, [(4, "8 отдел", None, None)]),
        ("экз. № 3-4 - 8 Отдел", None, [(3, "8 Отдел", None, None), (4, "8 Отдел", None, None)]),
        (
            "№ 3\t\t№ 9\t№ 15",
            None,
            [(3, None, None, None), (9, None, None, None), (15, None, None, None)],
        ),
    ],
)
def test_forms(text: str, total: int | None, entries: list[Entry]) -> None:
    dist = parse_distribution(text)
    assert dist is not None
    assert dist.total == total
    assert [(e.number, e.name, e.ref, e.count) for e in dist.entries] == entries
    for e in dist.entries:
        assert e.start is not None and e.end is not None
        assert text[e.start : e.end] == e.text
        if e.name is not None and e.name_start is not None:
            assert text[e.name_start : e.name_end] == e.name


def test_russian_copy_table_sorted_by_number_with_empty_cells() -> None:
    rows = [
        ("Экз. № 1", "тов. Сталину", "Экз. № 7", "Экз. № 13"),
        ("№ 2", "тов. Сталину", "№ 8", "№ 14"),
    ] + [(f"№ {n}", "", f"№ {n + 6}", f"№ {n + 12}") for n in range(3, 7)]
    text = "\n".join("\t".join(r) for r in rows)
    dist = parse_distribution(text)
    assert dist is not None
    assert [e.number for e in dist.entries] == list(range(1, 19))
    assert [(e.name, e.ref) for e in dist.entries[:3]] == [
        ("Сталину", "per-stalin"),
        ("Сталину", "per-stalin"),
        (None, None),
    ]
    assert dist.entries[0].text == "Экз. № 1\tтов. Сталину"


@pytest.mark.parametrize(
    "text",
    [
        "1. I received your telegram of 27 January 1951, 24:00.",
        "2. Our troops must immediately conduct preparations",
        "1. Comrade KIM IL SUNG and his comrades think that it is not possible",
        "Экз. № 2",  # a sheet header
        "Отп. четыре экз.",  # the typist's note
        "Copies: none were made",
        "No. 478.",
        "Пекин\tСовпосол",
        "",
        "\n\n",
    ],
)
def test_not_distribution(text: str) -> None:
    assert parse_distribution(text) is None


def test_never_raises(garbled_strings: list[str]) -> None:
    for s in garbled_strings:
        dist = parse_distribution(s)
        if dist is not None:
            for e in dist.entries:
                assert e.start is None or s[e.start : e.end] == e.text


def test_count_search_from_the_tail(garbled_strings: list[str]) -> None:
    """Searching only the tail of count characters finds what a search of the whole text does."""
    texts = [
        *garbled_strings,
        "Stalin (2)",
        "Stalin ( 2 copies ) .",
        "Molotov - 3 экз.\n",
        "Bulganin, 4 Copies",
        "Сталину ٣ экз.",  # a digit of another script
        "Stalin 2 copieſ",  # a long s, which IGNORECASE reads as s
        "I received 27 copies of 3 telegrams (2 copies)",
    ]
    for text in texts:
        fast, full = distribution._count(text), distribution._COUNT.search(text)
        assert (fast and fast.span()) == (full and full.span()), text
