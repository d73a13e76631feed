"""Resolved ODD (`schemaSpec`) -> ISO Schematron, in the shape of the TEI's extract-isosch.

The TEI Stylesheets turn the `constraintSpec`s of a compiled ODD into one ISO Schematron schema
(queryBinding xslt2). Users compare our output with theirs, so we follow the same rules:

* `sch:ns` declarations are copied (except `xsl`, and those of `constraintSpec`s carrying
  `@xml:lang`: the TEI processes only language-neutral constraints); namespaces of
  `elementSpec/@ns` and `attDef/@ns` that were not declared follow as "implicit" ones.
* every `constraint` of a `constraintSpec` with `@scheme` `schematron` or `isoschematron` (and
  no `@xml:lang`) becomes a `pattern` whose id is `SCHEME-constraint-` + the `@ident`s of the
  constraint's ancestors (schemaSpec, spec, attDef, constraintSpec) + its ordinal among *all*
  `constraint` elements of the specification, so ids are stable and match the reference ones.
* a rule (or a bare assert/report) without `@context` gets one derived from where it sits:
  `tei:gi` for an element, `tei:gi/@att` for an element's attribute, `@att` for a class
  attribute, `*` for a class, `/` for the schema.
* deprecation: every `@validUntil` on an element, an element's attribute, a class attribute
  (one rule over the class's direct members; `tei:*` for global classes) or an element's
  attribute value yields a non-fatal report, as the TEI does.
* `paramList`s of the processing model yield `teipm-*` patterns checking `param/@name`.

The output has no timestamp and depends only on the input, so it is byte-identical run to run.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEIX_NS = "http://www.tei-c.org/ns/Examples"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMES = ("schematron", "isoschematron")
IMPLICIT_PREFIX = "esp-"  # prefix stem for undeclared foreign namespaces, as the TEI's

_T = f"{{{TEI_NS}}}"
_S = f"{{{SCH_NS}}}"
_SCH_NSMAP: dict[str | None, str] = {None: SCH_NS}  # Schematron as the default namespace
_ATT_MSG = "WARNING: use of deprecated attribute —"
_VAL_MSG = "WARNING: use of deprecated attribute value — The"
_UNTIL = "will be removed from the TEI on "
_TRAIL = "\n" + " " * 16  # the reference's messages end with the stylesheet's indentation


def to_schematron(spec: etree._Element, *, name: str) -> bytes:
    """Extract the ISO Schematron schema of a resolved `schemaSpec` (odd2odd-style) element."""
    return _Extractor(spec).run(name)


def _in_example(el: etree._Element) -> bool:
    """True inside an `egXML` example, whose markup is never live."""
    return any(a.tag == f"{{{TEIX_NS}}}egXML" for a in el.iterancestors())


def _tei_elements(root: etree._Element, local: str) -> Iterator[etree._Element]:
    for el in root.iter(_T + local):
        if not _in_example(el):
            yield el


def _ancestor(el: etree._Element, local: str) -> etree._Element | None:
    for a in el.iterancestors(_T + local):
        return a
    return None


def _block_comment(root: etree._Element, text: str) -> None:
    border = " " + "*" * len(text) + " "
    for t in (border, f" {text} ", border):
        root.append(etree.Comment(t))


class _Extractor:
    """One extraction: namespace prefixes decided first, then patterns in document order."""

    def __init__(self, spec: etree._Element) -> None:
        self.spec = spec
        self.declared: list[tuple[str, str]] = []
        for ns in spec.iter(_S + "ns"):
            if _in_example(ns) or ns.get("prefix") == "xsl":
                continue
            cspec = _ancestor(ns, "constraintSpec")
            if cspec is not None and cspec.get(XML_LANG) is not None:
                continue
            pair = (ns.get("prefix", ""), ns.get("uri", ""))
            if pair not in self.declared:
                self.declared.append(pair)
        self.implicit: dict[str, str] = {}  # uri -> prefix for undeclared foreign namespaces
        uris = sorted({self._uri(el) for el in self._ns_carriers()} - {""})
        known = {uri: prefix for prefix, uri in reversed(self.declared)}
        fixed = {TEI_NS: "tei", TEIX_NS: "teix"}
        for uri in uris:
            if uri not in known and XSL_NS not in uri:
                taken = {p for p, _ in self.declared}
                prefix = fixed.get(uri)
                self.implicit[uri] = (
                    prefix if prefix and prefix not in taken else self._free_prefix(uri)
                )
        self.prefix_of = {**fixed, **known, **self.implicit}

    def _ns_carriers(self) -> Iterator[etree._Element]:
        for local in ("elementSpec", "attDef", "schemaSpec"):
            yield from _tei_elements(self.spec, local)

    def _uri(self, el: etree._Element) -> str:
        """The namespace a spec's names live in (attributes default to none, elements to TEI)."""
        if el.tag == _T + "attDef":
            return el.get("ns", "")
        for a in (el, *el.iterancestors()):
            if a.get("ns") is not None:
                return a.get("ns", "")
        return TEI_NS

    def _free_prefix(self, uri: str) -> str:
        """A prefix for an undeclared namespace: the spec's own, else a numbered `esp-` one."""
        taken = {p for p, _ in self.declared} | set(self.implicit.values())
        for prefix, bound in sorted(self.spec.nsmap.items(), key=lambda kv: str(kv[0])):
            if bound == uri and prefix and prefix not in taken:
                return prefix
        n = len(self.implicit) + 1
        while f"{IMPLICIT_PREFIX}ns{n}" in taken:
            n += 1
        return f"{IMPLICIT_PREFIX}ns{n}"

    def nsp(self, el: etree._Element | None) -> str:
        """The prefix (with colon) naming things declared by this elementSpec/attDef."""
        if el is None:
            return ""
        uri = self._uri(el)
        return f"{self.prefix_of[uri]}:" if uri else ""

    # -- the schema -------------------------------------------------------------------------

    def run(self, name: str) -> bytes:
        # lxml-stubs do not type a default-namespace map; the value is what lxml documents.
        root = etree.Element(_S + "schema", nsmap=_SCH_NSMAP)  # type: ignore[arg-type]
        root.set("queryBinding", "xslt2")
        etree.SubElement(root, _S + "title").text = "ISO Schematron rules"
        root.append(etree.Comment(f" Extracted from the {name} ODD by tei odd compile. "))
        _block_comment(root, "namespaces, declared:")
        for prefix, uri in self.declared:
            etree.SubElement(root, _S + "ns", prefix=prefix, uri=uri)
        _block_comment(root, "namespaces, implicit:")
        for uri, prefix in sorted(self.implicit.items(), key=lambda kv: kv[1]):
            etree.SubElement(root, _S + "ns", prefix=prefix, uri=uri)
        keys = [k for k in self.spec.iter(f"{{{XSL_NS}}}key") if not self._skipped(k)]
        if keys:
            _block_comment(root, "keys:")
            root.extend(self._copy(k) for k in keys)
        patterns = list(self._constraint_patterns())
        if patterns:
            _block_comment(root, "constraints:")
            root.extend(patterns)
        deprecated = list(self._deprecation_patterns())
        if deprecated:
            _block_comment(root, "deprecated:")
            root.extend(deprecated)
        params = list(self._paramlist_patterns())
        if params:
            _block_comment(root, "parameter lists:")
            root.extend(params)
        etree.indent(root, space="   ")
        body = etree.tostring(root, encoding="unicode")
        return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'.encode()

    def _skipped(self, el: etree._Element) -> bool:
        if _in_example(el):
            return True
        cspec = _ancestor(el, "constraintSpec")
        return cspec is not None and cspec.get(XML_LANG) is not None

    # -- constraints ------------------------------------------------------------------------

    def _constraint_patterns(self) -> Iterator[etree._Element]:
        for number, constraint in enumerate(self.spec.iter(_T + "constraint"), start=1):
            cspec = constraint.getparent()
            if (
                cspec is None
                or cspec.tag != _T + "constraintSpec"
                or cspec.get("scheme") not in SCHEMES
                or cspec.get(XML_LANG) is not None
                or _in_example(constraint)
            ):
                continue
            idents = [
                a.get("ident", "")
                for a in reversed(list(constraint.iterancestors()))
                if a.get("ident") is not None
            ]
            pattern_id = "-".join([f"{cspec.get('scheme')}-constraint", *idents, str(number)])
            yield from self._patterns_of(constraint, pattern_id)

    def _patterns_of(self, constraint: etree._Element, pattern_id: str) -> Iterator[etree._Element]:
        children = [c for c in constraint if isinstance(c.tag, str)]
        for child in children:
            if child.tag == _S + "pattern":
                yield self._copy(child)
        if any(c.tag == _S + "rule" for c in children):
            pattern = etree.Element(_S + "pattern", id=pattern_id)
            for child in constraint:
                if child.tag != _S + "pattern" and child.tag != _S + "ns":
                    copied = self._copy_node(child)
                    if copied is not None:
                        pattern.append(copied)
            yield pattern
        if any(c.tag in (_S + "assert", _S + "report") for c in children):
            pattern = etree.Element(_S + "pattern", id=pattern_id)
            rule = etree.SubElement(pattern, _S + "rule", context=self.context(constraint))
            for child in children:
                if child.tag in (_S + "assert", _S + "report", _S + "let"):
                    rule.append(self._copy(child))
            yield pattern

    def context(self, here: etree._Element) -> str:
        """The rule context the TEI derives from where a context-less rule is declared."""
        att = _ancestor(here, "attDef")
        if att is not None and _ancestor(att, "classSpec") is not None:
            return f"@{self.nsp(att)}{att.get('ident', '')}"
        element = _ancestor(here, "elementSpec")
        if att is not None and element is not None:
            gi = f"{self.nsp(element)}{element.get('ident', '')}"
            return f"{gi}/@{self.nsp(att)}{att.get('ident', '')}"
        if _ancestor(here, "classSpec") is not None:
            return "*"
        if element is not None:
            return f"{self.nsp(element)}{element.get('ident', '')}"
        if _ancestor(here, "macroSpec") is not None:
            return ""
        return "/"

    def _copy_node(self, el: etree._Element) -> etree._Element | None:
        """Copy markup, or None for what the TEI drops: comments, PIs, `sch:ns`, `sch:key`."""
        if not isinstance(el.tag, str) or el.tag in (_S + "ns", _S + "key"):
            return None
        return self._copy(el)

    def _copy(self, el: etree._Element) -> etree._Element:
        """Copy Schematron (or XSLT) markup into the output's default namespace, text intact.

        Comments are dropped (the TEI's odd2odd has already removed them from its output).
        """
        new = etree.Element(etree.QName(el).text)
        for key, value in el.attrib.items():
            new.set(key, value)
        if el.tag == _S + "rule" and new.get("context") is None:
            new.set("context", self.context(el))
        new.text = el.text
        new.tail = el.tail
        for child in el:
            copied = self._copy_node(child)
            if copied is not None:
                new.append(copied)
            elif child.tail:
                _append_text(new, child.tail)
        return new

    # -- deprecation ------------------------------------------------------------------------

    def _deprecation_patterns(self) -> Iterator[etree._Element]:
        for el in self.spec.iter(_T + "*"):
            until = el.get("validUntil")
            if until is None or _in_example(el):
                continue
            local = etree.QName(el).localname
            element = _ancestor(el, "elementSpec")
            if local == "attDef" and element is not None:
                gi = element.get("ident", "")
                text = f"{_ATT_MSG} @{el.get('ident')} of the {gi} element {_UNTIL}{until}.{_TRAIL}"
                yield _report_pattern(self.context(el), f"@{self.nsp(el)}{el.get('ident')}", text)
            elif local == "attDef" and _ancestor(el, "classSpec") is not None:
                cls = _ancestor(el, "classSpec")
                assert cls is not None
                yield self._class_att_deprecation(el, cls.get("ident", ""), until)
            elif local == "elementSpec":
                pattern = _report_pattern(f"{self.nsp(el)}{el.get('ident')}", "true()", "")
                report = pattern[0][0]
                report.text = _TRAIL + "  WARNING: use of deprecated element — The "
                etree.SubElement(report, _S + "name").tail = f" element {_UNTIL}{until}. {_TRAIL}"
                yield pattern
            elif local == "valItem" and element is not None:
                att = _ancestor(el, "attDef")
                att_name = att.get("ident", "") if att is not None else ""
                gi = element.get("ident", "")
                text = (
                    f"{_VAL_MSG} the value '{el.get('ident')}' of @{att_name} of the {gi} "
                    f"element {_UNTIL}{until}.{_TRAIL}"
                )
                test = f"@{att_name} eq '{el.get('ident')}'"
                yield _report_pattern(f"{self.nsp(element)}{gi}", test, text)

    def _class_att_deprecation(self, att: etree._Element, cls: str, until: str) -> etree._Element:
        if "global" in cls:
            context = "tei:*"
        else:
            members = [
                f"{self.nsp(e)}{e.get('ident')}"
                for e in _tei_elements(self.spec, "elementSpec")
                if any(m.get("key") == cls for m in e.iterfind(f"{_T}classes/{_T}memberOf"))
            ]
            context = "|".join(members)
        pattern = _report_pattern(context, f"@{att.get('ident')}", "")
        report = pattern[0][0]
        report.text = f"{_ATT_MSG} @{att.get('ident')} of the "
        etree.SubElement(report, _S + "name").tail = f" element {_UNTIL}{until}.{_TRAIL}"
        return pattern

    # -- processing model -------------------------------------------------------------------

    def _paramlist_patterns(self) -> Iterator[etree._Element]:
        counts: dict[int, int] = {}
        for plist in _tei_elements(self.spec, "paramList"):
            element = _ancestor(plist, "elementSpec")
            key = id(element)
            counts[key] = counts.get(key, 0) + 1
            gi = element.get("ident", "") if element is not None else ""
            parent = plist.getparent()
            behaviour = parent.get("ident", "") if parent is not None else ""
            params = [p.get("ident", "") for p in plist.iterfind(_T + "paramSpec")]
            pattern = etree.Element(_S + "pattern", id=f"teipm-{gi}-paramList-{counts[key]}")
            rule = etree.SubElement(
                pattern,
                _S + "rule",
                context=f"tei:param[parent::tei:model/@behaviour='{behaviour}']",
            )
            test = "   or  ".join(f"@name='{p}'" for p in params)
            check = etree.SubElement(rule, _S + "assert", role="error", test=test)
            check.text = "\n          Parameter name '"
            etree.SubElement(check, _S + "value-of", select="@name").tail = "'  (on "
            etree.SubElement(
                check, _S + "value-of", select="ancestor::tei:elementSpec/@ident"
            ).tail = ") not allowed.\n          Must  be  drawn from the list: " + ", ".join(params)
            yield pattern


def _report_pattern(context: str, test: str, text: str) -> etree._Element:
    pattern = etree.Element(_S + "pattern")
    rule = etree.SubElement(pattern, _S + "rule", context=context)
    report = etree.SubElement(rule, _S + "report", test=test, role="nonfatal")
    report.text = text
    return pattern


def _append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child of `parent` (or to its text when it has none)."""
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
