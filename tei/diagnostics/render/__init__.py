"""Renderers: a module per output format, a registry by name (pandoc's writers, Ruff's emitters).

Every renderer has the same shape, `render(report, out)`, and sees only the diagnostics model; a
new format is one module plus one entry in `RENDERERS`, with no `if fmt == ...` anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TextIO

from tei.diagnostics.model import Report
from tei.diagnostics.render.github import GithubRenderer
from tei.diagnostics.render.json import JsonRenderer
from tei.diagnostics.render.junit import JunitRenderer
from tei.diagnostics.render.options import RenderOptions
from tei.diagnostics.render.sarif import SarifRenderer
from tei.diagnostics.render.text import TextRenderer


class Renderer(Protocol):
    """Writes a whole report to a text stream; never decides exit codes, never validates."""

    name: str

    def render(self, report: Report, out: TextIO) -> None: ...


class UnknownFormat(ValueError):
    """A format name no renderer answers to (a usage error for the CLI)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unknown output format {name!r}; choose one of: {', '.join(FORMATS)}")
        self.format = name


RENDERERS: dict[str, Callable[[RenderOptions], Renderer]] = {
    "text": TextRenderer,
    "json": JsonRenderer,
    "junit": JunitRenderer,
    "sarif": SarifRenderer,
    "github": GithubRenderer,
}
FORMATS: tuple[str, ...] = tuple(RENDERERS)


def get_renderer(name: str, options: RenderOptions | None = None) -> Renderer:
    """The renderer registered under `name`, built with `options` (defaults when None)."""
    try:
        factory = RENDERERS[name]
    except KeyError:
        raise UnknownFormat(name) from None
    return factory(options or RenderOptions())


def render(
    report: Report, out: TextIO, name: str = "text", options: RenderOptions | None = None
) -> None:
    """Render `report` to `out` in format `name`: the one call the CLI needs."""
    get_renderer(name, options).render(report, out)


__all__ = [
    "FORMATS",
    "RENDERERS",
    "RenderOptions",
    "Renderer",
    "UnknownFormat",
    "get_renderer",
    "render",
]
