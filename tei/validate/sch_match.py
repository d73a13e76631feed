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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import elementpath
from elementpath import XPath2Parser, XPathContext
from elementpath.xpath_tokens import XPathToken
from lxml import etree

from tei.validate.xpath_text import NAME, groups, lxml_boolean, split_top

XML_NS = "http://www.w3.org/XML/1998/namespace"
CANDIDATE_VAR = "sch_candidate_node"
_STEP = re.compile(rf"^(?:(?P<prefix>{NAME}):)?(?P<local>{NAME}|\*)(?P<preds>\[.*\])?$", re.S)
_PLAIN = re.compile(
    rf"^(?P<att>@)?(?:(?P<prefix>{NAME}):)?(?P<local>{NAME})(?P<preds>\[.*\])?$", re.S
)
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
class _NameBranch(_Branch):
    tag: str | None  # Clark name; None for any element
    namespace: str | None  # with tag None: only this namespace ("" = none); None = any
    attribute: str | None  # every match carries this attribute (Clark name)
    fast: etree.XPath | None  # `boolean(self::TEST[preds])` in libxml2, when exact
    slow: XPathToken | None  # the same in elementpath otherwise

    def nodes(self, doc: SchDoc, variables: dict[str, Any]) -> list[Item]:
        if self.attribute is not None:
            pool = doc.by_att.get(self.attribute, [])
            if self.tag is not None:
                pool = [e for e in pool if e.tag == self.tag]
        elif self.tag is not None:
            pool = doc.by_tag.get(self.tag, [])
        else:
            pool = doc.elements
        if self.tag is None and self.namespace is not None:
            want = self.namespace or None
            pool = [e for e in pool if etree.QName(e).namespace == want]
        if self.fast is not None:
            fast = self.fast
            return [e for e in pool if fast(e)]
        if self.slow is not None:
            slow = self.slow
            return [e for e in pool if slow.evaluate(doc.context(e, variables))]
        return list(pool)


@dataclass
class _PathBranch(_Branch):
    last: str | None  # Clark name of the last step, "@" + name for an attribute; None: unknown
    chain: tuple[str, ...]  # plain element steps right before the last, nearest first
    exact: bool  # the chain is the whole (relative) pattern: no XPath needed
    token: XPathToken

    def nodes(self, doc: SchDoc, variables: dict[str, Any]) -> list[Item]:
        if self.last is None:
            found = self.token.evaluate(doc.context(doc.root, variables))
            every = found if isinstance(found, list) else [found]
            return [n for n in every if isinstance(n, elementpath.XPathNode)]
        attribute = self.last[1:] if self.last.startswith("@") else None
        owners = doc.by_att.get(attribute, []) if attribute else doc.by_tag.get(self.last, [])
        start = 0 if attribute else 1
        owners = [e for e in owners if _fits(e, self.chain, start)]
        items: Iterable[Item] = owners
        if attribute:
            items = [a for e in owners for a in doc.node(e).attributes or () if a.name == attribute]
        if self.exact:
            return list(items)
        out = []
        for item in items:
            if self.token.evaluate(doc.context(item, {**variables, CANDIDATE_VAR: doc.node(item)})):
                out.append(item)
        return out


def _fits(el: etree._Element, chain: tuple[str, ...], skip: int) -> bool:
    """True when the ancestors of `el` (skipping `skip` levels, 1 = start at its parent) carry
    the tags of `chain`, nearest first."""
    node: etree._Element | None = el.getparent() if skip else el
    for tag in chain:
        if node is None or node.tag != tag:
            return False
        node = node.getparent()
    return True


def _branch(text: str, parser: XPath2Parser, namespaces: dict[str, str]) -> _Branch:
    step = _STEP.match(text)
    preds = step.group("preds") if step else None
    runs = groups(preds) if preds else []
    if step and runs is not None and not (preds and _POSITIONAL.search(preds)):
        prefix, local = step.group("prefix"), step.group("local")
        namespace = _namespace(prefix, namespaces)
        tag = None if local == "*" else (f"{{{namespace}}}{local}" if namespace else local)
        scoped = namespace if (local == "*" and prefix) else None
        needed = _required_attribute(runs, namespaces)
        only = len(runs) == 1 and needed is not None and _is_bare_attribute(runs[0])
        fast = slow = None
        if preds and not only:
            test = f"{prefix}:{local}" if prefix else local
            fast = lxml_boolean(f"self::{test}{preds}", namespaces)
            slow = None if fast is not None else parser.parse(f"exists(self::{test}{preds})")
        return _NameBranch(tag, scoped, needed, fast, slow)
    steps = split_top(text, "/")
    plain = [_plain(s.strip(), namespaces) for s in steps]
    last = plain[-1][0] if steps and not text.startswith("/") else None
    if last is None:
        expression = text if text.startswith("/") else f"//({text})"
        return _PathBranch(None, (), False, parser.parse(expression))
    chain: list[str] = []
    for name, _ in reversed(plain[:-1]):
        if name is None or name.startswith("@"):
            break
        chain.append(name)
    exact = len(chain) == len(steps) - 1 and not any(preds for _, preds in plain)
    expression = f"exists((ancestor-or-self::node())/({text})[. is ${CANDIDATE_VAR}])"
    return _PathBranch(last, tuple(chain), exact, parser.parse(expression))


def _plain(step: str, namespaces: dict[str, str]) -> tuple[str | None, bool]:
    """A name step as a Clark name (`@` + name for an attribute) and whether it has predicates;
    (None, True) for any other step."""
    match = _PLAIN.match(step)
    if not match or groups(match.group("preds") or "") is None:
        return None, True
    ns = _namespace(match.group("prefix"), namespaces)
    name = f"{{{ns}}}{match.group('local')}" if ns else match.group("local")
    return (f"@{name}" if match.group("att") else name), bool(match.group("preds"))


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
