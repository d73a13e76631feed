"""`tei convert` (being written)."""

import click


@click.command()
def convert() -> None:
    """Not available yet."""
    raise click.UsageError("tei convert is not available yet")
