"""Alignment of the blocks of two language versions (translation and original) for @corresp.

Numbered points pair by their number ("3." with "3."; "b)" with "б)"); other blocks by order,
relative length and shared anchors (numbers, dates, names through the curated table), which
survive translation. A dynamic programme over the two sequences keeps the pairs monotone and
leaves out blocks without a counterpart (a paragraph only one version has) instead of forcing
a wrong pair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from converters.parsing.chinese_numerals import chinese_point
from converters.parsing.dates import find_dates
from converters.parsing.names import find_names

# Point labels: "1.", "1)", "(1)", "a)", "б)", "(c)".
_LABEL = re.compile(r"\s*[„\"“«]?\s*\(?(?P<l>\d{1,2}|[a-zа-я])[.)][ \t]", re.I)
# "\d\d*", not "\d+": a pattern that opens with a character class lets the regex engine skip
# ahead to the next digit instead of trying a match at every character of a paragraph.
_NUMBER = re.compile(r"\d\d*(?:[,\u00a0 ]\d{3})*")
_SEPARATORS = str.maketrans("", "", ",\u00a0 ")
_LETTERS = {ch: i for i, ch in enumerate("abcdefghijklmnopqrstuvwxyz", 1)}
_LETTERS.update({ch: i for i, ch in enumerate("абвгдежзиклмнопрстуфхцчшщэюя", 1)})
_MIN_SCORE = 0.35  # below this a pair is no better than leaving both blocks out
# A weak preference for blocks at the same relative place: strong enough to order look-alike
# paragraphs, weak enough that a partial version (a continuation sheet) finds its offset by content.
_ORDER_WEIGHT = 0.5


@dataclass(frozen=True)
class _Block:
    label: str | None
    anchors: frozenset[str]
    size: int


def _block(text: str) -> _Block:
    m = _LABEL.match(text)
    label = None
    body = text
    if m is not None:
        raw = m.group("l").lower()
        label = raw if raw.isdigit() else f"letter-{_LETTERS.get(raw, 0)}"
        body = text[m.end() :]
    elif (chinese := chinese_point(text)) is not None:  # "一、" pairs with "1."
        label, body = str(chinese[0]), text[chinese[1] :]
    anchors = {"n:" + n.translate(_SEPARATORS) for n in _NUMBER.findall(body)}
    # Dates and names of the whole block: the readers have usually asked already (cached).
    anchors |= {f"d:{d.when}" for d in find_dates(text)}
    anchors |= {f"e:{n.ref}" for n in find_names(text)}
    return _Block(label, frozenset(anchors), max(1, len(body.strip())))


def _score(a: _Block, b: _Block, b_size: float, pa: float, pb: float) -> float:
    """How well two blocks correspond; -inf when they cannot (different point numbers).

    Same point number +3; length similarity up to +1; shared anchors up to +2; a weak penalty
    for blocks at different relative places.
    """
    if a.label is not None and b.label is not None:
        if a.label != b.label:
            return _NEVER
        score = 3.0
    else:
        score = 0.0 if a.label is None and b.label is None else -0.5
    la = a.size
    score += la / b_size if la < b_size else b_size / la
    if a.anchors and b.anchors:
        shared = len(a.anchors & b.anchors)
        if shared:
            score += 2.0 * shared / min(len(a.anchors), len(b.anchors))
    return score - _ORDER_WEIGHT * abs(pa - pb)


_NEVER = float("-inf")


def align_blocks(left: Sequence[str], right: Sequence[str]) -> list[tuple[int, int]]:
    """Monotone pairs (i, j) of corresponding blocks; blocks without a counterpart are left out."""
    if not left or not right:
        return []
    n, m = len(left), len(right)
    lb = [_block(t if isinstance(t, str) else "") for t in left]
    rb = [_block(t if isinstance(t, str) else "") for t in right]
    ratio = sum(b.size for b in lb) / max(1, sum(b.size for b in rb))
    if not 0.7 <= ratio <= 1.4:  # one side is partial: compare block lengths as they are
        ratio = 1.0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 0 skip left, 1 skip right, 2 pair
    rpos = [(j + 0.5) / m for j in range(m)]
    rsize = [b.size * ratio for b in rb]
    for i in range(1, n + 1):
        a = lb[i - 1]
        pa = (i - 0.5) / n
        row, prev = best[i], best[i - 1]
        for j in range(1, m + 1):
            row[j], move[i][j] = prev[j], 0
            if row[j - 1] > row[j]:
                row[j], move[i][j] = row[j - 1], 1
            s = _score(a, rb[j - 1], rsize[j - 1], pa, rpos[j - 1])
            if s >= _MIN_SCORE and prev[j - 1] + s > row[j]:
                row[j], move[i][j] = prev[j - 1] + s, 2
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        if move[i][j] == 2:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif move[i][j] == 0:
            i -= 1
        else:
            j -= 1
    return pairs[::-1]
