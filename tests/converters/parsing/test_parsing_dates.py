"""Dates and times: every form of the contract and the issue, and the policy on odd cases."""

from __future__ import annotations

import pytest

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
