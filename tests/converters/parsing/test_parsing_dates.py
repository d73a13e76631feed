"""Dates and times: every form of the contract and the issue, and the policy on odd cases."""

from __future__ import annotations

import random
import re

import pytest

from converters.parsing import dates
from converters.parsing.dates import find_dates, find_times, parse_date, parse_time
from converters.parsing.spans import Span


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("January 29, 1951", None, "1951-01-29"),
        ("October 01, 1950", None, "1950-10-01"),
        ("29 January 1951", None, "1951-01-29"),
        ("JANUARY 29, 1951", None, "1951-01-29"),
        ("Jan. 29, 1951", None, "1951-01-29"),
        ("28 January 1951 19:00", None, "1951-01-28T19:00:00"),
        ("27 January 1951, 24:00", None, "1951-01-28T00:00:00"),
        ("28.1.51", None, "1951-01-28"),
        ("29.1.1951", None, "1951-01-29"),
        ("1.X.50", None, "1950-10-01"),
        ("1.Х.50", None, "1950-10-01"),  # Cyrillic Х as a Roman ten
        ("1.X..50 г.", None, "1950-10-01"),
        ("1.X.50г. в 3ч.00м.", None, "1950-10-01T03:00:00"),
        ("18 hours 40 minutes 29.1.1951", None, "1951-01-29T18:40:00"),
        ("02 hours, 40 minutes 8.1.1951", None, "1951-01-08T02:40:00"),
        ("18 ч. 40 м. 29. 1 1951 г.", None, "1951-01-29T18:40:00"),
        ("29.1.51 20.20", None, "1951-01-29T20:20:00"),
        ("20.55 29.1.51", None, "1951-01-29T20:55:00"),
        ("16.00 16.1", 1951, "1951-01-16T16:00:00"),
        ("16.00 16.1", None, "--01-16"),
        ("24:00 4.1", 1951, "1951-01-05T00:00:00"),
        ("24:00 31.12", 1950, "1951-01-01T00:00:00"),
        ("1 октября 1950 г.", None, "1950-10-01"),
        ("15.1.51 г.", None, "1951-01-15"),
        ("27.1.51 г. 24.00", None, "1951-01-28T00:00:00"),
        ("2011-11-20", None, "2011-11-20"),
        ("1951-1-29", None, "1951-01-29"),
        ("1951.1.29", None, "1951-01-29"),
        ("1951/01/29", None, "1951-01-29"),
        ("4 January", 1951, "1951-01-04"),
        ("4 January", None, "--01-04"),
        ("16 сентября", 1950, "1950-09-16"),
        ("September 1950", None, "1950-09"),
        ("сентябрь 1950 года", None, "1950-09"),
        ("29.2.52", None, "1952-02-29"),
        ("12:30 a.m. 3.1.51", None, "1951-01-03T00:30:00"),
        ("3:15 p.m., 14 May 1950", None, "1950-05-14T15:15:00"),
        ("5 p.m., 14 May 1950", None, "1950-05-14T17:00:00"),
        ("14.5.50 в 3 часа", None, "1950-05-14T03:00:00"),
        ("1.X.50 г. в 3ч.", None, "1950-10-01T03:00:00"),
    ],
)
def test_parse_date_forms(text: str, year: int | None, expected: str) -> None:
    assert parse_date(text, year=year) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Received on 4:10 am, 14 May 1950", ("4:10 am, 14 May 1950", "1950-05-14T04:10:00")),
        (
            "Sent by wire on 10/14/50 at 03:15 a.m.",
            ("10/14/50 at 03:15 a.m.", "1950-10-14T03:15:00"),
        ),
        ("sent on 14/10/50", ("14/10/50", "1950-10-14")),  # day first when it cannot be a month
        ("From BEIJING Received 18 hours 40 minutes\n29.1.1951", None),
        ("PENG DEHUAI 12:00 19.1.51.", ("12:00 19.1.51", "1951-01-19T12:00:00")),
        ('М А О Ц З Е - Д У Н, 28.1.51, 19.00".', ("28.1.51, 19.00", "1951-01-28T19:00:00")),
        ("113 ПЕКИНА получена 18 ч. 40 м. 29. 1 1951 г. Экз. № 2", None),
    ],
)
def test_find_dates_in_lines(text: str, found: tuple[str, str] | None) -> None:
    matches = find_dates(text)
    assert len(matches) == 1
    m = matches[0]
    assert text[m.start : m.end] == m.text
    if found is not None:
        assert (m.text, m.when) == found


def test_date_and_time_across_one_line_break_but_not_a_blank_line() -> None:
    assert find_dates("Received 18 hours 40 minutes  \n29.1.1951")[0].when == "1951-01-29T18:40:00"
    (only,) = find_dates("MAO ZEDONG, 28 January 1951\n\n19:00.")
    assert only.when == "1951-01-28"


def test_yearless_day_month_needs_a_time_a_bracket_or_a_preposition() -> None:
    text = "sent 24:00 4.1 [January 4]."
    got = [(m.text, m.when) for m in find_dates(text, year=1951)]
    assert got == [("24:00 4.1", "1951-01-05T00:00:00"), ("January 4", "1951-01-04")]
    assert [m.when for m in find_dates("4.1 [January 4]", year=1951)] == ["1951-01-04"] * 2
    assert find_dates("a ratio of 7.1 to one") == []
    (m,) = find_dates("rest for three days (until 7.1 inclusive)", year=1951)
    assert (m.text, m.when) == ("7.1", "1951-01-07")  # a preposition of time makes it a date


@pytest.mark.parametrize(
    "text",
    [
        "31.2.51",  # impossible: rejected, not normalised to 3 March
        "30.2.1951",
        "29.2.51",  # 1951 is not a leap year
        "32.1.51",
        "1.13.51",
        "in 1950 the war",  # a bare year in prose is not a date (deliberate)
        "20,000 to 30,000 troops",
        "for 15-30 km to the north",
        "ИТ МВО 2704-49",
        "3,000-4,000-5,000 men",
        "1.5 times more",
        "No. 478.",
        "the 38th parallel",
        "we may 5 times",
        "version 1.2.3",
        "",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_impossible_combined_time_is_not_attached() -> None:
    (m,) = find_dates("25:00 1.1.51")
    assert m.when == "1951-01-01"


def test_no_time_zone_is_ever_added() -> None:
    for text in ("28 January 1951 19:00", "Sent by wire on 10/14/50 at 03:15 a.m."):
        when = find_dates(text)[0].when
        assert not when.endswith("Z") and "+" not in when
        assert when.count(":") == 2  # seconds always present


def test_sentence_stop_stays_outside_a_month_name() -> None:
    (m,) = find_dates("arrive before 15 March.", year=1951)
    assert (m.text, m.when) == ("15 March", "1951-03-15")
    (m,) = find_dates("on 3 Jan. 1951 we left")
    assert (m.text, m.when) == ("3 Jan. 1951", "1951-01-03")


def test_several_dates_left_to_right() -> None:
    text = "I arrived on 16 January 1951 and returned on the evening of 18 January 1951."
    assert [m.when for m in find_dates(text)] == ["1951-01-16", "1951-01-18"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1950", "1950"),
        ("**January 16, 1951**", "1951-01-16"),
        ("28.1.51.", "1951-01-28"),
        ("On 1.X.50 [1 October 1950]", "1950-10-01"),
        ("Telegram", None),
        ("28.1.51 and more", None),
        ("January 29, 1951 and January 30, 1951", None),
    ],
)
def test_parse_date_whole_string(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_find_times_standalone() -> None:
    (t,) = find_times("From BEIJING Received 18 hours 40 minutes")
    assert (t.text, t.when) == ("18 hours 40 minutes", "18:40:00")
    assert find_times("Received 18 hours 40 minutes 29.1.1951") == []  # belongs to the date
    assert find_times("ratio 17.45 here") == []  # dotted times only beside a date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17.45", "17:45:00"),
        ("19:00.", "19:00:00"),
        ("4:10 am", "04:10:00"),
        ("18 ч. 40 м.", "18:40:00"),
        ("24:00", "00:00:00"),
        ("17.75", None),
        ("abc", None),
    ],
)
def test_parse_time(text: str, expected: str | None) -> None:
    assert parse_time(text) == expected


def test_never_raises(garbled_strings: list[str]) -> None:
    for s in garbled_strings:
        for m in find_dates(s, year=1951):
            assert s[m.start : m.end] == m.text and m.when
        find_times(s)
        parse_date(s)
        parse_time(s)


def test_span_is_frozen_and_defaults() -> None:
    span = Span(0, 3, "person", "per-stalin")
    assert span.pseudonym is False
    with pytest.raises(AttributeError):
        span.start = 1  # type: ignore[misc]


def test_the_year_only_fills_in_the_yearless_forms_in_any_order_of_asking() -> None:
    text = "16.00 16.1, then 29.1.51"
    plain = [("16.00 16.1", "--01-16"), ("29.1.51", "1951-01-29")]
    dated = [("16.00 16.1", "1951-01-16T16:00:00"), ("29.1.51", "1951-01-29")]
    for _ in range(2):  # the second round reads what the first one kept
        assert [(m.text, m.when) for m in find_dates(text)] == plain
        assert [(m.text, m.when) for m in find_dates(text, year=1951)] == dated


def test_a_year_that_makes_a_yearless_date_impossible_drops_the_text() -> None:
    assert [m.when for m in find_dates("29 February")] == ["--02-29"]
    assert find_dates("29 February", year=1951) == []  # 1951 is not a leap year
    assert [m.when for m in find_dates("29 February", year=1952)] == ["1952-02-29"]


@pytest.mark.parametrize("times_first", [True, False])
def test_dates_and_lone_times_of_a_text_whichever_is_asked_first(times_first: bool) -> None:
    text = f"Received 18 hours 40 minutes 29.1.1951, sent 19:00 ({times_first})"
    if times_first:
        assert [t.when for t in find_times(text)] == ["19:00:00"]
    assert [d.when for d in find_dates(text)] == ["1951-01-29T18:40:00"]
    assert [t.when for t in find_times(text)] == ["19:00:00"]


def test_a_text_over_the_cache_limit_reads_like_its_lines() -> None:
    line = "Received 18 hours 40 minutes 29.1.1951, sent 19:00; back 4 January"
    text = "\n\n".join([line] * 80)
    assert len(text) > 4000
    per_line = [(d.text, d.when) for d in find_dates(line, year=1951)]
    assert [(d.text, d.when) for d in find_dates(text, year=1951)] == per_line * 80
    assert [t.text for t in find_times(text)] == ["19:00"] * 80


_NUMBERS = ("29", "1", "01", "1951", "50", "24", "00", "12345", "٣", "²")
_MARKS = (".", ".", ". ", ",", ", ", "/", ":", "-", " ", " ", " ", "  ", "\t", "\n", "_", "T")
_WORDS = ("X", "Х", "XII", "г.", "года", "ч.", "часа", "м.", "hours", "minutes", "a.m.", "PM")
_MORE = ("at", "в", "of", "st", "年", "月", "日", "word", "слово", "Mayor", "may", "Марш")
_EN = "January February March April May June July August September October November December"
_RU = "января февраля марта апреля июня июля августа сентября октября ноября декабря"
_MAY = "мая май маю мае"
_ABBR = "Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. янв. сент. нояб. мар. дек."
_NAMES = f"{_EN} {_RU} {_MAY} {_ABBR}".split()
_MONTHS = tuple(f(w) for w in _NAMES for f in (str, str.title, str.upper))


def _mixed_strings(n: int) -> list[str]:
    """Words, numbers and marks in random order: a date form, a time or neither, everywhere."""
    rng = random.Random(1951)
    pieces = _NUMBERS * 4 + _WORDS + _MORE + _MONTHS
    return [
        "".join(rng.choice(pieces) + rng.choice(_MARKS) for _ in range(rng.randint(1, 6)))
        for _ in range(n)
    ]


def test_the_one_pass_filter_finds_every_place_a_form_begins() -> None:
    """`_STARTS` may find more places than the forms, never fewer: they are matched only there."""
    every_month = [f"({w} {n}" for w in _MONTHS for n in ("5, 1951", "1951 г.")]
    for text in _mixed_strings(3000) + every_month:
        found = {m.start(): m.lastindex is not None for m in dates._STARTS.finditer(text)}
        for p in range(len(text)):
            if dates._DATES_RE.match(text, p) or dates._TIMES_RE.match(text, p):
                assert found.get(p), (text, p)
            q = _month_led_number(text, p)
            if q is not None:
                assert q in found, (text, p)


def _month_led_number(text: str, p: int) -> int | None:
    """The number of a month-led form matched at word start `p`, one space after its word."""
    if p > 0 and re.match(r"[^\W\d_]", text[p - 1]):
        return None
    for _, rx in dates._MONTH_FIRST:
        m = rx.match(text, p)
        if m is not None:
            q = m.start("d") if "d" in rx.groupindex else m.start("y")
            if text[q - 1] in " \t" and (text[q - 2].isalpha() or text[q - 2] in ".,"):
                return q if q - p <= dates._MONTH_REACH else None
    return None
