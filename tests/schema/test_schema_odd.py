"""The customisation itself: its vocabulary matches the converter's, everything is documented,
every Schematron rule has a stable id, and the ODD is a TEI document in its own right."""

from __future__ import annotations

from pathlib import Path

import pytest
from jing_batch import jing_errors  # type: ignore[import-not-found]
from lxml import etree
from odd_facts import CLOSED_ATTRIBUTES, EG_NS, ODD, read_odd  # type: ignore[import-not-found]

from tei import vocabulary
from tei.odd.compile import CompiledSchema

FACTS = read_odd()


def test_closed_lists_are_the_converters_vocabulary() -> None:
    """Every closed list equals what the writer can emit, and every value it emits is listed."""
    assert FACTS.closed_values == dict(vocabulary.CLOSED_VALUES)


def test_typing_attributes_are_closed_or_deleted(compiled: CompiledSchema) -> None:
    """No element keeps an open @type/@subtype/@reason/@place: a typo must fail the schema."""
    spec = compiled.spec
    tei = "{http://www.tei-c.org/ns/1.0}"
    open_ones = []
    for es in spec.iter(f"{tei}elementSpec"):
        for att in es.iter(f"{tei}attDef"):
            name = att.get("ident")
            if name not in CLOSED_ATTRIBUTES or att.get("mode") == "delete":
                continue
            values = att.find(f"{tei}valList")
            if values is None or values.get("type") != "closed":
                open_ones.append(f"{es.get('ident')}/@{name}")
    assert open_ones == []


def test_every_element_is_documented_in_the_telegrams_terms() -> None:
    missing = [e.ident for e in FACTS.elements.values() if not (e.gloss and e.desc and e.examples)]
    assert missing == [], "elements without gloss, desc and example"


def test_every_closed_value_is_explained() -> None:
    bare = [
        f"{e.ident}/@{att}={v.ident}"
        for e in FACTS.elements.values()
        for att, values in e.closed.items()
        for v in values
        if not v.desc
    ]
    assert bare == []


def test_examples_use_only_the_schemas_elements_and_values() -> None:
    """An example showing an element or value the schema refuses would teach the wrong thing."""
    closed = FACTS.closed_values
    problems = []
    for e in FACTS.elements.values():
        for eg in e.examples:
            for el in eg.iter(f"{{{EG_NS}}}*"):
                name = etree.QName(el).localname
                if el is eg:
                    continue
                if name not in FACTS.elements:
                    problems.append(f"{e.ident}: <{name}> is not in the schema")
                    continue
                for att, value in el.attrib.items():
                    allowed = closed.get((name, att))
                    if att in FACTS.elements[name].deleted:
                        problems.append(f"{e.ident}: {name}/@{att} is deleted")
                    elif allowed is not None and value not in allowed:
                        problems.append(f"{e.ident}: {name}/@{att}={value!r} is not listed")
    assert problems == []


def test_constraints_have_stable_ids_and_say_how_to_fix() -> None:
    idents = [c.ident for c in FACTS.constraints]
    assert len(idents) == len(set(idents)), "constraintSpec idents must be unique"
    for c in FACTS.constraints:
        assert "Fix:" in c.desc, f"{c.ident}: the desc says what to do ('Fix: ...')"
        assert c.context, f"{c.ident}: every rule has an explicit context"
        assert [(kind, ident) for kind, ident, _ in c.checks] == [("assert", c.ident)], (
            f"{c.ident}: one assert whose @id is the constraintSpec's ident (the SCH-<id> code)"
        )
        assert c.checks[0][2] == f"docs/customisation.md#{c.ident}"


def test_the_brief_rules_are_all_there() -> None:
    required = {
        "ref-resolves",
        "align-symmetric",
        "align-pairs",
        "message-corresp-desc",
        "message-decls",
        "corresp-sent",
        "when-date",
        "receipt-after-sending",
        "msidentifier-repository",
        "msidentifier-shelfmark",
        "locus-ascending",
        "copy-count-positive",
        "no-raw-brackets",
    }
    assert required <= {c.ident for c in FACTS.constraints}


def test_schema_has_a_version() -> None:
    assert FACTS.ident == "telegrams"
    assert FACTS.version.count(".") == 2


@pytest.mark.jing
def test_the_odd_is_valid_tei(tei_all_rng: Path) -> None:
    """The ODD is itself a TEI document: jing against tei_all accepts it."""
    assert jing_errors(tei_all_rng, [ODD]) == {ODD: []}


def test_the_odd_compiles_without_warnings(compiled: CompiledSchema) -> None:
    """Nothing in the customisation is ignored or guessed by the compiler."""
    assert compiled.warnings == ()
