"""Validation: `validate(paths, ...) -> Report`, the Python API behind `tei validate`.

`tei.validate(...)` works too: `import tei` exposes this package lazily, and the package is
callable (a module subclass whose call is `validate`), so the subpackage and the function share
the one name without shadowing each other.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tei.diagnostics.model import Report
from tei.validate.inputs import DEFAULT_MAX_SIZE
from tei.validate.run import Progress, ValidateOptions, run


def validate(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    schema: str | os.PathLike[str] | None = None,
    engine: str = "lxml",
    xsd: bool = False,
    jobs: int = 1,
    max_size: int = DEFAULT_MAX_SIZE,
    progress: Progress | None = None,
) -> Report:
    """Validate files, directories, globs or .zip archives against the bundled telegram schema
    (or `schema`, a compiled RELAX NG with its .sch/.isosch beside it). Raises `InputError` when
    nothing is found and `SchemaError` for an unusable schema; findings are in the Report."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    options = ValidateOptions(
        schema=Path(schema) if schema is not None else None,
        engine=engine,
        xsd=xsd,
        jobs=jobs,
        max_size=max_size,
    )
    return run(list(paths), options, progress)


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Report:
        return validate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

__all__ = ["ValidateOptions", "validate"]
