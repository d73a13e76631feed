"""Fixtures of the parser tests: deterministic garbled strings for the never-raise tests.

Generated with a fixed seed instead of hypothesis, so the project needs no extra dependency and
every run checks the same few hundred strings.
"""

from __future__ import annotations

import random

import pytest

_ALPHABET = "abcXYZ  АБВжзыЁё0123456789.,;:-–—/\\()[]{}\"'«»„“№º°#\t\n\r*_!?ⅫⅣ\u0000\u200b\ufeff😀"
_PIECES = (
    "29.1.51",
    "24:00",
    "No.",
    "№",
    "Экз.",
    "тов.",
    "Stalin",
    "FILIPPOV [",
    "]",
    "f. 45",
    "op.",
    "ll. 41-",
    "Copies:",
    "(2",
    "Received",
    "получена",
    "ч.",
    "м.",
    "1.X..",
    "[...]",
    "М А О",
    "Distribution list - ",
    "copies:",
    "Copy Nº",
    "1. Comr.",
    "APRF,",
    "RGASPI f.",
    "Расш.",
    "отп.",
    "Проверил:",
    "EXTREMELY URGENT",
    "В. СРОЧНО",
    "31.2.51",
    "10/14/50",
    "a.m.",
    "\t",
    "\n",
    "[Stalin]",
    "Jemulpo [Incheon]",
    "марionеточных",
    "-",
    "—",
)


def garbled(count: int = 400, seed: int = 20240521) -> list[str]:
    """Random mixtures of characters and parser keywords, the same list on every run."""
    rng = random.Random(seed)
    out = ["", " ", "\n\n", "[", "]", "][", "№", ".", "24:00", "99.99.99", "0.0.00"]
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 12)):
            if rng.random() < 0.5:
                parts.append(rng.choice(_PIECES))
            else:
                parts.append("".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 8))))
        out.append(rng.choice(["", " ", "\t"]).join(parts))
    return out


@pytest.fixture(scope="session")
def garbled_strings() -> list[str]:
    return garbled()
