"""The one options record every renderer takes (pandoc's WriterOptions): built once by the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from tei import __version__

TOOL_NAME = "tei validate"


@dataclass(frozen=True)
class RenderOptions:
    """`color=None`: the text renderer decides (a terminal, no NO_COLOR); tests pin the rest."""

    color: bool | None = None
    tool_version: str = __version__
    show_hints: bool = True
