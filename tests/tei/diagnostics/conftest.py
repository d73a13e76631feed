"""The shared report fixtures every renderer is snapshot-tested on (Ruff's `create_messages`)."""

from __future__ import annotations

import pytest

from tei.diagnostics.codes import diagnostic
from tei.diagnostics.model import FileResult, Report, SchemaInfo, Severity
from tei.diagnostics.render import RenderOptions

SCHEMA = SchemaInfo(
    "telegrams", "0.1.0", "3f5a9c0e1b2d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6"
)
ENGINES = ("lxml", "schematron", "refs")
OPTIONS = RenderOptions(color=False, tool_version="0.0.0-test")


def _mixed() -> Report:
    letter = "letters/1951-01-29 Beijing.xml"
    zipped = "submission.zip!/batch 2/telegram-7.xml"
    return Report(
        schema=SCHEMA,
        engines=ENGINES,
        files=[
            FileResult(
                letter,
                [
                    diagnostic(
                        "SCH-corresp-sent",
                        letter,
                        "correspDesc #msg1 has no correspAction of type 'sent'",
                        line=14,
                        column=7,
                        hint='Add <correspAction type="sent"> with the sender, place and date.',
                        xpath="/TEI/teiHeader/profileDesc/correspDesc[1]",
                        engine="schematron",
                    ),
                    diagnostic(
                        "RNG",
                        letter,
                        'element "seg" has an attribute "type" with the value "urgnecy", '
                        "which is not in the closed list",
                        line=52,
                        column=9,
                        xpath="/TEI/text/body/div[1]/opener/seg[2]",
                        engine="lxml",
                    ),
                    diagnostic(
                        "REF",
                        letter,
                        'persName/@ref "#stalni" points at no xml:id in this document',
                        line=57,
                        column=21,
                        xpath="/TEI/text/body/div[1]/opener/salute/persName",
                        engine="refs",
                    ),
                    diagnostic(
                        "TEXT",
                        letter,
                        'the word "марionеточных" mixes Latin and Cyrillic letters',
                        line=88,
                        column=33,
                        engine="refs",
                    ),
                ],
            ),
            FileResult("letters/clean.xml"),
            FileResult(
                zipped,
                [
                    diagnostic(
                        "XML",
                        zipped,
                        "not well-formed XML: expected '>' after <p & the \"copies\", 2: line",
                        line=3,
                        column=9,
                        engine="load",
                    ),
                ],
            ),
            FileResult(
                "submission.zip!/../escape.xml",
                [
                    diagnostic(
                        "ZIP-PATH",
                        "submission.zip!/../escape.xml",
                        "the archive member '../escape.xml' has a '..' step out of the archive "
                        "and was refused (not read)",
                        engine="load",
                    )
                ],
            ),
            FileResult(
                "scans/huge.xml",
                [
                    diagnostic(
                        "SIZE",
                        "scans/huge.xml",
                        "the document is 200 MB, over the size limit of 50 MB; "
                        "raise the limit with --max-size if the file is genuine",
                        engine="load",
                    ),
                    diagnostic(
                        "ENGINE",
                        "scans/huge.xml",
                        "only the size was checked",
                        severity=Severity.INFO,
                        engine="load",
                    ),
                ],
            ),
        ],
    )


def _reports() -> dict[str, Report]:
    return {
        "empty": Report(schema=SCHEMA, engines=ENGINES),
        "clean": Report(
            schema=SCHEMA,
            engines=ENGINES,
            files=[FileResult("a.xml"), FileResult("sub/b.xml")],
        ),
        "mixed": _mixed(),
        "no_schema": Report(
            schema=None,
            files=[
                FileResult(
                    "/abs/path/x.xml",
                    [
                        diagnostic(
                            "ALIGN", "/abs/path/x.xml", "div #en-p3 has no counterpart", line=9
                        )
                    ],
                )
            ],
        ),
    }


REPORT_NAMES = tuple(_reports())


@pytest.fixture(params=REPORT_NAMES)
def report_case(request: pytest.FixtureRequest) -> tuple[str, Report]:
    """(name, report) for each shared fixture."""
    return request.param, _reports()[request.param]


@pytest.fixture
def mixed_report() -> Report:
    return _mixed()


@pytest.fixture
def options() -> RenderOptions:
    return OPTIONS
