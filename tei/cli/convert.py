"""`tei convert`: plain-text archive exports -> TEI P5, with a conversion report on stderr."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from converters import READERS
from converters.io import convert_files, write_atomic
from converters.report import Report
from tei.cli.options import jobs_option
from tei.errors import TeiError
from tei.options import ReadOptions, WriteOptions, conversion_date


@click.command()
@click.argument("inputs", nargs=-1, metavar="INPUT...", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output",
    default=".",
    show_default=True,
    metavar="DIR|-",
    help="Directory for the NAME.xml files, or - for stdout (one input only).",
)
@click.option(
    "--layout",
    type=click.Choice(sorted(READERS)),
    default=None,
    help="Force a layout instead of detecting it.",
)
@click.option(
    "--report",
    "report_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Format of the conversion report on stderr.",
)
@jobs_option("outputs and report do")
def convert(
    inputs: tuple[Path, ...], output: str, layout: str | None, report_format: str, jobs: int
) -> None:
    """Convert plain-text archive documents (INPUT...) into TEI XML.

    Each INPUT.txt becomes DIR/INPUT.xml; the report lists what was recognised, lines that could
    not be interpreted, unbalanced brackets and words mixing Latin and Cyrillic letters. A bad
    input gets a one-line error and the others still convert; the exit status is then non-zero.
    """
    if not inputs:
        raise click.UsageError("no input files")
    if output == "-" and len(inputs) > 1:
        raise click.UsageError("-o - (stdout) takes exactly one input")
    read_options = ReadOptions(layout=layout)
    write_options = WriteOptions(date=conversion_date())
    records: list[dict[str, Any]] = []
    failures: list[TeiError] = []
    taken: dict[Path, Path] = {}
    outcomes = convert_files(inputs, read_options, write_options, jobs)
    for path, result in zip(inputs, outcomes, strict=True):
        record: dict[str, Any] = {"file": str(path), "output": None}
        try:
            if isinstance(result, TeiError):
                raise result
            if output == "-":
                sys.stdout.buffer.write(result.xml)
                sys.stdout.buffer.flush()
                record["output"] = "-"
            else:
                target = Path(output) / f"{path.stem}.xml"
                if target in taken:
                    raise TeiError(
                        f"output {target} would overwrite that of {taken[target]}", file=str(path)
                    )
                write_atomic(target, result.xml)
                taken[target] = path
                record["output"] = str(target)
            record.update(result.report.as_dict())
        except TeiError as failure:
            failures.append(failure)
            record["error"] = str(failure)
            if report_format == "text":
                click.echo(f"error: {failure}", err=True)
        else:
            if report_format == "text":
                _echo_text(str(path), record["output"], result.report)
        records.append(record)
    if report_format == "json":
        click.echo(json.dumps({"files": records}, ensure_ascii=False, indent=2), err=True)
    elif len(inputs) > 1:
        _echo_summary(len(inputs), failures)
    sys.exit(_exit_code(failures))


def _echo_summary(total: int, failures: list[TeiError]) -> None:
    """The end of a batch: how many converted, and the failures again, where nobody scrolls past."""
    converted = total - len(failures)
    click.echo(f"{total} inputs: {converted} converted, {len(failures)} failed", err=True)
    for failure in failures:
        click.echo(f"  failed: {failure}", err=True)


def _echo_text(name: str, output: str, report: Report) -> None:
    layout = report.layout if report.detected else f"{report.layout} (layout not recognised)"
    recognised = ", ".join(f"{k} {n}" for k, n in sorted(report.recognised.items()))
    click.echo(f"{name}: converted as {layout} -> {output}", err=True)
    if recognised:
        click.echo(f"  recognised: {recognised}", err=True)
    for f in report.sorted_findings():
        where = f"{name}:{f.line}" if f.line is not None else name
        detail = f": {f.text!r}" if f.text else ""
        click.echo(f"  warning: {where}: {f.kind}: {f.message}{detail}", err=True)


def _exit_code(failures: list[TeiError]) -> int:
    """0 when every input converted; the error class's code when all failures share one, else 1."""
    if not failures:
        return 0
    codes = {f.exit_code for f in failures}
    return codes.pop() if len(codes) == 1 else 1
