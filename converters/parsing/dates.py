"""Dates and times in English and Russian, normalised to ISO 8601 / XML Schema values for @when.

Telegram headers mix every convention: "29.1.1951", "1.X.50г.", "January 29, 1951", "18 ч. 40 м.
29. 1 1951 г.", "Sent by wire on 10/14/50 at 03:15 a.m.". One scanner finds date candidates and
time candidates separately, then joins a time to the date right before or after it, so that any
date form combines with any time form without listing the pairs.

Policy (see the encoding brief): nothing is invented. No time zone is ever added; a dateTime always
has seconds; "24:00" of a day is 00:00:00 of the next day; impossible dates (31.2.51) are rejected,
not normalised; two-digit years are 19xx; a form without a year takes `year=` when given and is
otherwise an xs:gMonthDay ("--01-04"). A bare year in running text ("in 1950") is deliberately not a
date (too many counts look like years); `parse_date` accepts a string that is only a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from converters.parsing.chinese_numerals import chinese_dates

#: What every date holds: a digit, or the 月 of one in Chinese numerals ("十月十五日"). A text
#: without it has no date, which callers check before asking for the dates of every line.
DATE_SIGN = re.compile(r"\d|月")

_EN_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_EN_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9}
_EN_ABBR.update({"sept": 9, "oct": 10, "nov": 11, "dec": 12})


# Abbreviations that are not also a whole name ("may" is both).
_EN_SHORT = tuple(a for a in _EN_ABBR if a not in _EN_MONTHS)


def _en_forms(words: tuple[str, ...]) -> set[str]:
    """Title Case or UPPER only: "may" in prose is a verb, not a month."""
    return {f for w in words for f in (w.capitalize(), w.upper())}


def _en_month_alternation() -> str:
    """English month names and abbreviations, longest first."""

    def forms(words: tuple[str, ...]) -> str:
        return "|".join(sorted(_en_forms(words), key=len, reverse=True))

    # Only an abbreviation takes a full stop ("Jan."); after "March" the stop ends the sentence.
    return rf"(?:(?:{forms(_EN_MONTHS)})\b|(?:{forms(_EN_SHORT)})\b\.?)"


_EN_MONTH = _en_month_alternation()
_RU_MONTH_STEMS = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_RU_MONTH_ABBR = ("янв", "фев", "мар", "апр", "авг", "сент", "сен", "окт", "нояб", "ноя", "дек")


def _cases(words: tuple[str, ...]) -> str:
    """lower, Title and UPPER forms spelled out: much faster to scan for than (?i:...)."""
    forms = {f for w in words for f in (w, w.capitalize(), w.upper())}
    return "|".join(sorted(forms, key=len, reverse=True))


_CYR = "а-яёА-ЯЁ"
_RU_MONTH = (
    rf"(?:(?:{_cases(_RU_MONTH_STEMS)})[{_CYR}]{{0,3}}|(?:{_cases(('ма',))})[йяюеЙЯЮЕ]"
    rf"|(?:{_cases(_RU_MONTH_ABBR)})\.)(?![{_CYR}])"
)
_MONTH_NAME = rf"{_EN_MONTH}|{_RU_MONTH}"
_RU_STEMS = (
    ("янв", 1),
    ("фев", 2),
    ("мар", 3),
    ("апр", 4),
    ("ма", 5),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("окт", 10),
    ("ноя", 11),
    ("дек", 12),
)
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}
_ROMAN.update({"VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11, "XII": 12})
# "1.Х.50" is often typed with the Cyrillic letter Х (and І) in Russian text.
_ROMAN_FOLD = str.maketrans({"Х": "X", "І": "I"})
_ROMAN_RE = r"[IVXХІ]{1,4}"

_YEAR_SUFFIX = r"(?:[ \t]?(?i:г\.|года(?![а-яё])|г(?![а-яё])))?"
_NUM_END = r"(?!\d|[.,]\d)"

# Forms that begin with a number; all are searched in one pass (see `_master`).
_DATE_FORMS: tuple[tuple[str, str], ...] = (
    (
        "iso",
        r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
        r"(?:T(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?)?(?![\d-])",
    ),
    # Year first with dots or slashes, as Chinese-language notes write it: "1951.1.29".
    ("ymd", r"(?<![\d.,/])(?P<y>\d{4})[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})(?!\d|[.,/]\d)"),
    (
        "dmynum",
        rf"(?<![\d.,/:])(?P<d>\d{{1,2}})\.[ \t]?(?P<m>\d{{1,2}}|{_ROMAN_RE})"
        rf"(?:\.{{1,2}}[ \t]?(?P<y>\d{{4}}|\d{{2}})|[ \t](?P<y4>\d{{4}})){_NUM_END}{_YEAR_SUFFIX}",
    ),
    ("slash", r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
    (
        "dmytext",
        rf"(?<![\d.])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:[ \t\n]{{1,3}}of)?[ \t\n]{{1,3}}"
        rf"(?P<m>{_MONTH_NAME})(?:,?[ \t]+(?P<y>\d{{4}})(?!\d){_YEAR_SUFFIX})?",
    ),
    ("dmnum", rf"(?<![\d.,/:])(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}}|{_ROMAN_RE}){_NUM_END}"),
    # Chinese and Korean notes: "1950年10月1日", "1950년 10월 1일".
    (
        "cjk",
        r"(?<!\d)(?P<y>\d{4})[ \t]?[年년][ \t]?(?P<m>\d{1,2})[ \t]?[月월][ \t]?"
        r"(?P<d>\d{1,2})[ \t]?[日일]",
    ),
)
# Forms that begin with a month name: tried only where a number follows a word (`_date_cands`).
_MONTH_FIRST: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "mdytext",
        re.compile(
            rf"(?P<m>{_EN_MONTH})[ \t]+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:.]\d)(?!\d)"
            rf"(?:,?[ \t]+(?P<y>\d{{4}})(?!\d))?"
        ),
    ),
    (
        "mytext",
        re.compile(rf"(?P<m>{_MONTH_NAME}),?[ \t]+(?P<y>\d{{4}})(?!\d){_YEAR_SUFFIX}"),
    ),
)


def _month_heads() -> tuple[str, str]:
    """The first letters of the month forms, and the two letters after them ("J" "an", "м" "ая").

    Every month form starts with one of these heads: a test for the head alone is cheap, and a
    text without one has no month-led date.
    """
    words = list(_en_forms(_EN_MONTHS + _EN_SHORT))
    words += [f for w in _RU_MONTH_STEMS + _RU_MONTH_ABBR for f in (w, w.capitalize(), w.upper())]
    words += [m + e for m in ("ма", "Ма", "МА") for e in "йяюеЙЯЮЕ"]
    return "".join(sorted({w[0] for w in words})), "|".join(sorted({w[1:3] for w in words}))


_FIRST, _NEXT_TWO = _month_heads()
_MONTH_HEAD = rf"[{_FIRST}](?:{_NEXT_TWO})"


def _month_tail() -> str:
    """How a month name ends: as an English form, or in three Cyrillic letters (a Russian stem
    takes up to three more). A word that ends otherwise is no month."""
    ends = sorted({f[-3:] for f in _en_forms(_EN_MONTHS + _EN_SHORT)})
    return rf"(?:{'|'.join(ends)}|[{_CYR}]{{3}})"


_MONTH_TAIL = _month_tail()

_AMPM = r"(?P<ap>[ \t]?[AaPp]\.?[ \t]?[Mm](?![A-Za-z])\.?)?"
_TIME_FORMS: tuple[tuple[str, str], ...] = (
    (
        "colon",
        rf"(?<![\d:.])(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})(?::(?P<s>\d{{2}}))?(?![\d:]){_AMPM}",
    ),
    (
        "words",
        r"(?<![\d.])(?P<h>\d{1,2})[ \t]*(?i:hours?|hrs?\.?)[ \t]*,?[ \t]*(?P<mi>\d{1,2})[ \t]*"
        r"(?i:minutes?|mins?\.?)(?![A-Za-z])",
    ),
    (
        "wordsru",
        r"(?<![\d.])(?P<h>\d{1,2})[ \t]*(?i:ч(?:ас(?:а|ов)?)?)(?![а-яё])\.?[ \t]*,?[ \t]*"
        r"(?P<mi>\d{1,2})[ \t]*(?i:м(?:ин(?:ут[аы]?)?)?)(?![а-яё])\.?",
    ),
    ("dot", rf"(?<![\d.,:/])(?P<h>\d{{1,2}})\.(?P<mi>\d{{2}}){_NUM_END}{_AMPM}"),
    # Whole hours: "5 p.m.", "в 3 часа", "3ч."; alone these only count beside a date, except am/pm.
    ("hourampm", r"(?<![\d.:])(?P<h>\d{1,2})[ \t]?(?P<ap>[AaPp]\.?[ \t]?[Mm](?![A-Za-z])\.?)"),
    ("hourru", r"(?<![\d.:])(?P<h>\d{1,2})[ \t]*(?i:ч(?:ас(?:а|ов)?)?)(?![а-яё])\.?"),
)


def _master(forms: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """One regex for several forms, each in a named wrapper group with its own group names.

    A single pass over the text is several times faster than one pass per form; the order of
    the forms is the order of preference when two begin at the same place.
    """
    alts = []
    for name, pattern in forms:
        renamed = re.sub(r"\(\?P<(\w+)>", rf"(?P<{name}_\1>", pattern)
        alts.append(f"(?P<{name}>{renamed})")
    return re.compile("|".join(alts))


_DATES_RE = _master(_DATE_FORMS)
_TIMES_RE = _master(_TIME_FORMS)


def _group_specs(rx: re.Pattern[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Per form, its own groups as (short name, index in `groups()`), found once, not per match."""
    specs: dict[str, list[tuple[str, int]]] = {}
    for name, i in rx.groupindex.items():
        kind, _, short = name.partition("_")
        if short:
            specs.setdefault(kind, []).append((short, i - 1))
    return {kind: tuple(spec) for kind, spec in specs.items()}


_SPECS = {**_group_specs(_DATES_RE), **_group_specs(_TIMES_RE)}


def _groups(m: re.Match[str]) -> tuple[str, dict[str, str]]:
    """The form that matched and its groups by short name (None where a group took no part)."""
    kind = m.lastgroup or ""
    found = m.groups()
    return kind, {short: found[i] for short, i in _SPECS[kind]}


# How every form opens: "(?<![\d.])(?P<d>\d{1,2})", a look-behind and a number.
_LEADING_NUMBER = re.compile(r"\(\?<!(\\d|\[[^\]]+\])\)\(\?P<\w+>\\d\{(\d)(?:,(\d))?\}\)")


def _digit_first(pattern: str) -> tuple[str, str]:
    """A form as a test after its number's first digit, without groups; and the digits left.

    Every form opens with a look-behind and a number; moving the look-behind one digit further
    (a digit, then "not X and a digit behind") keeps the meaning, and a regex that begins with a
    digit lets the engine skip to the digits instead of trying every character of the prose.
    A month name is checked by its head only (three letters, not 120 words): the test may then
    pass where the form fails, never the reverse, and the form is matched after it.
    """
    m = _LEADING_NUMBER.match(pattern)
    if m is None:
        raise ValueError(f"a form must begin with a look-behind and a number: {pattern}")
    before, low, high = m.groups()
    width = f"{int(low) - 1},{int(high) - 1}" if high else str(int(low) - 1)
    rest = re.sub(r"\(\?P<\w+>", "(?:", pattern[m.end() :]).replace(_MONTH_NAME, _MONTH_HEAD)
    return width, rf"(?<!{before}\d)\d{{{width}}}{rest}"


def _number_tests() -> str:
    """The tests of all forms, after the first digit of a number, grouped by the number's width.

    A cheap look-ahead before each group drops most numbers at once: those of other widths, and
    those followed by a comma, since no form goes on with a digit or a comma after its number.
    """
    groups: dict[str, list[str]] = {}
    for _, pattern in _DATE_FORMS + _TIME_FORMS:
        width, test = _digit_first(pattern)
        groups.setdefault(width, []).append(test)
    return "|".join(rf"(?=\d{{{w}}}+[^,\d])(?={'|'.join(t)})" for w, t in groups.items())


# A number right after a word that may end a month name, one space and maybe the word's stop or
# comma ("January 29", "Jan. 29", "сентябрь 1950"): where a month-led date may have its number.
# One look-behind per width, as look-behinds must have one.
_AFTER_MONTH = "|".join(rf"(?<={_MONTH_TAIL}{sep}[ \t]\d)" for sep in ("", "[.,]", r"\.,"))

# Where a candidate may begin, in one pass: the forms are matched in full only there. Every
# date and time has a number, so the pattern begins with a digit, and the engine skips from digit
# to digit instead of trying the letters of the prose. At the first digit of a number, either
# `form`, where a date or time form may begin (`_number_tests`), or a number after a word that
# may be a month name (`_month_led_cand`).
_STARTS = re.compile(rf"\d(?<!\d\d)(?:(?P<form>{_number_tests()})|{_AFTER_MONTH})")
# The same for ASCII text, where a digit can only be 0-9: skipping to the digits is most of the
# scan, and the engine tests a range of characters a third faster than the Unicode digit class.
_ASCII_STARTS = re.compile("[0-9]" + _STARTS.pattern.removeprefix(r"\d"))
# The word before a number, if it opens like a month name (tested by its head only, three letters
# not 120 words); `\Z` is the number, as the search ends there. The look-behind (a word start)
# comes after the first letter, so that the engine skips to those letters.
_MONTH_BEFORE = re.compile(rf"[{_FIRST}](?<![^\W\d_].)(?:{_NEXT_TWO})[^\W\d_]*+\.?,?[ \t]\Z")


# Between a date and its time: a comma, "at", "в", "on", or one line break (not a blank line).
_GAP = re.compile(r"[ \t]*(?:,[ \t]*)?(?:\n[ \t]*)?(?:(?i:at|on|в)[ \t]+)?")
# "(until 7.1 inclusive)", "on 4.1": an English preposition of time makes "7.1" a day and month.
_DATE_WORD_BEFORE = re.compile(r"(?<![^\W\d_])(?i:until|till|since|before|after|on|dated)[ \t]+\Z")
_BRACKET_AFTER = re.compile(r"[ \t]*\[([^\]\n]{1,40})\]")
_MONTH_WORD = re.compile(_MONTH_NAME)


@dataclass(frozen=True)
class DateMatch:
    """A date or date-time found in a string; `when` is a valid TEI @when value."""

    start: int
    end: int
    text: str
    when: str


class _Cand(NamedTuple):
    start: int
    end: int
    kind: str  # "date" | "yearless" | "time"
    y: int | None = None
    m: int | None = None
    d: int | None = None
    hms: tuple[int, int, int] | None = None
    strong: bool = True  # for times: False for "20.20" forms, which only count beside a date
    form: str = ""


@lru_cache(maxsize=256)  # the same few month names recur in every text
def _month_from_word(word: str) -> int | None:
    w = word.lower().rstrip(".")
    for i, name in enumerate(_EN_MONTHS, 1):
        if w == name:
            return i
    if w in _EN_ABBR:
        return _EN_ABBR[w]
    if w.startswith("мар"):
        return 3
    for stem, num in _RU_STEMS:
        if w.startswith(stem):
            return num
    return None


def _month_from_token(tok: str) -> int | None:
    if tok.isdigit():
        return int(tok)
    return _ROMAN.get(tok.translate(_ROMAN_FOLD).upper())


def _year(tok: str | None) -> int | None:
    if tok is None:
        return None
    y = int(tok)
    return 1900 + y if len(tok) == 2 else y


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if m is None or not 1 <= m <= 12:
        return False
    if y is not None and not 1000 <= y <= 2999:
        return False
    if d is None:
        return True
    try:
        date(y if y is not None else 2000, m, d)  # 2000 is a leap year: "--02-29" is possible
    except ValueError:
        return False
    return True


_MONTH_REACH = 16  # a month name begins at most this far before its number


def _candidates(text: str) -> tuple[list[_Cand], list[_Cand]]:
    """Date and time candidates in the order of their numbers; at one number, the numeric date
    before the month-led one, as the number is read.

    The forms are tried only where `_STARTS` says (with `match`), never slid along the prose,
    which keeps the parser fast on long texts.
    """
    dates: list[_Cand] = []
    times: list[_Cand] = []
    for found in (_ASCII_STARTS if text.isascii() else _STARTS).finditer(text):
        p = found.start()
        if found.lastindex:  # `form`
            if (date := _numeric_date_cand(text, p)) is not None:
                dates.append(date)
            if (time := _time_cand(text, p)) is not None:
                times.append(time)
        if (date := _month_led_cand(text, p)) is not None:
            dates.append(date)
    for start, end, y, m, d in chinese_dates(text):  # no digit to start from: "一九五〇年十月二日"
        if _valid(y, m, d):
            dates.append(_Cand(start, end, "date" if y is not None else "yearless", y, m, d))
    return dates, times


def _numeric_date_cand(text: str, p: int) -> _Cand | None:
    mt = _DATES_RE.match(text, p)
    if mt is None:
        return None
    kind, g = _groups(mt)
    return _date_cand(kind, g, mt.start(), mt.end())


def _month_led_cand(text: str, p: int) -> _Cand | None:
    """ "January 29, 1951", "September 1950": a month name one word before the number at `p`.

    A month name is one word and begins a word: the word right before the number is the only
    place that can hold a month that ends there.
    """
    if p < 2 or text[p - 1] not in " \t" or not (text[p - 2].isalpha() or text[p - 2] in ".,"):
        return None  # one space after the month (and its stop or comma), as the forms write it
    word = _MONTH_BEFORE.search(text, max(0, p - _MONTH_REACH), p)
    if word is None:
        return None
    for kind, rx in _MONTH_FIRST:
        mt = rx.match(text, word.start())
        if mt is not None:
            cand = _date_cand(kind, mt.groupdict(), mt.start(), mt.end())
            if cand is not None:
                return cand
    return None


def _date_cand(kind: str, g: dict[str, str], start: int, end: int) -> _Cand | None:
    y: int | None
    m: int | None
    d: int | None
    if kind == "slash":
        a, b = int(g["a"]), int(g["b"])
        # Day-first only when the first number cannot be a month; otherwise the US order
        # month/day/year of the English-language exports ("10/14/50").
        m, d = (b, a) if a > 12 else (a, b)
        y = _year(g["y"])
    elif kind in ("dmynum", "dmnum"):
        m = _month_from_token(g["m"])
        d = int(g["d"])
        y = _year(g.get("y") or g.get("y4"))
    elif kind in ("iso", "cjk", "ymd"):
        y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
    else:
        m = _month_from_word(g["m"])
        d = int(g["d"]) if g.get("d") else None
        y = _year(g.get("y"))
    if not _valid(y, m, d):
        return None
    hms = None
    if kind == "iso" and g.get("h"):
        hms = _hms(g["h"], g["mi"], g.get("s"), None)
        if hms is None:
            return None
    return _Cand(start, end, "date" if y is not None else "yearless", y, m, d, hms)


def _hms(h: str, mi: str, s: str | None, ap: str | None) -> tuple[int, int, int] | None:
    hour, minute, sec = int(h), int(mi), int(s) if s else 0
    if ap:
        if not 1 <= hour <= 12:
            return None
        pm = ap.strip().lower().startswith("p")
        hour = (hour % 12) + (12 if pm else 0)
    if minute > 59 or sec > 59 or hour > 24 or (hour == 24 and (minute or sec)):
        return None
    return hour, minute, sec


def _time_cand(text: str, p: int) -> _Cand | None:
    mt = _TIMES_RE.match(text, p)
    if mt is None:
        return None
    kind, g = _groups(mt)
    hms = _hms(g["h"], g.get("mi", "0"), g.get("s"), g.get("ap"))
    if hms is None:
        return None
    strong = kind not in ("dot", "hourru") or bool(g.get("ap"))
    return _Cand(mt.start(), mt.end(), "time", hms=hms, strong=strong, form=kind)


def _when(c: _Cand, hms: tuple[int, int, int] | None, year: int | None) -> str:
    """ISO value of a date candidate with an optional time; 24:00 rolls over to the next day."""
    y = c.y if c.y is not None else year
    m, d = c.m, c.d
    assert m is not None
    if d is None:
        return f"{y:04d}-{m:02d}"
    if y is None:
        if hms is not None and hms[0] == 24:
            nxt = date(2000, m, d) + timedelta(days=1)
            m, d = nxt.month, nxt.day
        return f"--{m:02d}-{d:02d}"
    day = date(y, m, d)
    if hms is None:
        return day.isoformat()
    h, mi, s = hms
    if h == 24:
        day, h = day + timedelta(days=1), 0
    return f"{day.isoformat()}T{h:02d}:{mi:02d}:{s:02d}"


def _by_start(cands: list[_Cand]) -> dict[int, list[_Cand]]:
    idx: dict[int, list[_Cand]] = {}
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        idx.setdefault(c.start, []).append(c)
    return idx


def find_dates(text: str, *, year: int | None = None) -> list[DateMatch]:
    """Every date or date-time in `text`, left to right, non-overlapping.

    A time joins the date right before or after it ("29.1.51 20.20", "20.55 29.1.51",
    "Received on 4:10 am, 14 May 1950"); a day.month without a year ("4.1") counts only beside a
    time, before a bracketed clarification ("4.1 [January 4]") or after a preposition of time
    ("until 7.1"), since alone it is usually a decimal or a point number.
    """
    if not isinstance(text, str):
        return []
    if year is not None and not (isinstance(year, int) and 1000 <= year <= 2999):
        year = None
    try:
        # Whole documents are read once, blocks and lines recur: only these are kept.
        scan = _cached_scan(text) if len(text) <= _CACHE_LIMIT else _scan(text)
        if year is None or not scan.yearless:
            return list(scan.dates)
        # The year only fills in the yearless forms; 29 February of a common year raises.
        return [_match(text, s, e, _when(c, hms, year)) for s, e, c, hms in scan.hits]
    except (ValueError, OverflowError):  # never raise on odd input
        return []


_CACHE_LIMIT = 4000

# A date found in a text, before any year is applied: start, end, the date, the joined time.
_Hit = tuple[int, int, _Cand, tuple[int, int, int] | None]


class _Scan(NamedTuple):
    """What a text holds whatever the year: callers ask for the same text with and without one."""

    hits: tuple[_Hit, ...]
    dates: tuple[DateMatch, ...]  # the hits read without a year
    yearless: bool  # whether a year would change `dates`
    times: tuple[DateMatch, ...]  # for `find_times`


_NOTHING = _Scan((), (), False, ())


@lru_cache(maxsize=4096)
def _cached_scan(text: str) -> _Scan:
    return _scan(text)


def _scan(text: str) -> _Scan:
    """The candidates where `_STARTS` finds them, resolved once: no year yet, and lone times."""
    dates, times = _candidates(text)
    if not dates and not times:  # most texts
        return _NOTHING
    hits = _resolve(text, dates, times) if dates else ()
    found = tuple(_match(text, s, e, _when(c, hms, None)) for s, e, c, hms in hits)
    yearless = any(c.y is None for _, _, c, _ in hits)
    return _Scan(hits, found, yearless, _lone_times(text, times, hits))


def _resolve(text: str, dates: list[_Cand], times: list[_Cand]) -> tuple[_Hit, ...]:
    idx = _by_start(dates + times)
    out: list[_Hit] = []
    pos = 0
    for start in sorted(idx):
        if start < pos:
            continue
        hit = _resolve_at(text, idx, start)
        if hit is not None:
            out.append(hit)
            pos = hit[1]
    return tuple(out)


def _follower(
    text: str, idx: dict[int, list[_Cand]], end: int, kinds: tuple[str, ...]
) -> _Cand | None:
    gap = _GAP.match(text, end)
    if gap is None:
        return None
    for c in idx.get(gap.end(), ()):
        if c.kind in kinds:
            return c
    return None


def _resolve_at(text: str, idx: dict[int, list[_Cand]], start: int) -> _Hit | None:
    """The best reading of the candidates starting here: time+date, date+time, date alone."""
    cands = idx[start]
    for c in cands:  # a time followed by its date
        if c.kind == "time":
            d = _follower(text, idx, c.end, ("date", "yearless"))
            if d is not None and d.hms is None and d.d is not None and _may_pair(text, c, d):
                return c.start, d.end, d, c.hms
    for c in cands:
        if c.kind not in ("date", "yearless"):
            continue
        if c.hms is None and c.d is not None:
            t = _follower(text, idx, c.end, ("time",))
            if t is not None and _may_pair(text, t, c):
                return c.start, t.end, c, t.hms
        if c.kind == "date" or (c.kind == "yearless" and not _is_numeric_dm(text, c)):
            return c.start, c.end, c, c.hms
        br = _BRACKET_AFTER.match(text, c.end)
        if br is not None and _MONTH_WORD.search(br.group(1)):
            return c.start, c.end, c, None
        if _DATE_WORD_BEFORE.search(text, max(0, c.start - 12), c.start):
            return c.start, c.end, c, None
    return None


def _may_pair(text: str, time: _Cand, day: _Cand) -> bool:
    """ "3 ч." beside "3.4" is too weak to read as a date: a whole hour needs a full date."""
    return not (time.form == "hourru" and day.kind == "yearless" and _is_numeric_dm(text, day))


def _is_numeric_dm(text: str, c: _Cand) -> bool:
    return text[c.start].isdigit() and not _MONTH_WORD.search(text, c.start, c.end)


def _match(text: str, start: int, end: int, when: str) -> DateMatch:
    return DateMatch(start, end, text[start:end], when)


_STRIP = " \t\r\n*_\"'“”„«»()[].,;:"
_ON = re.compile(r"^(?i:on|of|dated|от)\s+")
_TRAILING_BRACKET = re.compile(r"\s*\[[^\[\]]*\]$")
_BARE_YEAR = re.compile(r"^(?P<y>1[89]\d\d|20\d\d)(?:[ \t]?(?i:г\.?|года))?$")


def parse_date(text: str, *, year: int | None = None) -> str | None:
    """The @when of a string that is one date and nothing else ("January 29, 1951", "**28.1.51.**").

    Surrounding quotes, Markdown emphasis, brackets and a leading "On" are ignored; a string that
    is only a year ("1950") is accepted here on purpose, unlike in running text.
    """
    if not isinstance(text, str):
        return None
    s = text.strip(" \t\r\n*_\"'“”„«».,;:")
    # "On 1.X.50 [1 October 1950]": an editor's restatement in brackets does not make two dates.
    s = _TRAILING_BRACKET.sub("", s) or s
    s = _ON.sub("", s.strip(_STRIP)).strip(_STRIP)
    if not s:
        return None
    bare = _BARE_YEAR.match(s)
    if bare:
        return bare.group("y")
    found = find_dates(s, year=year)
    if len(found) == 1 and found[0].start == 0 and not s[found[0].end :].strip(_STRIP):
        return found[0].when
    return None


def find_times(text: str) -> list[DateMatch]:
    """Clock times that stand without a date ("Received 18 hours 40 minutes"), as xs:time values.

    Only unambiguous forms count ("19:00", "4:10 am", "18 ч. 40 м."); "20.20" alone could be a
    number. Times that belong to a date found by `find_dates` are left out.
    """
    if not isinstance(text, str):
        return []
    try:
        return list((_cached_scan(text) if len(text) <= _CACHE_LIMIT else _scan(text)).times)
    except (ValueError, OverflowError):  # never raise on odd input
        return []


def _lone_times(text: str, times: list[_Cand], hits: tuple[_Hit, ...]) -> tuple[DateMatch, ...]:
    """The strong times outside every date; `times` come one per start, left to right."""
    out: list[DateMatch] = []
    pos = 0
    for c in times:
        if c.start < pos or not c.strong or c.hms is None:
            continue
        if any(s < c.end and c.start < e for s, e, _, _ in hits):
            continue
        h, mi, s = c.hms
        out.append(_match(text, c.start, c.end, f"{h % 24:02d}:{mi:02d}:{s:02d}"))
        pos = c.end
    return tuple(out)


_WHOLE_TIME = re.compile(
    rf"^(?P<h>\d{{1,2}})[.:](?P<mi>\d{{2}})(?::(?P<s>\d{{2}}))?{_AMPM}$"
    r"|^(?P<h2>\d{1,2})[ \t]*(?i:hours?|hrs?\.?|ч\.?)[ \t]*,?[ \t]*(?P<mi2>\d{1,2})[ \t]*"
    r"(?i:minutes?|mins?\.?|м(?:ин)?\.?)$"
)


def parse_time(text: str) -> str | None:
    """The xs:time ("17:45:00") of a string that is only a clock time ("17.45", "4:10 am").

    A whole string is unambiguous enough to accept the dotted form that running text cannot.
    "24:00" is returned as "00:00:00": without a date there is no day to roll over.
    """
    if not isinstance(text, str):
        return None
    m = _WHOLE_TIME.match(text.strip(_STRIP.replace(".", "")).rstrip("."))
    if m is None:
        return None
    if m.group("h") is not None:
        hms = _hms(m.group("h"), m.group("mi"), m.group("s"), m.group("ap"))
    else:
        hms = _hms(m.group("h2"), m.group("mi2"), None, None)
    if hms is None:
        return None
    return f"{hms[0] % 24:02d}:{hms[1]:02d}:{hms[2]:02d}"
