"""Native pre-checks for the customisation's pointer and alignment rules (`ref-*`, `align-*`).

Those four patterns cost more than half of the Schematron time per document when evaluated as
XPath 2.0 (string-joined id lists searched with `contains`, per pointer token). Here each has a
Python test over an id index built once per document that answers one question per context node:
*can this node fail the rule?* It only ever answers "no" when the XPath would certainly pass
(each "no" is a proof: an id found in a set implies the `contains` the rule performs succeeds);
every other node ("maybe") is checked by the generic engine, which also writes the finding. So the
findings, messages and lines are the generic engine's by construction: the native test can make
the engine faster, never different.

A native test is used only for a pattern whose rule text is exactly the one it was written for
(`fingerprint`: the pattern's lets, rule context, rule lets and assert ids and tests, and the URI
bound to `tei`); any other text, however close, runs on the generic engine.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from tei.validate.sch_match import SchDoc

SCH = "{http://purl.oclc.org/dsdl/schematron}"
TEI_NS = "http://www.tei-c.org/ns/1.0"
T = f"{{{TEI_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
POINTERS = ("ref", "corresp", "decls", "target")
VERSIONS = ("translation", "original")
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")  # the rule's '^[A-Za-z][A-Za-z0-9+.\-]*:'
_INDEX = "native:index"

MayFail = Callable[[etree._Element, "NativeIndex"], bool]
"""True when the node may fail the rule (the generic engine then decides); False: it passes."""


def tokens(value: str | None) -> list[str]:
    """XPath's `tokenize(normalize-space(value), ' ')` (XML whitespace only)."""
    if not value:
        return []
    return [t for t in _XML_SPACE.split(value) if t]


def fingerprint(pattern: etree._Element, namespaces: dict[str, str]) -> str | None:
    """A digest of everything in a pattern that decides its findings; None for a pattern with
    `extends` or abstract parts (never run natively)."""
    parts: list[Any] = [namespaces.get("tei")]
    for child in pattern:
        if child.tag == f"{SCH}let":
            parts.append(["let", child.get("name"), child.get("value")])
        elif child.tag == f"{SCH}rule":
            if child.get("abstract") or child.find(f"{SCH}extends") is not None:
                return None
            parts.append(["rule", child.get("context")])
            for part in child:
                if part.tag == f"{SCH}let":
                    parts.append(["let", part.get("name"), part.get("value")])
                elif part.tag in (f"{SCH}assert", f"{SCH}report"):
                    parts.append([etree.QName(part).localname, part.get("id"), part.get("test")])
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()


class NativeIndex:
    """One document's id sets, built once per document on first use."""

    def __init__(self, doc: SchDoc) -> None:
        root = doc.tree.getroot()
        self.ids = {el.get(XML_ID) for el in doc.by_att.get(XML_ID, [])}
        tei = root if root.tag == f"{T}TEI" else None
        self.links: set[tuple[str, str]] = set()
        self.sides: dict[str, set[str | None]] = {side: set() for side in VERSIONS}
        texts = set(tei.iterchildren(f"{T}text")) if tei is not None else set()
        for el in doc.by_att.get("corresp", []) if texts else ():
            if el.tag.startswith(T) and any(a in texts for a in el.iterancestors()):
                me = "#" + (el.get(XML_ID) or "")
                self.links.update((me, t) for t in tokens(el.get("corresp")))
        for text in texts:
            for body in text.iterchildren(f"{T}body"):
                for div in body.iterchildren(f"{T}div"):
                    side = div.get("type")
                    if side in VERSIONS:
                        ids = (el.get(XML_ID) for el in div.iter(etree.Element))
                        self.sides[side].update(v for v in ids if v is not None)
        self.messages = {
            v
            for header in (tei.iterchildren(f"{T}teiHeader") if tei is not None else ())
            for profile in header.iterchildren(f"{T}profileDesc")
            for desc in profile.iterchildren(f"{T}correspDesc")
            if (v := desc.get(XML_ID)) is not None
        }
        entries = _entries(tei)
        self.not_kind = {
            "person": _wrong_kind(doc, ("persName",), entries["listPerson/person"]),
            "place": _wrong_kind(doc, ("placeName",), entries["listPlace/place"]),
            "org": _wrong_kind(doc, ("orgName", "repository"), entries["listOrg/org"]),
        }


def _entries(tei: etree._Element | None) -> dict[str, set[str]]:
    """xml:ids of /TEI/standOff/listX/x, for each list."""
    found: dict[str, set[str]] = {}
    for key in ("listPerson/person", "listPlace/place", "listOrg/org"):
        lst, entry = key.split("/")
        found[key] = set()
        for stand in tei.iterchildren(f"{T}standOff") if tei is not None else ():
            for holder in stand.iterchildren(f"{T}{lst}"):
                for el in holder.iterchildren(f"{T}{entry}"):
                    value = el.get(XML_ID)
                    if value is not None:
                        found[key].add(value)
    return found


def _wrong_kind(doc: SchDoc, names: tuple[str, ...], entries: set[str]) -> set[str]:
    """A superset of the rule's `$notPersons` (etc.): tokens of //name/@ref not naming an entry."""
    out: set[str] = set()
    for name in names:
        for el in doc.by_tag.get(f"{T}{name}", []):
            out.update(t for t in tokens(el.get("ref")) if t[1:] not in entries)
    return out


def index_of(doc: SchDoc) -> NativeIndex:
    index = doc.cache.get(_INDEX)
    if index is None:
        index = doc.cache[_INDEX] = NativeIndex(doc)
    return index


# ----------------------------------------------------------------------------- the tests


def _resolves_may_fail(el: etree._Element, ix: NativeIndex) -> bool:
    """ref-resolves: passes when every token is `#` + an xml:id, or starts with a URI scheme."""
    for att in POINTERS:
        for t in tokens(el.get(att)):
            if not (t.startswith("#") and t[1:] in ix.ids) and not _SCHEME.match(t):
                return True
    return False


def _kind_may_fail(el: etree._Element, ix: NativeIndex) -> bool:
    """ref-kind: passes when no token of @ref is among the (superset of) wrong-kind pointers."""
    name = etree.QName(el).localname
    kind = "person" if name == "persName" else "place" if name == "placeName" else "org"
    wrong = ix.not_kind[kind]
    return bool(wrong) and any(t in wrong for t in tokens(el.get("ref")))


def _decls_may_fail(el: etree._Element, ix: NativeIndex) -> bool:
    """ref-decls: passes when every `#` token of @decls names a correspDesc of the header."""
    return any(t.startswith("#") and t[1:] not in ix.messages for t in tokens(el.get("decls")))


def _symmetric_may_fail(el: etree._Element, ix: NativeIndex) -> bool:
    """align-symmetric: passes outside <text>, or when every `#` token is answered by a
    `@corresp` (inside /TEI/text) of the element it names pointing back at this one."""
    if next(el.iterancestors(f"{T}text"), None) is None:
        return False
    me = "#" + (el.get(XML_ID) or "")
    return any(t.startswith("#") and (t, me) not in ix.links for t in tokens(el.get("corresp")))


def _pairs_may_fail(el: etree._Element, ix: NativeIndex) -> bool:
    """align-pairs: passes outside a language version, or when every `#` token names an id in
    the other version (/TEI/text/body/div[@type])."""
    side = None
    for div in (el, *el.iterancestors(f"{T}div")):
        if div.tag == f"{T}div" and div.get("type") in VERSIONS:
            side = div.get("type")
            break
    if side is None:
        return False
    other = ix.sides["original" if side == "translation" else "translation"]
    return any(t.startswith("#") and t[1:] not in other for t in tokens(el.get("corresp")))


NATIVE: dict[str, MayFail] = {
    # fingerprints of the patterns of schema/telegrams.sch these tests were written for
    "22f6435dfd5a02278076cb2668d93a4e4937573b616ab43e88df4a4a39ac6dfc": _resolves_may_fail,
    "a2a45316079f077e0bee41ba84d7df2dbe638db54ba5022f4fe67a75e4c44b94": _kind_may_fail,
    "e79e3edf5f61a1889cfb496690bd7d9c574013cb8b65af3522a1325f79f6d02f": _decls_may_fail,
    "05e2017c4adefb6f9488ac2cc76da28e5c51fbfd0650eda9c06b1265cd9d024d": _symmetric_may_fail,
    "b8420feb73767227e5018cf078407b0cded7e5a41ed6e5d354cabf2ac84d0a34": _pairs_may_fail,
}
"""Pattern fingerprint -> native test. A changed rule text misses here and runs generically."""


def native_test(pattern: etree._Element, namespaces: dict[str, str]) -> MayFail | None:
    """The native test of a pattern whose text is known, else None (generic engine)."""
    digest = fingerprint(pattern, namespaces)
    return NATIVE.get(digest) if digest is not None else None


def may_fail(test: MayFail, doc: SchDoc, item: Any) -> bool:
    """Whether the generic engine must look at `item` (always, for anything but an element)."""
    if not isinstance(item, etree._Element):
        return True
    return test(item, index_of(doc))
