"""The closed vocabularies: every @type, @subtype, @reason and @place value the TEI writer emits.

One authoritative place. The writer only ever writes values named here, and the project's ODD
builds its closed value lists from `CLOSED_VALUES` (a test checks that they match), so a typo in
either is caught by the schema rather than shipped.
"""

from __future__ import annotations

from typing import Final

# -- model-level kinds (not attribute values themselves) -------------------------------------------
PERSON: Final = "person"
PLACE: Final = "place"
ORG: Final = "org"
NAME_KINDS: Final = frozenset({PERSON, PLACE, ORG})

# -- divisions -------------------------------------------------------------------------------------
DIV_TRANSLATION: Final = "translation"
DIV_ORIGINAL: Final = "original"
DIV_TYPES: Final = frozenset({DIV_TRANSLATION, DIV_ORIGINAL})
DIV_DRAFT: Final = "draft"
DIV_TRANSMITTED: Final = "transmitted"
DIV_SUBTYPES: Final = frozenset({DIV_DRAFT, DIV_TRANSMITTED})
PART_INITIAL: Final = "I"  # TEI's own @part values: only the start of the version survives
PART_FINAL: Final = "F"  # only the end (a continuation) survives
DIV_PARTS: Final = frozenset({PART_INITIAL, PART_FINAL})

# -- embedded telegrams ----------------------------------------------------------------------------
TELEGRAM: Final = "telegram"
QUOTE_TYPES: Final = frozenset({TELEGRAM})
FLOATING_TEXT_TYPES: Final = frozenset({TELEGRAM})

# -- apparatus lines (model kinds, mapped by the writer) -------------------------------------------
APP_ISSUER: Final = "issuer"
APP_FORM: Final = "form"
APP_DISTRIBUTION: Final = "distribution"
APP_RECEIVED: Final = "received"
APP_SENT: Final = "sent"
APP_TRANSMISSION: Final = "transmission"
APP_URGENCY: Final = "urgency"
APP_ADDRESS: Final = "addressee"
APP_SALUTE: Final = "salute"
APP_CLASSIFICATION: Final = "classification"
APP_OUTGOING: Final = "outgoing"
APP_SIGNATURE: Final = "signature"
APP_GREETING: Final = "greeting"
APP_DATE: Final = "date"
APP_UNCLASSIFIED: Final = "unclassified"
APPARATUS_KINDS: Final = frozenset(
    {
        APP_ISSUER,
        APP_FORM,
        APP_DISTRIBUTION,
        APP_RECEIVED,
        APP_SENT,
        APP_TRANSMISSION,
        APP_URGENCY,
        APP_ADDRESS,
        APP_SALUTE,
        APP_CLASSIFICATION,
        APP_OUTGOING,
        APP_SIGNATURE,
        APP_GREETING,
        APP_DATE,
        APP_UNCLASSIFIED,
    }
)

# -- seg/@type and seg/@subtype --------------------------------------------------------------------
SEG_FORM: Final = "form"
SEG_URGENCY: Final = "urgency"
SEG_CLASSIFICATION: Final = "classification"
SEG_ADDRESSEE: Final = "addressee"
SEG_TRANSMISSION: Final = "transmission"
SEG_UNCLASSIFIED: Final = "unclassified"
SEG_TYPES: Final = frozenset(
    {
        SEG_FORM,
        SEG_URGENCY,
        SEG_CLASSIFICATION,
        SEG_ADDRESSEE,
        SEG_TRANSMISSION,
        SEG_UNCLASSIFIED,
    }
)
URGENCY_EXTREME: Final = "extremely-urgent"
URGENCY_URGENT: Final = "urgent"
URGENCY_SUBTYPES: Final = frozenset({URGENCY_EXTREME, URGENCY_URGENT})

# -- note ------------------------------------------------------------------------------------------
NOTE_IDENTIFICATION: Final = "identification"
NOTE_CLARIFICATION: Final = "clarification"
NOTE_DISTRIBUTION: Final = "distribution"
NOTE_PROCESSING: Final = "processing"
NOTE_RENDITIONS: Final = "renditions"
NOTE_TYPES_INLINE: Final = frozenset({NOTE_IDENTIFICATION, NOTE_CLARIFICATION})
NOTE_TYPES: Final = frozenset(
    {
        NOTE_IDENTIFICATION,
        NOTE_CLARIFICATION,
        NOTE_DISTRIBUTION,
        NOTE_PROCESSING,
        NOTE_RENDITIONS,
    }
)
PROCESSING_DECIPHERED: Final = "deciphered"
PROCESSING_ENCIPHERED: Final = "enciphered"
PROCESSING_TYPED: Final = "typed"
PROCESSING_PRINTED: Final = "printed"
PROCESSING_CHECKED: Final = "checked"
PROCESSING_SUBTYPES: Final = frozenset(
    {
        PROCESSING_DECIPHERED,
        PROCESSING_ENCIPHERED,
        PROCESSING_TYPED,
        PROCESSING_PRINTED,
        PROCESSING_CHECKED,
    }
)
NOTE_PLACE_INLINE: Final = "inline"
NOTE_PLACES: Final = frozenset({NOTE_PLACE_INLINE})

# -- lists, names, dates, identifiers --------------------------------------------------------------
LIST_DISTRIBUTION: Final = "distribution"
LIST_TYPES: Final = frozenset({LIST_DISTRIBUTION})
PERSNAME_PSEUDONYM: Final = "pseudonym"
PERSNAME_TYPES: Final = frozenset({PERSNAME_PSEUDONYM})
ORG_ISSUER: Final = "issuer"
ORG_ABBREVIATION: Final = "abbreviation"
ORGNAME_TYPES: Final = frozenset({ORG_ISSUER, ORG_ABBREVIATION})
PLACENAME_TYPES: Final = frozenset[str]()
DATE_RECEIVED: Final = "received"
DATE_SENT: Final = "sent"
DATE_UPLOADED: Final = "uploaded"
DATE_TYPES: Final = frozenset({DATE_RECEIVED, DATE_SENT, DATE_UPLOADED})
IDNO_URI: Final = "URI"
IDNO_RECORD: Final = "record"
IDNO_SHELFMARK: Final = "shelfmark"
IDNO_FOND: Final = "fond"
IDNO_OPIS: Final = "opis"
IDNO_DELO: Final = "delo"
IDNO_PAPKA: Final = "papka"
IDNO_TELEGRAM: Final = "telegram"
IDNO_OUTGOING: Final = "outgoing"
IDNO_TYPES: Final = frozenset(
    {
        IDNO_URI,
        IDNO_RECORD,
        IDNO_SHELFMARK,
        IDNO_FOND,
        IDNO_OPIS,
        IDNO_DELO,
        IDNO_PAPKA,
        IDNO_TELEGRAM,
        IDNO_OUTGOING,
    }
)

# -- header ----------------------------------------------------------------------------------------
TITLE_MAIN: Final = "main"
TITLE_TYPES: Final = frozenset({TITLE_MAIN})
BIBL_CITATION: Final = "citation"
BIBL_SOURCE: Final = "source"
BIBL_TYPES: Final = frozenset({BIBL_CITATION, BIBL_SOURCE})
CORRESP_SENT: Final = "sent"
CORRESP_RECEIVED: Final = "received"
CORRESP_ACTION_TYPES: Final = frozenset({CORRESP_SENT, CORRESP_RECEIVED})
CORRESP_COPY: Final = "copy"
CORRESP_ACTION_SUBTYPES: Final = frozenset({CORRESP_COPY})

# -- page structure and omissions ------------------------------------------------------------------
FW_HEADER: Final = "header"
FW_CATCH: Final = "catch"
FW_PAGENUM: Final = "pageNum"
FW_TYPES: Final = frozenset({FW_HEADER, FW_CATCH, FW_PAGENUM})
GAP_OMITTED: Final = "omitted"
GAP_REASONS: Final = frozenset({GAP_OMITTED})

#: (element local name, attribute) -> every value the writer can emit there. The ODD's closed value
#: lists are built from this table; `tests/tei/test_writer.py` checks every written value is in it.
CLOSED_VALUES: Final[dict[tuple[str, str], frozenset[str]]] = {
    ("div", "type"): DIV_TYPES,
    ("div", "subtype"): DIV_SUBTYPES,
    ("div", "part"): DIV_PARTS,
    ("quote", "type"): QUOTE_TYPES,
    ("floatingText", "type"): FLOATING_TEXT_TYPES,
    ("seg", "type"): SEG_TYPES,
    ("seg", "subtype"): URGENCY_SUBTYPES,
    ("note", "type"): NOTE_TYPES,
    ("note", "subtype"): PROCESSING_SUBTYPES,
    ("note", "place"): NOTE_PLACES,
    ("list", "type"): LIST_TYPES,
    ("persName", "type"): PERSNAME_TYPES,
    ("orgName", "type"): ORGNAME_TYPES,
    ("date", "type"): DATE_TYPES,
    ("idno", "type"): IDNO_TYPES,
    ("title", "type"): TITLE_TYPES,
    ("bibl", "type"): BIBL_TYPES,
    ("correspAction", "type"): CORRESP_ACTION_TYPES,
    ("correspAction", "subtype"): CORRESP_ACTION_SUBTYPES,
    ("fw", "type"): FW_TYPES,
    ("gap", "reason"): GAP_REASONS,
}
