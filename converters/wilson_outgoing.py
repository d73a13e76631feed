"""Layout "wilson-outgoing": an outgoing telegram ("Transmitted to ...", "Передано т. ...") with the
English translation and two Russian versions, the draft and the text as transmitted."""

from __future__ import annotations

import re

from converters.assemble import Profile
from converters.base import Reader

_PEREDANO = re.compile(r"^\s*Передано\b", re.M | re.I)
_TRANSMITTED = re.compile(r"^\s*(?:Transmitted|Sent by wire|Sent)\b", re.M | re.I)


def detect(text: str) -> int:
    """Transmission lines: several Russian ones, or an English one with a Russian one."""
    ru = len(_PEREDANO.findall(text))
    if ru >= 2:
        return 85
    return 55 if ru and _TRANSMITTED.search(text) else 0


READER = Reader(
    "wilson-outgoing",
    "outgoing telegram with the draft and the transmitted Russian versions",
    detect,
    Profile("wilson-outgoing"),
)
