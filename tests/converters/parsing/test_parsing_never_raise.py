"""Property-style check: no parser raises, whatever it is given (deterministic garbled input)."""

from __future__ import annotations

from typing import Any

import pytest

from converters.align import align_blocks
from converters.parsing.archives import find_archive_citations
from converters.parsing.brackets import find_brackets
from converters.parsing.dates import find_dates, find_times, parse_date, parse_time
from converters.parsing.distribution import parse_distribution
from converters.parsing.header import classify_line, processing_notes
from converters.parsing.names import find_names, is_pseudonym, lookup
from converters.parsing.script import find_mixed_script_words

ONE_ARG = (
    find_archive_citations,
    find_brackets,
    find_dates,
    find_times,
    parse_date,
    parse_time,
    parse_distribution,
    classify_line,
    processing_notes,
    find_names,
    lookup,
    is_pseudonym,
    find_mixed_script_words,
)


@pytest.mark.parametrize("func", ONE_ARG, ids=lambda f: f.__name__)
@pytest.mark.parametrize("odd", [None, b"bytes", 42, 3.5, ["list"], "\x00" * 50, "\ud800"])
def test_odd_types_and_characters(func: Any, odd: Any) -> None:
    assert not func(odd)  # nothing found in what is not text: None, [] or False


def test_year_of_the_wrong_type() -> None:
    assert find_dates("24:00 4.1", year="1951") == find_dates("24:00 4.1")  # type: ignore[arg-type]
    assert classify_line("Расш. Сухов 16.00 16.1", year=99999) is not None


def test_garbled_strings(garbled_strings: list[str]) -> None:
    for s in garbled_strings:
        for func in ONE_ARG:
            func(s)
    blocks = garbled_strings[:60]
    pairs = align_blocks(blocks, list(reversed(blocks)))
    assert pairs == sorted(pairs)
    assert align_blocks(None, blocks) == []  # type: ignore[arg-type]
