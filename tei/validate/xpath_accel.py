"""Let libxml2 evaluate the plain location paths inside XPath 2 expressions.

elementpath walks trees in Python: `//@xml:id` costs milliseconds on a telegram. Inside a parsed
XPath 2 expression, every maximal sub-expression that is a location path in the subset both XPath
versions read the same way (`xpath_text.is_existence_subset`: name tests, axes, predicates of
existence, string tests and comparisons with literals) is handed to a compiled `etree.XPath`
instead; its nodes are mapped back to elementpath's nodes, so the rest of the expression (the XPath
2 functions, `for`, `castable`, variables) runs unchanged in elementpath.
"""

from __future__ import annotations

from typing import Any

import elementpath
from elementpath.xpath_tokens import XPathToken
from lxml import etree

from tei.validate.xpath_text import is_existence_subset

_PATHS = frozenset({"/", "//", "["})


def accelerate(token: XPathToken, namespaces: dict[str, str]) -> int:
    """Patch the maximal plain-path sub-expressions of `token` in place; how many were patched."""
    if token.symbol in _PATHS and is_existence_subset(token.source) and "$" not in token.source:
        try:
            compiled = etree.XPath(token.source, namespaces=namespaces)
        except etree.XPathError:
            compiled = None
        if compiled is not None:
            _patch(token, compiled)
            return 1
    return sum(accelerate(child, namespaces) for child in token)


def _patch(token: XPathToken, compiled: etree.XPath) -> None:
    original_select = token.select

    def select(context: Any = None) -> Any:
        el = _element(context)
        if el is None:
            return original_select(context)
        try:
            found = compiled(el)
        except etree.XPathError:
            return original_select(context)
        root = context.root
        out = []
        for hit in found if isinstance(found, list) else []:
            node = _node(root, hit)
            if node is None:
                return original_select(context)
            out.append(node)
        return iter(out)

    def evaluate(context: Any = None) -> Any:
        return list(select(context))

    token.select = select  # type: ignore[method-assign]
    token.evaluate = evaluate  # type: ignore[method-assign]


def _element(context: Any) -> etree._Element | None:
    """The lxml element to evaluate on: the context item's, or the root's for the document."""
    if context is None:
        return None
    item = context.item if context.item is not None else context.root
    if isinstance(item, elementpath.ElementNode):
        obj = getattr(item, "obj", None)
        return obj if isinstance(obj, etree._Element) else None
    if isinstance(item, elementpath.DocumentNode):
        obj = getattr(item, "obj", None)
        if isinstance(obj, etree._ElementTree):
            return obj.getroot()
    return None


def _node(root: Any, hit: Any) -> Any:
    """elementpath's node for a libxml2 result (element or attribute); None for anything else."""
    if isinstance(hit, etree._Element):
        return root.get_element_node(hit) if isinstance(hit.tag, str) else None
    if getattr(hit, "is_attribute", False):
        owner = root.get_element_node(hit.getparent())
        if owner is None:
            return None
        for attribute in owner.attributes or ():
            if attribute.name == hit.attrname:
                return attribute
    return None
