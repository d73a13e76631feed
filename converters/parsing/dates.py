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


def _en_month_alternation() -> str:
    """English month names, Title Case or UPPER only: "may" in prose is a verb, not a month."""

    def forms(words: tuple[str, ...]) -> str:
        found = {f for w in words for f in (w.capitalize(), w.upper())}
        return "|".join(sorted(found, key=len, reverse=True))

    # Only an abbreviation takes a full stop ("Jan."); after "March" the stop ends the sentence.
    abbr = tuple(a for a in _EN_ABBR if a not in _EN_MONTHS)
    return rf"(?:(?:{forms(_EN_MONTHS)})\b|(?:{forms(abbr)})\b\.?)"


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
        rf"(?P<m>{_EN_MONTH}|{_RU_MONTH})(?:,?[ \t]+(?P<y>\d{{4}})(?!\d){_YEAR_SUFFIX})?",
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
        re.compile(rf"(?P<m>{_EN_MONTH}|{_RU_MONTH}),?[ \t]+(?P<y>\d{{4}})(?!\d){_YEAR_SUFFIX}"),
    ),
)
_MONTH_BEFORE = re.compile(rf"(?<![^\W\d_])(?:{_EN_MONTH}|{_RU_MONTH}),?[ \t]+\Z")

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


def _groups(m: re.Match[str]) -> tuple[str, dict[str, str]]:
    kind = m.lastgroup or ""
    cut = len(kind) + 1
    return kind, {
        k[cut:]: v for k, v in m.groupdict().items() if v is not None and k.startswith(kind + "_")
    }


# Between a date and its time: a comma, "at", "в", "on", or one line break (not a blank line).
_GAP = re.compile(r"[ \t]*(?:,[ \t]*)?(?:\n[ \t]*)?(?:(?i:at|on|в)[ \t]+)?")
# "(until 7.1 inclusive)", "on 4.1": an English preposition of time makes "7.1" a day and month.
_DATE_WORD_BEFORE = re.compile(r"(?<![^\W\d_])(?i:until|till|since|before|after|on|dated)[ \t]+\Z")
_BRACKET_AFTER = re.compile(r"[ \t]*\[([^\]\n]{1,40})\]")
_MONTH_WORD = re.compile(rf"{_EN_MONTH}|{_RU_MONTH}")
_HAS_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class DateMatch:
    """A date or date-time found in a string; `when` is a valid TEI @when value."""

    start: int
    end: int
    text: str
    when: str


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    kind: str  # "date" | "yearless" | "time"
    y: int | None = None
    m: int | None = None
    d: int | None = None
    hms: tuple[int, int, int] | None = None
    strong: bool = True  # for times: False for "20.20" forms, which only count beside a date
    form: str = ""


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


def _number_starts(text: str) -> list[int]:
    """Where a date or time can begin: numbers of one, two or four digits.

    Every numeric form starts at the start of a number, so the detailed patterns are tried only
    there (with `match`), never slid along the prose: that keeps the parser fast on long texts.
    """
    return [m.start() for m in _DIGITS.finditer(text) if m.end() - m.start() in (1, 2, 4)]


_DIGITS = re.compile(r"\d+")
_MONTH_REACH = 16  # a month name ends at most this far before its number


def _date_cands(text: str, starts: list[int]) -> list[_Cand]:
    out: list[_Cand] = []
    for p in starts:
        mt = _DATES_RE.match(text, p)
        if mt is not None:
            kind, g = _groups(mt)
            cand = _date_cand(kind, g, mt.start(), mt.end())
            if cand is not None:
                out.append(cand)
        # Month-led forms ("January 29, 1951", "September 1950"): a word and a space before.
        if p < 2 or text[p - 1] not in " \t" or not (text[p - 2].isalpha() or text[p - 2] in ".,"):
            continue
        mb = _MONTH_BEFORE.search(text, max(0, p - _MONTH_REACH), p)
        if mb is None:
            continue
        for kind, rx in _MONTH_FIRST:
            mt = rx.match(text, mb.start())
            if mt is not None:
                cand = _date_cand(kind, mt.groupdict(), mt.start(), mt.end())
                if cand is not None:
                    out.append(cand)
                    break
    return out


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


def _time_cands(text: str, starts: list[int]) -> list[_Cand]:
    out: list[_Cand] = []
    for p in starts:
        mt = _TIMES_RE.match(text, p)
        if mt is None:
            continue
        kind, g = _groups(mt)
        hms = _hms(g["h"], g.get("mi", "0"), g.get("s"), g.get("ap"))
        if hms is None:
            continue
        strong = kind not in ("dot", "hourru") or bool(g.get("ap"))
        out.append(_Cand(mt.start(), mt.end(), "time", hms=hms, strong=strong, form=kind))
    return out


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
    if not isinstance(text, str) or not _HAS_DIGIT.search(text):
        return []
    if year is not None and not (isinstance(year, int) and 1000 <= year <= 2999):
        year = None
    try:
        if len(text) > _CACHE_LIMIT:  # whole documents are read once; blocks and lines recur
            return list(_scan_dates(text, year))
        return list(_cached_dates(text, year))
    except (ValueError, OverflowError):  # never raise on odd input
        return []


_CACHE_LIMIT = 4000


@lru_cache(maxsize=4096)
def _cached_dates(text: str, year: int | None) -> tuple[DateMatch, ...]:
    return _scan_dates(text, year)


def _scan_dates(text: str, year: int | None) -> tuple[DateMatch, ...]:
    starts = _number_starts(text)
    dates = _date_cands(text, starts)
    if not dates:
        return ()
    idx = _by_start(dates + _time_cands(text, starts))
    out: list[DateMatch] = []
    pos = 0
    for start in sorted(idx):
        if start < pos:
            continue
        hit = _resolve_at(text, idx, start, year)
        if hit is not None:
            out.append(hit)
            pos = hit.end
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


def _resolve_at(
    text: str, idx: dict[int, list[_Cand]], start: int, year: int | None
) -> DateMatch | None:
    """The best reading of the candidates starting here: time+date, date+time, date alone."""
    cands = idx[start]
    for c in cands:  # a time followed by its date
        if c.kind == "time":
            d = _follower(text, idx, c.end, ("date", "yearless"))
            if d is not None and d.hms is None and d.d is not None and _may_pair(text, c, d):
                return _match(text, c.start, d.end, _when(d, c.hms, year))
    for c in cands:
        if c.kind not in ("date", "yearless"):
            continue
        if c.hms is None and c.d is not None:
            t = _follower(text, idx, c.end, ("time",))
            if t is not None and _may_pair(text, t, c):
                return _match(text, c.start, t.end, _when(c, t.hms, year))
        if c.kind == "date" or (c.kind == "yearless" and not _is_numeric_dm(text, c)):
            return _match(text, c.start, c.end, _when(c, c.hms, year))
        br = _BRACKET_AFTER.match(text, c.end)
        if br is not None and _MONTH_WORD.search(br.group(1)):
            return _match(text, c.start, c.end, _when(c, None, year))
        if _DATE_WORD_BEFORE.search(text, max(0, c.start - 12), c.start):
            return _match(text, c.start, c.end, _when(c, None, year))
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
    if not isinstance(text, str) or not _HAS_DIGIT.search(text):
        return []
    if len(text) > _CACHE_LIMIT:
        return list(_scan_times(text))
    return list(_cached_times(text))


@lru_cache(maxsize=4096)
def _cached_times(text: str) -> tuple[DateMatch, ...]:
    return _scan_times(text)


def _scan_times(text: str) -> tuple[DateMatch, ...]:
    taken = [(d.start, d.end) for d in find_dates(text)]
    out: list[DateMatch] = []
    pos = 0
    for c in sorted(
        _time_cands(text, _number_starts(text)), key=lambda c: (c.start, -(c.end - c.start))
    ):
        if c.start < pos or not c.strong or c.hms is None:
            continue
        if any(s < c.end and c.start < e for s, e in taken):
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
