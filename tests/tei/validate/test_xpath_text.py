"""Which XPath expressions libxml2 may evaluate for elementpath (the same value in 1.0 and 2.0)."""

from __future__ import annotations

import pytest

from tei.validate.xpath_text import groups, is_existence_subset, lxml_boolean, split_top


@pytest.mark.parametrize(
    "expr",
    [
        "@calendar",
        "@notBefore|@notAfter|@from|@to",
        "@target and @cRef",
        "(ancestor::tei:l or ancestor::tei:lg) and not(ancestor::tei:floatingText)",
        "self::tei:*[text()[contains(., '[') or contains(., ']')]]",
        "tei:correspAction[@type = 'sent']/tei:date",
        "//@xml:id",
        "to",  # an element named like an XPath 2 keyword
    ],
)
def test_in_the_subset(expr: str) -> None:
    assert is_existence_subset(expr)


@pytest.mark.parametrize(
    "expr",
    [
        "string-length(.) gt 0",
        "@a to @b",
        "a * b",
        "child::*[1]",
        "$x",
        "count(a)",
        "a union b",
        ". is .",
        "@n = 1",  # numbers compare differently (XPath 2 raises on a non-number)
        "not(@a) = @b",
        "if (a) then b else c",
        "@type = ('a', 'b')",
    ],
)
def test_outside_the_subset(expr: str) -> None:
    assert not is_existence_subset(expr)


def test_lxml_boolean_rejects_what_libxml2_cannot_run() -> None:
    assert lxml_boolean("contains(., 'x', 'y')", {}) is None
    assert lxml_boolean("@a", {}) is not None


def test_splitting() -> None:
    assert split_top("a[b|c] | (d|e) | 'f|g'", "|") == ["a[b|c] ", " (d|e) ", " 'f|g'"]
    assert groups("[a][b = ']']") == ["a", "b = ']'"]
    assert groups("[a]/b") is None
