"""The document model: plain data, no XML library, no I/O; defaults that readers rely on."""

from __future__ import annotations

import ast
from pathlib import Path

from tei import model as m

MODEL = Path(m.__file__)


def test_model_imports_nothing_but_the_standard_library() -> None:
    tree = ast.parse(MODEL.read_text(encoding="utf-8"))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported <= {"__future__", "dataclasses"}


def test_defaults_are_independent() -> None:
    a, b = m.Metadata(), m.Metadata()
    a.summary.append("x")
    assert b.summary == []
    doc = m.Document(m.Metadata())
    assert (doc.archives, doc.messages, doc.entities, doc.divisions) == ([], [], [], [])


def test_inline_and_block_unions_cover_the_classes() -> None:
    inline = {m.Name, m.Date, m.Number, m.Identifier, m.EditorialNote, m.Gap, m.Foreign}
    inline |= {m.Segment, m.LineBreak, str}
    assert set(m.Inline.__args__) == inline  # type: ignore[attr-defined]
    blocks = {m.Paragraph, m.Opener, m.Closer, m.PageBreak, m.FormWork, m.ServiceBlock}
    assert set(m.Block.__args__) == blocks | {m.EmbeddedMessage}  # type: ignore[attr-defined]


def test_a_document_keeps_text_beside_values() -> None:
    date = m.Date("29.1.1951", "1951-01-29", "received")
    name = m.Name("person", ["FILIPPOV"], "per-stalin", pseudonym=True)
    para = m.Paragraph(["From ", name, " on ", date], xml_id="en-p1")
    assert para.content[1] is name and name.content == ["FILIPPOV"]
    assert date.text == "29.1.1951" and date.when == "1951-01-29"
