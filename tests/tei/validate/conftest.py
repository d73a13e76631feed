"""Made-up miniature schema (data/mini.*) and documents for the engine and run tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
EXAMPLE = Path(__file__).resolve().parents[3].parent / "shared" / "design" / "example-000.xml"

VALID = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>A made-up telegram</teiHeader>
  <text>
    <body>
      <div type="translation" xml:id="en">
        <p xml:id="en-p1" corresp="#ru-p1">On <date when="1951-01-29">29 January</date>.</p>
        <p xml:id="en-p2" corresp="#ru-p2">Second point.</p>
      </div>
      <div type="original" xml:id="ru">
        <p xml:id="ru-p1" corresp="#en-p1">Получено <date when="1951-01-29">29.1.51</date>.</p>
        <p xml:id="ru-p2" corresp="#en-p2">Второй пункт.</p>
      </div>
    </body>
  </text>
</TEI>
"""


@pytest.fixture(scope="session")
def mini_rng() -> Path:
    return DATA / "mini.rng"


@pytest.fixture()
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write the valid document, or a variant with textual replacements (each must apply)."""

    def make(name: str, *changes: tuple[str, str]) -> Path:
        text = VALID
        for old, new in changes:
            assert old in text, f"mutation {old!r} does not apply"
            text = text.replace(old, new, 1)
        path = tmp_path / f"{name}.xml"
        path.write_text(text, encoding="utf-8")
        return path

    return make


@pytest.fixture(scope="session")
def example() -> Path:
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is absent: the shared material sits beside the project (../shared)")
    return EXAMPLE
