"""The TEI writer: `Document` -> element tree -> bytes, following ../shared/design/encoding.md.

All knowledge of TEI element names lives here; the model and the readers never see XML. Output is
deterministic: the same Document and options give byte-identical XML (attributes in fixed order,
no dict-order or clock dependence except the conversion date, which honours SOURCE_DATE_EPOCH).
Every attribute value with a closed vocabulary comes from `tei.vocabulary`. The tree is made of
`tei.xmlnode` elements, not lxml's: building them is several times cheaper and the bytes are the
same.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import Any

from tei import __version__, xmlnode
from tei import model as m
from tei import vocabulary as v
from tei.options import WriteOptions, conversion_date
from tei.xmlnode import Element, Fragment

TEI_NS = "http://www.tei-c.org/ns/1.0"

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "zh": "Chinese", "ko": "Korean"}
"""Names written in langUsage for ISO 639-1 codes."""

EDITORIAL_DECLARATION = (
    "Square-bracketed insertions of the translators are encoded as identification notes (after a "
    "name), clarification notes, gaps or transliterations of the Russian. Service marks of the "
    "cipher office are encoded as processing notes; copies lists as distribution lists. Lines the "
    "converter could not interpret are kept as written."
)


def _ptr(ident: str | None) -> str | None:
    return f"#{ident}" if ident else None


def _append_text(el: Element, text: str) -> None:
    """Append text after the last child of `el` (or to its text when it has none)."""
    if not text:
        return
    if len(el):
        last = el[-1]
        last.tail = (last.tail or "") + text
    else:
        el.text = (el.text or "") + text


# -- inline ----------------------------------------------------------------------------------------


def write_inlines(el: Element, inlines: Sequence[m.Inline]) -> None:
    """Append inline content to `el`, in order."""
    for item in inlines:
        if not isinstance(item, str):
            _INLINE_WRITERS[type(item)](el, item)
        elif item:  # _append_text, inlined: most items are text
            if el:
                last = el[-1]
                last.tail = (last.tail or "") + item
            else:
                el.text = (el.text or "") + item


_NAME_TAGS = {v.PERSON: "persName", v.PLACE: "placeName", v.ORG: "orgName"}


def _name(el: Element, item: m.Inline) -> None:
    assert isinstance(item, m.Name)
    tag = _NAME_TAGS[item.kind]
    kind = v.PERSNAME_PSEUDONYM if item.pseudonym and item.kind == v.PERSON else item.type
    content = item.content
    only = content[0] if len(content) == 1 else None
    if isinstance(only, str):  # the usual name, one text: no inline writing
        el.child(tag, only or None, ref=_ptr(item.ref), type=kind)
    else:
        write_inlines(el.child(tag, ref=_ptr(item.ref), type=kind), content)


def _date(el: Element, item: m.Inline) -> None:
    assert isinstance(item, m.Date)
    el.child("date", item.text, type=item.type, when=item.when)


def _number(el: Element, item: m.Inline) -> None:
    assert isinstance(item, m.Number)
    el.child("num", item.text, value=str(item.value))


def _identifier(el: Element, item: m.Inline) -> None:
    assert isinstance(item, m.Identifier)
    el.child("idno", item.text, type=item.type)


def _note(el: Element, item: m.Inline) -> None:
    assert isinstance(item, m.EditorialNote)
    note = el.child("note", type=item.type, place=v.NOTE_PLACE_INLINE)
    write_inlines(note, item.content)


def _gap(el: Element, item: m.Inline) -> None:
    assert isinstance(item, m.Gap)
    el.child("gap", reason=item.reason)  # the marker "[...]" itself carries no words


def _foreign(el: Element, item: m.Inline) -> None:
    assert isinstance(item, m.Foreign)
    el.child("foreign", item.text, **{"xml:lang": item.lang})


def _segment(el: Element, item: m.Inline) -> None:
    assert isinstance(item, m.Segment)
    write_inlines(el.child("seg", type=item.type, subtype=item.subtype), item.content)


def _line_break(el: Element, item: m.Inline) -> None:
    el.child("lb")
    _append_text(el, "\n")  # the source's line end: a word boundary for any text reader


_INLINE_WRITERS: dict[type, Callable[[Element, m.Inline], None]] = {
    m.Name: _name,
    m.Date: _date,
    m.Number: _number,
    m.Identifier: _identifier,
    m.EditorialNote: _note,
    m.Gap: _gap,
    m.Foreign: _foreign,
    m.Segment: _segment,
    m.LineBreak: _line_break,
}

# -- apparatus -------------------------------------------------------------------------------------

_SEG_KINDS = {
    v.APP_FORM: v.SEG_FORM,
    v.APP_URGENCY: v.SEG_URGENCY,
    v.APP_CLASSIFICATION: v.SEG_CLASSIFICATION,
    v.APP_ADDRESS: v.SEG_ADDRESSEE,
    v.APP_TRANSMISSION: v.SEG_TRANSMISSION,
    v.APP_UNCLASSIFIED: v.SEG_UNCLASSIFIED,
}


def _item_lines(lst: Element) -> None:
    """One item per line, indented (inside mixed content the indenter does not touch): items
    are separate entries, also for a reader of the bare text."""
    depth = lst.depth
    lst.text = "\n" + "  " * (depth + 1)
    for item in lst:
        item.tail = lst.text
    if len(lst):
        lst[-1].tail = "\n" + "  " * depth


def _distribution(el: Element, dist: m.Distribution) -> None:
    note = el.child("note", type=v.NOTE_DISTRIBUTION)
    write_inlines(note, dist.lead)
    lst = note.child("list", type=v.LIST_DISTRIBUTION)
    for entry in dist.items:
        item = lst.child("item", n=str(entry.number) if entry.number is not None else None)
        write_inlines(item, entry.content)
    _item_lines(lst)
    write_inlines(note, dist.tail)


def _apparatus_line(el: Element, line: m.ApparatusLine) -> None:
    kind = line.kind
    if kind == v.APP_ISSUER:
        only = line.content[0] if len(line.content) == 1 else None
        if isinstance(only, m.Name) and only.kind == v.ORG:  # the issuer is a known organisation
            org = el.child("orgName", type=v.ORG_ISSUER, ref=_ptr(only.ref))
            write_inlines(org, only.content)
        else:
            write_inlines(el.child("orgName", type=v.ORG_ISSUER), line.content)
    elif kind == v.APP_DISTRIBUTION and line.distribution is not None:
        _distribution(el, line.distribution)
    elif kind in (v.APP_RECEIVED, v.APP_SENT, v.APP_DATE):
        write_inlines(el.child("dateline"), line.content)
    elif kind in (v.APP_SALUTE, v.APP_GREETING):
        write_inlines(el.child("salute"), line.content)
    elif kind == v.APP_SIGNATURE:
        write_inlines(el.child("signed"), line.content)
    elif kind == v.APP_OUTGOING:
        write_inlines(el, line.content)
    else:
        subtype = line.subtype if kind == v.APP_URGENCY else None
        seg = el.child("seg", type=_SEG_KINDS.get(kind, v.SEG_UNCLASSIFIED), subtype=subtype)
        write_inlines(seg, line.content)


def _apparatus(
    el: Element, tag: str, lines: Sequence[m.ApparatusLine | m.PageBreak | m.FormWork]
) -> None:
    """An opener or closer, one line of the source per line of XML, indented like its siblings
    (the whitespace between the lines is the only text added)."""
    box = el.child(tag)
    depth = box.depth
    pad = "\n" + "  " * (depth + 1)
    box.text = pad
    for line in lines:
        if isinstance(line, m.ApparatusLine):
            _apparatus_line(box, line)
        else:
            write_blocks(box, [line])
        _append_text(box, pad)
    if len(box) and box[-1].tail and box[-1].tail.endswith(pad):
        box[-1].tail = box[-1].tail[: -len(pad)] + "\n" + "  " * depth
    elif box.text == pad and not len(box):
        box.text = None


# -- blocks ----------------------------------------------------------------------------------------


def write_blocks(el: Element, blocks: Sequence[m.Block]) -> None:
    """Append block content to a div, a floatingText body or a postscript."""
    for block in blocks:
        if isinstance(block, m.Paragraph):
            attrs = {"xml:id": block.xml_id, "n": block.n, "xml:lang": block.lang}
            p = el.child("p", **attrs, corresp=_ptr(block.corresp))
            write_inlines(p, block.content)
        elif isinstance(block, m.Opener):
            _apparatus(el, "opener", block.lines)
        elif isinstance(block, m.Closer):
            _apparatus(el, "closer", block.lines)
        elif isinstance(block, m.PageBreak):
            el.child("pb", n=block.n)
        elif isinstance(block, m.FormWork):
            write_inlines(el.child("fw", type=block.type), block.content)
        elif isinstance(block, m.ServiceBlock):
            _service(el, block)
        elif isinstance(block, m.EmbeddedMessage):
            quote = el.child("quote", type=v.TELEGRAM)
            floating = quote.child("floatingText", type=v.TELEGRAM, decls=_ptr(block.decls))
            write_blocks(floating.child("body"), block.blocks)


def _service(el: Element, block: m.ServiceBlock) -> None:
    """The cipher office's marks: a postscript (allowed after a closer) with one p per mark."""
    ps = el.child("postscript")
    for note in block.notes:
        p = ps.child("p")
        if note.subtype:
            write_inlines(
                p.child("note", type=v.NOTE_PROCESSING, subtype=note.subtype), note.content
            )
        else:
            write_inlines(p, note.content)


def _division(body: Element, div: m.Division) -> None:
    el = body.child(
        "div",
        type=div.type,
        subtype=div.subtype,
        n=div.n,
        **{"xml:lang": div.lang, "xml:id": div.xml_id},
        decls=_ptr(div.decls),
    )
    if div.partial:
        el.set("part", v.PART_FINAL)
    write_blocks(el, div.blocks)


# -- header ----------------------------------------------------------------------------------------


def _title_stmt(fd: Element, meta: m.Metadata) -> None:
    ts = fd.child("titleStmt")
    ts.child("title", meta.title or "Untitled document", type=v.TITLE_MAIN)
    if meta.translator:
        rs = ts.child("respStmt")
        rs.child("resp", "translator")
        rs.child("persName", meta.translator)


def _publication_stmt(fd: Element, meta: m.Metadata, opts: WriteOptions) -> None:
    ps = fd.child("publicationStmt")
    if meta.publisher:
        ps.child("publisher", meta.publisher)
    else:
        ps.child("authority", f"Converted with {opts.application}")
    if meta.url:
        ps.child("idno", meta.url, type=v.IDNO_URI)
    if meta.record_id:
        ps.child("idno", meta.record_id, type=v.IDNO_RECORD)
    if meta.rights:
        av = ps.child("availability")
        for para in meta.rights:
            av.child("p", para)
    if meta.uploaded_text:
        ps.child("date", meta.uploaded_text, type=v.DATE_UPLOADED, when=meta.uploaded_when)


def _citation(sd: Element, meta: m.Metadata) -> None:
    bibl: Element | None = None
    if meta.citation:
        bibl = sd.child("bibl", type=v.BIBL_CITATION)
        text = meta.citation
        if meta.date_text and meta.date_text in text:
            before, _, after = text.partition(meta.date_text)
            bibl.text = before
            bibl.child("date", meta.date_text, when=meta.date_when)
            _append_text(bibl, after)
        else:
            bibl.text = text
    if meta.source:
        source = sd.child("bibl", meta.source, type=v.BIBL_SOURCE)
        bibl = bibl if bibl is not None else source
    if bibl is None:
        bibl = sd.child("bibl", type=v.BIBL_SOURCE)
        if meta.date_text:
            bibl.child("date", meta.date_text, when=meta.date_when)
        if meta.title:
            _append_text(bibl, " ")
            bibl.child("title", meta.title)
    if meta.url:
        _append_text(bibl, " ")
        bibl.child("ref", meta.url, target=meta.url)


def _ms_desc(sd: Element, arch: m.ArchiveReference, n: int, meta: m.Metadata) -> None:
    ms = sd.child("msDesc", **{"xml:id": f"ms{n}"})
    ident = ms.child("msIdentifier")
    if arch.country:
        ident.child("country", arch.country)
    if arch.settlement:
        ident.child("settlement", arch.settlement)
    repo = arch.repository or arch.abbreviation
    label = f"{repo} ({arch.abbreviation})" if arch.repository else repo
    ident.child("repository", label, ref=_ptr(arch.org_ref))
    shelf = ident.child("idno", arch.abbreviation, type=v.IDNO_SHELFMARK)
    for kind, value in (
        (v.IDNO_FOND, arch.fond),
        (v.IDNO_OPIS, arch.opis),
        (v.IDNO_DELO, arch.delo),
        (v.IDNO_PAPKA, arch.papka),
    ):
        if value:
            _append_text(shelf, ", ")
            shelf.child("idno", value, type=kind)
    contents = ms.child("msContents")
    item = contents.child("msItem")
    for i, folio in enumerate(arch.folios):
        text = arch.folio_text if i == 0 and len(arch.folios) == 1 else None
        item.child(
            "locus", text or f"{folio.start}-{folio.end}", **{"from": folio.start}, to=folio.end
        )
    item.child("title", meta.title or arch.written)
    item.child("bibl", arch.written)


def _corresp_desc(pd: Element, rec: m.CorrespRecord) -> None:
    cd = pd.child("correspDesc", **{"xml:id": rec.xml_id})
    for action in rec.actions:
        ca = cd.child("correspAction", type=action.type, subtype=action.subtype)
        for person in action.persons:
            ca.child("persName", person.text, ref=_ptr(person.ref))
        for place in action.places:
            ca.child("placeName", place.text, ref=_ptr(place.ref))
        if action.date is not None:
            ca.child("date", action.date.text, when=action.date.when)
        if not len(ca):
            cd.remove(ca)


def _header(root: Element, doc: m.Document, opts: WriteOptions) -> None:
    meta = doc.metadata
    header = root.child("teiHeader")
    fd = header.child("fileDesc")
    _title_stmt(fd, meta)
    _publication_stmt(fd, meta, opts)
    if meta.renditions:
        ns = fd.child("notesStmt")
        lst = ns.child("note", type=v.NOTE_RENDITIONS).child("list")
        for rendition in meta.renditions:
            lst.child("item", rendition)
        _item_lines(lst)
    sd = fd.child("sourceDesc")
    _citation(sd, meta)
    for n, arch in enumerate(doc.archives, 1):
        _ms_desc(sd, arch, n, meta)

    ed = header.child("encodingDesc")
    app = ed.child("appInfo").child("application", ident=opts.application, version=__version__)
    app.child("label", "tei convert")
    ed.child("editorialDecl").child("p", EDITORIAL_DECLARATION)

    pd = header.child("profileDesc")
    if meta.summary:
        ab = pd.child("abstract")
        for para in meta.summary:
            ab.child("p", para)
    languages = _languages(doc)
    if languages:
        lu = pd.child("langUsage")
        for code, label in languages:
            lu.child("language", label, ident=code)
    if meta.doc_type:
        pd.child("textClass").child("keywords").child("term", meta.doc_type)
    for rec in doc.messages:
        _corresp_desc(pd, rec)

    rd = header.child("revisionDesc")
    rd.child("change", "Converted from the plain-text export.", when=opts.date or conversion_date())


def _languages(doc: m.Document) -> list[tuple[str, str]]:
    """ISO code and label of each language: the divisions' languages (labelled as the export
    names them when it does), then any further language the export names; a name that is no
    known language is kept with the code "und" (undetermined) rather than dropped."""
    names = {name.lower(): code for code, name in LANGUAGE_NAMES.items()}
    written = {names.get(w.strip().lower(), ""): w for w in doc.metadata.languages}
    out = [
        (c, written.get(c) or LANGUAGE_NAMES.get(c, c)) for c in dict.fromkeys(doc.text_languages)
    ]
    done = {c for c, _ in out}
    for name in doc.metadata.languages:
        code = names.get(name.strip().lower(), "und")
        if code == "und" or code not in done:
            out.append((code, name))
            done.add(code)
    return out


# -- standOff --------------------------------------------------------------------------------------


_ENTITY_LISTS = {
    v.PERSON: ("listPerson", "person", "persName"),
    v.PLACE: ("listPlace", "place", "placeName"),
    v.ORG: ("listOrg", "org", "orgName"),
}
"""The standOff list of each kind of entity, in the order written: list, entry and name tags."""


def _stand_off(root: Element, entities: Sequence[m.EntityRecord], pretty: bool) -> None:
    if not entities:
        return
    so = root.child("standOff")
    by_kind: dict[str, list[m.EntityRecord]] = {}
    for ent in sorted(entities, key=_xml_id):  # one sort and one pass serve every list
        by_kind.setdefault(ent.kind, []).append(ent)
    for kind, (list_tag, item_tag, name_tag) in _ENTITY_LISTS.items():
        members = by_kind.get(kind)
        if members:
            lst = so.child(list_tag)
            for ent in members:
                markup = _entry_markup(ent, item_tag, name_tag, pretty)
                lst.append(Fragment(markup))


_xml_id = operator.attrgetter("xml_id")
_ENTITY_DEPTH = 3  # TEI/standOff/listPerson/person
_ENTRIES: dict[tuple[str, bool], tuple[dict[str, Any], str]] = {}
"""Markup of the entries written so far, by xml:id and pretty-printing, with the fields it was
made from: the same few entities recur in every telegram and would otherwise be a third of the
elements written."""
_MAX_ENTRIES = 512  # bounded: memory stays flat


def _entry_markup(ent: m.EntityRecord, item_tag: str, name_tag: str, pretty: bool) -> str:
    """The standOff entry of a table entity, serialized once. Comparing the fields (one dict
    comparison) is cheaper than hashing them all into a cache key."""
    key = (ent.xml_id, pretty)
    known = _ENTRIES.get(key)
    if known is not None and known[0] == vars(ent):
        return known[1]
    el = Element(item_tag, None, **{"xml:id": ent.xml_id})
    _entity_names(el, ent, name_tag)
    if pretty:
        indent(el, _ENTITY_DEPTH)
    markup = xmlnode.serialize(el)
    if len(_ENTRIES) >= _MAX_ENTRIES:
        _ENTRIES.clear()
    _ENTRIES[key] = (dict(vars(ent)), markup)  # a copy: the record may change afterwards
    return markup


def _entity_names(it: Element, ent: m.EntityRecord, tag: str) -> None:
    seen: set[tuple[str, str | None, str | None]] = set()

    def add(text: str, lang: str | None = None, kind: str | None = None) -> None:
        key = (text, lang, kind)
        if text and key not in seen:
            seen.add(key)
            it.child(tag, text, type=kind, **{"xml:lang": lang})

    add(ent.name)
    if ent.abbreviation and ent.kind == v.ORG:
        add(ent.abbreviation, kind=v.ORG_ABBREVIATION)
    for name in ent.names_en:
        if name.upper() != name or name == ent.name:  # capitals are the same name shouted
            add(name)
    for name in ent.names_ru[:1]:
        add(name, "ru")
    for lang, name in ent.names_other:
        add(name, lang)
    pseudonym = v.PERSNAME_PSEUDONYM if ent.kind == v.PERSON else None
    if pseudonym:
        for name in ent.pseudonyms_en[:1]:
            add(name, kind=pseudonym)
        for name in ent.pseudonyms_ru[:1]:
            add(name, "ru", pseudonym)
        for lang, name in ent.pseudonyms_other:
            add(name, lang, pseudonym)


# -- document --------------------------------------------------------------------------------------


def build(doc: m.Document, opts: WriteOptions) -> Element:
    """The TEI element tree of a document, not yet indented."""
    main_lang = doc.text_languages[0] if doc.text_languages else "en"
    root = Element("TEI", None, xmlns=TEI_NS, **{"xml:lang": main_lang})
    _header(root, doc, opts)
    _stand_off(root, doc.entities, opts.pretty)
    body = root.child("text").child("body")
    for div in doc.divisions:
        _division(body, div)
    if not doc.divisions:
        body.child("p")
    return root


#: Elements whose content is only elements: indenting them adds no text to the document.
ELEMENT_ONLY = frozenset(
    {
        "TEI",
        "teiHeader",
        "fileDesc",
        "titleStmt",
        "respStmt",
        "publicationStmt",
        "availability",
        "notesStmt",
        "sourceDesc",
        "msDesc",
        "msIdentifier",
        "msContents",
        "msItem",
        "encodingDesc",
        "appInfo",
        "application",
        "editorialDecl",
        "profileDesc",
        "abstract",
        "langUsage",
        "textClass",
        "keywords",
        "correspDesc",
        "correspAction",
        "revisionDesc",
        "standOff",
        "listPerson",
        "listPlace",
        "listOrg",
        "person",
        "place",
        "org",
        "text",
        "body",
        "div",
        "quote",
        "floatingText",
        "postscript",
        "list",
    }
)


def indent(el: Element, level: int = 0) -> None:
    """Indent element-only content; mixed content (p, seg, opener, ...) is left exactly as is."""
    if el.tag in ELEMENT_ONLY and el:
        _indent(el, "\n" + "  " * level)


def _indent(el: Element, outer: str) -> None:
    """`indent` of a non-empty element-only element whose end tag goes on a new line at `outer`
    (one pad string made per element, each child's pad handed down)."""
    inner = outer + "  "
    el.text = inner
    for child in el:
        if child.tag in ELEMENT_ONLY and child:
            _indent(child, inner)
        child.tail = inner
    el[-1].tail = outer


def to_bytes(doc: m.Document, opts: WriteOptions | None = None) -> bytes:
    """The TEI document as UTF-8 bytes with an XML declaration; deterministic.

    Raises `tei.xmlnode.XmlCharacterError` (a TeiError and a ValueError) when the document's text
    holds a character XML 1.0 does not allow."""
    opts = opts or WriteOptions()
    tree = build(doc, opts)
    if opts.pretty:
        indent(tree)
    return xmlnode.to_bytes(tree)
