"""ISO Schematron with XPath 2.0 (queryBinding xslt2), run in Python by elementpath.

lxml's isoschematron compiles to XSLT 1.0 and cannot run the TEI's rules. Here a schema is compiled
once (`Schematron.from_path`): every rule context, `let`, `assert`/`report` test and message
`value-of` becomes a parsed elementpath token. Checking a document then costs one pass over its
elements (an index by name and attribute) plus one XPath evaluation per (rule, matching node):
rule contexts of the common shapes (`tei:gi`, `tei:gi[pred]`, `tei:*[@att]`, unions of those) find
their nodes through the index instead of a walk of the whole tree per rule.

Every rule runs. A rule that cannot be compiled, or whose XPath fails on a node, becomes an ENGINE
diagnostic on the document: never a silent skip. Findings carry the source line of the context
node (its parent element's for an attribute) and the code `SCH-<id>` (see `rule_code`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import elementpath
from elementpath import XPath2Parser
from elementpath.xpath_tokens import XPathToken
from lxml import etree

from tei.diagnostics.codes import diagnostic, lookup
from tei.diagnostics.model import Diagnostic, Severity
from tei.validate.sch_cache import ParseCache
from tei.validate.sch_match import Item, Matcher, PatternError, SchDoc, element_of
from tei.validate.sch_native import MayFail, may_fail, native_test
from tei.validate.sch_python import PyPattern, PyRule, compile_lets, plan_pattern, to_python
from tei.validate.xpath_accel import accelerate
from tei.validate.xpath_py import Compiler, Ctx, Fn, Unsupported, ebv
from tei.validate.xpath_text import lxml_boolean

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TEI_NS = "http://www.tei-c.org/ns/1.0"
ENGINE = "schematron"
_S = f"{{{SCH_NS}}}"
_CURRENT_VAR = "sch_current_node"
_CURRENT = re.compile(r"\bcurrent\(\s*\)")
RULE_ERRORS = (
    elementpath.ElementPathError,
    ArithmeticError,
    LookupError,
    TypeError,
    ValueError,
    AttributeError,
    RecursionError,
    re.error,
    etree.XPathError,
)
"""What evaluating a rule may raise (XPath dynamic errors, and any slip of the compiled evaluator):
reported as an ENGINE finding on the document, never a crash of the run and never a pass."""
_SEVERITY = {
    "error": Severity.ERROR,
    "fatal": Severity.ERROR,
    "warning": Severity.WARNING,
    "warn": Severity.WARNING,
    "nonfatal": Severity.WARNING,
    "info": Severity.INFO,
    "information": Severity.INFO,
}
_PATTERN_PREFIX = re.compile(r"^(?:iso)?schematron-constraint-[^-]+-")
_ORDINAL = re.compile(r"-\d+$")


class SchematronError(Exception):
    """The schema file itself cannot be read as ISO Schematron (not a rule failure)."""


def severity_of(role: str | None) -> Severity:
    """`role` -> severity: error/fatal, warning/warn/nonfatal, info; no role is an error."""
    if not role:
        return Severity.ERROR
    return _SEVERITY.get(role.strip().lower(), Severity.ERROR)


def rule_code(check_id: str | None, rule_id: str | None, pattern_id: str | None) -> str:
    """The stable code of a finding: `SCH-` + the assert's id, else the rule's, else the pattern's.

    A pattern id written by the TEI's extract-isosch (`schematron-constraint-SCHEMA-...-N`) loses
    its fixed prefix and trailing ordinal, leaving the spec and `constraintSpec` idents.
    """
    if check_id:
        return f"SCH-{check_id}"
    if rule_id:
        return f"SCH-{rule_id}"
    if pattern_id:
        short = _ORDINAL.sub("", _PATTERN_PREFIX.sub("", pattern_id)) or pattern_id
        return f"SCH-{short}"
    return "SCH-anonymous"


def _family_code(check_id: str | None) -> str | None:
    """The code of an assert/report with an @id: pointer and alignment rules (ids `ref-*`,
    `align-*`, agreed with the customisation) report under REF and ALIGN, the others `SCH-<id>`.
    None without an @id."""
    if not check_id:
        return None
    if check_id.startswith("ref-"):
        return "REF"
    if check_id.startswith("align-"):
        return "ALIGN"
    return f"SCH-{check_id}"


def owns_pointer_checks(schematron: Schematron | None) -> bool:
    """True when the Schematron itself checks pointers and alignment (then refs.py stays off)."""
    if schematron is None:
        return False
    return any(c.code in ("REF", "ALIGN") for r in schematron.rules for c in r.checks)


# --------------------------------------------------------------------------- compiled form


@dataclass(frozen=True)
class Message:
    """A message template: text pieces and `value-of`/`name` tokens, joined and normalised."""

    parts: tuple[str | XPathToken | None, ...]  # None is `<name/>` of the context node

    def render(self, doc: SchDoc, item: Item, variables: dict[str, Any]) -> str:
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif part is None:
                out.append(_node_name(item))
            else:
                out.append(_string_of(part.evaluate(doc.context(item, variables))))
        return " ".join("".join(out).split())


@dataclass(frozen=True)
class Check:
    """One `assert` (fails when false) or `report` (fires when true)."""

    is_assert: bool
    test: str
    token: XPathToken
    fast: etree.XPath | None  # the same test in libxml2, when that is exact (see xpath_text)
    message: Message
    hint: Message | None
    see: str | None  # ISO Schematron @see: where the rule is documented
    code: str
    severity: Severity


@dataclass(frozen=True)
class Let:
    name: str
    token: XPathToken
    text: str = ""  # the expression, as the key of a per-document cache when context-free


@dataclass
class Rule:
    """A rule: where it applies (context), its variables and checks; `problem` if uncompilable."""

    context: str
    pattern: str | None
    rule_id: str | None
    matcher: Matcher | None
    lets: tuple[Let, ...]
    checks: tuple[Check, ...]
    problem: str | None = None

    @property
    def code(self) -> str:
        return rule_code(None, self.rule_id, self.pattern)


@dataclass
class Pattern:
    pattern_id: str | None
    lets: tuple[Let, ...]
    rules: list[Rule] = field(default_factory=list)
    python: PyPattern | None = None  # the compiled-Python plan, when every expression compiles
    native: MayFail | None = None  # a proven pre-check that skips passing nodes (sch_native)


def _position(node: Any) -> int:
    return int(getattr(node, "position", 0) or 0)


def _string_of(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(_string_of(v) for v in value)
    if isinstance(value, elementpath.XPathNode):
        return str(value.string_value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _node_name(node: Any) -> str:
    if isinstance(node, etree._Element):
        return etree.QName(node).localname
    name = getattr(node, "name", None)
    if not name:
        return ""
    qname = etree.QName(name) if str(name).startswith("{") else None
    return qname.localname if qname is not None else str(name)


def _generate_id(node: Any = None) -> str:
    """XSLT's generate-id(): a stable id per node within one document (its document position)."""
    if isinstance(node, list):
        node = node[0] if node else None
    return "" if node is None else f"n{_position(node)}"


# --------------------------------------------------------------------------- the schema


class Schematron:
    """A compiled ISO Schematron schema; `check` runs every rule on one parsed document."""

    name = ENGINE

    def __init__(
        self,
        root: etree._Element,
        name: str = "",
        python: bool = True,
        native: bool = True,
        cache: ParseCache | None = None,
    ) -> None:
        if root.tag != f"{_S}schema":
            raise SchematronError(f"{name or 'schema'}: the root is not an ISO Schematron <schema>")
        self.source_name = name
        self._cache = cache
        root = _instantiate_abstract_patterns(root)
        self.namespaces = {"xml": XML_NS}
        for ns in root.iter(f"{_S}ns"):
            self.namespaces[ns.get("prefix", "")] = ns.get("uri", "")
        self._parser = XPath2Parser(namespaces=dict(self.namespaces))
        self._parser.external_function(_generate_id, name="generate-id")
        self._diagnostics = {d.get("id"): d for d in root.iter(f"{_S}diagnostic")}
        self._abstract = {r.get("id"): r for r in root.iter(f"{_S}rule") if r.get("abstract")}
        self.problems: list[str] = []
        self.lets = self._lets(root, "schema")
        self.patterns: list[Pattern] = []
        for pat in root.iter(f"{_S}pattern"):
            pattern = Pattern(pat.get("id"), self._lets(pat, f"pattern {pat.get('id')}"))
            if native:
                pattern.native = native_test(pat, self.namespaces)
            for rule in pat.iterchildren(f"{_S}rule"):
                if rule.get("abstract") != "true":
                    pattern.rules.append(self._rule(rule, pattern.pattern_id))
            self.patterns.append(pattern)
        self.python_lets: tuple[tuple[str, str, Fn], ...] | None = None
        if python:
            self._plan_python()

    def _plan_python(self) -> None:
        """Compile what can be compiled to Python closures (xpath_py); the rest: elementpath."""
        compiler = Compiler(self.namespaces)
        try:
            self.python_lets = compile_lets(self.lets, compiler)
        except Unsupported:
            return
        for pattern in self.patterns:
            pattern.python = plan_pattern(pattern, compiler)

    @classmethod
    def from_path(cls, path: str | Path) -> Schematron:
        """Read and compile a `.sch`/`.isosch` file (a trusted schema, parsed without network)."""
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        try:
            data = Path(path).read_bytes()
            root = etree.fromstring(data, parser)
        except (OSError, etree.XMLSyntaxError) as exc:
            raise SchematronError(f"{path}: cannot read the Schematron schema: {exc}") from exc
        cache = ParseCache(data)
        compiled = cls(root, name=Path(path).name, cache=cache)
        cache.save()
        return compiled

    @property
    def rules(self) -> list[Rule]:
        return [r for p in self.patterns for r in p.rules]

    # ---- compilation

    def _xpath(self, text: str) -> XPathToken:
        """The parsed expression (from the per-user cache when the same schema was parsed
        before: sch_cache), then accelerated."""
        token = self._cache.get(text) if self._cache is not None else None
        if token is None:
            token = self._parser.parse(_CURRENT.sub(f"${_CURRENT_VAR}", text))
            if self._cache is not None:
                self._cache.put(text, token)
        accelerate(token, self.namespaces)
        return token

    def _lets(self, parent: etree._Element, where: str) -> tuple[Let, ...]:
        lets = []
        for let in parent.iterchildren(f"{_S}let"):
            value = let.get("value")
            if value is None:
                self.problems.append(f"{where}: <let name={let.get('name')!r}> has no @value")
                continue
            try:
                lets.append(Let(let.get("name", ""), self._xpath(value), value))
            except elementpath.ElementPathError as exc:
                self.problems.append(f"{where}: <let name={let.get('name')!r}> {exc}")
        return tuple(lets)

    def _rule(self, rule: etree._Element, pattern_id: str | None) -> Rule:
        context = rule.get("context", "")
        parts = [rule, *self._extended(rule)]
        compiled = Rule(context, pattern_id, rule.get("id"), None, (), ())
        try:
            compiled.matcher = Matcher(_CURRENT.sub(".", context), self._parser, self.namespaces)
            compiled.lets = tuple(
                Let(let.get("name", ""), self._xpath(let.get("value", "()")))
                for part in parts
                for let in part.iterchildren(f"{_S}let")
            )
            compiled.checks = tuple(
                self._check(el, rule.get("id"), pattern_id)
                for part in parts
                for el in part.iterchildren(f"{_S}assert", f"{_S}report")
            )
        except (elementpath.ElementPathError, SchematronError, PatternError) as exc:
            compiled.problem = str(exc)
        return compiled

    def _extended(self, rule: etree._Element) -> list[etree._Element]:
        found = []
        for ext in rule.iterchildren(f"{_S}extends"):
            base = self._abstract.get(ext.get("rule"))
            if base is None:
                raise SchematronError(f"<extends rule={ext.get('rule')!r}> names no abstract rule")
            found.extend([base, *self._extended(base)])
        return found

    def _check(self, el: etree._Element, rule_id: str | None, pattern_id: str | None) -> Check:
        test = el.get("test", "")
        hint = None
        for ref in (el.get("diagnostics") or "").split():
            if ref in self._diagnostics:
                hint = self._message(self._diagnostics[ref])
                break
        return Check(
            is_assert=el.tag == f"{_S}assert",
            test=test,
            token=self._xpath(test),
            fast=lxml_boolean(test, self.namespaces),
            message=self._message(el),
            hint=hint,
            see=el.get("see"),
            code=_family_code(el.get("id")) or rule_code(None, rule_id, pattern_id),
            severity=severity_of(el.get("role")),
        )

    def _message(self, el: etree._Element) -> Message:
        parts: list[str | XPathToken | None] = [el.text or ""]
        for child in el:
            if child.tag == f"{_S}value-of":
                parts.append(self._xpath(child.get("select", ".")))
            elif child.tag == f"{_S}name":
                path = child.get("path")
                parts.append(self._xpath(f"name({path})") if path else None)
            elif isinstance(child.tag, str):
                parts.append("".join(str(t) for t in child.itertext()))
            parts.append(child.tail or "")
        return Message(tuple(parts))

    # ---- checking

    def check(self, doc: etree._ElementTree, file: str) -> list[Diagnostic]:
        """Every finding of every rule on `doc`, reported against `file`."""
        return list(self.iter_diagnostics(doc, file))

    def iter_diagnostics(self, doc: etree._ElementTree, file: str) -> Iterator[Diagnostic]:
        for problem in self.problems:
            yield _engine_problem(file, f"a Schematron variable cannot be compiled: {problem}")
        state = SchDoc(doc)
        variables: dict[str, Any] | None = None
        python: dict[str, Any] | None = None
        for pattern in self.patterns:
            try:
                if pattern.python is not None and self.python_lets is not None:
                    if python is None:
                        python = _bind_python(self.python_lets, state, {})
                    yield from self._run_python(pattern, pattern.python, state, python, file)
                    continue
                if variables is None:
                    variables = _bind(self.lets, state, state.root, {}) if self.lets else {}
            except RULE_ERRORS as exc:
                yield _engine_problem(file, f"a Schematron <let> of the schema failed: {exc}")
                return
            yield from self._run_pattern(pattern, state, variables, file)

    def _run_python(
        self,
        pattern: Pattern,
        plan: PyPattern,
        doc: SchDoc,
        variables: dict[str, Any],
        file: str,
    ) -> Iterator[Diagnostic]:
        """`_run_pattern` with the compiled-Python plan (same order, same findings). With a native
        pre-check, nodes it proves passing are skipped, and the pattern's variables are bound only
        when some node needs the generic check."""
        bound: dict[str, Any] | None = None if plan.lets else variables
        if pattern.native is None and bound is None:
            try:
                bound = _bind_python(plan.lets, doc, variables)
            except RULE_ERRORS as exc:
                yield _engine_problem(file, f"pattern {pattern.pattern_id}: a <let> failed: {exc}")
                return
        for found in _rule_contexts(pattern.rules, doc, {}, file):
            if isinstance(found, Diagnostic):
                yield found
                continue
            index, item = found
            if pattern.native is not None and not may_fail(pattern.native, doc, item):
                continue
            if bound is None:
                try:
                    bound = _bind_python(plan.lets, doc, variables)
                except RULE_ERRORS as exc:
                    yield _engine_problem(
                        file, f"pattern {pattern.pattern_id}: a <let> failed: {exc}"
                    )
                    return
            yield from _run_rule_python(
                pattern.rules[index], plan.rules[index], doc, item, bound, file
            )

    def _run_pattern(
        self, pattern: Pattern, doc: SchDoc, variables: dict[str, Any], file: str
    ) -> Iterator[Diagnostic]:
        if pattern.lets:
            try:
                variables = _bind(pattern.lets, doc, doc.root, variables, shared=True)
            except RULE_ERRORS as exc:
                yield _engine_problem(file, f"pattern {pattern.pattern_id}: a <let> failed: {exc}")
                return
        for found in _rule_contexts(pattern.rules, doc, variables, file):
            if isinstance(found, Diagnostic):
                yield found
            else:
                index, item = found
                yield from _run_rule(pattern.rules[index], doc, item, variables, file)


def _rule_contexts(
    rules: Sequence[Rule], doc: SchDoc, variables: dict[str, Any], file: str
) -> Iterator[tuple[int, Item] | Diagnostic]:
    """Each rule's context nodes as (rule index, node), a node only for the first rule of the
    pattern that matches it (the Schematron rule); a rule that cannot run is a finding instead,
    and the other rules still run. Both evaluators walk a pattern through this."""
    fired: set[object] = set()
    many = len(rules) > 1
    for index, rule in enumerate(rules):
        if rule.problem is not None or rule.matcher is None:
            yield _engine_problem(
                file,
                f"the Schematron rule {rule.code} (context {rule.context!r}) cannot be "
                f"compiled, so it was not checked: {rule.problem}",
            )
            continue
        try:
            items = rule.matcher.nodes(doc, variables)
        except RULE_ERRORS as exc:
            yield _engine_problem(
                file, f"the context {rule.context!r} of rule {rule.code} failed: {exc}"
            )
            continue
        for item in items:
            if many:
                key = doc.key(item)
                if key in fired:
                    continue  # within a pattern, the first matching rule wins
                fired.add(key)
            yield index, item


def _bind(
    lets: Sequence[Let],
    doc: SchDoc,
    item: Item,
    variables: dict[str, Any],
    shared: bool = False,
) -> dict[str, Any]:
    """Variables plus `lets` evaluated in order on `item`. With `shared` (pattern lets, on the
    document node) a let without variables is computed once per document: the customisation
    repeats the same id lists in several patterns."""
    if not lets:
        return variables
    bound = dict(variables)
    bound[_CURRENT_VAR] = doc.node(item)
    for let in lets:
        if shared and let.text and "$" not in let.text:
            if let.text not in doc.cache:
                doc.cache[let.text] = let.token.evaluate(doc.context(item, bound))
            bound[let.name] = doc.cache[let.text]
        else:
            bound[let.name] = let.token.evaluate(doc.context(item, bound))
    return bound


def _bind_python(
    lets: Sequence[tuple[str, str, Fn]], doc: SchDoc, variables: dict[str, Any]
) -> dict[str, Any]:
    """Schema and pattern variables on the document node, each expression once per document."""
    bound = dict(variables)
    env = doc.env
    for name, text, fn in lets:
        key = f"py:{text}"
        if "$" in text or key not in doc.cache:
            value = fn(Ctx(env.doc, 1, 1, bound, env))
            if "$" in text:
                bound[name] = value
                continue
            doc.cache[key] = value
        bound[name] = doc.cache[key]
    return bound


def _run_rule_python(
    rule: Rule, plan: PyRule, doc: SchDoc, item: Item, variables: dict[str, Any], file: str
) -> Iterator[Diagnostic]:
    env = doc.env
    try:
        node = to_python(item, env)
        bound = {**variables, _CURRENT_VAR: [node]}
        ctx = Ctx(node, 1, 1, bound, env)
        for name, fn in plan.lets:
            bound[name] = fn(ctx)
    except RULE_ERRORS as exc:
        yield _node_problem(rule.code, rule.context, item, file, f"a <let> failed: {exc}")
        return
    is_element = isinstance(item, etree._Element)
    for check, pcheck in zip(rule.checks, plan.checks, strict=True):
        try:
            if check.fast is not None and is_element:
                value = bool(check.fast(item))
            else:
                value = ebv(pcheck.test(ctx))
            if value == check.is_assert:
                continue
            name = _node_name(item)
            message = pcheck.message.render(ctx, name)
            hint = pcheck.hint.render(ctx, name) if pcheck.hint else None
        except RULE_ERRORS as exc:
            yield _node_problem(check.code, check.test, item, file, str(exc))
            continue
        yield _finding(check, item, file, message, hint)


def _run_rule(
    rule: Rule, doc: SchDoc, item: Item, variables: dict[str, Any], file: str
) -> Iterator[Diagnostic]:
    bound: dict[str, Any] | None = None
    is_element = isinstance(item, etree._Element)
    for check in rule.checks:
        try:
            if check.fast is not None and is_element:
                value = bool(check.fast(item))
            else:
                if bound is None:
                    bound = _bind(rule.lets, doc, item, variables)
                    bound = {**bound, _CURRENT_VAR: doc.node(item)}
                value = check.token.boolean_value(check.token.evaluate(doc.context(item, bound)))
            if value == check.is_assert:
                continue
            if bound is None:
                bound = _bind(rule.lets, doc, item, variables)
                bound = {**bound, _CURRENT_VAR: doc.node(item)}
            message = check.message.render(doc, item, bound)
            hint = check.hint.render(doc, item, bound) if check.hint else None
        except RULE_ERRORS as exc:
            yield _node_problem(check.code, check.test, item, file, str(exc))
            continue
        yield _finding(check, item, file, message, hint)


def _engine_problem(file: str, message: str, line: int | None = None) -> Diagnostic:
    return diagnostic("ENGINE", file, message, line=line, engine=ENGINE)


def _finding(
    check: Check, item: Item, file: str, message: str | None, hint: str | None
) -> Diagnostic:
    """The diagnostic of a failed assert (or fired report); both evaluators end here."""
    if check.see:
        hint = f"{hint or lookup(check.code).hint} See {check.see}."
    return diagnostic(
        check.code,
        file,
        message or f"{'assertion' if check.is_assert else 'report'} {check.test!r}",
        line=_line(item),
        severity=check.severity,
        hint=hint,
        xpath=_xpath(item),
        engine=ENGINE,
    )


def _node_problem(code: str, expr: str, node: Any, file: str, error: str) -> Diagnostic:
    return diagnostic(
        "ENGINE",
        file,
        f"the Schematron rule {code} could not be evaluated here ({expr!r}): {error}",
        line=_line(node),
        xpath=_xpath(node),
        engine=ENGINE,
    )


def _line(node: Any) -> int | None:
    el = element_of(node)
    line = el.sourceline if el is not None else None
    return line if isinstance(line, int) and line > 0 else None


def _xpath(node: Any) -> str | None:
    """`/TEI/teiHeader[1]/...`-style path with prefixes for readability (`tei:` for TEI)."""
    el = element_of(node)
    if el is None:
        return "/"
    steps = []
    current: etree._Element | None = el
    while current is not None:
        parent = current.getparent()
        qname = etree.QName(current)
        name = f"{_prefix(qname.namespace)}{qname.localname}"
        if parent is None:
            steps.append(f"/{name}")
        else:
            same = [c for c in parent.iterchildren(current.tag)]
            steps.append(f"/{name}[{same.index(current) + 1}]")
        current = parent
    path = "".join(reversed(steps))
    if isinstance(node, elementpath.AttributeNode):
        path += f"/@{_node_name(node)}"
    return path


def _prefix(namespace: str | None) -> str:
    if namespace == TEI_NS:
        return "tei:"
    return f"Q{{{namespace}}}" if namespace else ""


def _instantiate_abstract_patterns(root: etree._Element) -> etree._Element:
    """Replace each `<pattern is-a="ID">` by a copy of the abstract pattern with its params."""
    abstract = {p.get("id"): p for p in root.iter(f"{_S}pattern") if p.get("abstract") == "true"}
    if not abstract:
        return root
    root = _copy(root)
    abstract = {p.get("id"): p for p in root.iter(f"{_S}pattern") if p.get("abstract") == "true"}
    for pat in list(root.iter(f"{_S}pattern")):
        base = abstract.get(pat.get("is-a"))
        if pat.get("is-a") and base is None:
            raise SchematronError(f"<pattern is-a={pat.get('is-a')!r}> names no abstract pattern")
        if base is None:
            continue
        params = {p.get("name", ""): p.get("value", "") for p in pat.iterchildren(f"{_S}param")}
        made = _copy(base)
        if "abstract" in made.attrib:
            del made.attrib["abstract"]
        if pat.get("id"):
            made.set("id", pat.get("id", ""))
        for el in made.iter():
            for att in ("context", "test", "select", "value", "path"):
                if el.get(att) is not None:
                    el.set(att, _substitute(el.get(att, ""), params))
        pat.addnext(made)
        pat.getparent().remove(pat)  # type: ignore[union-attr]
    for base in abstract.values():
        base.getparent().remove(base)  # type: ignore[union-attr]
    return root


def _substitute(text: str, params: dict[str, str]) -> str:
    for name in sorted(params, key=len, reverse=True):
        value = params[name]
        text = re.sub(rf"\${re.escape(name)}\b", lambda _m: value, text)  # noqa: B023
    return text


def _copy(el: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(el))
