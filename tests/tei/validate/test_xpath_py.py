"""The compiled XPath evaluator (xpath_py) gives elementpath's answers, expression by expression."""

from __future__ import annotations

from typing import Any

import elementpath
import pytest
from elementpath import XPath2Parser, XPathContext
from lxml import etree

from tei.validate.xpath_py import Attr, Ctx, Env, EvalError, Text, Unsupported, compile_xpath

NS = {"tei": "http://www.tei-c.org/ns/1.0", "xs": "http://www.w3.org/2001/XMLSchema"}
DOC = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
<text><body>
<div type="translation" xml:id="en">
<p xml:id="p1" n="2" corresp="#r1 #r2">One <date when="1951-01-29">29 Jan</date> two</p>
<p xml:id="p2" n="10">Three <hi>four</hi> five</p></div>
<div type="original" xml:id="ru"><p xml:id="r1" corresp="#p1">Один</p><p xml:id="r2">Два</p></div>
</body></text></TEI>""".encode()

EXPRESSIONS = [
    "count(//tei:p)",
    "//tei:p[2]/@xml:id",
    "(//tei:p)[last()]/@xml:id",
    "//tei:p[@n = 2]/@xml:id",
    "//tei:p[@n > 3]/@xml:id",
    "//tei:p[@n = '10']/@xml:id",
    "string-join(//tei:p/@n, '+')",
    "//tei:date/ancestor::*[1]/@xml:id",
    "//tei:date/ancestor::tei:div/@type",
    "//tei:hi/preceding-sibling::node()[1]",
    "normalize-space(string((//tei:p)[1]))",
    "for $t in tokenize((//tei:p)[1]/@corresp, ' ') return substring($t, 2)",
    "some $p in //tei:p satisfies $p/@n eq '10'",
    "every $p in //tei:p satisfies $p/@xml:id",
    "if (//tei:date/@when castable as xs:date) then 'date' else 'no'",
    "xs:date(//tei:date/@when) lt xs:date('1951-02-01')",
    "'1951-02-30' castable as xs:date",
    "matches(//tei:date/@when, '^\\d{4}-\\d\\d')",
    "replace('f. 45, op. 1', '^f\\. (\\d+).*$', '$1')",
    "//tei:p[not(@corresp)]/@xml:id",
    "distinct-values(//tei:div/@type)",
    "//tei:div[@type = ('original', 'x')]/@xml:id",
    "name(//tei:date/..)",
    "local-name(//tei:date/@when)",
    "substring-before('a-b', '-'), substring-after('a-b', '-')",
    "substring('12345', 2), substring('12345', 0, 3), substring('12345', 1.5, 2.6)",
    "substring('12345', -42, 1 div 0e0), substring('12345', 2, 1 div 0e0)",
    "substring('ab', 0e0 div 0e0), 5 mod 0e0, -2 div 0e0",
    "min((3, 1, 2)), max((3, 1, 2))",
    "string-length(//tei:hi)",
    "exists(//tei:p[@xml:id = 'p9'])",
    "empty(id('p9')), id('r1 p2')/@xml:id",
    "//tei:p[@xml:id = 'r1']/following::tei:p/@xml:id",
    "//tei:body//tei:*[text()[contains(., 'four')]]",
    "concat((//tei:p)[1]/@xml:id, '|', count(//@xml:id))",
    "//tei:hi/following-sibling::node()",
    "//tei:p[1]/@xml:id",
    "(1 + 2) * 3 div 2",
    "//tei:p/text()[1]",
]


def _plain(value: Any) -> Any:
    """elementpath's and xpath_py's results as comparable plain values."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, elementpath.AttributeNode):
            out.append(("attribute", str(item.name), str(item.value)))
        elif isinstance(item, elementpath.TextNode):
            out.append(("text", str(item.value)))
        elif isinstance(item, elementpath.XPathNode):
            out.append(("element", id(item.obj)))
        elif isinstance(item, Attr):
            out.append(("attribute", item.name, item.value))
        elif isinstance(item, Text):
            out.append(("text", item.value))
        elif isinstance(item, etree._Element):
            out.append(("element", id(item)))
        elif isinstance(item, bool):
            out.append(item)
        elif isinstance(item, (str, elementpath.datatypes.UntypedAtomic)):
            out.append(str(item))
        elif isinstance(item, (int, float)):
            out.append(float(item))
        else:
            out.append(str(item) if not hasattr(item, "__float__") else float(item))
    return out


@pytest.fixture(scope="module")
def tree() -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(DOC))


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_same_answer_as_elementpath(tree: etree._ElementTree, expression: str) -> None:
    parser = XPath2Parser(namespaces=NS)
    token = parser.parse(expression)
    root = elementpath.build_lxml_node_tree(tree)
    expected = token.evaluate(XPathContext(root))
    env = Env(tree, {el: i for i, el in enumerate(tree.getroot().iter(etree.Element))})
    compiled = compile_xpath(parser.parse(expression), dict(NS))
    got = compiled(Ctx(env.doc, 1, 1, {}, env))
    assert _plain(got) == _plain(expected)


def test_dynamic_errors_and_unsupported(tree: etree._ElementTree) -> None:
    parser = XPath2Parser(namespaces=NS)
    env = Env(tree, {el: i for i, el in enumerate(tree.getroot().iter(etree.Element))})
    ctx = Ctx(env.doc, 1, 1, {}, env)
    with pytest.raises(EvalError):
        compile_xpath(parser.parse("normalize-space(//tei:p)"), dict(NS))(ctx)
    with pytest.raises(EvalError):
        compile_xpath(parser.parse("//tei:p/@n = xs:integer('x')"), dict(NS))(ctx)
    with pytest.raises(Unsupported):
        compile_xpath(parser.parse("current-date()"), dict(NS))
