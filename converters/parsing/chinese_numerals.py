"""Chinese numerals where Chinese-language notes use them: dates ("一九五〇年十月二日") and the
labels of numbered points ("一、").

A year is spelt digit by digit (〇 or 零 for zero); months, days and point numbers are counted
("十一", "二十三"). Arabic-numeral forms ("1950年10月2日", "1.") are read with the other
numeric forms in `dates` and by the point patterns of their callers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
_UNIT = "一二三四五六七八九"
_CHINESE_DATE = re.compile(
    r"(?<![〇零一二三四五六七八九十])(?:(?P<y>[〇零一二三四五六七八九]{4})[ \t]?年[ \t]?)?"
    rf"(?P<m>十[一二]?|[{_UNIT}])[ \t]?月[ \t]?"
    rf"(?P<d>[二三]?十[{_UNIT}]?|[{_UNIT}])[ \t]?[日号]"
)
# "一、", "（二）", "十一、": a counted number up to 99 before the enumeration comma or in brackets.
_POINT = re.compile(
    rf"\s*(?:(?P<a>[{_UNIT}]?十[{_UNIT}]?|[{_UNIT}])、|[（(](?P<b>[{_UNIT}]?十[{_UNIT}]?|[{_UNIT}])[）)])"
)


def chinese_dates(text: str) -> Iterator[tuple[int, int, int | None, int, int]]:
    """(start, end, year, month, day) of each date in Chinese numerals, the year None where the
    text leaves it out ("十月十五日"); calendar checks are the caller's."""
    if "月" not in text:  # every form has it: most texts are answered without a regex search
        return
    for m in _CHINESE_DATE.finditer(text):
        y = m.group("y")
        year = int("".join(str(_DIGITS[ch]) for ch in y)) if y else None
        yield m.start(), m.end(), year, counted(m.group("m")), counted(m.group("d"))


def chinese_point(text: str) -> tuple[int, int] | None:
    """(number, end) of the point label that opens `text` ("一、" -> 1), or None."""
    m = _POINT.match(text)
    if m is None:
        return None
    return counted(m.group("a") or m.group("b")), m.end()


def counted(numeral: str) -> int:
    """1 to 99 in counted form: "九" 9, "十" 10, "十一" 11, "二十" 20, "三十一" 31."""
    if "十" not in numeral:
        return _DIGITS[numeral]
    tens, _, units = numeral.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)
