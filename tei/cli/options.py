"""Options more than one `tei` command takes, declared once so they read and behave alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click


def jobs_option(what_stays: str) -> Callable[[Any], Any]:
    """`-j/--jobs N`: worker processes; `what_stays` says what does not depend on N."""
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help=f"Worker processes; {what_stays} not depend on it.",
    )
