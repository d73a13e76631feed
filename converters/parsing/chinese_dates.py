"""Dates in Chinese numerals, as Chinese-language notes date themselves: "一九五〇年十月二日".

The year is spelt digit by digit (〇 or 零 for zero), month and day as counted numbers ("十一月",
"二十三日"). Arabic-numeral forms ("1950年10月2日") are read with the other numeric forms in
`dates`; this module only turns the numeral form into a year, month and day.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
_UNIT = "一二三四五六七八九"
_CHINESE_DATE = re.compile(
    r"(?P<y>[〇零一二三四五六七八九]{4})[ \t]?年[ \t]?"
    rf"(?P<m>十[一二]?|[{_UNIT}])[ \t]?月[ \t]?"
    rf"(?P<d>[二三]?十[{_UNIT}]?|[{_UNIT}])[ \t]?[日号]"
)


def chinese_dates(text: str) -> Iterator[tuple[int, int, int, int, int]]:
    """(start, end, year, month, day) of each date in Chinese numerals; calendar checks are the
    caller's."""
    if "年" not in text:  # every form has it: most texts are answered without a regex search
        return
    for m in _CHINESE_DATE.finditer(text):
        year = int("".join(str(_DIGITS[ch]) for ch in m.group("y")))
        yield m.start(), m.end(), year, _counted(m.group("m")), _counted(m.group("d"))


def _counted(numeral: str) -> int:
    """1 to 39 in counted form: "九" 9, "十" 10, "十一" 11, "二十" 20, "三十一" 31."""
    if "十" not in numeral:
        return _DIGITS[numeral]
    tens, _, units = numeral.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)
