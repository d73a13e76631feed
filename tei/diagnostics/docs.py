"""The codes table as Markdown, kept in docs/diagnostics.md between two markers.

The table in `codes.py` is the source of truth; the documentation page embeds a generated copy and
a test fails when they drift. Regenerate with `python -m tei.diagnostics.docs docs/diagnostics.md`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from tei.diagnostics.codes import CODES, Code

BEGIN = "<!-- codes:begin (generated from tei/diagnostics/codes.py; do not edit by hand) -->"
END = "<!-- codes:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _name(row: Code) -> str:
    return f"`{row.code}-<id>`" if row.family else f"`{row.code}`"


def _row(r: Code) -> str:
    link = f"[{_name(r)}](#{r.anchor})"
    return f"| {link} | {r.severity.value} | {r.status.value} | {_cell(r.summary)} |"


def codes_markdown() -> str:
    """A summary table, then one section per code with its hint (the anchors hints link to)."""
    lines = [
        "| code | severity | status | meaning |",
        "|---|---|---|---|",
        *(_row(r) for r in CODES.values()),
    ]
    for row in CODES.values():
        lines += [
            "",
            f'<a id="{row.anchor}"></a>',
            f"### {_name(row)}",
            "",
            f"{row.summary} Severity: {row.severity.value}; status: {row.status.value}.",
            "",
            f"What to do: {row.hint}",
        ]
    return "\n".join(lines)


def generated_block() -> str:
    """The text between (and including) the markers."""
    return f"{BEGIN}\n{codes_markdown()}\n{END}"


def embedded_block(page: str) -> str | None:
    """The block currently in a page, or None when the markers are missing."""
    start, end = page.find(BEGIN), page.find(END)
    if start < 0 or end < start:
        return None
    return page[start : end + len(END)]


def sync(path: Path) -> bool:
    """Rewrite the block in `path` (atomically) if it drifted; True when the file changed."""
    page = path.read_text(encoding="utf-8")
    current = embedded_block(page)
    if current is None:
        raise ValueError(f"{path}: the markers {BEGIN!r} and {END!r} are missing")
    if current == generated_block():
        return False
    updated = page.replace(current, generated_block())
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(updated)
    os.replace(tmp, path)
    return True


if __name__ == "__main__":  # pragma: no cover - a maintainer's regeneration command
    for arg in sys.argv[1:]:
        sync(Path(arg))
