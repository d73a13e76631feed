"""`tei validate`: arguments in, one library call, a rendering out, an exit status."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from tei.cli.options import jobs_option
from tei.diagnostics.render import FORMATS, RenderOptions, render
from tei.validate.inputs import InputError, InputLimits, collect, parse_size
from tei.validate.run import RNG_ENGINES, Checker, ValidateOptions, run_sources
from tei.validate.schema import SchemaError
from tei.validate.schematron import SchematronError
from tei.validate.xsd import XsdError

EXIT_VALID, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class SizeParam(click.ParamType):
    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--engine",
    type=click.Choice(RNG_ENGINES),
    default="lxml",
    show_default=True,
    help="RELAX NG engine: lxml (libxml2, fast) or jing (the reference validator; needs Java).",
)
@click.option("--xsd", is_flag=True, help="Also validate against the schema's XSD rendering.")
@click.option(
    "--schema",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A compiled RELAX NG schema instead of the bundled one (its .sch/.isosch beside it).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@jobs_option("the report order does")
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option(
    "--max-size",
    type=SizeParam(),
    default="50MB",
    show_default=True,
    help="Refuse documents larger than this (e.g. 200MB).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--color/--no-color", default=None, help="Colour the text report (default: on a terminal)."
)
def validate(
    paths: tuple[str, ...],
    engine: str,
    xsd: bool,
    schema: Path | None,
    fmt: str,
    jobs: int,
    strict: bool,
    max_size: int,
    output: Path | None,
    color: bool | None,
) -> None:
    """Validate TEI files, directories, globs or .zip archives against the telegram schema.

    RELAX NG, then every Schematron rule (XPath 2), pointers and alignment, optionally XSD.
    Exit status: 0 valid, 1 invalid documents found, 2 usage error (including no input files).
    Codes and hints: docs/diagnostics.md.
    """
    options = ValidateOptions(schema=schema, engine=engine, xsd=xsd, jobs=jobs, max_size=max_size)
    try:
        sources = collect(paths, InputLimits(max_size=max_size))
        checker = Checker(options)
    except (InputError, SchemaError, SchematronError, XsdError) as exc:
        click.echo(f"tei validate: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    if len(sources) > 1 and sys.stderr.isatty():
        with click.progressbar(length=len(sources), label="validating", file=sys.stderr) as bar:
            report = run_sources(sources, checker, lambda done, total, name: bar.update(1))
    else:
        report = run_sources(sources, checker, None)
    render_options = RenderOptions(color=False if output is not None else color)
    if output is None:
        render(report, sys.stdout, fmt, render_options)
    else:
        buffer = io.StringIO()
        render(report, buffer, fmt, render_options)
        _write_atomically(output, buffer.getvalue())
    sys.exit(EXIT_VALID if report.is_valid(strict) else EXIT_INVALID)


def _write_atomically(path: Path, text: str) -> None:
    """The report appears whole or not at all (temp file beside it, then os.replace)."""
    folder = path.resolve().parent
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
