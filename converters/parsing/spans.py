"""A tagged stretch of a string: the one currency the parsers pay readers in.

Offsets always refer to the string that was analysed, so a reader can cut the line into text and
elements without re-searching it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Roles a span can have. Additions to the contract: "time" (a clock time without a date, value
#: "HH:MM:SS", a valid TEI @when: receipt lines often state only the time) and "idno-document"
#: (the number of a form that is not a telegram: "Report No. 5").
ROLES = frozenset(
    {
        "date",
        "time",
        "place",
        "person",
        "org",
        "idno-telegram",
        "idno-outgoing",
        "idno-document",
        "num",
        "copy-number",
    }
)


@dataclass(frozen=True)
class Span:
    """What a stretch of text means: role plus normalised value (ISO date, entity id, digits)."""

    start: int
    end: int
    role: str
    value: str | None = None
    pseudonym: bool = False
