"""`tei validate` (being written)."""

import click


@click.command()
def validate() -> None:
    """Not available yet."""
    raise click.UsageError("tei validate is not available yet")
