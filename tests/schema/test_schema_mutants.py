"""The mutation corpus: every broken variant of a valid edition is reported with the code it was
designed to get, and lxml (the default RELAX NG engine) and jing (the reference) give the same
verdict on every one of them, apart from the libxml2 divergences listed below."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from jing_batch import jing_errors  # type: ignore[import-not-found]
from lxml import etree
from odd_facts import read_odd  # type: ignore[import-not-found]
from schema_mutants import OPERATORS, Mutant, mutants  # type: ignore[import-not-found]

from tei.validate.load import safe_parser
from tei.validate.rng_lxml import LxmlRelaxNG
from tei.validate.schema import schema_set
from tei.validate.schematron import Schematron

# libxml2 accepts xs:dateTime/xs:time "24:00:00" (XSD 1.0 allowed it); jing refuses it. The toolkit
# must still never pass such a document: its lxml engine may flag it itself, and the customisation's
# rule SCH-when-date reports it in any case.
LIBXML2_ACCEPTS_JING_REFUSES = {"when-24-hours"}
# Operators whose designed rule is a Schematron one but whose value also breaks a RELAX NG datatype.
ALSO_STRUCTURAL = {"when-impossible-day", "when-24-hours"}
SAMPLE_SIZE = 60


@dataclass(frozen=True)
class Verdict:
    """What the engines said about one mutant."""

    mutant: Mutant
    lxml_codes: tuple[str, ...]
    schematron_codes: tuple[str, ...]
    jing_errors: tuple[str, ...]


@pytest.fixture(scope="session")
def corpus(made_up: Path, converted_seeds: list[Path]) -> list[Mutant]:
    """Every mutant of the five converted seeds and of the made-up telegram."""
    bases = {"made-up": made_up.read_bytes()}
    bases.update({p.stem.split("_")[0]: p.read_bytes() for p in converted_seeds})
    return [m for name, xml in bases.items() for m in mutants(name, xml)]


def _sample(corpus: list[Mutant]) -> list[Mutant]:
    """A fast, deterministic sample: every operator, bases in turn, then evenly spread fill-up."""
    by_op: dict[str, list[Mutant]] = {}
    for m in corpus:
        by_op.setdefault(m.operator, []).append(m)
    chosen = [ms[i % len(ms)] for i, ms in enumerate(by_op.values())]
    rest = [m for m in corpus if m not in chosen]
    step = max(1, len(rest) // max(1, SAMPLE_SIZE - len(chosen)))
    return chosen + rest[::step][: max(0, SAMPLE_SIZE - len(chosen))]


def _verdicts(batch: list[Mutant], tmp: Path) -> list[Verdict]:
    schemas = schema_set(None)
    lxml_engine = LxmlRelaxNG(schemas.relaxng())
    schematron = Schematron.from_path(str(schemas.sch))
    paths = []
    for m in batch:
        path = tmp / f"{m.name}.xml"
        path.write_bytes(m.xml)
        paths.append(path)
    jing = jing_errors(schemas.rng, paths)
    verdicts = []
    for m, path in zip(batch, paths, strict=True):
        tree = etree.fromstring(m.xml, safe_parser()).getroottree()
        rng = tuple(d.code for d in lxml_engine.iter_diagnostics(tree, path.name))
        sch = () if m.code == "RNG" else tuple(d.code for d in schematron.check(tree, path.name))
        verdicts.append(Verdict(m, rng, sch, tuple(jing[path])))
    return verdicts


def _problems(verdicts: list[Verdict]) -> list[str]:
    problems = []
    for v in verdicts:
        m, lxml_rejects, jing_rejects = v.mutant, bool(v.lxml_codes), bool(v.jing_errors)
        if m.operator in LIBXML2_ACCEPTS_JING_REFUSES and not lxml_rejects:
            if not jing_rejects:
                problems.append(f"{m.name}: jing accepts it now; update the known divergences")
        elif lxml_rejects != jing_rejects:
            problems.append(f"{m.name}: lxml {v.lxml_codes} but jing {v.jing_errors}")
        if m.code == "RNG":
            if "RNG" not in v.lxml_codes:
                problems.append(f"{m.name}: expected RNG, lxml found {v.lxml_codes}")
            continue
        if m.code not in v.schematron_codes:
            problems.append(f"{m.name}: expected {m.code}, Schematron found {v.schematron_codes}")
        if lxml_rejects and m.operator not in ALSO_STRUCTURAL:
            problems.append(f"{m.name}: designed for {m.code} but also structural: {v.lxml_codes}")
    return problems


def _code_of(rule: str) -> str:
    """The code the validator reports for a rule of the ODD (pointer and alignment families)."""
    for prefix, code in (("ref-", "REF"), ("align-", "ALIGN")):
        if rule.startswith(prefix):
            return code
    return f"SCH-{rule}"


def test_corpus_is_large_and_covers_every_rule(corpus: list[Mutant]) -> None:
    assert len([m for m in corpus if m.base != "made-up"]) >= 1000, "1,000 from the seeds alone"
    assert {m.operator for m in corpus} == {op.name for op in OPERATORS}, (
        "an operator found no target"
    )
    designed = {m.code for m in corpus}
    rules = {
        "REF"
        if c.ident.startswith("ref-")
        else "ALIGN"
        if c.ident.startswith("align-")
        else f"SCH-{c.ident}"
        for c in read_odd().constraints
    }
    assert rules | {"RNG"} == designed
    names = Counter(m.name for m in corpus)
    assert max(names.values()) == 1, "mutant names are unique"


def test_generation_is_deterministic(corpus: list[Mutant], made_up: Path) -> None:
    again = list(mutants("made-up", made_up.read_bytes()))
    assert again == [m for m in corpus if m.base == "made-up"]


@pytest.mark.jing
def test_sample_of_mutants_is_reported(corpus: list[Mutant], tmp_path: Path) -> None:
    assert _problems(_verdicts(_sample(corpus), tmp_path)) == []


@pytest.mark.slow
@pytest.mark.jing
def test_every_mutant_is_reported(corpus: list[Mutant], tmp_path: Path, tei_all_rng: Path) -> None:
    """The full corpus; and whatever this schema accepts, tei_all accepts too (jing)."""
    verdicts = _verdicts(corpus, tmp_path)
    assert _problems(verdicts) == []
    accepted = [tmp_path / f"{v.mutant.name}.xml" for v in verdicts if not v.jing_errors]
    refused_by_tei = {str(p.name): e for p, e in jing_errors(tei_all_rng, accepted).items() if e}
    assert refused_by_tei == {}
