"""Chinese numerals: dates, alone and through `find_dates`, and point labels ("一、")."""

from __future__ import annotations

import random

import pytest

from converters.parsing.chinese_numerals import chinese_dates, chinese_point, counted
from converters.parsing.dates import find_dates


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("一九五〇年十月二日", "1950-10-02"),
        ("一九五一年一月二十九日", "1951-01-29"),
        ("一九五〇年十二月三十一号", "1950-12-31"),
        ("一九五〇年十一月十日", "1950-11-10"),
        ("一九五零年 六月 二十五日", "1950-06-25"),
    ],
)
def test_chinese_numeral_dates(text: str, when: str) -> None:
    (found,) = find_dates(text)
    assert (found.start, found.end, found.when) == (0, len(text), when)


def test_in_running_text_and_beside_arabic_forms() -> None:
    text = "毛泽东，一九五〇年十月二日。又：1950年10月3日"
    assert [(text[d.start : d.end], d.when) for d in find_dates(text)] == [
        ("一九五〇年十月二日", "1950-10-02"),
        ("1950年10月3日", "1950-10-03"),
    ]


@pytest.mark.parametrize(
    "text",
    ["一九五〇年二月三十日", "一九五〇年二十月二日", "十三月五日", "一九五〇年", "十月"],
)
def test_not_a_date(text: str) -> None:
    assert find_dates(text) == []


def test_counted_numbers() -> None:
    assert [d[3:] for d in chinese_dates("一九五〇年九月九日 一九五〇年十月二十日")] == [
        (9, 9),
        (10, 20),
    ]


def test_a_date_without_its_year_takes_the_documents() -> None:
    text = "第一批十二个师于十月十五日出动。"
    (found,) = find_dates(text)
    assert (text[found.start : found.end], found.when) == ("十月十五日", "--10-15")
    assert [d.when for d in find_dates(text, year=1950)] == ["1950-10-15"]


@pytest.mark.parametrize(
    ("text", "point"),
    [("一、我们决定", (1, 2)), ("（十二）第一批", (12, 4)), ("二十三、", (23, 4)), ("我们", None)],
)
def test_point_labels(text: str, point: tuple[int, int] | None) -> None:
    assert chinese_point(text) == point


def test_counted_up_to_ninety_nine() -> None:
    assert [counted(n) for n in ("一", "十", "十九", "二十", "九十九")] == [1, 10, 19, 20, 99]


def test_garbled_numerals_never_raise() -> None:
    """Deterministic random strings over the numerals and the date and point marks."""
    rng = random.Random(7)
    alphabet = "〇零一二三四五六七八九十年月日号、（）() 1"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        for found in find_dates(text, year=1950):
            assert found.when and text[found.start : found.end]
        point = chinese_point(text)
        assert point is None or 1 <= point[0] <= 99
