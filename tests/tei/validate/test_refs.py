"""Pointers resolve (REF), alignment is mutual and bilingual (ALIGN), mixed scripts warn (TEXT)."""

from __future__ import annotations

from lxml import etree

from tei.validate.refs import RefsEngine
from tei.validate.text import TextEngine

TEI = "http://www.tei-c.org/ns/1.0"


def check(body: str) -> list[tuple[str, int | None, str]]:
    tree = etree.ElementTree(etree.fromstring(f'<TEI xmlns="{TEI}">\n{body}\n</TEI>'))
    return [(d.code, d.line, d.message) for d in RefsEngine().iter_diagnostics(tree, "t.xml")]


def test_pointers_resolve_or_are_reported() -> None:
    found = check(
        '<persName ref="#per-a https://example.org/x">A</persName>\n'
        '<person xml:id="per-a"/>\n'
        '<ref target="#missing">m</ref>'
    )
    assert found == [("REF", 4, 'ref/@target points to "#missing", which no xml:id names')]


def test_alignment_is_mutual_and_pairs_languages() -> None:
    found = check(
        '<div type="translation"><p xml:id="en1" corresp="#ru1">a</p>'
        '<p xml:id="en2" corresp="#en1">b</p></div>\n'
        '<div type="original"><p xml:id="ru1" corresp="#en1">a</p>'
        '<p xml:id="ru2" corresp="#en9">c</p></div>'
    )
    assert found == [
        ("ALIGN", 2, 'p "en2" points to "en1" with @corresp, but "en1" does not point back'),
        (
            "ALIGN",
            2,
            'p "en2" in the translation is aligned with "en1" in the translation, '
            "not with a block of the original",
        ),
        ("REF", 3, 'p/@corresp points to "#en9", which no xml:id names'),
    ]


def test_mixed_script_words_are_text_warnings() -> None:
    tree = etree.ElementTree(
        etree.fromstring(
            f'<TEI xmlns="{TEI}">\n<p>Зерно и зернa, <hi>Moskвa</hi> tail.</p>\n</TEI>'
        )
    )
    found = [
        (d.code, d.severity.value, d.line, d.message)
        for d in TextEngine().iter_diagnostics(tree, "t")
    ]
    assert found == [
        (
            "TEXT",
            "warning",
            2,
            'the word "зернa" in <p> mixes Cyrillic and Latin letters (Latin "a")',
        ),
        (
            "TEXT",
            "warning",
            2,
            'the word "Moskвa" in <hi> mixes Cyrillic and Latin letters (Latin "Moska")',
        ),
    ]
