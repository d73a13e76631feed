"""The table of stable diagnostic codes: what each means, what to do, and whether it is still used.

Modelled on Ruff's `codes.rs`: one table, one row per code, a status per row. A code never changes
meaning and is never reused: a code that is retired keeps its row with status `removed`, so nobody
can hand it out again (a test checks that the documented codes and this table agree).

Schematron findings carry the id of the rule that fired (`SCH-<id>`, the id of the ODD's
`constraintSpec`); they all share the `SCH` family row below unless a row names them exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tei.diagnostics.model import Diagnostic, Severity


class Status(StrEnum):
    """Where a code is in its life (Ruff's rule groups): only stable codes are promised to CI."""

    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"
    REMOVED = "removed"


class UnknownCode(KeyError):
    """A code that is not in the table: a programming error in an engine, never user input."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return f"unknown diagnostic code {self.code!r}: add it to tei/diagnostics/codes.py"


@dataclass(frozen=True)
class Code:
    """One row of the table: meaning, default severity, a hint (what to do) and a status."""

    code: str
    summary: str
    hint: str
    severity: Severity = Severity.ERROR
    status: Status = Status.STABLE
    family: bool = False  # True for a prefix row: `SCH` covers every `SCH-<id>`

    @property
    def anchor(self) -> str:
        """The heading anchor of this code on the documentation page (docs/diagnostics.md)."""
        return self.code.lower()


SCHEMATRON_PREFIX = "SCH-"
_DOC = "docs/diagnostics.md"
_ODD = (
    "its documentation (for the bundled schema: docs/customisation.md, Elements, compiled from "
    "`odd/telegrams.odd`)"
)

_TABLE: tuple[Code, ...] = (
    # Reading the input: nothing was validated.
    Code(
        "IO",
        "The input cannot be read (missing, unreadable, or not a regular file).",
        "Check the path and the file's permissions; `tei validate` takes files, directories, "
        f"globs and .zip archives ({_DOC}#inputs).",
    ),
    Code(
        "SIZE",
        "The input is larger than the size limit and was not parsed.",
        "If the file is genuine, raise the limit with `--max-size` (e.g. `--max-size 200MB`); "
        "a telegram edition is normally well under 1 MB.",
    ),
    Code(
        "ZIP",
        "The archive is not a readable .zip file.",
        "Re-create the submission archive with a standard zip tool (deflate or stored members).",
    ),
    Code(
        "ZIP-PATH",
        "An archive member has an absolute path or a `..` step and was refused.",
        "Zip the submission from inside its folder so that member paths are relative "
        "(e.g. `cd submission && zip -r ../submission.zip .`).",
    ),
    Code(
        "ZIP-BOMB",
        "An archive member expands beyond the size or compression-ratio limit and was not read.",
        "Submit the documents uncompressed or in smaller archives; raise `--max-size` if a member "
        "is genuinely that large.",
    ),
    # Parsing: the document is not acceptable XML.
    Code(
        "XML",
        "The document is not well-formed XML.",
        "Fix the markup at the reported line (an unclosed tag, a stray `&` or `<`, a wrong "
        "encoding declaration); an XML editor shows the same position.",
    ),
    Code(
        "XML-ENTITY",
        "The document declares entities in its DTD; entity expansion is refused.",
        "Remove the `<!DOCTYPE ...>` block and write characters directly in UTF-8; TEI documents "
        "need no entity declarations.",
    ),
    Code(
        "XML-EXTERNAL",
        "The document refers to an external DTD or external entity, which is never loaded.",
        "Remove the `<!DOCTYPE ...>` declaration and any `SYSTEM`/`PUBLIC` entity; the schema, "
        "not a DTD, defines the telegram encoding.",
    ),
    Code(
        "TEI-NS",
        "The root element is not in the TEI namespace.",
        'Declare the namespace on the root: `<TEI xmlns="http://www.tei-c.org/ns/1.0">`.',
    ),
    Code(
        "TEI-ROOT",
        "The root element is not `TEI`.",
        "A telegram edition is one `<TEI>` document with a `teiHeader` and a `text`; see `TEI` "
        "in docs/customisation.md.",
    ),
    # Validation proper.
    Code(
        "RNG",
        "The document does not match the schema's structure (RELAX NG).",
        f"Compare the element with {_ODD}: its allowed children, attributes and value lists.",
    ),
    Code(
        "SCH",
        "A Schematron rule of the customisation failed (`SCH-<id>`, the rule's id).",
        "Fix what the rule's message names; the schema's documentation explains each rule, "
        "with its fix, under its id.",
        family=True,
    ),
    Code(
        "XSD",
        "The document does not match the XSD rendering of the schema.",
        f"Compare the element with {_ODD}; an XSD pass alone is not full conformance, "
        "run the default RELAX NG and Schematron validation too.",
    ),
    Code(
        "REF",
        "A pointer (`@ref`, `@corresp`, `@decls`, `@target`) does not resolve inside the document.",
        "Point at an existing `@xml:id` (`#id`) or add the missing entry to `standOff` "
        "(`listPerson`, `listPlace`, `listOrg`).",
    ),
    Code(
        "ALIGN",
        "The bilingual alignment is broken: a block's `@corresp` is not answered by its "
        "counterpart.",
        "Make each translation block and its original block point at each other with `@corresp`; "
        "a block with no counterpart carries no `@corresp`.",
    ),
    Code(
        "TEXT",
        "A text-quality suspect: mixed Latin and Cyrillic letters, OCR debris or a raw bracket.",
        "Check the passage against the source; the text is never corrected silently.",
        severity=Severity.WARNING,
    ),
    # The validator itself.
    Code(
        "ENGINE",
        "A validation engine or rule could not run, so the document was not fully checked.",
        "Read the message (a missing Java runtime for `--engine jing`, a rule the XPath engine "
        "cannot evaluate); the document is not reported valid until every check has run.",
    ),
)

CODES: dict[str, Code] = {c.code: c for c in _TABLE}


def is_schematron(code: str) -> bool:
    """True for a Schematron rule's code, `SCH-<id>`."""
    return code.startswith(SCHEMATRON_PREFIX) and len(code) > len(SCHEMATRON_PREFIX)


def lookup(code: str) -> Code:
    """The row for a code: its exact row, else its family row (`SCH-<id>` -> `SCH`)."""
    if code in CODES:
        return CODES[code]
    if is_schematron(code):
        return CODES["SCH"]
    raise UnknownCode(code)


def family(code: str) -> str:
    """The table row a code belongs to, as a string (`SCH-when-date` -> `SCH`)."""
    return lookup(code).code


def diagnostic(
    code: str,
    file: str,
    message: str,
    *,
    line: int | None = None,
    column: int | None = None,
    severity: Severity | None = None,
    hint: str | None = None,
    xpath: str | None = None,
    engine: str = "",
    schema: str | None = None,
) -> Diagnostic:
    """A Diagnostic for a table code, with the code's default severity and hint unless given.

    Engines should build findings through this so an unknown code fails loudly in tests.
    """
    row = lookup(code)
    if row.status is Status.REMOVED:
        raise UnknownCode(code)
    return Diagnostic(
        file=file,
        line=line,
        column=column,
        severity=severity or row.severity,
        code=code,
        message=message,
        hint=hint if hint is not None else row.hint,
        xpath=xpath,
        engine=engine,
        schema=schema,
    )
