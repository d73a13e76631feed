"""Editorial brackets and mixed-script words."""

from __future__ import annotations

import pytest

from converters.parsing.brackets import find_brackets
from converters.parsing.script import find_mixed_script_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("To FILIPPOV [Stalin]", [("identification", "Stalin", "per-stalin")]),
        ("Jemulpo [Incheon]", [("identification", "Incheon", "pl-incheon")]),
        ("Incheon [Jemulpo]", [("identification", "Jemulpo", "pl-incheon")]),
        ("F I L I P P O V [STALIN]", [("identification", "STALIN", "per-stalin")]),
        ("Pak Il-u [Pak Il U]", [("identification", "Pak Il U", "per-pak-il-u")]),
        ("Kim Son [Kim Ung]", [("identification", "Kim Ung", "per-kim-son")]),  # name before
        ("puppet [South Korean] troops", [("clarification", "South Korean", None)]),
        ("puppet [South Korea] troops", [("clarification", "South Korea", None)]),
        ("sent 24:00 4.1 [January 4].", [("clarification", "January 4", None)]),
        (
            "the 1 [First] and 2 [Second] Army Groups",
            [("clarification", "First", None), ("clarification", "Second", None)],
        ),
        ("Передано т.Булганину [из Сочи]", [("clarification", "из Сочи", None)]),
        ("text [...] more", [("gap", "...", None)]),
        ("text […] more", [("gap", "…", None)]),
        ("a word [illegible] here", [("gap", "illegible", None)]),
        ("[pristupit k obiednineniiu]", [("foreign", "pristupit k obiednineniiu", None)]),
        ("[sic]", [("clarification", "sic", None)]),
        ("see [the map above]", [("clarification", "the map above", None)]),
        ("no brackets here", []),
    ],
)
def test_brackets(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    got = find_brackets(text)
    assert [(b.kind, b.content, b.ref) for b in got] == expected
    for b in got:
        assert text[b.start] == "[" and text[b.end - 1] == "]"
        assert text[b.start + 1 : b.end - 1] == b.content


def test_unbalanced() -> None:
    text = "broken ] here [ and"
    got = find_brackets(text)
    assert [(b.kind, text[b.start : b.end]) for b in got] == [
        ("unbalanced", "]"),
        ("unbalanced", "["),
    ]


def test_mixed_script_words() -> None:
    text = "американских и марionеточных войск, Stalin и Сталин"
    assert find_mixed_script_words(text) == [(15, 28, "марionеточных")]
    assert find_mixed_script_words("plain English only") == []
    assert find_mixed_script_words("только русский") == []


def test_never_raises(garbled_strings: list[str]) -> None:
    for s in garbled_strings:
        for b in find_brackets(s):
            assert 0 <= b.start < b.end <= len(s)
        for start, end, word in find_mixed_script_words(s):
            assert s[start:end] == word


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("he [Stalin] said", "clarification"),  # after a common word: a clarification
        ("[Stalin] said", "identification"),
        ("puppet [South Korea] troops", "clarification"),
    ],
)
def test_identification_needs_a_name_before(text: str, kind: str) -> None:
    (b,) = find_brackets(text)
    assert b.kind == kind


def test_nested_and_far_apart_brackets() -> None:
    got = find_brackets("see [the note [Stalin] above]")
    assert [(b.kind, b.content) for b in got] == [
        ("clarification", "the note [Stalin] above"),
        ("clarification", "Stalin"),  # after a common word
    ]
    far = "a [ " + "word " * 200 + "] b"
    assert [b.kind for b in find_brackets(far)] == ["unbalanced", "unbalanced"]
    assert [b.kind for b in find_brackets("a [one\n\ntwo] b")] == ["unbalanced", "unbalanced"]


def test_linear_on_deep_nesting() -> None:
    text = "[" * 3000 + "x" + "]" * 3000
    got = find_brackets(text)  # linear: each character is analysed once
    assert got and all(b.kind in ("clarification", "unbalanced") for b in got)
