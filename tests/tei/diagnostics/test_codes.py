"""The codes table: unique, well-formed, documented, and the doc page embeds exactly the table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tei.diagnostics import docs
from tei.diagnostics.codes import CODES, Code, Status, UnknownCode, diagnostic, family, lookup
from tei.diagnostics.model import Severity

ROOT = Path(__file__).resolve().parents[3]
CODE_SHAPE = re.compile(r"^[A-Z]+(-[A-Z]+)*$")


def test_codes_are_well_formed_and_explained() -> None:
    for code, row in CODES.items():
        assert code == row.code
        assert CODE_SHAPE.match(code), code
        assert row.summary.endswith("."), code
        assert len(row.hint) > 20, code


def test_the_codes_the_design_names_exist() -> None:
    for code in ("XML", "RNG", "SCH", "REF", "ALIGN", "TEXT", "IO", "SIZE", "ZIP", "XSD"):
        assert code in CODES


def test_schematron_ids_belong_to_the_sch_family() -> None:
    assert lookup("SCH-when-is-a-date") is CODES["SCH"]
    assert family("SCH-when-is-a-date") == "SCH"
    assert family("REF") == "REF"
    with pytest.raises(UnknownCode, match=r"codes\.py"):
        lookup("SCH-")
    with pytest.raises(UnknownCode):
        lookup("NOPE")


def test_diagnostic_fills_severity_and_hint_from_the_table() -> None:
    d = diagnostic("TEXT", "a.xml", "mixed scripts", line=3, column=4, engine="refs")
    assert d.severity is Severity.WARNING
    assert d.hint == CODES["TEXT"].hint
    own = diagnostic("SCH-x", "a.xml", "m", hint="do this", severity=Severity.INFO)
    assert (own.hint, own.severity, own.code) == ("do this", Severity.INFO, "SCH-x")


def test_a_removed_code_cannot_be_emitted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        CODES, "OLD", Code("OLD", "Retired.", "Nothing to do here.", status=Status.REMOVED)
    )
    with pytest.raises(UnknownCode):
        diagnostic("OLD", "a.xml", "m")


def test_the_doc_page_embeds_the_generated_table() -> None:
    page = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert docs.embedded_block(page) == docs.generated_block(), (
        "docs/diagnostics.md is stale: run `python -m tei.diagnostics.docs docs/diagnostics.md`"
    )
    for row in CODES.values():
        assert f'<a id="{row.anchor}"></a>' in page


def test_sync_rewrites_only_the_block(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(f"# Intro\n\n{docs.BEGIN}\nold\n{docs.END}\n\nOutro\n", encoding="utf-8")
    assert docs.sync(page) is True
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Intro\n\n") and text.endswith("\n\nOutro\n")
    assert docs.generated_block() in text
    assert docs.sync(page) is False
    (tmp_path / "bare.md").write_text("no markers", encoding="utf-8")
    with pytest.raises(ValueError, match="markers"):
        docs.sync(tmp_path / "bare.md")
