"""The compiled-Python plan of a Schematron pattern (see xpath_py): used when every expression of
the pattern compiles, else the pattern runs on elementpath. Same semantics, same findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import elementpath
from elementpath.xpath_tokens import XPathToken
from lxml import etree

from tei.validate.sch_match import element_of
from tei.validate.xpath_py import Attr, Compiler, Ctx, Env, EvalError, Fn, Unsupported, string_of


@dataclass(frozen=True)
class PyMessage:
    parts: tuple[str | Fn | None, ...]  # None is `<name/>` of the context node

    def render(self, ctx: Ctx, name: str) -> str:
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif part is None:
                out.append(name)
            else:
                out.append(" ".join(_str_item(v) for v in part(ctx)))
        return " ".join("".join(out).split())


def _str_item(value: Any) -> str:
    return string_of([value])


@dataclass(frozen=True)
class PyCheck:
    test: Fn
    message: PyMessage
    hint: PyMessage | None


@dataclass(frozen=True)
class PyRule:
    lets: tuple[tuple[str, Fn], ...]
    checks: tuple[PyCheck, ...]


@dataclass(frozen=True)
class PyPattern:
    lets: tuple[tuple[str, str, Fn], ...]  # name, expression text (cache key), closure
    rules: tuple[PyRule, ...]


def compile_lets(lets: Any, compiler: Compiler) -> tuple[tuple[str, str, Fn], ...]:
    return tuple((let.name, let.text, compiler.compile(let.token)) for let in lets)


def plan_pattern(pattern: Any, compiler: Compiler) -> PyPattern | None:
    """The Python plan of a compiled pattern, or None when any of its expressions is outside
    the compiled subset (or a rule context uses a variable)."""
    try:
        rules = []
        for rule in pattern.rules:
            if rule.problem is not None or "$" in rule.context:
                return None
            lets = tuple((let.name, compiler.compile(let.token)) for let in rule.lets)
            checks = tuple(
                PyCheck(
                    compiler.compile(check.token),
                    _message(check.message.parts, compiler),
                    _message(check.hint.parts, compiler) if check.hint else None,
                )
                for check in rule.checks
            )
            rules.append(PyRule(lets, checks))
        return PyPattern(compile_lets(pattern.lets, compiler), tuple(rules))
    except (Unsupported, ValueError, TypeError, AttributeError, LookupError):
        return None  # elementpath runs this pattern; it reports what it cannot compile


def _message(parts: tuple[Any, ...], compiler: Compiler) -> PyMessage:
    out: list[str | Fn | None] = []
    for part in parts:
        if isinstance(part, XPathToken):
            out.append(compiler.compile(part))
        else:
            out.append(part)
    return PyMessage(tuple(out))


def to_python(item: Any, env: Env) -> Any:
    """The compiled evaluator's node for a matched item (lxml element or elementpath node)."""
    if isinstance(item, etree._Element):
        return item
    if isinstance(item, elementpath.AttributeNode):
        owner = element_of(item)
        if owner is not None:
            return Attr(owner, str(item.name), str(item.value))
    if isinstance(item, elementpath.DocumentNode):
        return env.doc
    raise EvalError(f"cannot evaluate on {type(item).__name__}")
