"""The document model: what a reader found in an archive document, before any XML exists.

Plain dataclasses, no lxml and no I/O (pandoc-types style): readers build a `Document`, the TEI
writer (`tei.writer`) turns it into XML. The model speaks the document's terms (a telegram's
opener, its copies list, its service block) rather than TEI element names, so that another writer
could render it too; the mapping to TEI lives in the writer alone.

Text is kept as written. Every normalised value (an ISO date, an entity id, a count) sits beside the
text it was read from, never instead of it: nothing of the source is lost on the way to XML.

Inline content is a list of `Inline` items (plain strings and the tagged phrases below); block
content is a list of `Block` items. Identifiers (`xml_id`, `corresp`, `decls`) are bare ids without
"#": the writer adds the pointer syntax.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --------------------------------------------------------------------------------------------
# Inline content


@dataclass
class Name:
    """A person, place or organisation named in the text; `ref` is an entity id when known."""

    kind: str  # vocabulary.NAME_KINDS: "person" | "place" | "org"
    content: list[Inline]
    ref: str | None = None
    pseudonym: bool = False  # the written name is a code name (FILIPPOV = Stalin)
    type: str | None = None  # vocabulary.ORG_TYPES for organisations ("issuer")


@dataclass
class Date:
    """A date or time as written, with its normalised ISO value (`when`) when it has one."""

    text: str
    when: str | None = None
    type: str | None = None  # vocabulary.DATE_TYPES ("received", "sent")


@dataclass
class Number:
    """A count as written ("2", "четыре") with its integer value."""

    text: str
    value: int


@dataclass
class Identifier:
    """An identifier as written: a telegram number, an outgoing number."""

    text: str
    type: str  # vocabulary.IDNO_TYPES


@dataclass
class EditorialNote:
    """An editor's bracketed insertion: an identification or a clarification."""

    type: str  # vocabulary.NOTE_TYPES_INLINE: "identification" | "clarification"
    content: list[Inline]
    ref: str | None = None  # the entity an identification names, when known


@dataclass
class Gap:
    """Text the editor left out ("[...]"); `text` keeps the marker as written."""

    text: str
    reason: str = "omitted"  # vocabulary.GAP_REASONS


@dataclass
class Foreign:
    """A stretch in another language or script, e.g. a transliteration of the Russian."""

    text: str
    lang: str  # BCP 47: "ru-Latn"


@dataclass
class Segment:
    """A typed phrase inside a line, e.g. the urgency mark or the copy number of a continuation."""

    type: str  # vocabulary.SEG_TYPES
    content: list[Inline]
    subtype: str | None = None


@dataclass
class LineBreak:
    """A line break of the source kept inside one element (a title wrapped over two lines)."""


Inline = (
    str | Name | Date | Number | Identifier | EditorialNote | Gap | Foreign | Segment | LineBreak
)

# --------------------------------------------------------------------------------------------
# The telegram apparatus: lines of an opener or closer


@dataclass
class CopyItem:
    """One entry of a distribution list: a copy (numbered or counted) and its recipient."""

    content: list[Inline]
    number: int | None = None  # the copy number ("Экз. № 7")
    ref: str | None = None  # the recipient entity
    count: int | None = None  # how many copies ("Stalin (2)")


@dataclass
class Distribution:
    """A distribution list: `lead` is the text before the entries ("Copies: "), kept as written."""

    lead: list[Inline]
    items: list[CopyItem]
    total: int | None = None
    tail: list[Inline] = field(default_factory=list)


@dataclass
class ApparatusLine:
    """One line of a telegram's opener or closer, classified by what it says.

    `kind` is one of vocabulary.APPARATUS_KINDS (issuer, form, received, urgency, salute, ...);
    `subtype` refines it (an urgency level). "unclassified" keeps a line of the heading area that no
    parser recognised, as written.
    """

    kind: str
    content: list[Inline]
    subtype: str | None = None
    distribution: Distribution | None = None  # for kind "distribution"


# --------------------------------------------------------------------------------------------
# Blocks


@dataclass
class Paragraph:
    """A paragraph of running text; `n` is its point number ("1", "a") when it has one."""

    content: list[Inline]
    xml_id: str | None = None
    corresp: str | None = None  # id of the counterpart block in the other language
    n: str | None = None
    lang: str | None = None  # when it differs from its division's (a Chinese note in English)


@dataclass
class Opener:
    """The heading apparatus of a message (issuer, form, copies, receipt, urgency, salute).

    A sheet may begin or show its folio number inside the heading, hence page marks among lines.
    """

    lines: list[ApparatusLine | PageBreak | FormWork]


@dataclass
class Closer:
    """The closing apparatus of a message (greeting, signature, outgoing number, date)."""

    lines: list[ApparatusLine | PageBreak | FormWork]


@dataclass
class PageBreak:
    """The start of a new sheet of the original; `n` is the folio or page number when known."""

    n: str | None = None


@dataclass
class FormWork:
    """A running header, catchword or page number of a sheet, as written."""

    type: str  # vocabulary.FW_TYPES: "header" | "catch" | "pageNum"
    content: list[Inline]


@dataclass
class ServiceNote:
    """A processing mark of the cipher office (deciphered, typed, printed, checked)."""

    content: list[Inline]
    subtype: str | None = None  # vocabulary.PROCESSING_SUBTYPES


@dataclass
class ServiceBlock:
    """The cipher office's service block at the end of a Russian original."""

    notes: list[ServiceNote]


@dataclass
class EmbeddedMessage:
    """A telegram quoted inside another one, with its own apparatus and correspondence record."""

    blocks: list[Block]
    decls: str | None = None  # id of its CorrespRecord


Block = Paragraph | Opener | Closer | PageBreak | FormWork | ServiceBlock | EmbeddedMessage


@dataclass
class Division:
    """One language version of the document (the translation, an original, a draft)."""

    type: str  # vocabulary.DIV_TYPES: "translation" | "original"
    lang: str  # ISO 639-1: "en", "ru"
    xml_id: str
    blocks: list[Block]
    decls: str | None = None  # id of the CorrespRecord of the outer message
    n: str | None = None
    subtype: str | None = None  # vocabulary.DIV_SUBTYPES: "draft" | "transmitted"
    partial: bool = False  # only part of this version survives in the source


# --------------------------------------------------------------------------------------------
# Header facts


@dataclass
class Party:
    """A sender or recipient: the entity (when known) and the words it was read from."""

    ref: str | None
    text: str


@dataclass
class CorrespAction:
    """Sending or receiving of a message: who, where, when, as the text states them."""

    type: str  # vocabulary.CORRESP_ACTION_TYPES: "sent" | "received"
    persons: list[Party] = field(default_factory=list)
    places: list[Party] = field(default_factory=list)
    date: Date | None = None
    subtype: str | None = None  # "copy" for distribution copies


@dataclass
class CorrespRecord:
    """One message (the outer telegram or an embedded one) and its sending/receiving."""

    xml_id: str
    actions: list[CorrespAction]


@dataclass
class Folio:
    """A folio range of an archive citation, as written and as numbers (`start`, `end`)."""

    start: str
    end: str


@dataclass
class ArchiveReference:
    """One archive cited for the document: repository plus fond/opis/delo/papka and folios."""

    key: str  # tables key ("APRF") or the abbreviation as written
    written: str  # the citation as written
    abbreviation: str
    repository: str | None = None  # full name from the curated table
    country: str | None = None
    settlement: str | None = None
    org_ref: str | None = None
    fond: str | None = None
    opis: str | None = None
    delo: str | None = None
    papka: str | None = None
    folios: list[Folio] = field(default_factory=list)
    folio_text: str | None = None


@dataclass
class Metadata:
    """The archive's description of the document (title, dates, citation, summary, rights, ...).

    Every value keeps its source text; `date_when` and `uploaded_when` are the normalised dates.
    """

    title: str | None = None
    date_text: str | None = None
    date_when: str | None = None
    citation: str | None = None
    url: str | None = None
    summary: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)  # as written ("Russian")
    renditions: list[str] = field(default_factory=list)  # "Original Scan", "Translation - English"
    record_id: str | None = None
    rights: list[str] = field(default_factory=list)
    uploaded_text: str | None = None
    uploaded_when: str | None = None
    translator: str | None = None
    doc_type: str | None = None
    publisher: str | None = None
    source: str | None = None  # a bare "Source" field (web pages) when there is no citation


@dataclass
class EntityRecord:
    """A person, place or organisation of the standOff lists, copied from the curated table."""

    xml_id: str
    kind: str  # "person" | "place" | "org"
    name: str
    names_en: tuple[str, ...] = ()
    names_ru: tuple[str, ...] = ()
    pseudonyms_en: tuple[str, ...] = ()
    pseudonyms_ru: tuple[str, ...] = ()
    abbreviation: str | None = None
    names_other: tuple[tuple[str, str], ...] = ()  # (language, name): ("zh", "斯大林")
    pseudonyms_other: tuple[tuple[str, str], ...] = ()


@dataclass
class Document:
    """Everything a reader found: header facts, entities referenced, language divisions."""

    metadata: Metadata
    archives: list[ArchiveReference] = field(default_factory=list)
    messages: list[CorrespRecord] = field(default_factory=list)
    entities: list[EntityRecord] = field(default_factory=list)
    divisions: list[Division] = field(default_factory=list)
    text_languages: list[str] = field(default_factory=list)  # ISO codes of the divisions
    layout: str | None = None  # the reader that produced it
