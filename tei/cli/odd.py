"""`tei odd compile`: an ODD customisation -> NAME.rng, NAME.sch and NAME.xsd."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tei.odd.errors import OddError


@click.group()
def odd() -> None:
    """Work with ODD customisations."""


@odd.command("compile")
@click.argument("odd_file", metavar="ODD", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--source",
    metavar="P5SUBSET",
    default=None,
    help="TEI P5 source (p5subset.xml) path or URL; default: $TEI_P5_SOURCE.",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Directory for NAME.rng, NAME.sch and NAME.xsd.",
)
def compile_command(odd_file: Path, source: str | None, out_dir: Path) -> None:
    """Compile ODD to RELAX NG, ISO Schematron and XSD, named after schemaSpec/@ident."""
    from tei.odd.compile import compile_odd, rng_bytes
    from tei.odd.output import stamp_version, write_outputs
    from tei.odd.to_sch import to_schematron
    from tei.odd.to_xsd import to_xsd

    try:
        schema = compile_odd(odd_file, source=source)
        for warning in schema.warnings:
            click.echo(f"warning: {warning}", err=True)
        rng = rng_bytes(schema)
        files = {
            f"{schema.name}.rng": rng,
            f"{schema.name}.sch": to_schematron(schema.spec, name=schema.name),
            f"{schema.name}.xsd": to_xsd(schema.rng),
        }
        files = {k: stamp_version(v, schema.version) for k, v in files.items()}
        written = write_outputs(out_dir, files)
    except OddError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    for path in written:
        click.echo(str(path))
