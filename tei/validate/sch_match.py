"""Which nodes a Schematron rule context (an XSLT match pattern) matches in one document.

Walking the whole tree with elementpath once per rule costs milliseconds per rule; instead each
document is indexed once (elements by tag and by attribute) and a context of a common shape finds
its candidates there:

* `p:gi`, `p:*`, `*` with optional non-positional predicates: the tag's elements (or, when a
  predicate conjunct requires `@att`, the elements carrying it), filtered by the predicates;
* a path whose last step is a plain name (`tei:a/tei:b`, `(...)/tei:b/@c`): the candidates with
  that name whose parent chain fits the plain steps before it, each then tested against the
  whole pattern from its own ancestors;
* anything else: `//(pattern)` over the document (or the absolute pattern itself).

Items are lxml elements where possible (cheap) and elementpath nodes otherwise (attributes, the
document node); `SchDoc.node` converts on demand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import elementpath
from elementpath import XPath2Parser, XPathContext
from elementpath.xpath_tokens import XPathToken
from lxml import etree

from tei.validate.xpath_py import Compiler, Ctx, Env, Fn, Unsupported, ebv
from tei.validate.xpath_text import NAME, groups, is_existence_subset, lxml_boolean, split_top

XML_NS = "http://www.w3.org/XML/1998/namespace"
CANDIDATE_VAR = "sch_candidate_node"
_STEP = re.compile(rf"^(?:(?P<prefix>{NAME}):)?(?P<local>{NAME}|\*)(?P<preds>\[.*\])?$", re.S)
_ATTRIBUTE = re.compile(rf"^@(?:(?P<prefix>{NAME}):)?(?P<local>{NAME})$")
_ATT_CONJUNCT = re.compile(
    rf"^\s*\(?\s*@(?:(?P<prefix>{NAME}):)?(?P<local>{NAME})\s*(?:$|=|!=|eq\b|ne\b)"
)
_POSITIONAL = re.compile(r"\[\s*[\d$]|position\s*\(|last\s*\(")

Item = Any  # an lxml element or an elementpath XPathNode


class PatternError(Exception):
    """A rule context that cannot be read (an undeclared prefix)."""


class SchDoc:
    """One document's index (elements by tag and by attribute) and its elementpath tree."""

    def __init__(self, tree: etree._ElementTree) -> None:
        self.tree = tree
        self.elements: list[etree._Element] = []
        self.by_tag: dict[str, list[etree._Element]] = {}
        self.by_att: dict[str, list[etree._Element]] = {}
        self.order: dict[etree._Element, int] = {}
        for i, el in enumerate(tree.getroot().iter(etree.Element)):
            self.elements.append(el)
            self.order[el] = i
            self.by_tag.setdefault(el.tag, []).append(el)
            for att in el.attrib:
                self.by_att.setdefault(att, []).append(el)  # type: ignore[arg-type]
        self._root: Any = None
        self.cache: dict[str, Any] = {}  # context-free pattern variables, by expression
        self._env: Env | None = None

    @property
    def env(self) -> Env:
        """The compiled-Python evaluator's view of the document (xpath_py)."""
        if self._env is None:
            self._env = Env(self.tree, self.order)
        return self._env

    @property
    def root(self) -> Any:
        """The elementpath document node, built on first use (the costly part of a check)."""
        if self._root is None:
            self._root = elementpath.build_lxml_node_tree(self.tree)
        return self._root

    def node(self, item: Item) -> Any:
        """The elementpath node of an item."""
        if isinstance(item, etree._Element):
            return self.root.get_element_node(item)
        return item

    def context(self, item: Item, variables: dict[str, Any]) -> XPathContext:
        return XPathContext(self.root, item=self.node(item), variables=variables)

    def key(self, item: Item) -> object:
        """Identity of a matched node, the same whichever form (lxml or elementpath) it has."""
        if isinstance(item, etree._Element):
            return item
        obj = getattr(item, "obj", None)
        return obj if isinstance(obj, etree._Element) else ("node", id(item))

    def sort_key(self, item: Item) -> tuple[int, int]:
        el = element_of(item)
        rank = self.order.get(el, -1) if el is not None else -1
        return (rank, 0 if isinstance(item, etree._Element) or el is None else 1)


def element_of(item: Item) -> etree._Element | None:
    """The lxml element an item is or belongs to (an attribute's parent); None for the document."""
    node = item
    while node is not None:
        if isinstance(node, etree._Element):
            return node
        obj = getattr(node, "obj", None) if isinstance(node, elementpath.ElementNode) else None
        if isinstance(obj, etree._Element):
            return obj
        node = getattr(node, "parent", None)
    return None


class Matcher:
    """A compiled rule context: `nodes(doc)` gives its matches in document order, each once."""

    def __init__(self, context: str, parser: XPath2Parser, namespaces: dict[str, str]) -> None:
        self.branches = [_branch(p.strip(), parser, namespaces) for p in split_top(context, "|")]

    def nodes(self, doc: SchDoc, variables: dict[str, Any]) -> list[Item]:
        if len(self.branches) == 1:
            return self.branches[0].nodes(doc, variables)
        found: dict[object, Item] = {}
        for branch in self.branches:
            for item in branch.nodes(doc, variables):
                found.setdefault(doc.key(item), item)
        return sorted(found.values(), key=doc.sort_key)


class _Branch:
    def nodes(self, doc: SchDoc, variables: dict[str, Any]) -> list[Item]:
        raise NotImplementedError


@dataclass
class _Step:
    """One step of a match pattern, tested on an element (or, last, on its attribute)."""

    tag: str | None = None  # Clark name; None: any name (see namespace)
    namespace: str | None = None  # with tag None: only this namespace ("" = none); None = any
    attribute: str | None = None  # an `@name` step: the attribute's Clark name
    needs: str | None = None  # every match carries this attribute (from the predicates)
    fast: etree.XPath | None = None  # `boolean(self::TEST[preds])` in libxml2, when exact
    slow: XPathToken | None = None  # the same in elementpath otherwise
    compiled: Fn | None = None  # `slow` compiled to Python (xpath_py), when it compiles
    alternatives: tuple[_Chain, ...] = ()  # a `(a | b/c)` step

    def matches(self, doc: SchDoc, el: etree._Element, variables: dict[str, Any]) -> bool:
        if self.alternatives:
            return any(alt.matches(doc, el, variables) for alt in self.alternatives)
        if self.tag is not None and el.tag != self.tag:
            return False
        if (
            self.tag is None
            and self.namespace is not None
            and etree.QName(el).namespace != (self.namespace or None)
        ):
            return False
        if self.needs is not None and self.needs not in el.attrib:
            return False
        if self.fast is not None:
            return bool(self.fast(el))
        if self.compiled is not None and not variables:
            return ebv(self.compiled(Ctx(el, 1, 1, {}, doc.env)))
        if self.slow is not None:
            return bool(self.slow.evaluate(doc.context(el, variables)))
        return True

    def pool(self, doc: SchDoc) -> list[etree._Element]:
        """Elements that can match this step, from the index."""
        if self.needs is not None:
            return doc.by_att.get(self.needs, [])
        if self.tag is not None:
            return doc.by_tag.get(self.tag, [])
        return doc.elements


@dataclass
class _Chain(_Branch):
    """A relative or absolute pattern of steps joined by `/` or `//`, matched from its last step
    upwards through the parent chain in Python: no tree walk, no XPath per ancestor."""

    steps: tuple[_Step, ...]
    seps: tuple[str, ...]  # seps[i] joins steps[i] and steps[i + 1]: "/" or "//"
    absolute: bool = False

    def nodes(self, doc: SchDoc, variables: dict[str, Any]) -> list[Item]:
        last = self.steps[-1]
        if last.attribute is not None:
            owners = doc.by_att.get(last.attribute, [])
            owners = [e for e in owners if self._up(doc, len(self.steps) - 2, e, variables)]
            return [
                a for e in owners for a in doc.node(e).attributes or () if a.name == last.attribute
            ]
        return [e for e in last.pool(doc) if self.matches(doc, e, variables)]

    def matches(self, doc: SchDoc, el: etree._Element, variables: dict[str, Any]) -> bool:
        return self._at(doc, len(self.steps) - 1, el, variables)

    def _at(self, doc: SchDoc, i: int, el: etree._Element, variables: dict[str, Any]) -> bool:
        if not self.steps[i].matches(doc, el, variables):
            return False
        if i == 0:
            return not self.absolute or el.getparent() is None
        parent = el.getparent()
        if self.seps[i - 1] == "/":
            return parent is not None and self._at(doc, i - 1, parent, variables)
        while parent is not None:
            if self._at(doc, i - 1, parent, variables):
                return True
            parent = parent.getparent()
        return False

    def _up(self, doc: SchDoc, i: int, el: etree._Element, variables: dict[str, Any]) -> bool:
        """For an attribute step: does its owner element `el` match steps[..i]?"""
        if i < 0:
            return not self.absolute
        if self.seps[i] == "/":
            return self._at(doc, i, el, variables)
        node: etree._Element | None = el
        while node is not None:
            if self._at(doc, i, node, variables):
                return True
            node = node.getparent()
        return False


@dataclass
class _Whole(_Branch):
    """A pattern no cheaper strategy understands: `//(pattern)` (or the absolute pattern)."""

    token: XPathToken

    def nodes(self, doc: SchDoc, variables: dict[str, Any]) -> list[Item]:
        found = self.token.evaluate(doc.context(doc.root, variables))
        every = found if isinstance(found, list) else [found]
        return [n for n in every if isinstance(n, elementpath.XPathNode)]


class _NotSimple(Exception):
    """The pattern is outside what `_Chain` handles."""


@dataclass
class _Lxml(_Branch):
    """A pattern libxml2 can select exactly (`//pattern`, elements only): one C-level walk."""

    select: etree.XPath

    def nodes(self, doc: SchDoc, variables: dict[str, Any]) -> list[Item]:
        found = self.select(doc.tree)
        return (
            [e for e in found if isinstance(e, etree._Element)] if isinstance(found, list) else []
        )


def _branch(text: str, parser: XPath2Parser, namespaces: dict[str, str]) -> _Branch:
    """The cheapest exact strategy: the index for one step (a name, an attribute it needs),
    libxml2 for a pattern XPath 1.0 reads the same way, else the parent-chain walk, else
    `//(pattern)` in elementpath."""
    try:
        chain: _Chain | None = _chain(text, parser, namespaces)
    except _NotSimple:
        chain = None
    if chain is not None:
        first, last = chain.steps[0], chain.steps[-1]
        indexed = len(chain.steps) == 1 and (first.fast is None or first.needs is not None)
        if indexed or last.attribute or last.alternatives:
            return chain
    if is_existence_subset(text) and "$" not in text and not text.startswith("/"):
        try:
            return _Lxml(etree.XPath(f"//{text}", namespaces=namespaces))
        except etree.XPathError:
            pass
    if chain is not None:
        return chain
    expression = text if text.startswith("/") else f"//({text})"
    return _Whole(parser.parse(expression))


def _chain(text: str, parser: XPath2Parser, namespaces: dict[str, str]) -> _Chain:
    parts = split_top(text.strip(), "/")
    absolute = parts[0].strip() == ""
    if absolute:
        parts = parts[1:]
        if parts and parts[0].strip() == "":
            raise _NotSimple(text)  # `//x`
    steps: list[_Step] = []
    seps: list[str] = []
    pending = "/"
    for part in parts:
        part = part.strip()
        if not part:
            if not steps or pending == "//":
                raise _NotSimple(text)
            pending = "//"
            continue
        if steps:
            seps.append(pending)
        pending = "/"
        steps.append(_step(part, parser, namespaces))
    if not steps or pending == "//" or any(s.attribute for s in steps[:-1]):
        raise _NotSimple(text)
    return _Chain(tuple(steps), tuple(seps), absolute)


def _step(text: str, parser: XPath2Parser, namespaces: dict[str, str]) -> _Step:
    if text.startswith("(") and text.endswith(")") and groups(text) is None:
        inner = text[1:-1]
        if split_top(inner, ")") != [inner]:
            raise _NotSimple(text)  # `(a)(b)` or `(a)[p]`
        alternatives = tuple(_chain(p, parser, namespaces) for p in split_top(inner, "|"))
        if any(a.absolute or a.steps[-1].attribute for a in alternatives):
            raise _NotSimple(text)
        return _Step(alternatives=alternatives)
    attribute = _ATTRIBUTE.match(text)
    if attribute:
        ns = _namespace(attribute.group("prefix"), namespaces)
        local = attribute.group("local")
        return _Step(attribute=f"{{{ns}}}{local}" if ns else local)
    step = _STEP.match(text)
    if not step:
        raise _NotSimple(text)
    preds = step.group("preds") or ""
    runs = groups(preds) if preds else []
    if runs is None or _POSITIONAL.search(preds):
        raise _NotSimple(text)
    prefix, local = step.group("prefix"), step.group("local")
    namespace = _namespace(prefix, namespaces)
    tag = None if local == "*" else (f"{{{namespace}}}{local}" if namespace else local)
    scoped = namespace if (local == "*" and prefix) else None
    needs = _required_attribute(runs, namespaces)
    if not preds or (len(runs) == 1 and needs is not None and _is_bare_attribute(runs[0])):
        return _Step(tag=tag, namespace=scoped, needs=needs)
    test = f"{prefix}:{local}" if prefix else local
    fast = lxml_boolean(f"self::{test}{preds}", namespaces)
    slow = None if fast is not None else parser.parse(f"exists(self::{test}{preds})")
    compiled = None
    if slow is not None:
        try:
            compiled = Compiler(namespaces).compile(slow)
        except Unsupported:
            compiled = None
    return _Step(tag=tag, namespace=scoped, needs=needs, fast=fast, slow=slow, compiled=compiled)


def _required_attribute(runs: list[str], namespaces: dict[str, str]) -> str | None:
    """An attribute every match must carry: a predicate conjunct `@att` or `@att = ...`."""
    for group in runs:
        for conjunct in split_top(group, " and "):
            match = _ATT_CONJUNCT.match(conjunct)
            if match:
                ans = _namespace(match.group("prefix"), namespaces)
                return f"{{{ans}}}{match.group('local')}" if ans else match.group("local")
    return None


def _is_bare_attribute(group: str) -> bool:
    return re.fullmatch(rf"\s*@(?:{NAME}:)?{NAME}\s*", group) is not None


def _namespace(prefix: str | None, namespaces: dict[str, str]) -> str:
    if prefix is None:
        return ""
    if prefix == "xml":
        return XML_NS
    if prefix not in namespaces:
        raise PatternError(f"the prefix {prefix!r} is not declared with <sch:ns>")
    return namespaces[prefix]
