"""Shared pieces of the parsers: `folded` must mean what a case-blind pattern means."""

from __future__ import annotations

import re

from converters.parsing.lexicon import folded, line_bounds

_LETTERS = "abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def test_folded_agrees_with_ignorecase_everywhere() -> None:
    """For every character `folded` keeps: lower() gives one character, the basic letter that
    IGNORECASE matches it to (and no other), and the same letter, digit and space classes."""
    every = "".join(map(chr, range(0x110000)))
    odd = {ord(ch): None for ch in every if not ch.isascii() and folded(ch) is None}
    kept = every.translate(odd)
    low = kept.lower()
    assert len(low) == len(kept)  # one character for one: offsets carry over
    blind = {m.start() for m in re.finditer(f"[{_LETTERS}]", kept, re.IGNORECASE)}
    assert blind == {m.start() for m in re.finditer(f"[{_LETTERS}]", low)}
    for i in blind:
        matched = [x for x in _LETTERS if re.fullmatch(x, kept[i], re.IGNORECASE)]
        assert matched == [low[i]], repr(kept[i])
    for pattern in (r"[^\W\d_]", r"\w", r"\d", r"\s"):
        classed = re.compile(pattern)
        assert [m.start() for m in classed.finditer(kept)] == [
            m.start() for m in classed.finditer(low)
        ], pattern


def test_folded_text() -> None:
    assert folded("CIPHERED Telegram Шифртелеграмма") == "ciphered telegram шифртелеграмма"
    assert folded("DİSTRIBUTION") is None  # IGNORECASE reads İ as i; lower() makes two characters
    assert folded("ſent to") is None  # long s


def test_line_bounds() -> None:
    assert line_bounds("## Title **") == (3, 8)
    assert line_bounds("plain") == (0, 5)
    assert line_bounds("  ") == (2, 2)
    assert line_bounds("") == (0, 0)
