"""The mutation corpus: broken variants of valid telegram editions, each with the code it must get.

Every operator breaks exactly one rule of the customisation: a structural one (code `RNG`), a
Schematron constraint (`SCH-<id>`), a pointer (`REF`) or the bilingual alignment (`ALIGN`). It
picks the elements it can break in a base document, in document order, and makes one mutant per
pick (at most `limit`, spread evenly over the picks; `distinct` keeps one pick per key, e.g. one per
element name). Generation is deterministic: the same bases give the same corpus, byte for byte.

A mutant may draw further findings as a consequence (a dropped `xml:id` leaves pointers dangling);
the tests require the designed code to be among them, never the only one.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from functools import cache

from lxml import etree
from odd_facts import read_odd  # type: ignore[import-not-found]

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
T = f"{{{TEI_NS}}}"
POINTERS = ("ref", "corresp", "decls", "target")
Pick = Callable[[etree._Element], bool]
Mutate = Callable[[etree._Element], None]


@dataclass(frozen=True)
class Mutant:
    """One broken document and the code a validator must report for it."""

    base: str
    operator: str
    index: int
    code: str
    xml: bytes

    @property
    def name(self) -> str:
        return f"{self.base}--{self.operator}--{self.index:03d}"


@dataclass(frozen=True)
class Operator:
    """A way to break one rule: which elements it applies to and what it does to one of them."""

    name: str
    code: str
    pick: Pick
    mutate: Mutate
    limit: int = 12
    distinct: Callable[[etree._Element], Hashable] | None = None


def local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _tei(el: etree._Element, *names: str) -> bool:
    return isinstance(el.tag, str) and el.tag.startswith(T) and (not names or local(el) in names)


def _ancestor(el: etree._Element, name: str) -> etree._Element | None:
    return next(el.iterancestors(T + name), None)


def _version(el: etree._Element) -> str | None:
    """'translation' or 'original' when `el` lies in (or is) a language version division."""
    for a in [el, *el.iterancestors(T + "div")]:
        if local(a) == "div" and a.get("type") in ("translation", "original"):
            return a.get("type")
    return None


def _ids(el: etree._Element) -> dict[str, etree._Element]:
    return {e.get(XML_ID, ""): e for e in el.getroottree().iter() if e.get(XML_ID)}


def _local_pointers(el: etree._Element, att: str) -> list[str]:
    return [t for t in (el.get(att) or "").split() if t.startswith("#")]


# -- facts from the ODD --------------------------------------------------------------------------


@cache
def _closed() -> dict[tuple[str, str], frozenset[str]]:
    return read_odd().closed_values


@cache
def _deleted() -> dict[str, tuple[str, ...]]:
    return {e.ident: e.deleted for e in read_odd().elements.values()}


@cache
def _required() -> dict[str, tuple[str, ...]]:
    return {e.ident: e.required for e in read_odd().elements.values()}


def _closed_attribute(el: etree._Element) -> str | None:
    return next((a for a in el.attrib if (local(el), a) in _closed()), None)


def _deleted_attribute(el: etree._Element) -> str | None:
    return next((a for a in _deleted().get(local(el), ()) if a not in el.attrib), None)


def _required_attribute(el: etree._Element) -> str | None:
    return next((a for a in _required().get(local(el), ()) if _att(a) in el.attrib), None)


def _att(name: str) -> str:
    return XML_ID if name == "xml:id" else name


# -- mutations -----------------------------------------------------------------------------------


def _rename(el: etree._Element) -> None:
    el.tag = T + "telegramm"


def _set(att: str, value: str) -> Mutate:
    def mutate(el: etree._Element) -> None:
        el.set(att, value)

    return mutate


def _bad_closed_value(el: etree._Element) -> None:
    att = _closed_attribute(el)
    assert att is not None
    el.set(att, f"{el.get(att)}-typo")


def _add_deleted(el: etree._Element) -> None:
    att = _deleted_attribute(el)
    assert att is not None
    el.set(att, "other")


def _drop_required(el: etree._Element) -> None:
    att = _required_attribute(el)
    assert att is not None
    del el.attrib[_att(att)]


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    assert parent is not None
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _unwrap(el: etree._Element) -> None:
    """Replace the element by its text content (the markup is lost, the words stay)."""
    parent = el.getparent()
    assert parent is not None
    text = "".join(el.itertext()) + (el.tail or "")
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(el)


def _drop(att: str) -> Mutate:
    def mutate(el: etree._Element) -> None:
        del el.attrib[att]

    return mutate


def _duplicate(el: etree._Element) -> None:
    """A second copy right after the first (without its xml:ids, which must stay unique)."""
    twin = copy.deepcopy(el)
    for node in twin.iter():
        node.attrib.pop(XML_ID, None)
    el.addnext(twin)


def _stray_text(el: etree._Element) -> None:
    el.text = "stray words " + (el.text or "")


def _append_child(tag: str, text: str = "x") -> Mutate:
    def mutate(el: etree._Element) -> None:
        child = etree.SubElement(el, tag)
        child.text = text

    return mutate


def _move_last(el: etree._Element) -> None:
    parent = el.getparent()
    assert parent is not None
    parent.remove(el)
    parent.append(el)


def _swap_header_and_text(el: etree._Element) -> None:
    header = el.find(T + "teiHeader")
    assert header is not None
    el.remove(header)
    el.append(header)


def _retarget(choose: Callable[[etree._Element, str], str | None], att: str) -> Mutate:
    """Replace the first local pointer of `att` by what `choose(el, old)` returns."""

    def mutate(el: etree._Element) -> None:
        old = _local_pointers(el, att)[0]
        new = choose(el, old)
        assert new is not None
        el.set(att, (el.get(att) or "").replace(old, new, 1))

    return mutate


def _dangling(el: etree._Element, old: str) -> str:
    return old + "-missing"


def _no_hash(el: etree._Element, old: str) -> str:
    return old[1:]


_KIND = {"persName": "place", "placeName": "person", "orgName": "person", "repository": "place"}


def _wrong_kind(el: etree._Element, old: str) -> str | None:
    want = _KIND.get(local(el))
    entries = [i for i, e in _ids(el).items() if local(e) == want]
    return f"#{entries[0]}" if entries else None


def _not_a_message(el: etree._Element, old: str) -> str | None:
    others = [i for i, e in _ids(el).items() if local(e) in ("msDesc", "person", "place")]
    return f"#{others[0]}" if others else None


def _other_block(el: etree._Element, old: str) -> str | None:
    """Another aligned block of the counterpart's version: the pointer is no longer answered."""
    target = _ids(el).get(old[1:])
    if target is None:
        return None
    side = _version(target)
    for i, e in _ids(el).items():
        if e is not target and e.get("corresp") and _version(e) == side and local(e) != "div":
            return f"#{i}"
    return None


def _same_side_block(el: etree._Element, old: str) -> str | None:
    side = _version(el)
    for i, e in _ids(el).items():
        if e is not el and e.get("corresp") and _version(e) == side and local(e) != "div":
            return f"#{i}"
    return None


def _drop_answer(el: etree._Element) -> None:
    """Remove the counterpart's @corresp: the alignment is one-way."""
    target = _ids(el)[_local_pointers(el, "corresp")[0][1:]]
    del target.attrib["corresp"]


def _sent_to_received(el: etree._Element) -> None:
    el.set("type", "received")


def _remove_all_correspdesc(el: etree._Element) -> None:
    for cd in list(el.iter(T + "correspDesc")):
        _remove(cd)


def _earlier(el: etree._Element) -> None:
    """Move a received date to the year before the sending."""
    when = el.get("when", "")
    el.set("when", f"{int(when[:4]) - 1:04d}{when[4:]}")


def _unwrap_part(part: str) -> Mutate:
    def mutate(el: etree._Element) -> None:
        target = el.find(f"{T}idno[@type='shelfmark']/{T}idno[@type='{part}']")
        assert target is not None
        _unwrap(target)

    return mutate


def _backwards(el: etree._Element) -> None:
    end = el.get("to", "")
    digits = "".join(c for c in end if c.isdigit())
    el.set("from", str(int(digits) + 3))


def _raw_brackets(el: etree._Element) -> None:
    """Undo the encoding of an editor's note: its words go back between square brackets."""
    text = "[" + "".join(el.itertext()) + "]"
    parent = el.getparent()
    assert parent is not None
    tail = el.tail or ""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + text + tail
    else:
        parent.text = (parent.text or "") + text + tail
    parent.remove(el)


def _wrong_type_for_subtype(el: etree._Element) -> None:
    other = sorted(_closed()[(local(el), "type")] - {el.get("type", "")})
    el.set("type", other[0])


# -- picks -----------------------------------------------------------------------------------------


def _has_pointer(att: str, *names: str) -> Pick:
    return lambda el: _tei(el, *names) and bool(_local_pointers(el, att)) and _resolves(el, att)


def _resolves(el: etree._Element, att: str) -> bool:
    ids = _ids(el)
    return all(t[1:] in ids for t in _local_pointers(el, att))


def _aligned(el: etree._Element) -> bool:
    return (
        _tei(el)
        and local(el) != "div"
        and _version(el) is not None
        and bool(_local_pointers(el, "corresp"))
        and _resolves(el, "corresp")
        and bool(el.get(XML_ID))
    )


def _when(pred: Callable[[str], bool]) -> Pick:
    return lambda el: _tei(el) and pred(el.get("when", ""))


def _is_datetime(value: str) -> bool:
    return len(value) == 19 and value[10] == "T"


def _is_date(value: str) -> bool:
    return len(value) == 10 and value[4] == "-" and value[7] == "-"


def _dated_receipt(el: etree._Element) -> bool:
    if not _tei(el, "date") or not el.get("when", "")[:4].isdigit():
        return False
    action = el.getparent()
    if action is None or local(action) != "correspAction" or action.get("type") != "received":
        return False
    desc = action.getparent()
    assert desc is not None
    return desc.find(f"{T}correspAction[@type='sent']/{T}date[@when]") is not None


def _only_child(parent: str, name: str) -> Pick:
    def pick(el: etree._Element) -> bool:
        up = el.getparent()
        return (
            _tei(el, name)
            and up is not None
            and local(up) == parent
            and len(up.findall(T + name)) == 1
        )

    return pick


_REQUIRED_CHILDREN = (
    ("teiHeader", "fileDesc"),
    ("fileDesc", "titleStmt"),
    ("fileDesc", "publicationStmt"),
    ("text", "body"),
    ("application", "label"),
    ("keywords", "term"),
    ("langUsage", "language"),
    ("msItem", "title"),
    ("availability", "p"),
    ("abstract", "p"),
    ("respStmt", "resp"),
    ("revisionDesc", "change"),
    ("appInfo", "application"),
    ("listPerson", "person"),
    ("floatingText", "body"),
    ("titleStmt", "title"),
)
_SINGLETONS = ("teiHeader", "fileDesc", "titleStmt", "publicationStmt", "body")
_ELEMENT_ONLY = (
    "teiHeader",
    "fileDesc",
    "titleStmt",
    "publicationStmt",
    "sourceDesc",
    "msDesc",
    "msContents",
    "profileDesc",
    "langUsage",
    "correspDesc",
    "correspAction",
    "listPerson",
    "listPlace",
    "listOrg",
    "standOff",
    "text",
    "body",
    "revisionDesc",
    "encodingDesc",
    "appInfo",
    "textClass",
    "notesStmt",
)


def _required_child(el: etree._Element) -> bool:
    return any(_only_child(parent, name)(el) for parent, name in _REQUIRED_CHILDREN)


OPERATORS: tuple[Operator, ...] = (
    # -- structure: RELAX NG ------------------------------------------------------------------
    Operator(
        "rename-element",
        "RNG",
        lambda el: _tei(el) and el.getparent() is not None,
        _rename,
        limit=30,
        distinct=local,
    ),
    Operator("unknown-attribute", "RNG", _tei, _set("colour", "red"), limit=15, distinct=local),
    Operator(
        "closed-value-typo",
        "RNG",
        lambda el: _tei(el) and _closed_attribute(el) is not None,
        _bad_closed_value,
        limit=25,
        distinct=lambda el: (local(el), _closed_attribute(el), el.get(_closed_attribute(el) or "")),
    ),
    Operator(
        "deleted-attribute",
        "RNG",
        lambda el: _tei(el) and _deleted_attribute(el) is not None,
        _add_deleted,
        limit=15,
        distinct=lambda el: (local(el), _deleted_attribute(el)),
    ),
    Operator(
        "drop-required-attribute",
        "RNG",
        lambda el: _tei(el) and _required_attribute(el) is not None,
        _drop_required,
        limit=16,
        distinct=lambda el: (local(el), _required_attribute(el), _version(el)),
    ),
    Operator("drop-required-child", "RNG", _required_child, _remove, limit=20, distinct=local),
    Operator("duplicate-singleton", "RNG", lambda el: _tei(el, *_SINGLETONS), _duplicate),
    Operator(
        "text-in-element-only",
        "RNG",
        lambda el: _tei(el, *_ELEMENT_ONLY),
        _stray_text,
        limit=12,
        distinct=local,
    ),
    Operator(
        "element-outside-customisation",
        "RNG",
        lambda el: _tei(el, "p", "item", "salute", "seg"),
        _append_child(T + "hi"),
        limit=5,
    ),
    Operator(
        "foreign-namespace-element",
        "RNG",
        lambda el: _tei(el, "p", "note", "item"),
        _append_child("{urn:x-made-up}mark"),
        limit=6,
    ),
    Operator(
        "opener-after-text",
        "RNG",
        lambda el: _tei(el, "opener") and el.getnext() is not None,
        _move_last,
        limit=4,
    ),
    Operator("header-after-text", "RNG", lambda el: _tei(el, "TEI"), _swap_header_and_text),
    # -- pointers: REF -------------------------------------------------------------------------
    *(
        Operator(f"dangling-{att}", "REF", _has_pointer(att), _retarget(_dangling, att), limit=8)
        for att in ("ref", "corresp", "decls")
    ),
    Operator(
        "pointer-without-hash", "REF", _has_pointer("ref"), _retarget(_no_hash, "ref"), limit=6
    ),
    Operator(
        "name-points-at-wrong-kind",
        "REF",
        lambda el: _has_pointer("ref", *_KIND)(el) and _wrong_kind(el, "") is not None,
        _retarget(_wrong_kind, "ref"),
        limit=8,
        distinct=local,
    ),
    Operator(
        "decls-not-a-message",
        "REF",
        lambda el: _has_pointer("decls")(el) and _not_a_message(el, "") is not None,
        _retarget(_not_a_message, "decls"),
        limit=4,
    ),
    # -- alignment: ALIGN ----------------------------------------------------------------------
    Operator(
        "align-unanswered",
        "ALIGN",
        lambda el: _aligned(el) and _other_block(el, _local_pointers(el, "corresp")[0]) is not None,
        _retarget(_other_block, "corresp"),
        limit=8,
    ),
    Operator(
        "align-same-version",
        "ALIGN",
        lambda el: _aligned(el) and _same_side_block(el, "") is not None,
        _retarget(_same_side_block, "corresp"),
        limit=8,
    ),
    Operator("align-one-way", "ALIGN", _aligned, _drop_answer, limit=8),
    # -- Schematron constraints -----------------------------------------------------------------
    Operator(
        "no-sent-action",
        "SCH-corresp-sent",
        lambda el: _tei(el, "correspAction") and el.get("type") == "sent",
        _sent_to_received,
        limit=4,
    ),
    Operator(
        "two-sent-actions",
        "SCH-corresp-sent",
        lambda el: _tei(el, "correspAction") and el.get("type") == "sent",
        _duplicate,
        limit=2,
    ),
    Operator(
        "no-correspdesc",
        "SCH-message-corresp-desc",
        lambda el: _tei(el, "profileDesc"),
        _remove_all_correspdesc,
    ),
    Operator(
        "message-without-decls",
        "SCH-message-decls",
        lambda el: _tei(el, "div", "floatingText") and el.get("decls") is not None,
        _drop("decls"),
        limit=6,
    ),
    Operator(
        "version-without-language",
        "SCH-version-div",
        lambda el: (
            _tei(el, "div") and el.get(XML_LANG) is not None and local(el.getparent()) == "body"
        ),
        _drop(XML_LANG),
        limit=3,
    ),
    Operator(
        "message-not-declared",
        "SCH-corresp-used",
        lambda el: _tei(el, "correspDesc") and el.get(XML_ID) is not None,
        lambda el: el.set(XML_ID, el.get(XML_ID, "") + "-unused"),
        limit=3,
    ),
    Operator(
        "when-impossible-day",
        "SCH-when-date",
        _when(_is_date),
        lambda el: el.set("when", el.get("when", "")[:5] + "02-30"),
        limit=6,
    ),
    Operator(
        "when-24-hours",
        "SCH-when-date",
        _when(_is_datetime),
        lambda el: el.set("when", el.get("when", "")[:11] + "24:00:00"),
        limit=6,
    ),
    Operator(
        "when-time-zone",
        "SCH-when-date",
        _when(_is_datetime),
        lambda el: el.set("when", el.get("when", "") + "Z"),
        limit=6,
    ),
    Operator(
        "receipt-before-sending", "SCH-receipt-after-sending", _dated_receipt, _earlier, limit=4
    ),
    Operator(
        "no-repository",
        "SCH-msidentifier-repository",
        lambda el: _tei(el, "repository"),
        _remove,
        limit=3,
    ),
    *(
        Operator(
            f"shelfmark-without-{part}",
            "SCH-msidentifier-shelfmark",
            lambda el, part=part: (
                _tei(el, "msIdentifier")
                and el.find(f"{T}idno[@type='shelfmark']/{T}idno[@type='{part}']") is not None
            ),
            _unwrap_part(part),
            limit=3,
        )
        for part in ("fond", "opis", "delo")
    ),
    Operator(
        "folios-backwards",
        "SCH-locus-ascending",
        lambda el: _tei(el, "locus") and any(c.isdigit() for c in el.get("to", "")),
        _backwards,
        limit=4,
    ),
    Operator(
        "copy-count-zero",
        "SCH-copy-count-positive",
        lambda el: _tei(el, "num"),
        _set("value", "0"),
        limit=4,
    ),
    Operator(
        "copy-count-negative",
        "SCH-copy-count-positive",
        lambda el: _tei(el, "num"),
        _set("value", "-2"),
        limit=4,
    ),
    Operator(
        "copy-number-zero",
        "SCH-copy-number-positive",
        lambda el: (
            _tei(el, "item")
            and el.get("n") is not None
            and el.getparent() is not None
            and el.getparent().get("type") == "distribution"
        ),
        _set("n", "0"),
        limit=4,
    ),
    Operator(
        "raw-editorial-brackets",
        "SCH-no-raw-brackets",
        lambda el: _tei(el, "note") and el.get("type") in ("identification", "clarification"),
        _raw_brackets,
        limit=8,
    ),
    Operator(
        "subtype-on-wrong-type",
        "SCH-subtype-for-type",
        lambda el: (
            _tei(el)
            and el.get("subtype") is not None
            and el.get("type") is not None
            and (local(el), "type") in _closed()
            and local(el) != "div"
        ),
        _wrong_type_for_subtype,
        limit=6,
        distinct=lambda el: (local(el), el.get("subtype")),
    ),
)


def _picks(root: etree._Element, op: Operator) -> list[int]:
    """Positions (in `root.iter()` order) of the elements `op` breaks, spread evenly to `limit`."""
    found, keys = [], set()
    for i, el in enumerate(root.iter()):
        if not isinstance(el.tag, str) or not op.pick(el):
            continue
        if op.distinct is not None:
            key = op.distinct(el)
            if key in keys:
                continue
            keys.add(key)
        found.append(i)
    if len(found) <= op.limit:
        return found
    step = len(found) / op.limit
    return [found[int(k * step)] for k in range(op.limit)]


def mutants(base: str, xml: bytes) -> Iterator[Mutant]:
    """Every mutant of one valid document, operator by operator."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.fromstring(xml, parser).getroottree()
    for op in OPERATORS:
        for n, position in enumerate(_picks(tree.getroot(), op)):
            broken = copy.deepcopy(tree)
            el = list(broken.getroot().iter())[position]
            op.mutate(el)
            data = etree.tostring(broken, xml_declaration=True, encoding="UTF-8")
            yield Mutant(base, op.name, n, op.code, data)
