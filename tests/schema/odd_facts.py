"""What `odd/telegrams.odd` says, read straight from the ODD: the tests and the docs page share it.

Reading the source ODD (not the compiled schema) keeps the checks about what the customisation
*declares*: its element list, closed value lists, deleted and required attributes, documentation
and Schematron constraints. The compiled schema is checked against the ODD separately.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
ODD = ROOT / "odd" / "telegrams.odd"
TEI_NS = "http://www.tei-c.org/ns/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
EG_NS = "http://www.tei-c.org/ns/Examples"
NS = {"tei": TEI_NS, "sch": SCH_NS, "eg": EG_NS}
CLOSED_ATTRIBUTES = ("type", "subtype", "reason", "place", "part")


@dataclass(frozen=True)
class ValueItem:
    """One value of a closed list and what it means."""

    ident: str
    desc: str


@dataclass(frozen=True)
class Constraint:
    """One Schematron rule of the customisation: its stable id, where it sits, what it checks."""

    ident: str
    element: str
    desc: str
    context: str
    checks: tuple[tuple[str, str | None, str | None], ...]  # (assert|report, @id, @see)


@dataclass
class ElementDoc:
    """An element kept in the schema with its documentation and attribute changes."""

    ident: str
    module: str
    gloss: str = ""
    desc: str = ""
    examples: list[etree._Element] = field(default_factory=list)
    closed: dict[str, tuple[ValueItem, ...]] = field(default_factory=dict)
    deleted: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    constraints: list[Constraint] = field(default_factory=list)


@dataclass(frozen=True)
class OddFacts:
    """The customisation, element by element, in the ODD's order."""

    ident: str
    version: str
    modules: dict[str, tuple[str, ...]]
    elements: dict[str, ElementDoc]
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the ODD's prose: (head, paragraphs)

    @property
    def closed_values(self) -> dict[tuple[str, str], frozenset[str]]:
        """(element, attribute) -> the values of its closed list, as `tei.vocabulary` keys them."""
        return {
            (e.ident, att): frozenset(v.ident for v in items)
            for e in self.elements.values()
            for att, items in e.closed.items()
        }

    @property
    def constraints(self) -> list[Constraint]:
        return [c for e in self.elements.values() for c in e.constraints]


_MARKUP = {"gi": "`<{}>`", "att": "`@{}`", "code": "`{}`", "ident": "`{}`", "val": "`{}`"}


def _text(el: etree._Element | None) -> str:
    """Prose of a gloss or desc, with TEI's inline tags as Markdown code spans."""
    if el is None:
        return ""
    parts = [el.text or ""]
    for child in el:
        inner = "".join(child.itertext())
        shape = _MARKUP.get(etree.QName(child).localname) if isinstance(child.tag, str) else None
        parts.append(shape.format(inner) if shape else inner)
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _constraint(spec: etree._Element, element: str) -> Constraint:
    rules = spec.findall(".//sch:rule", NS)
    checks = tuple(
        (etree.QName(c).localname, c.get("id"), c.get("see"))
        for c in spec.iterfind(".//sch:*", NS)
        if etree.QName(c).localname in ("assert", "report")
    )
    return Constraint(
        ident=spec.get("ident", ""),
        element=element,
        desc=_text(spec.find("tei:desc", NS)),
        context=" | ".join(r.get("context", "") for r in rules),
        checks=checks,
    )


def _element(spec: etree._Element, module: str) -> ElementDoc:
    doc = ElementDoc(ident=spec.get("ident", ""), module=module)
    doc.gloss = _text(spec.find("tei:gloss", NS))
    doc.desc = _text(spec.find("tei:desc", NS))
    doc.examples = [eg for eg in spec.iterfind("tei:exemplum/eg:egXML", NS)]
    deleted, required = [], []
    for att in spec.iterfind("tei:attList/tei:attDef", NS):
        name = att.get("ident", "")
        if att.get("mode") == "delete":
            deleted.append(name)
            continue
        if att.get("usage") == "req":
            required.append(name)
        values = att.find("tei:valList[@type='closed']", NS)
        if values is not None:
            doc.closed[name] = tuple(
                ValueItem(v.get("ident", ""), _text(v.find("tei:desc", NS)))
                for v in values.iterfind("tei:valItem", NS)
            )
    doc.deleted, doc.required = tuple(deleted), tuple(required)
    doc.constraints = [_constraint(c, doc.ident) for c in spec.iterfind("tei:constraintSpec", NS)]
    return doc


@cache
def read_odd(path: Path = ODD) -> OddFacts:
    """Parse the ODD (a trusted project file, still without entities or network)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.parse(str(path), parser).getroot()
    spec = root.find(".//tei:schemaSpec", NS)
    assert spec is not None, f"{path}: no schemaSpec"
    modules = {
        m.get("key", ""): tuple((m.get("include") or "").split())
        for m in spec.iterfind("tei:moduleRef", NS)
    }
    module_of = {el: key for key, els in modules.items() for el in els}
    elements = {el: ElementDoc(ident=el, module=module_of[el]) for el in module_of}
    for es in spec.iterfind("tei:elementSpec", NS):
        ident = es.get("ident", "")
        elements[ident] = _element(es, module_of.get(ident, es.get("module", "")))
    edition = root.find("tei:teiHeader/tei:fileDesc/tei:editionStmt/tei:edition", NS)
    version = edition.get("n", "") if edition is not None else ""
    sections = tuple(
        (_text(div.find("tei:head", NS)), tuple(_text(p) for p in div.iterfind("tei:p", NS)))
        for div in root.iterfind("tei:text/tei:body/tei:div", NS)
        if div.find(".//tei:schemaSpec", NS) is None
    )
    return OddFacts(spec.get("ident", ""), version, modules, elements, sections)
