"""Frozen option records, one per direction (reading text, writing TEI), built once by the CLI."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class ReadOptions:
    """How readers work: `layout` forces a reader instead of detection."""

    layout: str | None = None


def conversion_date(environ: dict[str, str] | None = None) -> str:
    """The conversion date (YYYY-MM-DD, UTC); SOURCE_DATE_EPOCH when set (reproducible builds)."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.strip().isdigit() else int(time.time())
    return time.strftime("%Y-%m-%d", time.gmtime(seconds))


@dataclass(frozen=True)
class WriteOptions:
    """How the TEI writer works.

    `date` is the conversion date written to revisionDesc (None: from SOURCE_DATE_EPOCH or today);
    `pretty` indents the XML.
    """

    date: str | None = None
    pretty: bool = True
    application: str = "tei-toolkit"
