"""The TEI writer: `Document` -> lxml tree -> bytes, following ../shared/design/encoding.md.

All knowledge of TEI element names lives here; the model and the readers never see XML. Output is
deterministic: the same Document and options give byte-identical XML (attributes in fixed order,
no dict-order or clock dependence except the conversion date, which honours SOURCE_DATE_EPOCH).
Every attribute value with a closed vocabulary comes from `tei.vocabulary`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import fields

from lxml import etree

from tei import __version__
from tei import model as m
from tei import vocabulary as v
from tei.options import WriteOptions, conversion_date

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_XML_LANG = f"{{{XML_NS}}}lang"
_XML_ID = f"{{{XML_NS}}}id"
_QNAMES: dict[str, str] = {}
_ATTR_NAMES = {"xml_id": _XML_ID, "xml_lang": _XML_LANG}

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "zh": "Chinese", "ko": "Korean"}
"""Names written in langUsage for ISO 639-1 codes."""

EDITORIAL_DECLARATION = (
    "Square-bracketed insertions of the translators are encoded as identification notes (after a "
    "name), clarification notes, gaps or transliterations of the Russian. Service marks of the "
    "cipher office are encoded as processing notes; copies lists as distribution lists. Lines the "
    "converter could not interpret are kept as written."
)


def _t(tag: str) -> str:
    return f"{{{TEI_NS}}}{tag}"


def _el(
    parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str | None
) -> etree._Element:
    """A TEI element with the given non-None attributes (in keyword order), appended to parent."""
    qname = _QNAMES.get(tag) or _QNAMES.setdefault(tag, _t(tag))
    attrib = (
        {_ATTR_NAMES.get(k) or k.rstrip("_"): a for k, a in attrs.items() if a} if attrs else {}
    )
    if parent is None:
        el = etree.Element(qname, attrib, nsmap={None: TEI_NS})  # type: ignore[dict-item]
    else:
        el = etree.SubElement(parent, qname, attrib)
    if text is not None:
        el.text = text
    return el


def _ptr(ident: str | None) -> str | None:
    return f"#{ident}" if ident else None


def _append_text(el: etree._Element, text: str) -> None:
    """Append text after the last child of `el` (or to its text when it has none)."""
    if not text:
        return
    if len(el):
        last = el[-1]
        last.tail = (last.tail or "") + text
    else:
        el.text = (el.text or "") + text


# -- inline ----------------------------------------------------------------------------------------


def write_inlines(el: etree._Element, inlines: Sequence[m.Inline]) -> None:
    """Append inline content to `el`, in order."""
    for item in inlines:
        if isinstance(item, str):
            _append_text(el, item)
        else:
            _INLINE_WRITERS[type(item)](el, item)


def _name(el: etree._Element, item: m.Inline) -> None:
    assert isinstance(item, m.Name)
    tag = {v.PERSON: "persName", v.PLACE: "placeName", v.ORG: "orgName"}[item.kind]
    kind = v.PERSNAME_PSEUDONYM if item.pseudonym and item.kind == v.PERSON else item.type
    write_inlines(_el(el, tag, ref=_ptr(item.ref), type=kind), item.content)


def _date(el: etree._Element, item: m.Inline) -> None:
    assert isinstance(item, m.Date)
    _el(el, "date", item.text, type=item.type, when=item.when)


def _number(el: etree._Element, item: m.Inline) -> None:
    assert isinstance(item, m.Number)
    _el(el, "num", item.text, value=str(item.value))


def _identifier(el: etree._Element, item: m.Inline) -> None:
    assert isinstance(item, m.Identifier)
    _el(el, "idno", item.text, type=item.type)


def _note(el: etree._Element, item: m.Inline) -> None:
    assert isinstance(item, m.EditorialNote)
    note = _el(el, "note", type=item.type, place=v.NOTE_PLACE_INLINE)
    write_inlines(note, item.content)


def _gap(el: etree._Element, item: m.Inline) -> None:
    assert isinstance(item, m.Gap)
    _el(el, "gap", reason=item.reason)  # the marker "[...]" itself carries no words


def _foreign(el: etree._Element, item: m.Inline) -> None:
    assert isinstance(item, m.Foreign)
    _el(el, "foreign", item.text, xml_lang=item.lang)


def _segment(el: etree._Element, item: m.Inline) -> None:
    assert isinstance(item, m.Segment)
    write_inlines(_el(el, "seg", type=item.type, subtype=item.subtype), item.content)


def _line_break(el: etree._Element, item: m.Inline) -> None:
    _el(el, "lb")
    _append_text(el, "\n")  # the source's line end: a word boundary for any text reader


_INLINE_WRITERS: dict[type, Callable[[etree._Element, m.Inline], None]] = {
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


def _item_lines(lst: etree._Element) -> None:
    """One item per line, indented (inside mixed content the indenter does not touch): items
    are separate entries, also for a reader of the bare text."""
    depth = sum(1 for _ in lst.iterancestors())
    lst.text = "\n" + "  " * (depth + 1)
    for item in lst:
        item.tail = lst.text
    if len(lst):
        lst[-1].tail = "\n" + "  " * depth


def _distribution(el: etree._Element, dist: m.Distribution) -> None:
    note = _el(el, "note", type=v.NOTE_DISTRIBUTION)
    write_inlines(note, dist.lead)
    lst = _el(note, "list", type=v.LIST_DISTRIBUTION)
    for entry in dist.items:
        item = _el(lst, "item", n=str(entry.number) if entry.number is not None else None)
        write_inlines(item, entry.content)
    _item_lines(lst)
    write_inlines(note, dist.tail)


def _apparatus_line(el: etree._Element, line: m.ApparatusLine) -> None:
    kind = line.kind
    if kind == v.APP_ISSUER:
        only = line.content[0] if len(line.content) == 1 else None
        if isinstance(only, m.Name) and only.kind == v.ORG:  # the issuer is a known organisation
            org = _el(el, "orgName", type=v.ORG_ISSUER, ref=_ptr(only.ref))
            write_inlines(org, only.content)
        else:
            write_inlines(_el(el, "orgName", type=v.ORG_ISSUER), line.content)
    elif kind == v.APP_DISTRIBUTION and line.distribution is not None:
        _distribution(el, line.distribution)
    elif kind in (v.APP_RECEIVED, v.APP_SENT, v.APP_DATE):
        write_inlines(_el(el, "dateline"), line.content)
    elif kind in (v.APP_SALUTE, v.APP_GREETING):
        write_inlines(_el(el, "salute"), line.content)
    elif kind == v.APP_SIGNATURE:
        write_inlines(_el(el, "signed"), line.content)
    elif kind == v.APP_OUTGOING:
        write_inlines(el, line.content)
    else:
        subtype = line.subtype if kind == v.APP_URGENCY else None
        seg = _el(el, "seg", type=_SEG_KINDS.get(kind, v.SEG_UNCLASSIFIED), subtype=subtype)
        write_inlines(seg, line.content)


def _apparatus(
    el: etree._Element, tag: str, lines: Sequence[m.ApparatusLine | m.PageBreak | m.FormWork]
) -> None:
    """An opener or closer, one line of the source per line of XML, indented like its siblings
    (the whitespace between the lines is the only text added)."""
    box = _el(el, tag)
    depth = sum(1 for _ in box.iterancestors())
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


def write_blocks(el: etree._Element, blocks: Sequence[m.Block]) -> None:
    """Append block content to a div, a floatingText body or a postscript."""
    for block in blocks:
        if isinstance(block, m.Paragraph):
            p = _el(
                el,
                "p",
                xml_id=block.xml_id,
                n=block.n,
                xml_lang=block.lang,
                corresp=_ptr(block.corresp),
            )
            write_inlines(p, block.content)
        elif isinstance(block, m.Opener):
            _apparatus(el, "opener", block.lines)
        elif isinstance(block, m.Closer):
            _apparatus(el, "closer", block.lines)
        elif isinstance(block, m.PageBreak):
            _el(el, "pb", n=block.n)
        elif isinstance(block, m.FormWork):
            write_inlines(_el(el, "fw", type=block.type), block.content)
        elif isinstance(block, m.ServiceBlock):
            _service(el, block)
        elif isinstance(block, m.EmbeddedMessage):
            quote = _el(el, "quote", type=v.TELEGRAM)
            floating = _el(quote, "floatingText", type=v.TELEGRAM, decls=_ptr(block.decls))
            write_blocks(_el(floating, "body"), block.blocks)


def _service(el: etree._Element, block: m.ServiceBlock) -> None:
    """The cipher office's marks: a postscript (allowed after a closer) with one p per mark."""
    ps = _el(el, "postscript")
    for note in block.notes:
        p = _el(ps, "p")
        if note.subtype:
            write_inlines(
                _el(p, "note", type=v.NOTE_PROCESSING, subtype=note.subtype), note.content
            )
        else:
            write_inlines(p, note.content)


def _division(body: etree._Element, div: m.Division) -> None:
    el = _el(
        body,
        "div",
        type=div.type,
        subtype=div.subtype,
        n=div.n,
        xml_lang=div.lang,
        xml_id=div.xml_id,
        decls=_ptr(div.decls),
    )
    if div.partial:
        el.set("part", v.PART_FINAL)
    write_blocks(el, div.blocks)


# -- header ----------------------------------------------------------------------------------------


def _title_stmt(fd: etree._Element, meta: m.Metadata) -> None:
    ts = _el(fd, "titleStmt")
    _el(ts, "title", meta.title or "Untitled document", type=v.TITLE_MAIN)
    if meta.translator:
        rs = _el(ts, "respStmt")
        _el(rs, "resp", "translator")
        _el(rs, "persName", meta.translator)


def _publication_stmt(fd: etree._Element, meta: m.Metadata, opts: WriteOptions) -> None:
    ps = _el(fd, "publicationStmt")
    if meta.publisher:
        _el(ps, "publisher", meta.publisher)
    else:
        _el(ps, "authority", f"Converted with {opts.application}")
    if meta.url:
        _el(ps, "idno", meta.url, type=v.IDNO_URI)
    if meta.record_id:
        _el(ps, "idno", meta.record_id, type=v.IDNO_RECORD)
    if meta.rights:
        av = _el(ps, "availability")
        for para in meta.rights:
            _el(av, "p", para)
    if meta.uploaded_text:
        _el(ps, "date", meta.uploaded_text, type=v.DATE_UPLOADED, when=meta.uploaded_when)


def _citation(sd: etree._Element, meta: m.Metadata) -> None:
    bibl: etree._Element | None = None
    if meta.citation:
        bibl = _el(sd, "bibl", type=v.BIBL_CITATION)
        text = meta.citation
        if meta.date_text and meta.date_text in text:
            before, _, after = text.partition(meta.date_text)
            bibl.text = before
            _el(bibl, "date", meta.date_text, when=meta.date_when)
            _append_text(bibl, after)
        else:
            bibl.text = text
    if meta.source:
        source = _el(sd, "bibl", meta.source, type=v.BIBL_SOURCE)
        bibl = bibl if bibl is not None else source
    if bibl is None:
        bibl = _el(sd, "bibl", type=v.BIBL_SOURCE)
        if meta.date_text:
            _el(bibl, "date", meta.date_text, when=meta.date_when)
        if meta.title:
            _append_text(bibl, " ")
            _el(bibl, "title", meta.title)
    if meta.url:
        _append_text(bibl, " ")
        _el(bibl, "ref", meta.url, target=meta.url)


def _ms_desc(sd: etree._Element, arch: m.ArchiveReference, n: int, meta: m.Metadata) -> None:
    ms = _el(sd, "msDesc", xml_id=f"ms{n}")
    ident = _el(ms, "msIdentifier")
    if arch.country:
        _el(ident, "country", arch.country)
    if arch.settlement:
        _el(ident, "settlement", arch.settlement)
    repo = arch.repository or arch.abbreviation
    label = f"{repo} ({arch.abbreviation})" if arch.repository else repo
    _el(ident, "repository", label, ref=_ptr(arch.org_ref))
    shelf = _el(ident, "idno", arch.abbreviation, type=v.IDNO_SHELFMARK)
    for kind, value in (
        (v.IDNO_FOND, arch.fond),
        (v.IDNO_OPIS, arch.opis),
        (v.IDNO_DELO, arch.delo),
        (v.IDNO_PAPKA, arch.papka),
    ):
        if value:
            _append_text(shelf, ", ")
            _el(shelf, "idno", value, type=kind)
    contents = _el(ms, "msContents")
    item = _el(contents, "msItem")
    for i, folio in enumerate(arch.folios):
        text = arch.folio_text if i == 0 and len(arch.folios) == 1 else None
        _el(item, "locus", text or f"{folio.start}-{folio.end}", from_=folio.start, to=folio.end)
    _el(item, "title", meta.title or arch.written)
    _el(item, "bibl", arch.written)


def _corresp_desc(pd: etree._Element, rec: m.CorrespRecord) -> None:
    cd = _el(pd, "correspDesc", xml_id=rec.xml_id)
    for action in rec.actions:
        ca = _el(cd, "correspAction", type=action.type, subtype=action.subtype)
        for person in action.persons:
            _el(ca, "persName", person.text, ref=_ptr(person.ref))
        for place in action.places:
            _el(ca, "placeName", place.text, ref=_ptr(place.ref))
        if action.date is not None:
            _el(ca, "date", action.date.text, when=action.date.when)
        if not len(ca):
            cd.remove(ca)


def _header(root: etree._Element, doc: m.Document, opts: WriteOptions) -> None:
    meta = doc.metadata
    header = _el(root, "teiHeader")
    fd = _el(header, "fileDesc")
    _title_stmt(fd, meta)
    _publication_stmt(fd, meta, opts)
    if meta.renditions:
        ns = _el(fd, "notesStmt")
        lst = _el(_el(ns, "note", type=v.NOTE_RENDITIONS), "list")
        for rendition in meta.renditions:
            _el(lst, "item", rendition)
        _item_lines(lst)
    sd = _el(fd, "sourceDesc")
    _citation(sd, meta)
    for n, arch in enumerate(doc.archives, 1):
        _ms_desc(sd, arch, n, meta)

    ed = _el(header, "encodingDesc")
    app = _el(_el(ed, "appInfo"), "application", ident=opts.application, version=__version__)
    _el(app, "label", "tei convert")
    _el(_el(ed, "editorialDecl"), "p", EDITORIAL_DECLARATION)

    pd = _el(header, "profileDesc")
    if meta.summary:
        ab = _el(pd, "abstract")
        for para in meta.summary:
            _el(ab, "p", para)
    languages = _languages(doc)
    if languages:
        lu = _el(pd, "langUsage")
        for code, label in languages:
            _el(lu, "language", label, ident=code)
    if meta.doc_type:
        _el(_el(_el(pd, "textClass"), "keywords"), "term", meta.doc_type)
    for rec in doc.messages:
        _corresp_desc(pd, rec)

    rd = _el(header, "revisionDesc")
    _el(rd, "change", "Converted from the plain-text export.", when=opts.date or conversion_date())


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


def _stand_off(root: etree._Element, entities: Sequence[m.EntityRecord]) -> None:
    if not entities:
        return
    so = _el(root, "standOff")
    groups = (
        (v.PERSON, "listPerson", "person", "persName"),
        (v.PLACE, "listPlace", "place", "placeName"),
        (v.ORG, "listOrg", "org", "orgName"),
    )
    for kind, list_tag, item_tag, name_tag in groups:
        members = sorted((e for e in entities if e.kind == kind), key=lambda e: e.xml_id)
        if not members:
            continue
        lst = _el(so, list_tag)
        for ent in members:
            lst.append(copy.deepcopy(_entity_element(ent, item_tag, name_tag)))


_ENTITY_CACHE: dict[tuple[object, ...], etree._Element] = {}
_ENTITY_CACHE_SIZE = 512
_ENTITY_FIELDS = tuple(f.name for f in fields(m.EntityRecord))


def _entity_element(ent: m.EntityRecord, item_tag: str, name_tag: str) -> etree._Element:
    """The standOff entry of a table entity, built once and copied into each document (the
    same few entities recur in every telegram; copying a subtree is much cheaper than building)."""
    key = (item_tag, *(getattr(ent, name) for name in _ENTITY_FIELDS))
    cached = _ENTITY_CACHE.get(key)
    if cached is None:
        if len(_ENTITY_CACHE) >= _ENTITY_CACHE_SIZE:  # bounded: memory stays flat
            _ENTITY_CACHE.clear()
        holder = _el(None, "listPerson")
        cached = _el(holder, item_tag, xml_id=ent.xml_id)
        _entity_names(cached, ent, name_tag)
        _ENTITY_CACHE[key] = cached
    return cached


def _entity_names(it: etree._Element, ent: m.EntityRecord, tag: str) -> None:
    seen: set[tuple[str, str | None, str | None]] = set()

    def add(text: str, lang: str | None = None, kind: str | None = None) -> None:
        key = (text, lang, kind)
        if text and key not in seen:
            seen.add(key)
            _el(it, tag, text, type=kind, xml_lang=lang)

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


def to_tree(doc: m.Document, opts: WriteOptions | None = None) -> etree._Element:
    """The TEI element tree of a document."""
    opts = opts or WriteOptions()
    main_lang = doc.text_languages[0] if doc.text_languages else "en"
    root = _el(None, "TEI", xml_lang=main_lang)
    _header(root, doc, opts)
    _stand_off(root, doc.entities)
    body = _el(_el(root, "text"), "body")
    for div in doc.divisions:
        _division(body, div)
    if not doc.divisions:
        _el(body, "p")
    return root


#: Elements whose content is only elements: indenting them adds no text to the document.
ELEMENT_ONLY = frozenset(
    _t(tag)
    for tag in (
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
    )
)


def indent(el: etree._Element, level: int = 0) -> None:
    """Indent element-only content; mixed content (p, seg, opener, ...) is left exactly as is."""
    if el.tag not in ELEMENT_ONLY or not len(el):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        if child.tag in ELEMENT_ONLY:
            indent(child, level + 1)
        child.tail = pad
    el[-1].tail = "\n" + "  " * level


def to_bytes(doc: m.Document, opts: WriteOptions | None = None) -> bytes:
    """The TEI document as UTF-8 bytes with an XML declaration; deterministic."""
    opts = opts or WriteOptions()
    tree = to_tree(doc, opts)
    if opts.pretty:
        indent(tree)
    body = etree.tostring(tree, encoding="UTF-8") + b"\n"
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body
