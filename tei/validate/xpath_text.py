"""Reading XPath expressions as text: top-level splitting, and the subset lxml can run exactly.

The Schematron engine uses these to pick a cheap strategy per expression at compile time. Anything
these helpers do not recognise goes the general way (elementpath, XPath 2.0), so they only need
to be right about what they accept.
"""

from __future__ import annotations

import re

from lxml import etree

NAME = r"[A-Za-z_][\w.\-]*"
_TOKEN = re.compile(
    rf"\s*(?:(?P<axis>{NAME})::|(?P<name>(?:{NAME}:)?(?:{NAME}|\*))(?P<call>\s*\()?"
    r"|(?P<string>'[^']*'|\"[^\"]*\")|(?P<punct>//|/|\.\.|\.|@|\||\(|\)|\[|\]|\*|,|!=|=))"
)
_AXES = frozenset(
    {
        "child",
        "parent",
        "self",
        "ancestor",
        "ancestor-or-self",
        "descendant",
        "descendant-or-self",
        "following-sibling",
        "preceding-sibling",
        "attribute",
    }
)
_NODE_TESTS = frozenset({"node", "text", "comment"})
_STRING_TESTS = frozenset({"contains", "starts-with"})  # string args: same in XPath 1 and 2
_AFTER_OPERAND = frozenset({")", "]", ".", "..", "*name"})


def split_top(text: str, sep: str) -> list[str]:
    """`text` split on `sep` outside brackets, parentheses and string literals."""
    parts, depth, quote, start, i = [], 0, "", 0, 0
    while i < len(text):
        ch = text[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            start = i + len(sep)
            i = start
            continue
        i += 1
    parts.append(text[start:])
    return parts


def groups(preds: str) -> list[str] | None:
    """The insides of a run of `[...]` groups (`[a][b]` -> `a`, `b`); None if it is not one."""
    out, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(preds):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in "[(":
            if depth == 0:
                if ch == "(":
                    return None
                start = i + 1
            depth += 1
        elif ch in "])":
            depth -= 1
            if depth == 0:
                out.append(preds[start:i])
        elif depth == 0 and not ch.isspace():
            return None
    return out if depth == 0 else None


def is_existence_subset(expr: str) -> bool:
    """True when `expr` only combines node existence: paths of name tests along the usual axes,
    `@att`, `|`, `and`, `or`, `not(...)`, parentheses and predicates of the same kind, plus
    `contains(X, 'lit')`/`starts-with(X, 'lit')` with a literal second argument.

    Its effective boolean value is then the same in XPath 1.0 and 2.0 (no comparison, no number,
    no variable), so libxml2 can evaluate it. The one difference: when X is several nodes XPath 2
    raises an error where XPath 1 takes the first node; rule contexts use `.` or one attribute.
    """
    pos, prev = 0, ""
    text = expr.strip()
    if not text:
        return False
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            return False
        pos = match.end()
        if match.group("axis"):
            if match.group("axis") not in _AXES:
                return False
            prev = "::"
        elif match.group("name"):
            name = match.group("name")
            if match.group("call"):
                if name in _STRING_TESTS:
                    prev = "("
                    continue
                if name == "not" or name in _NODE_TESTS:
                    prev = "("
                    if name in _NODE_TESTS:
                        close = re.match(r"\s*\)", text[pos:])
                        if not close:
                            return False
                        pos += close.end()
                        prev = "*name"
                    continue
                return False
            if name in ("and", "or") and prev in _AFTER_OPERAND:
                prev = "op"
                continue
            if prev in _AFTER_OPERAND:
                return False  # an XPath 2 operator (`eq`, `is`, `union`, ...) or `*` product
            prev = "*name"
        elif match.group("string"):
            if prev not in (",", "=", "!="):
                return False  # a literal only as a string test's argument or compared with
            prev = "*name"
        else:
            punct = match.group("punct")
            if punct == "*" and prev in _AFTER_OPERAND:
                return False  # multiplication
            if punct in ("=", "!=") and (prev not in _AFTER_OPERAND or prev == ")"):
                return False  # compare nodes with nodes or a literal, never a function's value
            prev = "*name" if punct == "*" else punct
    return True


def lxml_boolean(expr: str, namespaces: dict[str, str]) -> etree.XPath | None:
    """A compiled libxml2 XPath for `boolean(expr)` when `expr` is in the existence subset."""
    if not is_existence_subset(expr):
        return None
    try:
        compiled = etree.XPath(f"boolean({expr})", namespaces=namespaces)
        compiled(etree.Element("probe"))  # arity and function errors surface here, not later
    except etree.XPathError:
        return None
    return compiled
