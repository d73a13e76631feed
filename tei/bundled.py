"""Where the toolkit's own compiled schema lives, installed or in a source checkout."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

SCHEMA_NAME = "telegrams"


def schema_dir() -> Path:
    """The folder holding `telegrams.rng`, `.sch` and `.xsd`.

    Installed, it is the `tei.schema` package (pyproject maps `schema/` there); in a source checkout
    run from the project root, `import tei` finds the local folder first: fall back to `../schema`.
    """
    try:
        found = Path(str(importlib.resources.files("tei.schema")))
    except ModuleNotFoundError:
        found = Path(__file__).resolve().parent.parent / "schema"
    return found


def schema_file(suffix: str) -> Path:
    """The bundled schema file with this suffix: ".rng", ".sch" or ".xsd"."""
    return schema_dir() / f"{SCHEMA_NAME}{suffix}"
