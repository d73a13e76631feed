"""Resolved schemaSpec -> RELAX NG grammar, shaped like the TEI toolchain's odd2relax output.

Define names follow the TEI's: `PREFIXident` for elements and macros, `PREFIXmodel.x` (plus the
`_alternation`, `_sequence`, ... expansions) for model classes, `PREFIXatt.x.attributes` and
`PREFIXatt.x.attribute.NAME` for attribute classes; datatypes are inlined. An element that
overrides or deletes an inherited attribute refers to its class's remaining attributes one by
one, as the TEI toolchain does. Output is deterministic: same input, same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar

from lxml import etree

from tei.odd.errors import OddError
from tei.odd.load import A_NS, RNG, RNG_NS, TEI, TEI_NS, XML_NS, local, text_of
from tei.odd.resolve import EXPANSIONS, class_att_defs, is_kept_pattern, memberships
from tei.odd.source import Source

XSD_DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"
A = f"{{{A_NS}}}"
_CONTAINERS = ("group", "choice", "interleave", "optional", "zeroOrMore", "oneOrMore")
_PURE_GROUPS = {"sequence": "group", "alternate": "choice", "interleave": "interleave"}


# Patterns are built under a scratch element inside the grammar being written: a standalone
# lxml element costs a whole new document, and moving it between documents costs more.
_SCRATCH: ContextVar[etree._Element | None] = ContextVar("scratch", default=None)


def _new(tag: str) -> etree._Element:
    scratch = _SCRATCH.get()
    return etree.Element(tag) if scratch is None else etree.SubElement(scratch, tag)


def _rng(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    el = _new(RNG + tag) if parent is None else etree.SubElement(parent, RNG + tag)
    for k, v in attrs.items():
        el.set(k, v)
    return el


def _occurs(el: etree._Element) -> tuple[int, int | None]:
    """(minOccurs, maxOccurs) of a pure-ODD particle; None means unbounded."""
    lo = int(el.get("minOccurs", "1") or "1")
    hi_text = el.get("maxOccurs", "1") or "1"
    hi = None if hi_text == "unbounded" else int(hi_text)
    return lo, hi


def _repeat(patterns: list[etree._Element], lo: int, hi: int | None) -> list[etree._Element]:
    """Wrap patterns for an occurrence range, as odd2relax does (x, x?, x*, x+, x x x*)."""
    if not patterns:
        return []

    def body(tag: str | None) -> etree._Element:
        wrap = _rng("group") if tag is None else _rng(tag)
        for p in patterns:
            wrap.append(_clone(p))
        if tag is None and len(patterns) == 1:
            return _clone(patterns[0])
        return wrap

    if lo == 1 and hi == 1:
        return patterns
    if lo == 0 and hi == 1:
        return [body("optional")]
    if lo == 0 and hi is None:
        return [body("zeroOrMore")]
    if lo == 1 and hi is None:
        return [body("oneOrMore")]
    out = [body(None) for _ in range(lo)]
    if hi is None:
        out.append(body("zeroOrMore"))
    else:
        out.extend(body("optional") for _ in range(max(hi - lo, 0)))
    return out


def _clone(el: etree._Element, parent: etree._Element | None = None) -> etree._Element:
    """A deep copy of a pattern, made in the current grammar's document."""
    tag = str(el.tag)
    out = _new(tag) if parent is None else etree.SubElement(parent, tag)
    for k, v in el.attrib.items():
        out.set(k, v)
    out.text = el.text
    for child in el:
        if isinstance(child.tag, str):
            _clone(child, out)
    return out


class RngWriter:
    """Builds the grammar for one resolved schemaSpec."""

    def __init__(self, spec: etree._Element, source: Source):
        self.spec = spec
        self.source = source
        self.prefix = spec.get("prefix", "")
        self.specs: dict[str, etree._Element] = {
            s.get("ident", ""): s for s in spec if isinstance(s.tag, str)
        }
        self.kinds = {i: local(s) for i, s in self.specs.items()}
        self.any_defines: list[etree._Element] = []
        self.exceptions = self._default_exceptions()
        self._class_atts: dict[str, dict[str, etree._Element]] = {}
        self._members: dict[str, list[tuple[str, int, int | None]]] | None = None

    # ------------------------------------------------------------ helpers

    def name(self, ident: str) -> str:
        return self.prefix + ident

    def is_att_class(self, ident: str) -> bool:
        s = self.specs.get(ident)
        return s is not None and local(s) == "classSpec" and s.get("type") == "atts"

    def is_model_class(self, ident: str) -> bool:
        s = self.specs.get(ident)
        return s is not None and local(s) == "classSpec" and s.get("type") != "atts"

    def class_atts(self, ident: str) -> dict[str, etree._Element]:
        if ident not in self._class_atts:
            self._class_atts[ident] = class_att_defs(self.specs, ident)
        return self._class_atts[ident]

    def _default_exceptions(self) -> list[etree._Element]:
        value = self.spec.get("defaultExceptions", "http://www.tei-c.org/ns/1.0 teix:egXML")
        nsmap = {
            "teix": "http://www.tei-c.org/ns/Examples",
            **{k: v for k, v in self.spec.nsmap.items() if k},
        }
        out = []
        for token in value.split():
            if ":" in token and not token.startswith(("http:", "https:", "urn:")):
                pfx, lname = token.split(":", 1)
                if pfx not in nsmap:
                    raise OddError(
                        f"schemaSpec/@defaultExceptions uses the undeclared prefix {pfx!r}"
                    )
                el = _rng("name", ns=nsmap[pfx])
                el.text = lname
            else:
                el = _rng("nsName", ns=token)
            out.append(el)
        return out

    # ------------------------------------------------------------ content models

    def content(self, holder: etree._Element, owner: str) -> list[etree._Element]:
        out: list[etree._Element] = []
        for child in holder:
            out.extend(self.particle(child, owner))
        return out

    def particle(self, el: etree._Element, owner: str) -> list[etree._Element]:
        if not isinstance(el.tag, str):
            return []
        ns = etree.QName(el).namespace
        name = local(el)
        if ns == RNG_NS:
            return self.rng_copy(el)
        if ns != TEI_NS:
            return []
        lo, hi = _occurs(el)
        if name in _PURE_GROUPS:
            inner = self.content(el, owner)
            if not inner:
                return []
            wrap = _rng(_PURE_GROUPS[name])
            for p in inner:
                wrap.append(p)
            return _repeat([wrap], lo, hi)
        if name in ("elementRef", "macroRef"):
            key = el.get("key", "")
            if key not in self.specs:
                return []
            return _repeat([_rng("ref", name=self.name(key))], lo, hi)
        if name == "classRef":
            key = el.get("key", "")
            if key not in self.specs:
                return []
            if self.is_att_class(key):
                return [_rng("ref", name=self.name(key + ".attributes"))]
            expand = el.get("expand")
            target = key if not expand else f"{key}_{expand}"
            return _repeat([_rng("ref", name=self.name(target))], lo, hi)
        if name == "textNode":
            return [_rng("text")]
        if name == "empty":
            return [_rng("empty")]
        if name == "anyElement":
            return _repeat([self.any_element(owner)], lo, hi)
        if name == "dataRef":
            return _repeat(self.data_ref(el), lo, hi)
        if name == "valList":
            return self.val_list_choice(el)
        return []

    def rng_copy(self, el: etree._Element) -> list[etree._Element]:
        """RELAX NG written in a spec: copied, with refs renamed and dangling refs dropped."""
        if local(el) == "ref":
            ref = el.get("name", "")
            if not is_kept_pattern(ref, self.specs):
                return []
            return [_rng("ref", name=self.name(ref))]
        out = _rng("group" if local(el) == "div" else local(el))
        for k, v in el.attrib.items():
            out.set(k, v)
        out.text = el.text
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if etree.QName(child).namespace == RNG_NS:
                for p in self.rng_copy(child):
                    out.append(p)
            elif etree.QName(child).namespace == A_NS:
                out.append(_clone(child))
            else:
                for p in self.particle(child, ""):
                    out.append(p)
        if local(el) in _CONTAINERS and not len(out):
            return []
        return [out]

    def any_element(self, owner: str) -> etree._Element:
        n = len(self.any_defines) + 1
        define_name = self.name(f"anyElement_{owner}_{n}")
        define = _rng("define", name=define_name)
        element = _rng("element", define)
        any_name = _rng("anyName", element)
        if self.exceptions:
            exc = _rng("except", any_name)
            for e in self.exceptions:
                exc.append(_clone(e))
        _rng("anyName", _rng("attribute", _rng("zeroOrMore", element)))
        choice = _rng("choice", _rng("zeroOrMore", element))
        _rng("text", choice)
        _rng("ref", choice, name=define_name)
        self.any_defines.append(define)
        return _rng("ref", name=define_name)

    # ------------------------------------------------------------ datatypes

    def data_ref(
        self, el: etree._Element, seen: frozenset[str] = frozenset()
    ) -> list[etree._Element]:
        key = el.get("key")
        if key:
            spec = self.specs.get(key)
            if spec is None or local(spec) != "dataSpec":
                spec = self.source.specs.get(key)
            if spec is None or key in seen:
                return [_rng("text")]
            content = spec.find(TEI + "content")
            if content is None:
                return [_rng("text")]
            return self.data_content(content, seen | {key})
        name = el.get("name")
        if name:
            data = _rng("data", type=name)
            if el.get("restriction"):
                _rng("param", data, name="pattern").text = el.get("restriction")
            for facet in el.findall(TEI + "dataFacet"):
                _rng("param", data, name=facet.get("name", "")).text = facet.get("value", "")
            return [data]
        return [_rng("text")]

    def data_content(self, holder: etree._Element, seen: frozenset[str]) -> list[etree._Element]:
        out: list[etree._Element] = []
        for child in holder:
            if not isinstance(child.tag, str):
                continue
            name = local(child)
            if etree.QName(child).namespace == TEI_NS and name == "dataRef":
                out.extend(_repeat(self.data_ref(child, seen), *_occurs(child)))
            elif etree.QName(child).namespace == TEI_NS and name in ("alternate", "sequence"):
                inner = self.data_content(child, seen)
                if inner:
                    wrap = _rng("choice" if name == "alternate" else "group")
                    for p in inner:
                        wrap.append(p)
                    out.extend(_repeat([wrap], *_occurs(child)))
            else:
                out.extend(self.particle(child, ""))
        return out

    def val_list_choice(self, vl: etree._Element) -> list[etree._Element]:
        items = [i for i in vl.findall(TEI + "valItem")]
        if not items:
            return []
        choice = _rng("choice")
        for item in items:
            _rng("value", choice).text = item.get("ident", "")
            doc = self.documentation(item)
            if doc is not None:
                choice.append(doc)
        return [choice]

    def attribute_value(self, att: etree._Element) -> list[etree._Element]:
        """The value pattern of an attribute: datatype, value list, list-valued if repeatable."""
        dt = att.find(TEI + "datatype")
        if dt is not None:
            base = self.data_content(dt, frozenset())
            lo, hi = _occurs(dt)
        else:
            base, lo, hi = [], 1, 1
        vl = att.find(TEI + "valList")
        vtype = vl.get("type", "open") if vl is not None else "open"
        is_text = not base or (len(base) == 1 and local(base[0]) == "text")
        values = self.val_list_choice(vl) if vl is not None else []
        if vtype == "closed" and values:
            item = values
        elif vtype == "semi" and values and not is_text:
            choice = values[0]
            for p in base:
                choice.append(p)
            item = [choice]
        else:
            item = base if base else [_rng("text")]
        if is_text and not (vtype == "closed" and values):
            return [_rng("text")]
        if hi == 1 and lo == 1:
            return item
        lst = _rng("list")
        for p in _repeat(item, lo, hi):
            lst.append(p)
        return [lst]

    # ------------------------------------------------------------ attributes

    def documentation(self, spec: etree._Element) -> etree._Element | None:
        desc = None
        for d in spec.findall(TEI + "desc"):
            lang = d.get(f"{{{XML_NS}}}lang", "en")
            if lang == "en" and d.get("type") != "deprecationInfo":
                desc = d
                break
        gloss = next(
            (g for g in spec.findall(TEI + "gloss") if g.get(f"{{{XML_NS}}}lang", "en") == "en"),
            None,
        )
        parts = []
        if gloss is not None:
            parts.append("(" + text_of(gloss) + ")")
        if desc is not None:
            parts.append(text_of(desc))
        if not parts:
            return None
        el = _new(A + "documentation")
        el.text = " ".join(parts)
        return el

    def attribute(self, att: etree._Element) -> etree._Element:
        ident = att.get("ident", "")
        alt = att.find(TEI + "altIdent")
        name = text_of(alt) if alt is not None else ident
        attr = _rng("attribute", name=name)
        ns = att.get("ns")
        if ns and not name.startswith("xml:"):
            attr.set("ns", ns)
        default = att.find(TEI + "defaultVal")
        if default is not None and default.text:
            attr.set(A + "defaultValue", default.text.strip())
        doc = self.documentation(att)
        if doc is not None:
            attr.append(doc)
        for p in self.attribute_value(att):
            attr.append(p)
        if att.get("usage") == "req":
            return attr
        opt = _rng("optional")
        opt.append(attr)
        return opt

    @staticmethod
    def att_define_name(cls: str, ident: str) -> str:
        return f"{cls}.attribute.{ident.replace(':', '')}"

    def own_att_defs(self, spec: etree._Element) -> list[etree._Element]:
        att_list = spec.find(TEI + "attList")
        if att_list is None:
            return []
        return [a for a in att_list.iter(TEI + "attDef") if a.get("mode") != "delete"]

    def deleted_atts(self, spec: etree._Element) -> set[str]:
        att_list = spec.find(TEI + "attList")
        if att_list is None:
            return set()
        return {
            a.get("ident", "") for a in att_list.iter(TEI + "attDef") if a.get("mode") == "delete"
        }

    def class_refs(self, cls: str, overridden: set[str], seen: set[str]) -> list[etree._Element]:
        """Refs giving the attributes of class `cls` except the overridden ones."""
        if cls in seen or not self.is_att_class(cls):
            return []
        seen = seen | {cls}
        if not overridden & set(self.class_atts(cls)):
            return [_rng("ref", name=self.name(cls + ".attributes"))]
        spec = self.specs[cls]
        out: list[etree._Element] = []
        for sup in memberships(spec):
            out.extend(self.class_refs(sup, overridden, seen))
        for att in self.own_att_defs(spec):
            if att.get("ident", "") not in overridden:
                define_name = self.att_define_name(cls, att.get("ident", ""))
                out.append(_rng("ref", name=self.name(define_name)))
        return out

    def attribute_patterns(self, spec: etree._Element) -> list[etree._Element]:
        """Class attribute refs then local attributes, for an element or an attribute class."""
        own = self.own_att_defs(spec)
        overridden = {a.get("ident", "") for a in own} | self.deleted_atts(spec)
        out: list[etree._Element] = []
        for key in memberships(spec):
            out.extend(self.class_refs(key, overridden, set()))
        return out

    def att_refs(self, spec: etree._Element) -> list[etree._Element]:
        out: list[etree._Element] = []
        att_list = spec.find(TEI + "attList")
        if att_list is None:
            return out
        for ref in att_list.iter(TEI + "attRef"):
            cls, name = ref.get("class", ""), ref.get("name", "")
            if self.is_att_class(cls) and name:
                out.append(_rng("ref", name=self.name(self.att_define_name(cls, name))))
        return out

    # ------------------------------------------------------------ defines

    def macro_define(self, spec: etree._Element) -> etree._Element:
        define = _rng("define", name=self.name(spec.get("ident", "")))
        content = spec.find(TEI + "content")
        patterns = self.content(content, spec.get("ident", "")) if content is not None else []
        for p in patterns or [_rng("empty")]:
            define.append(p)
        return define

    def att_class_defines(self, spec: etree._Element) -> list[etree._Element]:
        ident = spec.get("ident", "")
        main = _rng("define", name=self.name(ident + ".attributes"))
        out = [main]
        for p in self.attribute_patterns(spec):
            main.append(p)
        for att in self.own_att_defs(spec):
            define_name = self.name(self.att_define_name(ident, att.get("ident", "")))
            main.append(_rng("ref", name=define_name))
            define = _rng("define", name=define_name)
            define.append(self.attribute(att))
            out.append(define)
        if not len(main):
            _rng("empty", main)
        return out

    def _member_index(self) -> dict[str, list[tuple[str, int, int | None]]]:
        """For each class key: its element and model-class members, with memberOf min/max."""
        index: dict[str, list[tuple[str, int, int | None]]] = {}
        for i, s in self.specs.items():
            if self.kinds[i] != "elementSpec" and not self.is_model_class(i):
                continue
            classes = s.find(TEI + "classes")
            if classes is None:
                continue
            seen: set[str] = set()
            for m in classes.findall(TEI + "memberOf"):
                key = m.get("key", "")
                if key in seen:
                    continue
                seen.add(key)
                lo = int(m.get("min", "1") or "1")
                hi_text = m.get("max", "1") or "1"
                hi = None if hi_text == "unbounded" else int(hi_text)
                index.setdefault(key, []).append((i, lo, hi))
        return index

    def model_members(self, ident: str) -> list[list[etree._Element]]:
        """Each member of a model class as patterns (memberOf @min/@max repeat the ref)."""
        if self._members is None:
            self._members = self._member_index()
        return [
            _repeat([_rng("ref", name=self.name(i))], lo, hi)
            for i, lo, hi in self._members.get(ident, [])
        ]

    def model_class_defines(self, spec: etree._Element) -> list[etree._Element]:
        ident = spec.get("ident", "")
        members = self.model_members(ident)
        out = []

        def fill(parent: etree._Element) -> None:
            for patterns in members:
                for p in patterns:
                    parent.append(_clone(p))

        def choice(define: etree._Element) -> None:
            if members:
                fill(_rng("choice", define))
            else:
                _rng("notAllowed", define)

        main = _rng("define", name=self.name(ident))
        choice(main)
        out.append(main)
        for exp in EXPANSIONS:
            define = _rng("define", name=self.name(f"{ident}_{exp}"))
            out.append(define)
            if exp == "alternation":
                choice(define)
                continue
            if not members:
                _rng("notAllowed" if exp == "sequenceRepeatable" else "empty", define)
                continue
            wrapper = {
                "sequence": None,
                "sequenceOptional": "optional",
                "sequenceOptionalRepeatable": "zeroOrMore",
                "sequenceRepeatable": "oneOrMore",
            }[exp]
            for patterns in members:
                parent = define if wrapper is None else _rng(wrapper, define)
                for p in patterns:
                    parent.append(_clone(p))
        return out

    def element_define(self, spec: etree._Element) -> etree._Element:
        ident = spec.get("ident", "")
        alt = spec.find(TEI + "altIdent")
        name = text_of(alt) if alt is not None else ident
        define = _rng("define", name=self.name(ident))
        element = _rng("element", define, name=name)
        ns = spec.get("ns")
        if ns is not None and ns != TEI_NS:
            element.set("ns", ns)
        doc = self.documentation(spec)
        if doc is not None:
            element.append(doc)
        content = spec.find(TEI + "content")
        patterns = self.content(content, ident) if content is not None else []
        for p in patterns or [_rng("empty")]:
            element.append(p)
        for p in self.attribute_patterns(spec):
            element.append(p)
        for p in self.att_refs(spec):
            element.append(p)
        for att in self.own_att_defs(spec):
            element.append(self.attribute(att))
        _rng("empty", element)
        return define

    def start(self) -> etree._Element:
        start = _rng("start")
        names = (self.spec.get("start") or "TEI").split()
        names = [n for n in names if self.kinds.get(n) == "elementSpec"]
        if len(names) == 1:
            _rng("ref", start, name=self.name(names[0]))
        elif names:
            c = _rng("choice", start)
            for n in names:
                _rng("ref", c, name=self.name(n))
        else:
            _rng("notAllowed", start)
        return start

    def build(self) -> etree._ElementTree:
        grammar = etree.Element(
            RNG + "grammar",
            nsmap={None: RNG_NS, "a": A_NS, "tei": TEI_NS},  # type: ignore[dict-item]
            ns=TEI_NS,
            datatypeLibrary=XSD_DATATYPES,
        )
        scratch = etree.SubElement(grammar, RNG + "scratch")
        token = _SCRATCH.set(scratch)
        try:
            self._build_body(grammar)
        finally:
            _SCRATCH.reset(token)
            grammar.remove(scratch)
        return etree.ElementTree(grammar)

    def _build_body(self, grammar: etree._Element) -> None:
        body: list[etree._Element] = []
        for ident, spec in self.specs.items():
            kind = self.kinds[ident]
            if kind == "macroSpec":
                body.append(self.macro_define(spec))
            elif kind == "classSpec" and spec.get("type") == "atts":
                body.extend(self.att_class_defines(spec))
            elif kind == "classSpec":
                body.extend(self.model_class_defines(spec))
        for ident, spec in self.specs.items():
            if self.kinds[ident] == "elementSpec":
                body.append(self.element_define(spec))
        _append_all(grammar, self.any_defines)
        _append_all(grammar, body)
        grammar.append(self.start())


def _append_all(parent: etree._Element, children: Iterable[etree._Element]) -> None:
    for c in children:
        parent.append(c)


def to_rng(spec: etree._Element, source: Source) -> etree._ElementTree:
    """The RELAX NG grammar of a resolved schemaSpec."""
    return RngWriter(spec, source).build()
