"""docs/customisation.md is the ODD rendered: every element, value list and rule id, current."""

from __future__ import annotations

from customisation_doc import PAGE, code_of, render  # type: ignore[import-not-found]
from odd_facts import read_odd  # type: ignore[import-not-found]


def test_page_is_the_rendered_odd() -> None:
    assert PAGE.read_text(encoding="utf-8") == render(), (
        "docs/customisation.md is stale: run `python tests/schema/customisation_doc.py`"
    )


def test_page_documents_every_rule_and_element() -> None:
    page = render()
    odd = read_odd()
    for c in odd.constraints:
        assert f"### {c.ident}\n" in page
        assert f"Reported as `{code_of(c.ident)}`" in page
    for e in odd.elements.values():
        assert f"### `{e.ident}`: {e.gloss}" in page


def test_every_rule_links_to_its_section() -> None:
    """The asserts' @see (shown by the validator's hints) point at a heading of the page."""
    page = render()
    for c in read_odd().constraints:
        for _, _, see in c.checks:
            assert see is not None
            anchor = see.split("#", 1)[1]
            assert f"### {anchor}\n" in page
