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


@dataclass(frozen=True, init=False)
class Span:
    """What a stretch of text means: role plus normalised value (ISO date, entity id, digits)."""

    start: int
    end: int
    role: str
    value: str | None = None
    pseudonym: bool = False

    def __init__(
        self, start: int, end: int, role: str, value: str | None = None, pseudonym: bool = False
    ) -> None:
        """The generated one, minus its cost (a frozen dataclass sets each field through
        object.__setattr__): a document makes thousands of spans."""
        self.__dict__.update(start=start, end=end, role=role, value=value, pseudonym=pseudonym)
