"""`tei odd` (being written)."""

import click


@click.group()
def odd() -> None:
    """Work with ODD customisations."""
