"""The `tei` command: a thin group; each subcommand lives in its own module."""

import click

from tei import __version__
from tei.cli.convert import convert
from tei.cli.odd import odd
from tei.cli.validate import validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei")
def main() -> None:
    """Convert archive documents to TEI, compile ODD customisations, validate TEI."""


main.add_command(convert)
main.add_command(odd)
main.add_command(validate)
