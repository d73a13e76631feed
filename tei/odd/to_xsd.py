"""RELAX NG grammar (the TEI's flattened style) -> W3C XML Schema 1.0, for XSD users.

The translation is faithful wherever XSD 1.0 can say the same thing:

* each `<element>` becomes a named complex type (named after its `define`); the start
  elements are the only global element declarations, every other element is declared locally
  (`elementFormDefault="qualified"`), so only the RELAX NG start elements can be roots;
* a `define` holding only content (model classes, macros) becomes an `xs:group`, one holding
  only attributes an `xs:attributeGroup`, one holding only data a named `xs:simpleType`;
  defines that mix attributes and content are expanded where they are used;
* `group`/`choice`/`optional`/`zeroOrMore`/`oneOrMore` map to sequences, choices and
  occurrence bounds; `empty` to an empty sequence and `notAllowed` to an empty choice (which
  nothing matches); `text` makes the content mixed; `data` with `param`s becomes a restriction
  with facets, `value` lists enumerations, `list` an `xs:list` (with length facets for bounded
  item counts), a choice of data a union;
* attributes in the XML namespace refer to the XML namespace schema (`xml:id`, `xml:lang`,
  `xml:space`, `xml:base`), imported without a location (validators ship it).

Where XSD 1.0 cannot express a RELAX NG construct the output deliberately approximates; each
case is listed in `docs/xsd-approximations.md` and has a test:

1. Non-deterministic content (Unique Particle Attribution): a content model in which one
   element could match two particles is relaxed, at the smallest enclosing particle that
   resolves the conflict, to a repeated choice of the element names it can contain. The XSD
   then accepts some orders and counts the RELAX NG rejects (never the reverse).
2. `interleave` becomes a repeated choice of its members (order and counts are lost).
3. Attributes inside a `choice` (or repeated) become optional; required-ness of alternatives
   is lost.
4. Mixed content: `text` anywhere in a content model makes text allowed everywhere in it.
5. Name classes: `anyName`/`nsName` elements and attributes become wildcards
   (`processContents="skip"`); an exception list containing the target namespace becomes
   `##other`, which in XSD 1.0 also excludes unqualified names; elements and attributes in
   a namespace other than the target one (other than `xml:`) become wildcards of that
   namespace, so their own content is not checked.
6. `data/except` and datatypes outside the XSD library are checked as their base type; a
   `list` of mixed item types becomes a list of their union; `xml:*` attributes take the XML
   namespace schema's types, not a customisation's restriction of them.
7. Empty content: RELAX NG lets `empty` elements hold whitespace, XSD does not.

The output depends only on the grammar (no timestamps), so it is byte-identical run to run.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from tei.odd.errors import OddError

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XS_NS = "http://www.w3.org/2001/XMLSchema"
XML_NS = "http://www.w3.org/XML/1998/namespace"
A_NS = "http://relaxng.org/ns/compatibility/annotations/1.0"
XSD_DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"
R = f"{{{RNG_NS}}}"
XS = f"{{{XS_NS}}}"
UNBOUNDED = -1
NOTHING_PATTERN = "[a-[a]]"  # an empty character class: no string matches (for notAllowed data)


class XsdError(OddError):
    """The grammar uses a RELAX NG feature this translator does not handle (CLI: exit 2)."""


# -- particles: the content-model tree in XSD terms -------------------------------------------


@dataclass(eq=False)
class Particle:
    """An XSD particle: element, wildcard, group reference, sequence or choice."""

    kind: str  # "element" | "any" | "group" | "sequence" | "choice"
    min: int = 1
    max: int = 1  # UNBOUNDED for unbounded
    name: str = ""  # element local name or group name
    ns: str = ""  # element namespace, or the wildcard's namespace constraint
    type: str = ""  # element type name
    children: list[Particle] = field(default_factory=list)
    relaxed: bool = False  # already replaced by a repeated choice (approximation 1)

    def key(self) -> tuple[str, str, str]:
        return ("e", self.ns, self.name) if self.kind == "element" else ("w", self.ns, "")


EMPTY = Particle("sequence")  # shared sentinels: never mutated, only compared by identity
NOTHING = Particle("choice")


@dataclass
class Attr:
    """One attribute use: a declaration, an attribute group, or a wildcard."""

    kind: str  # "attribute" | "group" | "any"
    name: str = ""
    ns: str = ""
    type: str | etree._Element = "xs:string"
    required: bool = False


@dataclass
class Content:
    """What a pattern contributes to its element: children, text, attributes or data."""

    particle: Particle = EMPTY
    mixed: bool = False
    attrs: list[Attr] = field(default_factory=list)
    data: list[etree._Element] = field(default_factory=list)


@dataclass
class _Summary:
    """Glushkov-style facts for the UPA check: first keys and keys that may follow an end."""

    nullable: bool
    first: dict[tuple[str, str, str], set[int]]
    cont: dict[tuple[str, str, str], set[int]]


def to_xsd(rng: etree._ElementTree) -> bytes:
    """Translate a RELAX NG grammar into an XML Schema 1.0 document (UTF-8 bytes)."""
    return _Translator(rng.getroot()).run()


def _local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag[len(R) :] if tag.startswith(R) else tag.rsplit("}", 1)[-1]


def _children(el: etree._Element) -> list[etree._Element]:
    """RELAX NG children only (annotations and comments are not patterns)."""
    return [c for c in el if isinstance(c.tag, str) and c.tag.startswith(R)]


def _inherited(el: etree._Element, attr: str, default: str) -> str:
    for a in (el, *el.iterancestors()):
        value = a.get(attr)
        if value is not None:
            return value
    return default


def _occurs(p: Particle, low: int, high: int) -> Particle:
    """Apply occurrence bounds, wrapping in a sequence when the particle already has some."""
    if p is EMPTY or p is NOTHING:
        return EMPTY if (p is NOTHING and low == 0) else p
    if p.min == 1 and p.max == 1:
        p.min, p.max = low, high
        return p
    if low == 0 and high == 1 and p.min in (0, 1):  # (x{1,n})? is x{0,n}
        p.min = 0
        return p
    if low in (0, 1) and high == UNBOUNDED and p.min in (0, 1) and p.max == UNBOUNDED:
        p.min = min(low, p.min)
        return p
    return Particle("sequence", low, high, children=[p])


class _Translator:
    def __init__(self, grammar: etree._Element) -> None:
        if _local(grammar) != "grammar" or grammar.tag != R + "grammar":
            raise XsdError("not a RELAX NG grammar")
        self.grammar = grammar
        self.target = grammar.get("ns", "")
        self.prefix = "tei" if "tei-c.org" in self.target else "t"
        self.defines: dict[str, etree._Element] = {}
        for define in self._defines(grammar):
            name = define.get("name", "")
            if define.get("combine") and name in self.defines:
                self._combine(self.defines[name], define)
            else:
                self.defines[name] = define
        self.kinds: dict[str, str] = {}
        self.element_types: dict[int, str] = {}  # id(element pattern) -> complex type name
        self.type_order: list[tuple[str, etree._Element]] = []
        self.taken_types: set[str] = set()
        self.type_nodes: dict[str, etree._Element] = {}
        self.groups: dict[str, Content] = {}
        self.attr_groups: dict[str, list[Attr]] = {}
        self.group_attr_names: dict[str, list[tuple[str, str]]] = {}
        self.simple_types: dict[str, etree._Element] = {}
        self.pending: list[str] = []
        self.uses_xml = False
        self.relaxed: list[str] = []
        self.summaries: dict[str, _Summary] = {}

    # -- grammar structure ----------------------------------------------------------------

    def _defines(self, node: etree._Element) -> Iterator[etree._Element]:
        for child in _children(node):
            name = _local(child)
            if name == "define":
                yield child
            elif name == "div":
                yield from self._defines(child)
            elif name in ("include", "externalRef", "parentRef", "grammar"):
                raise XsdError(f"RELAX NG <{name}> is not supported: flatten the grammar first")

    def _combine(self, first: etree._Element, more: etree._Element) -> None:
        how = "interleave" if more.get("combine") == "interleave" else "choice"
        body = etree.SubElement(first, R + how)
        for child in _children(first):
            if child is not body:
                body.append(child)
        for child in _children(more):
            body.append(child)

    def kind(self, name: str) -> str:
        """element | attrs | simple | content | mixed: how a define can be translated."""
        if name not in self.kinds:
            define = self.defines.get(name)
            if define is None:
                raise XsdError(f"reference to undefined pattern {name!r}")
            self.kinds[name] = "content"  # provisional, guards against (illegal) loops
            body = _children(define)
            if len(body) == 1 and _local(body[0]) == "element":
                self.kinds[name] = "element"
            else:
                found = self._scan(body)
                if "attribute" in found and not found & {"content", "data"}:
                    self.kinds[name] = "attrs"
                elif "data" in found and not found & {"content", "attribute"}:
                    self.kinds[name] = "simple"
                elif not found & {"attribute", "data"}:
                    self.kinds[name] = "content"
                else:
                    self.kinds[name] = "mixed"
        return self.kinds[name]

    def _scan(self, nodes: Iterable[etree._Element]) -> set[str]:
        found: set[str] = set()
        for node in nodes:
            name = _local(node)
            if name == "attribute":
                found.add("attribute")
            elif name in ("element", "text"):
                found.add("content")
            elif name in ("data", "value", "list"):
                found.add("data")
            elif name == "ref":
                kind = self.kind(node.get("name", ""))
                found |= {
                    "element": {"content"},
                    "attrs": {"attribute"},
                    "simple": {"data"},
                    "content": {"content"},
                    "mixed": {"attribute", "content"},
                }[kind]
            else:
                found |= self._scan(_children(node))
        return found

    # -- patterns -> content ----------------------------------------------------------------

    def content(self, node: etree._Element, optional: bool = False) -> Content:
        name = _local(node)
        if name == "element":
            return Content(self._element_particle(node))
        if name == "ref":
            return self._ref(node, optional)
        if name in ("group", "define", "start"):
            return self._sequence([self.content(c, optional) for c in _children(node)])
        if name == "choice":
            return self._choice([self.content(c, True) for c in _children(node)])
        if name == "interleave":
            parts = [self.content(c, optional) for c in _children(node)]
            merged = self._sequence(parts)
            particles = [p.particle for p in parts if p.particle not in (EMPTY, NOTHING)]
            if particles:
                relaxed = Particle("choice", 0, UNBOUNDED, children=particles)
                merged.particle = relaxed
            return merged
        if name in ("optional", "zeroOrMore", "oneOrMore"):
            inner = self._sequence(
                [self.content(c, optional or name != "oneOrMore") for c in _children(node)]
            )
            low = 1 if name == "oneOrMore" else 0
            high = 1 if name == "optional" else UNBOUNDED
            inner.particle = _occurs(inner.particle, low, high)
            return inner
        if name == "mixed":
            inner = self._sequence([self.content(c, optional) for c in _children(node)])
            inner.mixed = True
            return inner
        if name == "text":
            return Content(mixed=True)
        if name == "empty":
            return Content()
        if name == "notAllowed":
            return Content(NOTHING)
        if name in ("data", "value", "list"):
            return Content(data=[node])
        if name == "attribute":
            return Content(attrs=[self._attribute(node, optional)])
        raise XsdError(f"unexpected RELAX NG <{name}> in a content model")

    def _ref(self, node: etree._Element, optional: bool) -> Content:
        name = node.get("name", "")
        kind = self.kind(name)
        define = self.defines[name]
        if kind == "element":
            return Content(self._element_particle(_children(define)[0]))
        if kind == "content":
            group = self._group(name)
            if group.particle is NOTHING:
                return Content(NOTHING)
            return Content(Particle("group", name=name), mixed=group.mixed)
        if kind == "attrs" and not optional:
            self._attr_group(name)
            return Content(attrs=[Attr("group", name=name)])
        if kind == "simple":
            return Content(data=[node])
        return self.content(define, optional)

    def _group(self, name: str) -> Content:
        if name not in self.groups:
            self.groups[name] = Content()  # placeholder while recursing
            self.groups[name] = self.content(self.defines[name])
            self.pending.append(name)
        return self.groups[name]

    def _attr_group(self, name: str) -> list[Attr]:
        if name not in self.attr_groups:
            self.attr_groups[name] = []
            self.attr_groups[name] = self.content(self.defines[name]).attrs
        return self.attr_groups[name]

    def _sequence(self, parts: list[Content]) -> Content:
        out = Content(mixed=any(p.mixed for p in parts))
        particles = []
        for part in parts:
            out.attrs.extend(part.attrs)
            out.data.extend(part.data)
            if part.particle is NOTHING:
                out.particle = NOTHING
            elif part.particle is not EMPTY:
                particles.append(part.particle)
        if out.particle is not NOTHING and particles:
            out.particle = (
                particles[0] if len(particles) == 1 else Particle("sequence", children=particles)
            )
        return out

    def _choice(self, parts: list[Content]) -> Content:
        live = [p for p in parts if p.particle is not NOTHING or p.attrs or p.data or p.mixed]
        out = Content(mixed=any(p.mixed for p in live))
        for part in live:
            out.attrs.extend(part.attrs)
            out.data.extend(part.data)
        particles = [p.particle for p in live if p.particle not in (EMPTY, NOTHING)]
        if not live:
            out.particle = NOTHING
        elif particles:
            nullable = len(particles) < len(live)
            if len(particles) == 1:
                out.particle = _occurs(particles[0], 0, 1) if nullable else particles[0]
            else:
                out.particle = Particle("choice", 0 if nullable else 1, 1, children=particles)
        return out

    def _element_particle(self, node: etree._Element) -> Particle:
        named = self._name_class(node)
        if named is None:
            return Particle("any", 1, 1, ns=self._wildcard_ns(node))
        ns, local = named
        if ns != self.target and ns != "":
            return Particle("any", 1, 1, ns=ns)
        key = id(node)
        if key not in self.element_types:
            define = next(node.iterancestors(R + "define"), None)
            base = define.get("name", local) if define is not None else local
            if define is None or _children(define)[0] is not node:
                base = f"{base}.{local}"
            type_name = base
            counter = itertools.count(2)
            while type_name in self.taken_types:
                type_name = f"{base}.{next(counter)}"
            self.taken_types.add(type_name)
            self.element_types[key] = type_name
            self.type_order.append((type_name, node))
            self.type_nodes[type_name] = node
        return Particle("element", name=local, ns=ns, type=self.element_types[key])

    def _name_class(self, node: etree._Element) -> tuple[str, str] | None:
        """(namespace, local name) of an element/attribute with a plain name, else None."""
        name = node.get("name")
        if name is None:
            first = _children(node)[0] if _children(node) else None
            if first is None or _local(first) != "name":
                return None
            name = (first.text or "").strip()
            ns_holder = first
        else:
            ns_holder = node
        if ":" in name:
            prefix, local = name.split(":", 1)
            return (XML_NS if prefix == "xml" else node.nsmap.get(prefix) or "", local)
        default = "" if _local(node) == "attribute" else None
        ns = ns_holder.get("ns") if default == "" else _inherited(ns_holder, "ns", "")
        return (ns or "", name)

    def _wildcard_ns(self, node: etree._Element) -> str:
        classes = _children(node)
        name_class = classes[0] if classes else None
        if name_class is None:
            return "##any"
        kind = _local(name_class)
        if kind == "nsName":
            ns = _inherited(name_class, "ns", "")
            return "##local" if ns == "" else ns
        if kind == "choice":
            spaces = set()
            for c in _children(name_class):
                if _local(c) in ("name", "nsName"):
                    spaces.add(_inherited(c, "ns", "") or "##local")
                else:
                    return "##any"
            return " ".join(sorted(spaces))
        excluded = {
            _inherited(c, "ns", "")
            for e in _children(name_class)
            if _local(e) == "except"
            for c in _children(e)
            if _local(c) == "nsName"
        }
        return "##other" if self.target and self.target in excluded else "##any"

    def _attribute(self, node: etree._Element, optional: bool) -> Attr:
        named = self._name_class(node)
        values = _children(node) if node.get("name") is not None else _children(node)[1:]
        if named is None:
            return Attr("any", ns=self._wildcard_ns(node))
        ns, local = named
        if ns == XML_NS:
            self.uses_xml = True
            return Attr("attribute", name=local, ns=ns, required=not optional)
        if ns:
            return Attr("any", ns=ns)
        value_type = self.simple(values[0]) if values else "xs:string"
        return Attr("attribute", name=local, type=value_type, required=not optional)

    # -- data -> simple types -------------------------------------------------------------

    def simple(self, node: etree._Element) -> str | etree._Element:
        """A type name ("xs:token", "tei:teidata.count") or an anonymous xs:simpleType."""
        name = _local(node)
        if name == "ref":
            ref = node.get("name", "")
            if self.kind(ref) == "simple":
                self._simple_type(ref)
                return self.q(f"{ref}")
            body = _children(self.defines[ref])
            return self.simple(body[0]) if len(body) == 1 else "xs:string"
        if name == "data":
            base = self._builtin(node, node.get("type", "string"))
            facets = [
                (p.get("name", ""), (p.text or "")) for p in _children(node) if _local(p) == "param"
            ]
            if not facets:
                return base
            return _restriction(base, facets)
        if name == "value":
            return _restriction(
                self._builtin(node, node.get("type", "token")), [("enumeration", node.text or "")]
            )
        if name == "choice":
            return self._union(_children(node))
        if name == "list":
            return self._list(node)
        if name == "empty":
            return _restriction("xs:string", [("enumeration", "")])
        if name == "notAllowed":
            return _restriction("xs:string", [("pattern", NOTHING_PATTERN)])
        if name in ("group", "define") and len(_children(node)) == 1:
            return self.simple(_children(node)[0])
        return "xs:string"  # text, or a pattern XSD cannot type more precisely

    def _builtin(self, node: etree._Element, type_name: str) -> str:
        library = _inherited(node, "datatypeLibrary", "")
        if library == XSD_DATATYPES:
            return f"xs:{type_name}"
        return "xs:string" if type_name == "string" else "xs:token"

    def _union(self, branches: list[etree._Element]) -> str | etree._Element:
        values = [b for b in branches if _local(b) == "value"]
        if len(values) == len(branches):
            bases = {self._builtin(b, b.get("type", "token")) for b in values}
            if len(bases) == 1:
                return _restriction(bases.pop(), [("enumeration", b.text or "") for b in values])
        members = [self.simple(b) for b in branches]
        union = etree.Element(XS + "simpleType")
        holder = etree.SubElement(union, XS + "union")
        named = [m for m in members if isinstance(m, str)]
        if named:
            holder.set("memberTypes", " ".join(dict.fromkeys(named)))
        for member in members:
            if not isinstance(member, str):
                holder.append(member)
        return union

    def _list(self, node: etree._Element) -> etree._Element:
        items: list[etree._Element] = []
        low, high = self._count_items(node, items)
        types = list(
            dict.fromkeys(
                t if isinstance(t, str) else etree.tostring(t) for t in map(self.simple, items)
            )
        )
        item_type: str | etree._Element
        if len(items) == 0:
            item_type = "xs:string"
        elif len(types) == 1:
            item_type = self.simple(items[0])
        else:
            item_type = self._union(items)
        listed = etree.Element(XS + "simpleType")
        holder = etree.SubElement(listed, XS + "list")
        if isinstance(item_type, str):
            holder.set("itemType", item_type)
        else:
            holder.append(item_type)
        facets = []
        if low > 0:
            facets.append(("minLength", str(low)))
        if high != UNBOUNDED:
            facets.append(("maxLength", str(high)))
        if not facets:
            return listed
        return _restriction(listed, facets)

    def _count_items(self, node: etree._Element, items: list[etree._Element]) -> tuple[int, int]:
        """Min and max number of tokens a list pattern takes; collects the item patterns."""
        name = _local(node)
        if name in ("data", "value", "ref", "text", "empty", "notAllowed"):
            if name == "ref" and self.kind(node.get("name", "")) != "simple":
                return self._count_items(self.defines[node.get("name", "")], items)
            if name in ("empty", "notAllowed"):
                return (0, 0)
            items.append(node)
            return (1, 1)
        counts = [self._count_items(c, items) for c in _children(node)]
        if name == "choice":
            return (min(c[0] for c in counts), _max_of(c[1] for c in counts)) if counts else (0, 0)
        low = sum(c[0] for c in counts)
        high = _sum_max(c[1] for c in counts)
        if name == "optional":
            return (0, high)
        if name == "zeroOrMore":
            return (0, UNBOUNDED if high else 0)
        if name == "oneOrMore":
            return (low, UNBOUNDED if high else 0)
        return (low, high)

    def _simple_type(self, name: str) -> None:
        if name in self.simple_types:
            return
        self.simple_types[name] = etree.Element(XS + "simpleType")  # placeholder (recursion)
        body = _children(self.defines[name])
        derived = self.simple(body[0] if len(body) == 1 else self.defines[name])
        named = etree.Element(XS + "simpleType", name=name)
        if isinstance(derived, str):
            etree.SubElement(named, XS + "restriction", base=derived)
        else:
            named.extend(derived)
        self.simple_types[name] = named

    # -- determinism (UPA) ------------------------------------------------------------------

    def summary(self, p: Particle) -> _Summary:
        """Check one particle bottom-up, relaxing any node whose choices are ambiguous."""
        if p.kind in ("element", "any"):
            first = {p.key(): {id(p)}}
            s = _Summary(False, first, {})
        elif p.kind == "group":
            s = self.group_summary(p.name)
        else:
            kids = [self.summary(c) for c in p.children]
            composed = self._compose(p, kids)
            if isinstance(composed, int) and p.relaxed:  # a wildcard still overlaps: keep it
                composed = _Summary(self._nullable(p), {}, {})
            if isinstance(composed, int):
                if p.kind == "sequence" and composed < len(p.children) - 1:
                    # relax only the prefix that clashes; what follows keeps its order
                    head = Particle("sequence", children=p.children[: composed + 1])
                    self._relax(head)
                    p.children = [head, *p.children[composed + 1 :]]
                else:
                    self._relax(p)
                return self.summary(p)
            s = composed
        if p.max == UNBOUNDED or p.max > 1:
            if (
                _clash(s.cont, s.first, self.target, same_ok=True)
                and p.kind not in ("element", "any")
                and not p.relaxed
            ):
                self._relax(p)
                return self.summary(p)
            s = _Summary(s.nullable or p.min == 0, s.first, _merge(s.cont, s.first))
        elif p.min == 0 and not s.nullable:
            s = _Summary(True, s.first, s.cont)
        return s

    def group_summary(self, name: str) -> _Summary:
        if name not in self.summaries:
            self.summaries[name] = _Summary(True, {}, {})
            particle = self.groups[name].particle
            if particle in (EMPTY, NOTHING):
                self.summaries[name] = _Summary(particle is EMPTY, {}, {})
            else:
                self.summaries[name] = self.summary(particle)
        return self.summaries[name]

    def _compose(self, p: Particle, kids: list[_Summary]) -> _Summary | int:
        """The summary of a sequence or choice, or the index of the child that clashes."""
        if p.kind == "choice":
            first: dict[tuple[str, str, str], set[int]] = {}
            cont: dict[tuple[str, str, str], set[int]] = {}
            for kid in kids:
                if _clash(first, kid.first, self.target, same_ok=False):
                    return -1
                first = _merge(first, kid.first)
                cont = _merge(cont, kid.cont)
            nullable = any(k.nullable for k in kids) or not kids
            return _Summary(nullable, first, cont)
        # sequence
        s = _Summary(True, {}, {})
        for index, kid in enumerate(kids):
            if _clash(s.cont, kid.first, self.target, same_ok=False):
                return index
            if s.nullable and _clash(s.first, kid.first, self.target, same_ok=False):
                return index
            first = _merge(s.first, kid.first) if s.nullable else s.first
            cont = _merge(_merge(s.cont, kid.first), kid.cont) if kid.nullable else kid.cont
            s = _Summary(s.nullable and kid.nullable, first, cont)
        return s

    def _relax(self, p: Particle) -> None:
        """Replace an ambiguous particle by a repeated choice of the names it can hold."""
        leaves: dict[tuple[str, str, str], Particle] = {}
        self._leaves(p, leaves, set())
        nullable = self._nullable(p)
        elements = [v for k, v in sorted(leaves.items()) if k[0] == "e"]
        spaces = sorted({k[1] for k in leaves if k[0] == "w"})
        kids = [Particle("element", name=e.name, ns=e.ns, type=e.type) for e in elements]
        if spaces:
            ns = "##any" if "##any" in spaces or len(spaces) > 1 else spaces[0]
            wild = Particle("any", ns=ns)
            if any(_overlaps(wild.key(), k.key(), self.target) for k in kids):
                wild.ns = "##other"  # the named (target-namespace) elements stay checked
            kids = [k for k in kids if not _overlaps(wild.key(), k.key(), self.target)] + [wild]
        p.kind, p.children, p.relaxed = "choice", kids, True
        p.min = 0 if nullable or p.min == 0 else 1
        p.max = UNBOUNDED

    def _leaves(
        self, p: Particle, out: dict[tuple[str, str, str], Particle], seen: set[str]
    ) -> None:
        if p.kind in ("element", "any"):
            out.setdefault(p.key(), p)
        elif p.kind == "group":
            if p.name not in seen:
                seen.add(p.name)
                particle = self.groups[p.name].particle
                if particle not in (EMPTY, NOTHING):
                    self._leaves(particle, out, seen)
        else:
            for child in p.children:
                self._leaves(child, out, seen)

    def _nullable(self, p: Particle) -> bool:
        if p.min == 0:
            return True
        if p.kind in ("element", "any"):
            return False
        if p.kind == "group":
            return self.group_summary(p.name).nullable
        nulls = [self._nullable(c) for c in p.children]
        return any(nulls) or not nulls if p.kind == "choice" else all(nulls)

    # -- output ---------------------------------------------------------------------------

    def q(self, name: str) -> str:
        """A reference to one of the schema's own components (types, groups)."""
        return f"{self.prefix}:{name}" if self.target else name

    def run(self) -> bytes:
        start = self.grammar.find(R + "start")
        if start is None:
            raise XsdError("the grammar has no <start>")
        roots = self.content(start)
        # translate every element reachable from the start (types are discovered as we go)
        done = 0
        bodies: dict[str, Content] = {}
        while done < len(self.type_order):
            type_name, node = self.type_order[done]
            bodies[type_name] = self._sequence(
                [self.content(c) for c in _children(node)[0 if node.get("name") else 1 :]]
            )
            done += 1
        for name in sorted(self.groups):
            self.group_summary(name)
        for body in bodies.values():
            if body.particle not in (EMPTY, NOTHING):
                self.summary(body.particle)
        return self._write(roots, bodies)

    def _write(self, roots: Content, bodies: dict[str, Content]) -> bytes:
        nsmap = {"xs": XS_NS, self.prefix: self.target} if self.target else {"xs": XS_NS}
        schema = etree.Element(XS + "schema", nsmap=nsmap)
        if self.target:
            schema.set("targetNamespace", self.target)
        schema.set("elementFormDefault", "qualified")
        schema.append(
            etree.Comment(
                " Translated from RELAX NG by tei odd compile; see "
                "docs/xsd-approximations.md for what XSD cannot say. "
            )
        )
        if self.uses_xml:
            etree.SubElement(schema, XS + "import", namespace=XML_NS)
        for root in self._root_elements(roots.particle):
            etree.SubElement(schema, XS + "element", name=root.name, type=self.q(f"{root.type}"))
        for type_name, _node in self.type_order:
            schema.append(self._complex_type(type_name, bodies[type_name]))
        for name in self.pending:
            group = etree.SubElement(schema, XS + "group", name=name)
            particle = self.groups[name].particle
            _note_relaxed(group, particle)
            if particle.min != 1 or particle.max != 1:  # a group's own model group has no bounds
                particle = Particle("sequence", children=[particle])
            group.append(self._model_group(particle))
        for name in sorted(self.attr_groups):
            group = etree.SubElement(schema, XS + "attributeGroup", name=name)
            self._write_attrs(group, self.attr_groups[name])
        for name in sorted(self.simple_types):
            schema.append(self.simple_types[name])
        self._share_simple_types(schema)
        etree.indent(schema, space="  ")
        body = etree.tostring(schema, encoding="unicode")
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()

    def _share_simple_types(self, schema: etree._Element) -> None:
        """Name every anonymous simple type once, and refer to it wherever it recurs.

        The TEI's compiled grammars repeat each datatype inline, and validators compile each
        copy of a pattern facet separately (xmlschema took 17 s to load tei_lite's XSD).
        Innermost types go first, so equal outer types become equal text and are shared too.
        """
        anonymous = [st for st in schema.iter(XS + "simpleType") if st.get("name") is None]
        taken = set(self.defines) | self.taken_types | set(self.simple_types)
        names: dict[bytes, str] = {}
        shared: list[etree._Element] = []
        counter = itertools.count(1)
        for simple in reversed(anonymous):
            text = etree.tostring(simple)
            name = names.get(text)
            if name is None:
                name = f"datatype.{next(counter)}"
                while name in taken:
                    name = f"datatype.{next(counter)}"
                names[text] = name
                simple.set("name", name)
                shared.append(simple)
            holder = simple.getparent()
            assert holder is not None
            holder.remove(simple)
            ref = self.q(f"{name}")
            if holder.tag == XS + "union":
                members = holder.get("memberTypes")
                holder.set("memberTypes", f"{members} {ref}" if members else ref)
            else:
                attr = {XS + "list": "itemType", XS + "restriction": "base"}.get(holder.tag, "type")
                holder.set(attr, ref)
        for simple in sorted(shared, key=lambda st: int(st.get("name", "").split(".")[-1])):
            schema.append(simple)

    def _root_elements(self, p: Particle) -> list[Particle]:
        leaves: dict[tuple[str, str, str], Particle] = {}
        if p not in (EMPTY, NOTHING):
            self._leaves(p, leaves, set())
        return [v for k, v in sorted(leaves.items()) if k[0] == "e" and v.ns == self.target]

    def _complex_type(self, name: str, body: Content) -> etree._Element:
        ctype = etree.Element(XS + "complexType", name=name)
        gloss = self._gloss(name)
        if gloss:
            _document(ctype, gloss)
        _note_relaxed(ctype, body.particle)
        if body.data and body.particle is EMPTY and not body.mixed:
            simple = self._data_type(body.data)
            if not isinstance(simple, str):
                simple.set("name", f"{name}.content")
                self.simple_types[f"{name}.content"] = simple
                simple = self.q(f"{name}.content")
            holder = etree.SubElement(ctype, XS + "simpleContent")
            ext = etree.SubElement(holder, XS + "extension", base=simple)
            self._write_attrs(ext, body.attrs)
            return ctype
        if body.mixed or body.data:
            ctype.set("mixed", "true")
        if body.particle is not EMPTY:
            ctype.append(self._model_group(body.particle))
        self._write_attrs(ctype, body.attrs)
        return ctype

    def _gloss(self, type_name: str) -> str:
        """The element's own documentation (the TEI's gloss and description), if any."""
        node = self.type_nodes.get(type_name)
        if node is None:
            return ""
        for child in node:
            if isinstance(child.tag, str) and child.tag == f"{{{A_NS}}}documentation":
                return " ".join((child.text or "").split())
        return ""

    def _data_type(self, data: list[etree._Element]) -> str | etree._Element:
        if len(data) == 1:
            return self.simple(data[0])
        return self._union(data)

    def _model_group(self, p: Particle) -> etree._Element:
        if p is EMPTY:
            return etree.Element(XS + "sequence")
        if p is NOTHING:
            return etree.Element(XS + "choice")
        if p.kind in ("sequence", "choice"):
            return self._particle(p)
        wrapper = etree.Element(XS + "sequence")
        wrapper.append(self._particle(p))
        return wrapper

    def _particle(self, p: Particle) -> etree._Element:
        if p.kind == "element":
            el = etree.Element(XS + "element", name=p.name, type=self.q(f"{p.type}"))
            if p.ns != self.target:
                el.set("form", "unqualified")
        elif p.kind == "any":
            el = etree.Element(XS + "any", namespace=p.ns, processContents="skip")
        elif p.kind == "group":
            el = etree.Element(XS + "group", ref=self.q(f"{p.name}"))
        else:
            el = etree.Element(XS + p.kind)
            for child in p.children:
                el.append(self._particle(child))
        if p.min != 1:
            el.set("minOccurs", str(p.min))
        if p.max != 1:
            el.set("maxOccurs", "unbounded" if p.max == UNBOUNDED else str(p.max))
        return el

    def _write_attrs(self, parent: etree._Element, attrs: list[Attr]) -> None:
        seen: set[tuple[str, str]] = set()
        wildcards: list[str] = []
        for attr in self._flatten_duplicates(attrs):
            if attr.kind == "any":
                wildcards.append(attr.ns)
                continue
            if attr.kind == "group":
                etree.SubElement(parent, XS + "attributeGroup", ref=self.q(f"{attr.name}"))
                continue
            if (attr.ns, attr.name) in seen:
                continue
            seen.add((attr.ns, attr.name))
            if attr.ns == XML_NS:
                decl = etree.SubElement(parent, XS + "attribute", ref=f"xml:{attr.name}")
            else:
                decl = etree.SubElement(parent, XS + "attribute", name=attr.name)
                if isinstance(attr.type, str):
                    decl.set("type", attr.type)
                else:
                    decl.append(attr.type)
            if attr.required:
                decl.set("use", "required")
        if wildcards:
            spaces = set(wildcards)
            ns = "##any" if "##any" in spaces or len(spaces) > 1 else spaces.pop()
            etree.SubElement(parent, XS + "anyAttribute", namespace=ns, processContents="skip")

    def _flatten_duplicates(self, attrs: list[Attr]) -> list[Attr]:
        """Inline attribute groups whose attributes would otherwise be declared twice."""
        counts: dict[tuple[str, str], int] = {}
        for attr in attrs:
            for name in self._attr_names(attr):
                counts[name] = counts.get(name, 0) + 1
        if all(c == 1 for c in counts.values()):
            return attrs
        out: list[Attr] = []
        for attr in attrs:
            if attr.kind == "group" and any(counts[n] > 1 for n in self._attr_names(attr)):
                out.extend(self._flatten_duplicates(self.attr_groups[attr.name]))
            else:
                out.append(attr)
        merged: dict[tuple[str, str], Attr] = {}
        result = []
        for attr in out:
            if attr.kind != "attribute":
                result.append(attr)
            elif (attr.ns, attr.name) in merged:
                merged[(attr.ns, attr.name)].required &= attr.required
            else:
                merged[(attr.ns, attr.name)] = attr
                result.append(attr)
        return result

    def _attr_names(self, attr: Attr) -> list[tuple[str, str]]:
        if attr.kind == "attribute":
            return [(attr.ns, attr.name)]
        if attr.kind == "group":
            names = self.group_attr_names.get(attr.name)
            if names is None:
                names = [n for a in self.attr_groups[attr.name] for n in self._attr_names(a)]
                self.group_attr_names[attr.name] = names
            return names
        return []


def _document(component: etree._Element, text: str) -> None:
    """Add a line of documentation to a component (its annotation comes first)."""
    annotation = component.find(XS + "annotation")
    if annotation is None:
        annotation = etree.Element(XS + "annotation")
        component.insert(0, annotation)
    etree.SubElement(annotation, XS + "documentation").text = text


def _note_relaxed(component: etree._Element, particle: Particle) -> None:
    """Say in the XSD itself where a content model had to be relaxed (approximation 1)."""
    stack = [particle]
    while stack:
        p = stack.pop()
        if p.relaxed:
            _document(
                component,
                "Relaxed: the RELAX NG content model is not deterministic, which XSD 1.0 requires"
                " (see docs/xsd-approximations.md, approximation 1).",
            )
            return
        stack.extend(p.children)


def _restriction(base: str | etree._Element, facets: list[tuple[str, str]]) -> etree._Element:
    simple = etree.Element(XS + "simpleType")
    restriction = etree.SubElement(simple, XS + "restriction")
    if isinstance(base, str):
        restriction.set("base", base)
    else:
        restriction.append(base)
    for facet, value in facets:
        etree.SubElement(restriction, XS + facet, value=value)
    return simple


def _max_of(values: Iterable[int]) -> int:
    values = list(values)
    return UNBOUNDED if UNBOUNDED in values else max(values, default=0)


def _sum_max(values: Iterable[int]) -> int:
    values = list(values)
    return UNBOUNDED if UNBOUNDED in values else sum(values)


def _overlaps(a: tuple[str, str, str], b: tuple[str, str, str], target: str) -> bool:
    """Whether two particle keys (element names or wildcards) can match the same element."""
    if a[0] == "e" and b[0] == "e":
        return a == b
    if a[0] == "w" and b[0] == "w":
        return _wildcards_overlap(a[1].split(), b[1].split(), target)
    wild, elem = (a, b) if a[0] == "w" else (b, a)
    spaces = wild[1].split()
    if "##any" in spaces:
        return True
    if "##other" in spaces:  # XSD 1.0: neither the target namespace nor unqualified names
        return elem[1] not in ("", target)
    if elem[1] == target and "##targetNamespace" in spaces:
        return True
    return elem[1] in spaces or (elem[1] == "" and "##local" in spaces)


def _wildcards_overlap(a: list[str], b: list[str], target: str) -> bool:
    if "##any" in a or "##any" in b:
        return True
    if "##other" in a and "##other" in b:
        return True
    if "##other" in a or "##other" in b:
        names = b if "##other" in a else a
        return any(n not in ("", "##local", target, "##targetNamespace") for n in names)
    return bool(set(a) & set(b))


def _clash(
    a: dict[tuple[str, str, str], set[int]],
    b: dict[tuple[str, str, str], set[int]],
    target: str,
    *,
    same_ok: bool,
) -> bool:
    """Whether some element could match a particle of `a` and a different one of `b`."""
    if not a or not b:
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    for key, tokens in small.items():
        other = large.get(key)
        if other is not None and not (same_ok and tokens == other and len(tokens) == 1):
            return True
    wild_a = [k for k in a if k[0] == "w"]
    wild_b = [k for k in b if k[0] == "w"]
    for w in wild_a:
        if any(_overlaps(w, k, target) and (k != w or not same_ok) for k in b):
            return True
    return any(_overlaps(w, k, target) and (k != w or not same_ok) for w in wild_b for k in a)


def _merge(
    a: dict[tuple[str, str, str], set[int]], b: dict[tuple[str, str, str], set[int]]
) -> dict[tuple[str, str, str], set[int]]:
    if not b:
        return a
    if not a:
        return b
    out = dict(a)
    for key, tokens in b.items():
        out[key] = out[key] | tokens if key in out else tokens
    return out
