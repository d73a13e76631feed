"""XPath 2.0 compiled to Python closures over lxml trees (a subset; the rest stays elementpath).

elementpath interprets a parsed expression in Python object by object and spends most of its time in
its own machinery (context copies, protocol checks, node wrappers). For the constructs Schematron
rules use (paths with predicates and the usual axes, `for`/`some`/`every`, `if`, comparisons, the
string, sequence and regex functions, `castable as` and casts to the XSD date, time and number
types) this module turns elementpath's parse tree into nested closures working on lxml elements
directly, with XPath 2.0 semantics (untyped atomisation, general and value comparisons, effective
boolean values, positional predicates, document order). `compile_xpath` raises `Unsupported` for
anything else, and the Schematron engine keeps elementpath for that pattern. Both evaluators are
run side by side on every rule of the bundled and the TEI schemas in the tests.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, NamedTuple

import elementpath
from elementpath import datatypes as xsd
from elementpath.xpath_tokens import XPathToken
from lxml import etree

XML_NS = "http://www.w3.org/XML/1998/namespace"
XS_NS = "http://www.w3.org/2001/XMLSchema"
_STRING_VALUE = etree.XPath("string(.)")
_FOLLOWING = etree.XPath("following::*")  # elements only: text() on these axes is not compiled
_PRECEDING = etree.XPath("preceding::*")
_AXES = frozenset(
    {
        "child",
        "attribute",
        "self",
        "parent",
        "ancestor",
        "ancestor-or-self",
        "descendant",
        "descendant-or-self",
        "following-sibling",
        "preceding-sibling",
        "following",
        "preceding",
    }
)


class Unsupported(Exception):
    """An expression outside the compiled subset (elementpath evaluates it instead)."""


class EvalError(elementpath.ElementPathError):
    """An XPath dynamic error (the same cases elementpath raises for)."""


# ----------------------------------------------------------------------------- the node model


class Untyped(str):
    """xs:untypedAtomic: the atomised value of a node."""


class Attr(NamedTuple):
    """An attribute node (a tuple: cheap to make, hashable, equal by owner and name)."""

    owner: etree._Element
    name: str  # Clark name
    value: str


class Text(NamedTuple):
    """A text node: the owner's text (slot 0) or the tail of its child slot - 1."""

    owner: etree._Element  # the element whose text or a child's tail it is
    slot: int  # 0: owner.text; i: tail of the owner's child i - 1
    value: str


class DocNode:
    """The document node."""

    def __init__(self, tree: etree._ElementTree) -> None:
        self.tree = tree


class Env:
    """Per-document state: the document node and document order."""

    def __init__(self, tree: etree._ElementTree, order: dict[etree._Element, int]) -> None:
        self.doc = DocNode(tree)
        self.root = tree.getroot()
        self.order = order
        self._ids: dict[str, etree._Element] | None = None

    def by_id(self, value: str) -> etree._Element | None:
        """fn:id(): the element whose xml:id is `value` (the first, as a parser keeps it)."""
        if self._ids is None:
            self._ids = {}
            for el in self.root.iter(etree.Element):
                key = el.get(f"{{{XML_NS}}}id")
                if key is not None:
                    self._ids.setdefault(key, el)
        return self._ids.get(value)

    def key(self, node: Any) -> tuple[int, int, Any]:
        if isinstance(node, etree._Element):
            return (self.order.get(node, -1), 0, 0)
        if isinstance(node, Attr):
            return (self.order.get(node.owner, -1), 1, node.name)
        if isinstance(node, Text):
            return (self.order.get(node.owner, -1), 2, node.slot)
        return (-2, 0, 0)


@dataclass(slots=True)
class Ctx:
    item: Any
    pos: int
    size: int
    vars: dict[str, Any]
    env: Env

    def at(self, item: Any, pos: int, size: int) -> Ctx:
        return Ctx(item, pos, size, self.vars, self.env)


Fn = Callable[[Ctx], list[Any]]
_NODE = (etree._Element, Attr, Text, DocNode)


def is_node(item: Any) -> bool:
    return isinstance(item, _NODE)


def atomize(item: Any) -> Any:
    if type(item) is str or type(item) is Untyped:
        return item
    if isinstance(item, etree._Element):
        return Untyped(_STRING_VALUE(item))
    if isinstance(item, (Attr, Text)):
        return Untyped(item.value)
    if isinstance(item, DocNode):
        return Untyped(_STRING_VALUE(item.tree.getroot()))
    return item


def atoms(seq: list[Any]) -> list[Any]:
    return [atomize(i) for i in seq]


def ebv(seq: list[Any]) -> bool:
    if not seq:
        return False
    first = seq[0]
    if first is True or first is False:
        if len(seq) > 1:
            raise EvalError("effective boolean value of a sequence of several atomic values")
        return first
    if is_node(first):
        return True
    if len(seq) > 1:
        raise EvalError("effective boolean value of a sequence of several atomic values")
    if isinstance(first, bool):
        return first
    if isinstance(first, str):
        return first != ""
    if isinstance(first, (int, float, Decimal)):
        return not (first == 0 or (isinstance(first, float) and math.isnan(first)))
    raise EvalError(f"no effective boolean value for {type(first).__name__}")


def string_of(seq: list[Any]) -> str:
    if len(seq) == 1 and (type(seq[0]) is str or type(seq[0]) is Untyped):
        return str(seq[0])
    if not seq:
        return ""
    if len(seq) > 1:
        raise EvalError("a sequence of several items where one string is expected")
    return _str(atomize(seq[0]))


def _str(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def _one(seq: list[Any], what: str) -> Any:
    if len(seq) > 1:
        raise EvalError(f"{what}: a sequence of several items where at most one is expected")
    return atomize(seq[0]) if seq else None


def _number(value: Any) -> float | int | Decimal:
    if isinstance(value, bool):
        raise EvalError("a boolean where a number is expected")
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, Untyped):
        try:
            return float(value.strip())
        except ValueError:
            raise EvalError(f"{value!r} is not a number") from None
    raise EvalError(f"a {type(value).__name__} where a number is expected")


# ----------------------------------------------------------------------------- comparisons

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    ">=": lambda a, b: a >= b,
}
_VALUE_OPS = {"eq": "=", "ne": "!=", "lt": "<", "gt": ">", "le": "<=", "ge": ">="}


def _general_pair(a: Any, b: Any) -> tuple[Any, Any]:
    """Operands of a general comparison after XPath 2's untyped promotion rules."""
    if isinstance(a, Untyped) and isinstance(b, Untyped):
        return str(a), str(b)
    if isinstance(a, Untyped):
        return _promote(a, b), b
    if isinstance(b, Untyped):
        return a, _promote(b, a)
    return a, b


def _promote(untyped: Untyped, other: Any) -> Any:
    if isinstance(other, bool):
        return _cast_boolean(untyped)
    if isinstance(other, (int, float, Decimal)):
        return _number(untyped)
    if isinstance(other, str):
        return str(untyped)
    return _cast(type(other), untyped)


def _compare(op: str, a: Any, b: Any) -> bool:
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)):
        if isinstance(a, Decimal) and isinstance(b, float):
            a = float(a)
        elif isinstance(b, Decimal) and isinstance(a, float):
            b = float(b)
    elif isinstance(a, bool) != isinstance(b, bool) or isinstance(a, str) != isinstance(b, str):
        raise EvalError(f"cannot compare {type(a).__name__} with {type(b).__name__}")
    try:
        return _OPS[op](a, b)
    except TypeError:
        raise EvalError(f"cannot compare {type(a).__name__} with {type(b).__name__}") from None


# ----------------------------------------------------------------------------- casts

_XS_TYPES: dict[str, Any] = {
    "date": xsd.Date10,
    "dateTime": xsd.DateTime10,
    "gYearMonth": xsd.GregorianYearMonth10,
    "gYear": xsd.GregorianYear10,
    "gMonthDay": xsd.GregorianMonthDay,
    "time": xsd.Time,
}


def _cast(target: Any, value: Any) -> Any:
    if target is int or target == "integer":
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, (int, Decimal)):
            return int(value)
        if isinstance(value, float):
            if math.isnan(value) or math.isinf(value):
                raise EvalError("cannot cast NaN or INF to xs:integer")
            return int(value)
        text = str(value).strip()
        if not re.fullmatch(r"[+-]?\d+", text):
            raise EvalError(f"{text!r} is not an xs:integer")
        return int(text)
    if target in ("decimal", Decimal):
        try:
            return Decimal(str(value).strip())
        except InvalidOperation:
            raise EvalError(f"{value!r} is not an xs:decimal") from None
    if target in ("double", "float", float):
        return float(_number(Untyped(str(value)) if isinstance(value, str) else value))
    if target in ("string", str):
        return _str(value)
    if target in ("untypedAtomic",):
        return Untyped(_str(value))
    if target == "boolean":
        return _cast_boolean(value)
    cls = _XS_TYPES.get(target) if isinstance(target, str) else target
    if cls is None or not hasattr(cls, "fromstring"):
        raise Unsupported(f"cast to {target!r}")
    if isinstance(value, cls):
        return value
    try:
        return cls.fromstring(str(value).strip())
    except (ValueError, TypeError, elementpath.ElementPathError):
        raise EvalError(f"{value!r} is not an xs:{target}") from None


def _cast_boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)):
        return bool(value) and not (isinstance(value, float) and math.isnan(value))
    text = str(value).strip()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise EvalError(f"{text!r} is not an xs:boolean")


_CAST_NAMES = frozenset(
    {"integer", "decimal", "double", "float", "string", "boolean", "untypedAtomic", *_XS_TYPES}
)


# ----------------------------------------------------------------------------- axes


def _children(node: Any) -> Iterator[Any]:
    """Child nodes (elements and text) of an element or the document."""
    if isinstance(node, DocNode):
        yield node.tree.getroot()
        return
    if not isinstance(node, etree._Element):
        return
    if node.text:
        yield Text(node, 0, node.text)
    for i, child in enumerate(node, start=1):
        if isinstance(child.tag, str):
            yield child
        if child.tail:
            yield Text(node, i, child.tail)


def _parent(node: Any, env: Env) -> Any:
    if isinstance(node, etree._Element):
        parent = node.getparent()
        return parent if parent is not None else (env.doc if node is env.root else None)
    if isinstance(node, (Attr, Text)):
        return node.owner
    return None


def _descendants(node: Any) -> Iterator[Any]:
    for child in _children(node):
        yield child
        if isinstance(child, etree._Element):
            yield from _descendants(child)


def _axis(name: str, node: Any, env: Env) -> Iterator[Any]:
    """Nodes along an axis, reverse axes nearest first (as positional predicates count)."""
    if name == "child":
        yield from _children(node)
    elif name == "attribute":
        if isinstance(node, etree._Element):
            for key, value in node.attrib.items():
                yield Attr(node, str(key), str(value))
    elif name == "self":
        yield node
    elif name == "parent":
        parent = _parent(node, env)
        if parent is not None:
            yield parent
    elif name in ("ancestor", "ancestor-or-self"):
        current = node if name == "ancestor-or-self" else _parent(node, env)
        while current is not None:
            yield current
            current = _parent(current, env)
    elif name == "descendant":
        yield from _descendants(node)
    elif name == "descendant-or-self":
        yield node
        yield from _descendants(node)
    elif name in ("following-sibling", "preceding-sibling"):
        parent = _parent(node, env) if isinstance(node, (etree._Element, Text)) else None
        if parent is not None:
            siblings = list(_children(parent))
            at = siblings.index(node)
            if name == "following-sibling":
                yield from siblings[at + 1 :]
            else:
                yield from reversed(siblings[:at])
    elif name in ("following", "preceding"):
        if isinstance(node, etree._Element):
            yield from (_FOLLOWING if name == "following" else _PRECEDING)(node)  # type: ignore[misc]
    else:
        raise EvalError(f"axis {name}")


Test = Callable[[Any], bool]


def _name_test(prefix: str | None, local: str, namespaces: dict[str, str], attribute: bool) -> Test:
    if prefix is None:
        ns = ""
    elif prefix == "xml":
        ns = XML_NS
    elif prefix == "*":
        ns = "*"
    elif prefix in namespaces:
        ns = namespaces[prefix]
    else:
        raise Unsupported(f"prefix {prefix}")
    kind = Attr if attribute else etree._Element
    if local == "*" and ns == "*":
        return lambda n: isinstance(n, kind)
    if local == "*":
        start = f"{{{ns}}}" if ns else ""

        def wildcard(n: Any) -> bool:
            if not isinstance(n, kind):
                return False
            name = n.name if isinstance(n, Attr) else n.tag
            return name.startswith(start) if ns else not name.startswith("{")

        if ns and not attribute:
            wildcard.lxml_tag = f"{{{ns}}}*"  # type: ignore[attr-defined]
        return wildcard
    clark = f"{{{ns}}}{local}" if ns and ns != "*" else local
    if ns == "*":
        return lambda n: (
            isinstance(n, kind)
            and etree.QName(n.name if isinstance(n, Attr) else n).localname == local
        )
    if attribute:

        def attribute_test(n: Any) -> bool:
            return isinstance(n, Attr) and n.name == clark

        attribute_test.attribute_name = clark  # type: ignore[attr-defined]
        return attribute_test

    def element_test(n: Any) -> bool:
        return isinstance(n, etree._Element) and n.tag == clark

    element_test.lxml_tag = clark  # type: ignore[attr-defined]
    return element_test


def _lxml_step(axis: str, tag: str, test: Test) -> Callable[[Any], list[Any]] | None:
    """An axis step with an element name test, walked by lxml (None: no shortcut)."""
    if axis == "child":
        return lambda el: list(el.iterchildren(tag))
    if axis == "descendant":
        return lambda el: list(el.iterdescendants(tag))
    if axis == "descendant-or-self":
        return lambda el: ([el] if test(el) else []) + list(el.iterdescendants(tag))
    if axis == "ancestor":
        return lambda el: list(el.iterancestors(tag))
    if axis == "ancestor-or-self":
        return lambda el: ([el] if test(el) else []) + list(el.iterancestors(tag))
    if axis == "following-sibling":
        return lambda el: list(el.itersiblings(tag))
    if axis == "preceding-sibling":
        return lambda el: list(el.itersiblings(tag, preceding=True))
    if axis == "self":
        return lambda el: [el] if test(el) else []
    if axis == "parent":

        def parent(el: Any) -> list[Any]:
            up = el.getparent()
            return [up] if up is not None and test(up) else []

        return parent
    return None


# ----------------------------------------------------------------------------- the compiler


class Compiler:
    """Turns elementpath parse trees into closures; one per schema (it knows the namespaces)."""

    def __init__(self, namespaces: dict[str, str]) -> None:
        self.namespaces = namespaces

    def compile(self, token: XPathToken) -> Fn:
        method = getattr(self, f"_t_{_method_name(token)}", None)
        if method is None:
            raise Unsupported(f"{token.symbol!r} ({token.label})")
        result: Fn = method(token)
        return result

    # ---- literals, variables, context

    def _t_string(self, token: XPathToken) -> Fn:
        value = str(token.value)
        return lambda ctx: [value]

    def _t_integer(self, token: XPathToken) -> Fn:
        value = int(str(token.value))
        return lambda ctx: [value]

    def _t_decimal(self, token: XPathToken) -> Fn:
        value = Decimal(str(token.value))
        return lambda ctx: [value]

    def _t_double(self, token: XPathToken) -> Fn:
        value = float(str(token.value))
        return lambda ctx: [value]

    def _t_variable(self, token: XPathToken) -> Fn:
        name = str(token[0].value)

        def variable(ctx: Ctx) -> list[Any]:
            try:
                value = ctx.vars[name]
            except KeyError:
                raise EvalError(f"unknown variable ${name}") from None
            return value if isinstance(value, list) else [value]

        return variable

    def _t_dot(self, token: XPathToken) -> Fn:
        return lambda ctx: [ctx.item]

    def _t_dotdot(self, token: XPathToken) -> Fn:
        def parent(ctx: Ctx) -> list[Any]:
            found = _parent(ctx.item, ctx.env)
            return [found] if found is not None else []

        return parent

    def _t_paren(self, token: XPathToken) -> Fn:
        if len(token) == 0:
            return lambda ctx: []
        return self.compile(token[0])

    def _t_comma(self, token: XPathToken) -> Fn:
        left, right = self.compile(token[0]), self.compile(token[1])
        return lambda ctx: left(ctx) + right(ctx)

    # ---- steps and paths

    def _step(self, axis: str, test: Test) -> Fn:
        def step(ctx: Ctx) -> list[Any]:
            return [n for n in _axis(axis, ctx.item, ctx.env) if test(n)]

        name = getattr(test, "attribute_name", None)
        if axis == "attribute" and name is not None:

            def attribute(ctx: Ctx) -> list[Any]:
                item = ctx.item
                if isinstance(item, etree._Element):
                    value = item.get(name)
                    return [] if value is None else [Attr(item, name, value)]
                return []

            return attribute
        tag = getattr(test, "lxml_tag", None)
        fast = _lxml_step(axis, tag, test) if tag is not None else None
        if fast is None:
            return step

        def element_step(ctx: Ctx) -> list[Any]:
            item = ctx.item
            if isinstance(item, etree._Element):
                return fast(item)
            return step(ctx)

        return element_step

    def _node_test(self, token: XPathToken, attribute: bool) -> Test:
        symbol = token.symbol
        if symbol == "(name)":
            return _name_test(None, str(token.value), self.namespaces, attribute)
        if symbol == "*" and token.label != "operator":
            return _name_test("*", "*", self.namespaces, attribute)
        if symbol == ":" and len(token) == 2 and token[1].symbol in ("(name)", "*"):
            local = "*" if token[1].symbol == "*" else str(token[1].value)
            prefix = "*" if token[0].symbol == "*" else str(token[0].value)
            return _name_test(prefix, local, self.namespaces, attribute)
        if token.label == "kind test" and len(token) == 0:
            if symbol == "node":
                return lambda n: True
            if symbol == "text":
                return lambda n: isinstance(n, Text)
            if symbol == "element":
                return lambda n: isinstance(n, etree._Element)
        raise Unsupported(f"node test {token.source}")

    def _t_name(self, token: XPathToken) -> Fn:
        return self._step("child", self._node_test(token, False))

    def _t_wildcard(self, token: XPathToken) -> Fn:
        return self._step("child", self._node_test(token, False))

    def _t_kind(self, token: XPathToken) -> Fn:
        return self._step("child", self._node_test(token, False))

    def _t_colon(self, token: XPathToken) -> Fn:
        if len(token) == 2 and token[1].symbol in ("(name)", "*"):
            return self._step("child", self._node_test(token, False))
        if len(token) == 2 and "function" in token[1].label:
            prefix = str(token[0].value)
            uri = self.namespaces.get(prefix)
            if uri == XS_NS and token[1].symbol in _CAST_NAMES and len(token[1]) == 1:
                arg, target = self.compile(token[1][0]), token[1].symbol

                def construct(ctx: Ctx) -> list[Any]:
                    value = _one(arg(ctx), f"xs:{target}()")
                    return [] if value is None else [_cast(target, value)]

                return construct
            if uri == "http://www.w3.org/2005/xpath-functions":
                return self.compile(token[1])
        raise Unsupported(f"prefixed {token.source}")

    def _t_attribute(self, token: XPathToken) -> Fn:
        return self._step("attribute", self._node_test(token[0], True))

    def _t_axis(self, token: XPathToken) -> Fn:
        axis = token.symbol
        if axis not in _AXES:
            raise Unsupported(f"axis {axis}")
        if axis in ("following", "preceding") and token[0].label == "kind test":
            raise Unsupported(f"{axis}::{token[0].source}")
        return self._step(axis, self._node_test(token[0], axis == "attribute"))

    def _t_slash(self, token: XPathToken) -> Fn:
        if len(token) == 1:
            right = self.compile(token[0])
            return lambda ctx: right(ctx.at(ctx.env.doc, 1, 1))
        if len(token) == 0:
            return lambda ctx: [ctx.env.doc]
        left, right = self.compile(token[0]), self.compile(token[1])
        if _ordered_path(token[0]) and _disjoint_step(token[1]):
            return lambda ctx: _map(left(ctx), right, ctx, sort=False)
        return lambda ctx: _map(left(ctx), right, ctx)

    def _t_dslash(self, token: XPathToken) -> Fn:
        plain = _plain_child_name(token[-1], self.namespaces)
        if token[-1].symbol == "@":
            test = self._node_test(token[-1][0], True)
            left = self.compile(token[0]) if len(token) == 2 else None

            def attributes(ctx: Ctx) -> list[Any]:
                bases = left(ctx) if left is not None else [ctx.env.root]
                out = []
                for base in bases:
                    if not isinstance(base, etree._Element):
                        raise EvalError("a path step on an atomic value")
                    for el in base.iter(etree.Element):
                        for key, value in el.attrib.items():
                            attr = Attr(el, str(key), str(value))
                            if test(attr):
                                out.append(attr)
                return _unique(out, ctx.env) if len(bases) > 1 else out

            return attributes
        if len(token) == 1:
            if plain is not None:
                return lambda ctx: list(ctx.env.root.iter(plain)) if plain else []
            right = self.compile(token[0])
            return lambda ctx: _map(
                list(_axis("descendant-or-self", ctx.env.doc, ctx.env)), right, ctx
            )
        left, right = self.compile(token[0]), self.compile(token[1])
        shortcut = self._descendant_shortcut(token[1])
        if shortcut is not None:
            test, keep = shortcut

            def descendants(ctx: Ctx) -> list[Any]:
                bases = left(ctx)
                if not all(isinstance(b, etree._Element) for b in bases):
                    raise EvalError("a path step on an atomic value")
                found = [
                    d
                    for b in bases
                    for d in b.iterdescendants(test)
                    if keep is None or keep(ctx.at(d, 1, 1))
                ]
                return _unique(found, ctx.env) if len(bases) > 1 else found

            return descendants

        def descendant_path(ctx: Ctx) -> list[Any]:
            bases = left(ctx)
            if not all(is_node(b) for b in bases):
                raise EvalError("a path step on an atomic value")
            every = [d for b in bases for d in _axis("descendant-or-self", b, ctx.env)]
            return _map(_unique(every, ctx.env), right, ctx)

        return descendant_path

    def _descendant_shortcut(
        self, token: XPathToken
    ) -> tuple[Any, Callable[[Ctx], bool] | None] | None:
        """For `E//T` and `E//T[p]` (T an element name test, p not positional): the lxml tag
        filter for T and a filter for p, so lxml walks the descendants instead of Python."""
        keep: Callable[[Ctx], bool] | None = None
        step = token
        if token.symbol == "[":
            if not _boolean_typed(token[1]):
                return None
            predicate = self.compile(token[1])
            step = token[0]
        if step.symbol == ":" and len(step) == 2 and step[0].symbol == "(name)":
            prefix = str(step[0].value)
            if prefix not in self.namespaces:
                return None
            ns = self.namespaces[prefix]
            local = "*" if step[1].symbol == "*" else str(step[1].value)
            if step[1].symbol not in ("(name)", "*"):
                return None
            tag = f"{{{ns}}}{local}"
        elif step.symbol == "(name)":
            tag = str(step.value)
        else:
            return None
        if token.symbol == "[":

            def keep_fn(ctx: Ctx) -> bool:
                return ebv(predicate(ctx))

            keep = keep_fn
        return tag, keep

    def _t_predicate(self, token: XPathToken) -> Fn:
        base, predicate = self.compile(token[0]), self.compile(token[1])
        reverse = _is_reverse_step(token[0])

        def filtered(ctx: Ctx) -> list[Any]:
            items = base(ctx)
            if reverse:
                items = sorted(items, key=ctx.env.key, reverse=True)
            size = len(items)
            out = []
            for pos, item in enumerate(items, start=1):
                value = predicate(ctx.at(item, pos, size))
                if (
                    len(value) == 1
                    and isinstance(value[0], (int, float, Decimal))
                    and not (isinstance(value[0], bool))
                ):
                    if value[0] == pos:
                        out.append(item)
                elif ebv(value):
                    out.append(item)
            if reverse:
                out.sort(key=ctx.env.key)
            return out

        return filtered

    def _t_union(self, token: XPathToken) -> Fn:
        left, right = self.compile(token[0]), self.compile(token[1])

        def union(ctx: Ctx) -> list[Any]:
            found = left(ctx) + right(ctx)
            if not all(is_node(n) for n in found):
                raise EvalError("union of atomic values")
            return _unique(found, ctx.env)

        return union

    # ---- operators

    def _t_and(self, token: XPathToken) -> Fn:
        left, right = self.compile(token[0]), self.compile(token[1])
        return lambda ctx: [ebv(left(ctx)) and ebv(right(ctx))]

    def _t_or(self, token: XPathToken) -> Fn:
        left, right = self.compile(token[0]), self.compile(token[1])
        return lambda ctx: [ebv(left(ctx)) or ebv(right(ctx))]

    def _t_general(self, token: XPathToken) -> Fn:
        op = token.symbol
        left, right = self.compile(token[0]), self.compile(token[1])

        def general(ctx: Ctx) -> list[Any]:
            rights = atoms(right(ctx))
            for a in atoms(left(ctx)):
                for b in rights:
                    x, y = _general_pair(a, b)
                    if _compare(op, x, y):
                        return [True]
            return [False]

        return general

    def _t_value(self, token: XPathToken) -> Fn:
        op = _VALUE_OPS[token.symbol]
        left, right = self.compile(token[0]), self.compile(token[1])

        def value(ctx: Ctx) -> list[Any]:
            a, b = _one(left(ctx), token.symbol), _one(right(ctx), token.symbol)
            if a is None or b is None:
                return []
            a = str(a) if isinstance(a, Untyped) else a
            b = str(b) if isinstance(b, Untyped) else b
            return [_compare(op, a, b)]

        return value

    def _t_arith(self, token: XPathToken) -> Fn:
        op = token.symbol
        if len(token) == 1:
            operand = self.compile(token[0])

            def unary(ctx: Ctx) -> list[Any]:
                a = _one(operand(ctx), op)
                if a is None:
                    return []
                n = _number(a)
                return [-n if op == "-" else n]

            return unary
        left, right = self.compile(token[0]), self.compile(token[1])

        def arith(ctx: Ctx) -> list[Any]:
            a, b = _one(left(ctx), op), _one(right(ctx), op)
            if a is None or b is None:
                return []
            x: Any = _number(a)
            y: Any = _number(b)
            if isinstance(x, Decimal) and isinstance(y, float):
                x = float(x)
            if isinstance(y, Decimal) and isinstance(x, float):
                y = float(y)
            try:
                if op == "+":
                    return [x + y]
                if op == "-":
                    return [x - y]
                if op == "*":
                    return [x * y]
                if op == "div":
                    if isinstance(x, int) and isinstance(y, int):
                        return [Decimal(x) / Decimal(y)]
                    if isinstance(x, float) or isinstance(y, float):
                        return [_float_div(float(x), float(y))]
                    return [x / y]
                if op == "idiv":
                    return [int(x // y)]
                if op == "mod":
                    if isinstance(x, float) or isinstance(y, float):
                        return [math.fmod(x, y) if y else math.nan]
                    return [x % y]
            except (ZeroDivisionError, InvalidOperation):
                raise EvalError("division by zero") from None
            raise Unsupported(op)

        return arith

    # ---- expressions

    def _t_if(self, token: XPathToken) -> Fn:
        cond, then, other = (self.compile(t) for t in token)
        return lambda ctx: then(ctx) if ebv(cond(ctx)) else other(ctx)

    def _bindings(self, token: XPathToken) -> tuple[list[tuple[str, Fn]], Fn]:
        children = list(token)
        if len(children) % 2 != 1:
            raise Unsupported(token.source)
        pairs = []
        for i in range(0, len(children) - 1, 2):
            if children[i].symbol != "$":
                raise Unsupported(token.source)
            pairs.append((str(children[i][0].value), self.compile(children[i + 1])))
        return pairs, self.compile(children[-1])

    def _t_for(self, token: XPathToken) -> Fn:
        pairs, body = self._bindings(token)

        def loop(ctx: Ctx) -> list[Any]:
            out: list[Any] = []
            for bound in _products(pairs, 0, ctx):
                out.extend(body(bound))
            return out

        return loop

    def _t_some(self, token: XPathToken) -> Fn:
        pairs, body = self._bindings(token)
        every = token.symbol == "every"

        def quantified(ctx: Ctx) -> list[Any]:
            for bound in _products(pairs, 0, ctx):
                if ebv(body(bound)) != every:
                    return [not every]
            return [every]

        return quantified

    def _t_castable(self, token: XPathToken) -> Fn:
        operand = self.compile(token[0])
        target = _xs_name(token[1], self.namespaces)
        optional = len(token) > 2 and token[2].symbol == "?"
        castable = token.symbol == "castable"

        def cast(ctx: Ctx) -> list[Any]:
            seq = operand(ctx)
            if not seq:
                if castable:
                    return [optional]
                if optional:
                    return []
                raise EvalError("cast of an empty sequence")
            if len(seq) > 1:
                if castable:
                    return [False]
                raise EvalError("cast of a sequence of several items")
            try:
                value = _cast(target, atomize(seq[0]))
            except EvalError:
                if castable:
                    return [False]
                raise
            return [True] if castable else [value]

        return cast

    # ---- functions

    def _t_function(self, token: XPathToken) -> Fn:
        impl = _FUNCTIONS.get((token.symbol, len(token)))
        if impl is None:
            raise Unsupported(f"function {token.symbol}#{len(token)}")
        args = [self.compile(t) for t in token]
        if token.symbol in ("matches", "replace", "tokenize") and len(token) > 1:
            for i in range(1, len(token)):
                if token[i].symbol != "(string)":
                    raise Unsupported("a regex or flags that are not literals")
        return impl(args)


def _method_name(token: XPathToken) -> str:
    symbol, label = token.symbol, token.label
    table = {
        "(string)": "string",
        "(integer)": "integer",
        "(decimal)": "decimal",
        "(float)": "double",
        "(double)": "double",
        "$": "variable",
        ".": "dot",
        "..": "dotdot",
        "(": "paren",
        ",": "comma",
        "(name)": "name",
        ":": "colon",
        "@": "attribute",
        "/": "slash",
        "//": "dslash",
        "[": "predicate",
        "|": "union",
        "union": "union",
        "and": "and",
        "or": "or",
        "if": "if",
        "for": "for",
        "some": "some",
        "every": "some",
        "castable": "castable",
        "cast": "castable",
    }
    if symbol in table:
        return table[symbol]
    if symbol == "*":
        return "arith" if label == "operator" else "wildcard"
    if symbol in _OPS:
        return "general"
    if symbol in _VALUE_OPS:
        return "value"
    if symbol in ("+", "-", "div", "idiv", "mod"):
        return "arith"
    if label == "axis":
        return "axis"
    if label == "kind test":
        return "kind"
    if "function" in label:
        return "function"
    return "unsupported"


_BOOLEAN_FUNCTIONS = frozenset(
    {
        "not",
        "exists",
        "empty",
        "contains",
        "starts-with",
        "ends-with",
        "matches",
        "boolean",
        "true",
        "false",
    }
)


def _boolean_typed(token: XPathToken) -> bool:
    """True when a predicate surely yields a node sequence or a boolean (never a number)."""
    symbol = token.symbol
    if symbol in ("and", "or", "@", "(name)", ":", "/", "//", "[", "some", "every", "castable"):
        return symbol != ":" or (len(token) == 2 and token[1].symbol in ("(name)", "*"))
    if symbol in _OPS or symbol in _VALUE_OPS:
        return True
    return "function" in token.label and symbol in _BOOLEAN_FUNCTIONS


_PATH_SYMBOLS = frozenset({"/", "//", "(name)", "@", "[", "."})


def _ordered_path(token: XPathToken) -> bool:
    """True when `token` is a path or step, whose results come in document order."""
    return (
        token.symbol in _PATH_SYMBOLS
        or token.label in ("axis", "kind test")
        or (token.symbol == ":" and len(token) == 2 and token[1].symbol in ("(name)", "*"))
    )


def _disjoint_step(token: XPathToken) -> bool:
    """True for a child, attribute or self step (optionally filtered): from distinct bases in
    document order its results are distinct and in document order too."""
    if token.symbol == "[":
        return _disjoint_step(token[0])
    if token.label == "axis":
        return token.symbol in ("child", "attribute", "self")
    if token.symbol in ("(name)", "@") or token.label == "kind test":
        return True
    return token.symbol == ":" and len(token) == 2 and token[1].symbol in ("(name)", "*")


def _is_reverse_step(token: XPathToken) -> bool:
    return token.label == "axis" and token.symbol in (
        "ancestor",
        "ancestor-or-self",
        "preceding-sibling",
        "preceding",
        "parent",
    )


def _plain_child_name(token: XPathToken, namespaces: dict[str, str]) -> str | None:
    """For `//gi`: the Clark name when the step is a bare child name test (fast lxml iter)."""
    if token.symbol == ":" and len(token) == 2 and token[1].symbol == "(name)":
        prefix = str(token[0].value)
        if prefix in namespaces:
            return f"{{{namespaces[prefix]}}}{token[1].value}"
    return None


def _xs_name(token: XPathToken, namespaces: dict[str, str]) -> str:
    if (
        token.symbol == ":"
        and len(token) == 2
        and namespaces.get(str(token[0].value)) == XS_NS
        and str(token[1].value) in _CAST_NAMES
    ):
        return str(token[1].value)
    raise Unsupported(f"type {token.source}")


def _map(bases: list[Any], step: Fn, ctx: Ctx, sort: bool = True) -> list[Any]:
    """`bases/step`; `sort=False` when the results are known to be in document order already
    (a forward, disjoint step such as child or attribute from bases in document order)."""
    size = len(bases)
    out: list[Any] = []
    for pos, base in enumerate(bases, start=1):
        if not is_node(base):
            raise EvalError("a path step on an atomic value")
        out.extend(step(ctx.at(base, pos, size)))
    if out and all(is_node(n) for n in out):
        return _unique(out, ctx.env) if sort and (size > 1 or len(out) > 1) else out
    if any(is_node(n) for n in out):
        raise EvalError("a path yields both nodes and atomic values")
    return out


def _unique(nodes: list[Any], env: Env) -> list[Any]:
    seen: dict[Any, Any] = {}
    for node in nodes:
        seen.setdefault(node if not isinstance(node, etree._Element) else id(node), node)
    return sorted(seen.values(), key=env.key)


def _products(pairs: list[tuple[str, Fn]], i: int, ctx: Ctx) -> Iterator[Ctx]:
    if i == len(pairs):
        yield ctx
        return
    name, source = pairs[i]
    for item in source(ctx):
        yield from _products(
            pairs, i + 1, Ctx(ctx.item, ctx.pos, ctx.size, {**ctx.vars, name: [item]}, ctx.env)
        )


# ----------------------------------------------------------------------------- the library


@lru_cache(maxsize=256)
def _regex(pattern: str, flags: str = "") -> re.Pattern[str]:
    if set(flags) - set("smix"):
        raise EvalError(f"unknown regex flags {flags!r}")
    translated = elementpath.translate_pattern(pattern, flags=0, xsd_version="1.0")
    py_flags = (re.S if "s" in flags else 0) | (re.M if "m" in flags else 0)
    py_flags |= (re.I if "i" in flags else 0) | (re.X if "x" in flags else 0)
    return re.compile(translated, py_flags)


def _s(arg: Fn, ctx: Ctx) -> str:
    return string_of(arg(ctx))


def _f(fn: Callable[..., Any]) -> Callable[[list[Fn]], Fn]:
    """A function over the argument sequences, wrapped into a closure factory."""

    def factory(args: list[Fn]) -> Fn:
        return lambda ctx: fn(ctx, *args)

    return factory


def _name(ctx: Ctx, *args: Fn) -> list[Any]:
    seq = args[0](ctx) if args else [ctx.item]
    if not seq:
        return [""]
    node = seq[0]
    if isinstance(node, etree._Element):
        q = etree.QName(node)
        return [f"{node.prefix}:{q.localname}" if node.prefix else q.localname]
    if isinstance(node, Attr):
        q = etree.QName(node.name)
        return ["xml:" + q.localname if q.namespace == XML_NS else q.localname]
    return [""]


def _local_name(ctx: Ctx, *args: Fn) -> list[Any]:
    seq = args[0](ctx) if args else [ctx.item]
    if not seq:
        return [""]
    node = seq[0]
    if isinstance(node, etree._Element):
        return [etree.QName(node).localname]
    if isinstance(node, Attr):
        return [etree.QName(node.name).localname]
    return [""]


def _substring(ctx: Ctx, text: Fn, start: Fn, length: Fn | None = None) -> list[Any]:
    s = _s(text, ctx)
    begin = _round(_number(_one(start(ctx), "substring") or 0))
    if length is None:
        if math.isfinite(begin):
            return [s[max(int(begin), 1) - 1 :]]
        return ["".join(c for i, c in enumerate(s, start=1) if i >= begin)]
    span = _round(_number(_one(length(ctx), "substring") or 0))
    end = begin + span
    if math.isfinite(begin) and math.isfinite(end):
        return [s[max(int(begin), 1) - 1 : max(int(end), 1) - 1]]
    return ["".join(c for i, c in enumerate(s, start=1) if begin <= i < end)]


def _float_div(x: float, y: float) -> float:
    """IEEE division, as xs:double does it: x div 0e0 is INF, -INF or NaN, never an error."""
    if y != 0:
        return x / y
    if x == 0 or math.isnan(x):
        return math.nan
    return math.copysign(math.inf, x) * math.copysign(1.0, y)


def _round(value: Any) -> float:
    value = float(value)
    return value if math.isnan(value) or math.isinf(value) else math.floor(value + 0.5)


def _minmax(ctx: Ctx, arg: Fn, pick: Callable[..., Any]) -> list[Any]:
    values = [v for v in atoms(arg(ctx))]
    if not values:
        return []
    values = [_number(v) if isinstance(v, Untyped) else v for v in values]
    try:
        return [pick(values)]
    except TypeError:
        raise EvalError("min/max of values that cannot be compared") from None


def _count(ctx: Ctx, a: Fn) -> list[Any]:
    return [len(a(ctx))]


def _tokenize(ctx: Ctx, a: Fn, p: Fn, f: Fn | None = None) -> list[Any]:
    text = _s(a, ctx)
    regex = _regex(_s(p, ctx), _s(f, ctx) if f else "")
    if regex.match(""):
        raise EvalError("tokenize() with a pattern that matches the empty string")
    return [] if text == "" else regex.split(text)


def _replace(ctx: Ctx, a: Fn, p: Fn, r: Fn, f: Fn | None = None) -> list[Any]:
    regex = _regex(_s(p, ctx), _s(f, ctx) if f else "")
    replacement = re.sub(r"\$(\d)", r"\\\1", _s(r, ctx))
    return [regex.sub(replacement, _s(a, ctx))]


def _string_join(ctx: Ctx, a: Fn, sep: Fn | None = None) -> list[Any]:
    return [(_s(sep, ctx) if sep else "").join(_str(v) for v in atoms(a(ctx)))]


def _distinct(ctx: Ctx, a: Fn) -> list[Any]:
    seen: list[Any] = []
    for v in atoms(a(ctx)):
        v = str(v) if isinstance(v, Untyped) else v
        if v not in seen:
            seen.append(v)
    return seen


def _sum(ctx: Ctx, a: Fn) -> list[Any]:
    return [sum((_number(v) for v in atoms(a(ctx))), 0)]


def _string(ctx: Ctx, *args: Fn) -> list[Any]:
    return [string_of(args[0](ctx) if args else [ctx.item])]


_XML_SPACE = re.compile(r"[ \t\r\n]+")


def _normalize(ctx: Ctx, *args: Fn) -> list[Any]:
    return [_XML_SPACE.sub(" ", string_of(args[0](ctx) if args else [ctx.item])).strip(" ")]


def _string_length(ctx: Ctx, *args: Fn) -> list[Any]:
    return [len(string_of(args[0](ctx) if args else [ctx.item]))]


def _id(ctx: Ctx, a: Fn) -> list[Any]:
    found = {}
    for value in atoms(a(ctx)):
        for token in _str(value).split():
            el = ctx.env.by_id(token)
            if el is not None:
                found[id(el)] = el
    return sorted(found.values(), key=ctx.env.key)


def _boolean(ctx: Ctx, a: Fn) -> list[Any]:
    return [ebv(a(ctx))]


def _number_fn(ctx: Ctx, *args: Fn) -> list[Any]:
    value = _one(args[0](ctx) if args else [ctx.item], "number")
    if value is None:
        return [math.nan]
    try:
        return [float(_number(value))]
    except EvalError:
        return [math.nan]


_FUNCTIONS: dict[tuple[str, int], Callable[[list[Fn]], Fn]] = {
    ("not", 1): _f(lambda ctx, a: [not ebv(a(ctx))]),
    ("true", 0): _f(lambda ctx: [True]),
    ("false", 0): _f(lambda ctx: [False]),
    ("boolean", 1): _f(_boolean),
    ("id", 1): _f(_id),
    ("empty", 1): _f(lambda ctx, a: [not a(ctx)]),
    ("exists", 1): _f(lambda ctx, a: [bool(a(ctx))]),
    ("count", 1): _f(_count),
    ("string", 0): _f(_string),
    ("string", 1): _f(_string),
    ("normalize-space", 0): _f(_normalize),
    ("normalize-space", 1): _f(_normalize),
    ("string-length", 0): _f(_string_length),
    ("string-length", 1): _f(_string_length),
    ("concat", 2): _f(lambda ctx, *a: ["".join(_s(x, ctx) for x in a)]),
    ("concat", 3): _f(lambda ctx, *a: ["".join(_s(x, ctx) for x in a)]),
    ("concat", 4): _f(lambda ctx, *a: ["".join(_s(x, ctx) for x in a)]),
    ("concat", 5): _f(lambda ctx, *a: ["".join(_s(x, ctx) for x in a)]),
    ("concat", 6): _f(lambda ctx, *a: ["".join(_s(x, ctx) for x in a)]),
    ("string-join", 1): _f(_string_join),
    ("string-join", 2): _f(_string_join),
    ("contains", 2): _f(lambda ctx, a, b: [_s(b, ctx) in _s(a, ctx)]),
    ("starts-with", 2): _f(lambda ctx, a, b: [_s(a, ctx).startswith(_s(b, ctx))]),
    ("ends-with", 2): _f(lambda ctx, a, b: [_s(a, ctx).endswith(_s(b, ctx))]),
    ("substring", 2): _f(_substring),
    ("substring", 3): _f(_substring),
    ("substring-before", 2): _f(
        lambda ctx, a, b: [_s(a, ctx).partition(_s(b, ctx))[0] if _s(b, ctx) in _s(a, ctx) else ""]
    ),
    ("substring-after", 2): _f(
        lambda ctx, a, b: [_s(a, ctx).partition(_s(b, ctx))[2] if _s(b, ctx) in _s(a, ctx) else ""]
    ),
    ("lower-case", 1): _f(lambda ctx, a: [_s(a, ctx).lower()]),
    ("upper-case", 1): _f(lambda ctx, a: [_s(a, ctx).upper()]),
    ("matches", 2): _f(lambda ctx, a, p: [_regex(_s(p, ctx)).search(_s(a, ctx)) is not None]),
    ("matches", 3): _f(
        lambda ctx, a, p, f: [_regex(_s(p, ctx), _s(f, ctx)).search(_s(a, ctx)) is not None]
    ),
    ("tokenize", 2): _f(_tokenize),
    ("tokenize", 3): _f(_tokenize),
    ("replace", 3): _f(_replace),
    ("replace", 4): _f(_replace),
    ("name", 0): _f(_name),
    ("name", 1): _f(_name),
    ("local-name", 0): _f(_local_name),
    ("local-name", 1): _f(_local_name),
    ("min", 1): _f(lambda ctx, a: _minmax(ctx, a, min)),
    ("max", 1): _f(lambda ctx, a: _minmax(ctx, a, max)),
    ("distinct-values", 1): _f(_distinct),
    ("sum", 1): _f(_sum),
    ("number", 0): _f(_number_fn),
    ("number", 1): _f(_number_fn),
    ("last", 0): lambda args: lambda ctx: [ctx.size],
    ("position", 0): lambda args: lambda ctx: [ctx.pos],
}


def compile_xpath(token: XPathToken, namespaces: dict[str, str]) -> Fn:
    """A closure evaluating `token`, or `Unsupported`."""
    return Compiler(namespaces).compile(token)
