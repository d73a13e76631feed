"""Telegram apparatus lines in English and Russian: what a line is, and what inside it to tag.

A ciphered telegram wraps its message in service lines: the issuing office, the form and its
number, the copy list, the place and time of receipt, urgency, addressee, salute, signature,
greetings, the outgoing number, the cipher clerks' notes and the sheet headers of continuation
pages. `classify_line` names the kind of one line (or returns None for ordinary text) and marks
the facts in it as spans with normalised values, so each reader builds the same opener and closer.

Rules are by meaning, not by seed: every kind is a keyword vocabulary (English and Russian, with
the forms archive pages use, such as "SECOND MAIN DIRECTORATE", "CABLE Nº", "Issuing No.") plus
one check that the rest of the line holds only what that kind may hold (names, dates, numbers).
A line with anything else left over is prose and gets None, so "I received your telegram of
27 January" is never a receipt line and "1. Our troops..." is never a copy list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from converters.parsing.dates import find_dates, find_times, parse_date
from converters.parsing.distribution import Distribution, parse_distribution
from converters.parsing.lexicon import HONORIFIC, NUMBER_SIGN, line_bounds
from converters.parsing.names import find_names
from converters.parsing.processing import (
    COPIES_COUNT,
    LOOSE_TIME,
    ProcessingNote,
    processing_notes,
)
from converters.parsing.spans import Span

__all__ = ["HeaderLine", "LineKind", "ProcessingNote", "classify_line", "processing_notes"]


class LineKind(StrEnum):
    """The kinds of apparatus line; values are lower-case words usable as TEI @type values."""

    ISSUER = "issuer"
    FORM = "form"
    DISTRIBUTION = "distribution"
    RECEIVED = "received"
    SENT = "sent"
    URGENCY = "urgency"
    ADDRESS = "address"
    SALUTE = "salute"
    CLASSIFICATION = "classification"
    OUTGOING = "outgoing"
    PROCESSING = "processing"
    CONTINUATION = "continuation"
    CATCH = "catch"
    SIGNATURE = "signature"
    GREETING = "greeting"
    DATELINE = "dateline"  # added: a line that is only a date ("1.X..50 г.", "On 1.X.50")


@dataclass(frozen=True)
class HeaderLine:
    """A classified line; spans are offsets into the line as passed in."""

    kind: LineKind
    text: str
    subtype: str | None
    spans: tuple[Span, ...]
    notes: tuple[ProcessingNote, ...] = ()  # added: the notes of a PROCESSING line
    distribution: Distribution | None = None  # added: the list of a DISTRIBUTION line


_I = re.IGNORECASE
_END = r"[ \t]*[.:;,!]?[ \t]*"

_CATCH = re.compile(
    r"[(/\[][ \t]*(?:[сcо][мm]\.?[ \t]*[^\W\d_]{1,3}\.?[ \t]*[^\W\d_]{1,5}\.?"
    r"|see[ \t]+(?:the[ \t]+)?next[ \t]+(?:page|sheet)|continued(?:[ \t]+on[ \t]+next[ \t]+page)?"
    r"|cont\.?|over|далее|продолжение[ \t]+следует)[ \t]*[)/\]]" + _END,
    _I,
)
_CONT_PART = (
    r"(?P<cont>(?:Продолжение|Continuation(?:[ \t]+of)?)(?:[ \t]+(?:шифр(?:о)?телеграммы|телеграммы"
    r"|(?:the[ \t]+)?(?:ciphered[ \t]+|cipher[ \t]+)?(?:telegram|cable)))?"
    rf"(?:[ \t]*{NUMBER_SIGN}[ \t]*(?P<cont_n>\d+))?)"
)
_COPY_PART = rf"(?P<copy>(?:Экз\.?|Экземпляр|Copy)[ \t]*{NUMBER_SIGN}[ \t]*(?P<copy_n>\d+))"
_SHEET_PART = (
    r"(?P<sheet>(?:Лист|Sheet|Page|Стр\.?|Страница)[ \t]*[„\"“«]?[ \t]*(?P<sheet_n>\d+)"
    r"[ \t]*[“\"”»]?)"
)
_CONTINUATION = re.compile(
    rf"(?:{_CONT_PART}[ \t.,]*)?(?:{_COPY_PART}[ \t.,]*)?(?:{_SHEET_PART})?" + _END, _I
)
_PAGE_NUMBER = re.compile(r"[-–—][ \t]*(?P<n>\d{1,3})[ \t]*[-–—]" + _END)

_FORM = re.compile(
    r"(?P<form>(?P<telegram>(?:(?:OUTGOING|INCOMING|ВХОДЯЩАЯ|ИСХОДЯЩАЯ)[ \t]+)?"
    r"(?:(?:CIPHERED|CIPHER|CODED|ENCIPHERED|ENCODED)[ \t]+)?"
    r"(?:TELEGRAM|CABLEGRAM|CABLE|RADIOGRAM|TELEGRAMME|SPECIAL[ \t]+MESSAGE)"
    r"|ШИФРО?ТЕЛЕГРАММА|ТЕЛЕГРАММА|РАДИОГРАММА|ТЕЛЕФОНОГРАММА|SHIFRTELEGRAMMA)"
    r"|(?P<conversation>RECORD[ \t]+OF[ \t]+(?:A[ \t]+|THE[ \t]+)?CONVERSATION"
    r"|MEMORANDUM[ \t]+OF[ \t]+(?:A[ \t]+|THE[ \t]+)?CONVERSATION|ЗАПИСЬ[ \t]+БЕСЕДЫ)"
    r"|(?P<letter>LETTER|ПИСЬМО)"
    r"|(?P<memorandum>MEMORANDUM|ДОКЛАДНАЯ[ \t]+ЗАПИСКА|ЗАПИСКА|СПРАВКА|REPORT|ДОНЕСЕНИЕ)"
    r"|(?P<directive>DIRECTIVE|ДИРЕКТИВА|RESOLUTION|ПОСТАНОВЛЕНИЕ|DECREE))"
    rf"(?:[ \t]*{NUMBER_SIGN}[ \t]*(?P<n>\d+(?:[/-]\w+)?)|[ \t]*{NUMBER_SIGN}(?=[ \t]*$))?"
    r"(?:[ \t]*,?[ \t]+(?P<tail>(?:(?i:between|with|of|from|to|между|с|от|comrades?|товарищ\w*)"
    r"[ \t]+|(?i:тов\.|т\.)[ \t]*)\S.*?))?" + _END,
    _I,
)
# Words the tail of a form line may hold besides names and dates ("between Comrade Stalin and ...").
_FORM_TAIL_WORDS = re.compile(
    r"(?i:between|with|of|from|to|and|the|между|с|от|и|comrades?|товарищ(?:ем|ами|а|у)?"
    r"|chairman|premier|ambassador|председателем|послом|премьером)(?![^\W\d_])|(?i:тов\.|т\.)"
)
_URGENCY = re.compile(
    r"(?P<x>(?:EXTREMELY|VERY|MOST|HIGHLY|ВЕСЬМА|ОЧЕНЬ|ОСОБО|В\.|V\.)[ \t]*)?"
    r"(?P<u>URGENT|СРОЧНО|СРОЧНАЯ|IMMEDIATE|PRIORITY|FLASH|ВНЕ[ \t]+ОЧЕРЕДИ|МОЛНИЯ|MOLNIIA)\.?"
    r"(?:[ \t]+[TТ]\.?)?" + _END,
    _I,
)
_SECRECY = re.compile(
    r"(?:(?:СОВ(?:ЕРШЕННО)?\.?[ \t]*)?СЕКРЕТНО|НЕ[ \t]+СЕКРЕТНО|(?:TOP|STRICTLY)[ \t]+SECRET"
    r"|NOT[ \t]+SECRET|SECRET|CONFIDENTIAL|ОСОБОЙ[ \t]+ВАЖНОСТИ|ОСОБАЯ[ \t]+ПАПКА"
    r"|SPECIAL[ \t]+FILE|СНЯТИЕ[ \t]+КОПИЙ[ \t]+ВОСПРЕЩАЕТСЯ"
    r"|(?:MAKING[ \t]+)?COPY(?:ING|[ \t]+MAKING)?[ \t]+(?:IS[ \t]+)?(?:PROHIBITED|FORBIDDEN))"
    r"(?:[ \t]*[,./][ \t]*(?:ОСОБАЯ[ \t]+ПАПКА|SPECIAL[ \t]+FILE))?" + _END,
    _I,
)
_HANDLING = re.compile(
    r"(?:ПОДЛЕЖИТ|ДОЛЖЕН|ДОЛЖНА|ДОЛЖНО)[ \t]+ВОЗВРАТ\w*\b.*"
    r"|(?:TO[ \t]+BE[ \t]+|MUST[ \t]+BE[ \t]+)?RETURN(?:ED)?[ \t]+(?:WITHIN|TO)\b.*",
    _I | re.S,
)
_GREETING = re.compile(
    r"(?:With[ \t]+(?:(?:Bolshevik|communist|comradely|fraternal|best)[ \t]+)?greetings?"
    r"|С[ \t]+(?:большевистским|коммунистическим|товарищеским)[ \t]+приветом"
    r"|(?:With|Best|Kind)[ \t]+(?:respect|regards|wishes)|Regards|Greetings|Привет"
    r"|Respectfully(?:[ \t]+yours)?|Yours[ \t]+(?:faithfully|sincerely|truly)"
    r"|(?:Sincerely|Faithfully|Truly)[ \t]+yours|Sincerely|С[ \t]+(?:глубоким[ \t]+)?уважением"
    r"|С[ \t]+(?:дружеским|братским)[ \t]+приветом)" + _END,
    _I,
)
_RECEIVED = re.compile(
    r"(?:\d+[ \t]+)?(?:(?:From|FROM|Из|ИЗ)[ \t]+(?P<from>[^\d\n,]+?)[ \t]+"
    r"|(?P<gen>[A-ZА-ЯЁ][A-ZА-ЯЁa-zа-яё'-]+(?:[ \t]+[A-ZА-ЯЁ][A-ZА-ЯЁa-zа-яё'-]+)?)[ \t]+)?"
    r"(?P<verb>(?i:received|rec'd|recd\.?|arrived|получена|получено|поступила|принята))"
    r"(?![^\W\d_])[ \t]*[.:,]?[ \t]*(?:(?i:on|at|в)[ \t]+)?"
)
_SENT = re.compile(
    r"(?P<verb>(?i:sent|transmitted|dispatched|despatched|передано|передана|отправлено"
    r"|отправлена|отправил[аи]?))(?![^\W\d_])"
)
_OUTGOING = re.compile(
    r"(?:(?P<word>Issuing|Outgoing|Out\.?|Исх(?:одящий)?\.?|Ref\.?)[ \t]*)?"
    rf"{NUMBER_SIGN}(?:[ \t]*(?P<n>\d+(?:/\w+)?)[ \t]*[.,]?(?:\s+(?P<rest>\S.*?))?)?" + _END,
    re.S,
)
_FORWARD = re.compile(
    r"(?:(?i:for|please)[ \t]+(?:(?i:immediate|urgent|prompt)[ \t]+)?"
    r"(?i:transmission|delivery|forwarding|transmit|deliver|forward)(?:[ \t]+(?i:to))?"
    r"|(?i:для)[ \t]+(?:(?i:немедленной|срочной)[ \t]+)?(?i:передачи|вручения)"
    r"|(?i:передать|вручить))(?![^\W\d_])"
)
_OFFICE = re.compile(
    r"[ \t]*,?[ \t]*(?P<office>(?i:soviet[ \t]+ambassador|ambassador|sovposol|embassy"
    r"|representative|consul|military[ \t]+attach[eé]|совпосол[уа]?|послу|посол|полпреду?"
    r"|консулу?|военному[ \t]+атташе|представителю))"
    r"(?:[ \t]*,?[ \t]*(?:(?i:to|т\.|тов\.)[ \t]*)?(?P<who>[^\n]*?))?" + _END
)
_ISSUER_KEY = re.compile(
    r"(?<![^\W\d_])(?:ADMINISTRATION|DIRECTORATE|MINISTRY|COMMITTEE|DEPARTMENT|EMBASSY"
    r"|HEADQUARTERS|GENERAL[ \t]+STAFF|УПРАВЛЕНИЕ|МИНИСТЕРСТВО|ГЕНШТАБ|ГЕНЕРАЛЬНЫЙ[ \t]+ШТАБ"
    r"|КОМИТЕТ|ОТДЕЛ|ПОСОЛЬСТВО|ШТАБ|MFA|МИД|MGB|МГБ|GRU|ГРУ|KGB|КГБ)(?![^\W\d_])",
    _I,
)
_ISSUER_LEAD = re.compile(
    r"(?:(?:FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|CHIEF|MAIN|GENERAL|CENTRAL|SPECIAL|FOREIGN"
    r"|ПЕРВОЕ|ВТОРОЕ|ТРЕТЬЕ|ЧЕТВЕРТОЕ|ПЯТОЕ|ГЛАВНОЕ|ЦЕНТРАЛЬНОЕ|ОСОБОЕ|ГЕНЕРАЛЬНЫЙ)[ \t]+){0,4}",
    _I,
)
_SALUTE_LEAD = re.compile(
    r"[„\"“«]?[ \t]*(?P<to>(?:To|TO|Dear|DEAR|Уважаемый|Уважаемая|Дорогой|Дорогая)[ \t]+)?"
    rf"(?P<hon>(?:{HONORIFIC}[ \t]*)*)"
)
_BRACKET = re.compile(r"\[[^\[\]\n]*\]")
_LEFTOVER = re.compile(r"[\s.,;:!?\"'“”„«»()\-–—*_/]+|(?i:and|и|or|или)(?![^\W\d_])")
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")


def classify_line(line: str, *, year: int | None = None) -> HeaderLine | None:
    """The apparatus kind of one line (or a short block such as a copy table), or None."""
    if not isinstance(line, str) or len(line) > _MAX_BLOCK + 200:
        return None
    if year is not None and not isinstance(year, int):
        year = None
    try:
        return _classify(line, year)
    except (ValueError, IndexError):  # defensive: odd input never stops a conversion
        return None


# An apparatus line is short; longer text is prose unless it is a copy table or list.
_MAX_LINE, _MAX_BLOCK = 240, 2000


@lru_cache(maxsize=4096)
def _classify(line: str, year: int | None) -> HeaderLine | None:
    s, e = line_bounds(line)
    if s >= e or e - s > _MAX_BLOCK:
        return None
    if e - s > _MAX_LINE and "\t" not in line:
        # A paragraph of prose, or a numbered copy list of many lines: only the latter applies.
        return _distribution(line, s, e, year) if "\n" in line[s:e] else None
    for check in _CHECKS:
        found = check(line, s, e, year)
        if found is not None:
            return found
    return None


def _hl(
    kind: LineKind,
    line: str,
    subtype: str | None,
    spans: list[Span],
    *,
    notes: tuple[ProcessingNote, ...] = (),
    distribution: Distribution | None = None,
) -> HeaderLine:
    return HeaderLine(kind, line, subtype, _tidy(spans), notes, distribution)


def _tidy(spans: list[Span]) -> tuple[Span, ...]:
    """Sorted, non-overlapping (the first-listed of two overlapping spans wins)."""
    kept: list[Span] = []
    for sp in spans:
        if sp.end > sp.start and all(sp.end <= k.start or sp.start >= k.end for k in kept):
            kept.append(sp)
    return tuple(sorted(kept, key=lambda sp: sp.start))


def _in_brackets(line: str, s: int, e: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _BRACKET.finditer(line, s, e)]


def _fact_spans(line: str, s: int, e: int, year: int | None) -> list[Span]:
    """Names, dates and times between s and e, leaving bracketed editorial notes to brackets.

    Several checks ask about the same line, so the answer is cached.
    """
    return list(_facts(line, s, e, year))


@lru_cache(maxsize=1024)
def _facts(line: str, s: int, e: int, year: int | None) -> tuple[Span, ...]:
    seg = line[s:e]
    skip = _in_brackets(line, s, e)
    out: list[Span] = []
    for d in find_dates(seg, year=year):
        out.append(Span(s + d.start, s + d.end, "date", d.when))
    for t in find_times(seg):
        out.append(Span(s + t.start, s + t.end, "time", t.when))
    for n in find_names(seg):
        a, b = s + n.start, s + n.end
        if any(x <= a < y for x, y in skip):
            continue
        out.append(Span(a, b, n.kind, n.ref, n.pseudonym))
    return tuple(out)


def _only_facts(line: str, s: int, e: int, spans: list[Span]) -> bool:
    """Whether line[s:e] holds nothing but the spans, brackets, punctuation and "and"."""
    chars = list(line[s:e])
    for sp in spans:
        for i in range(max(sp.start, s), min(sp.end, e)):
            chars[i - s] = " "
    for a, b in _in_brackets(line, s, e):
        for i in range(a, b):
            chars[i - s] = " "
    rest = _LEFTOVER.sub(" ", "".join(chars))
    return not rest.strip()


# --- the checks, in order -----------------------------------------------------------------


def _catch(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    if _CATCH.fullmatch(line, s, e):
        return _hl(LineKind.CATCH, line, None, [])
    return None


def _continuation(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    m = _CONTINUATION.fullmatch(line, s, e)
    if m is not None and (m.group("cont") or m.group("copy") or m.group("sheet")):
        spans = []
        if m.group("cont_n"):
            spans.append(
                Span(m.start("cont_n"), m.end("cont_n"), "idno-telegram", m.group("cont_n"))
            )
        if m.group("copy_n"):
            spans.append(Span(m.start("copy_n"), m.end("copy_n"), "copy-number", m.group("copy_n")))
        if m.group("sheet_n"):
            spans.append(Span(m.start("sheet_n"), m.end("sheet_n"), "num", m.group("sheet_n")))
        sub = "continuation" if m.group("cont") else "copy" if m.group("copy") else "sheet"
        return _hl(LineKind.CONTINUATION, line, sub, spans)
    p = _PAGE_NUMBER.fullmatch(line, s, e)
    if p is not None:
        return _hl(
            LineKind.CONTINUATION,
            line,
            "page",
            [Span(p.start("n"), p.end("n"), "num", p.group("n"))],
        )
    return None


def _form(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    m = _FORM.fullmatch(line, s, e)
    if m is None:
        return None
    spans: list[Span] = []
    if m.group("tail"):
        spans = _fact_spans(line, m.start("tail"), m.end("tail"), year)
        words = [
            Span(w.start(), w.end(), "num")
            for w in _FORM_TAIL_WORDS.finditer(line, m.start("tail"), m.end("tail"))
        ]
        if not spans or not _only_facts(line, m.start("tail"), m.end("tail"), spans + words):
            return None
    elif not m.group("n") and not m.group("form").isupper():
        return None  # "Telegram" in a metadata block is not the form line of a telegram
    kind = next(k for k in _FORM_KINDS if m.group(k))
    if m.group("n"):
        role = "idno-telegram" if kind == "telegram" else "idno-document"
        spans.append(Span(m.start("n"), m.end("n"), role, m.group("n")))
    return _hl(LineKind.FORM, line, None if kind == "telegram" else kind, spans)


_FORM_KINDS = ("telegram", "conversation", "letter", "memorandum", "directive")


def _urgency(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    m = _URGENCY.fullmatch(line, s, e)
    if m is None:
        return None
    u = m.group("u").upper()
    extreme = bool(m.group("x")) or u in ("FLASH", "МОЛНИЯ", "MOLNIIA") or u.startswith("ВНЕ")
    return _hl(LineKind.URGENCY, line, "extremely-urgent" if extreme else "urgent", [])


def _classification(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    if _SECRECY.fullmatch(line, s, e):
        return _hl(LineKind.CLASSIFICATION, line, "secrecy", [])
    if e - s <= 200 and _HANDLING.fullmatch(line, s, e):
        return _hl(LineKind.CLASSIFICATION, line, "handling", [])
    return None


def _greeting(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    if _GREETING.fullmatch(line, s, e):
        return _hl(LineKind.GREETING, line, None, [])
    return None


def _processing(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    notes = processing_notes(line, year=year)
    if not notes:
        return None
    spans: list[Span] = []
    for n in notes:
        if n.person is not None:
            known = find_names(line[n.person[0] : n.person[1]])
            ref = known[0].ref if known else None
            spans.append(Span(n.person[0], n.person[1], "person", ref))
        seg = line[n.start : n.end]
        found = [
            Span(n.start + d.start, n.start + d.end, "date", d.when)
            for d in find_dates(seg, year=year)
        ]
        found += [Span(n.start + t.start, n.start + t.end, "time", t.when) for t in find_times(seg)]
        if not found and n.when is not None:  # a bare "14.05" after the clerk's name
            lt = LOOSE_TIME.search(line, n.start, n.end)
            if lt is not None:
                found.append(Span(lt.start(), lt.end(), "time", n.when))
        spans += found
        if n.count is not None:
            cm = COPIES_COUNT.search(line, n.start, n.end)
            if cm is not None:
                spans.append(Span(cm.start("n"), cm.end("n"), "num", str(n.count)))
    return _hl(LineKind.PROCESSING, line, notes[0].subtype, spans, notes=tuple(notes))


def _received(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    m = _RECEIVED.match(line, s, e)
    if m is None:
        return None
    after = m.end()
    spans = _fact_spans(line, s, e, year)
    when = [sp for sp in spans if sp.role in ("date", "time") and sp.start >= m.start("verb")]
    if not when and line[after:e].strip():
        return None
    if m.group("from") is not None and not any(
        sp.role == "place" and sp.start >= m.start("from") for sp in spans
    ):
        spans.append(Span(m.start("from"), m.end("from"), "place", None))
    extra = []
    copy = _COPY_IN_LINE.search(line, after, e)
    if copy is not None:
        spans.append(Span(copy.start(1), copy.end(1), "copy-number", copy.group(1)))
        extra.append(Span(copy.start(), copy.end(), "num"))
    prefix = [Span(m.start(), m.end(), "num")]  # "113 ПЕКИНА получена", "From X Received on"
    extra += [Span(w.start(), w.end(), "num") for w in _RECEIPT_WORDS.finditer(line, after, e)]
    if not _only_facts(line, s, e, spans + extra + prefix):
        return None
    return _hl(LineKind.RECEIVED, line, None, spans)


# Words a receipt line may hold besides names and times: "Received by wire in Moscow on ...".
_RECEIPT_WORDS = re.compile(
    r"(?i:by|wire|cable|radio|telegraph|on|at|in|from|via|в|из|по|телеграфу|проводу)(?![^\W\d_])"
)
_COPY_IN_LINE = re.compile(rf"(?i:экз\.?|copy)[ \t]*{NUMBER_SIGN}[ \t]*(\d+)")


_SENT_WORDS = re.compile(
    r"(?i:by|wire|cable|radio|telegraph|to|on|at|from|via|in|из|в|от|с|comrade)(?![^\W\d_])"
    r"|(?i:т\.|тов\.|comr\.|cde\.)"
)


def _sent(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    m = _SENT.match(line, s, e)
    if m is None:
        return None
    spans = _fact_spans(line, s, e, year)
    filler = [Span(w.start(), w.end(), "num") for w in _SENT_WORDS.finditer(line, m.end(), e)]
    verb = [Span(m.start(), m.end(), "num")]
    if not _only_facts(line, s, e, spans + filler + verb):
        return None
    return _hl(LineKind.SENT, line, None, spans)


# Every copy-list form has a tab, a leading point number or one of these words.
_DIST_HINT = re.compile(
    r"\t|^[ \t*_#>]*\d{1,2}[.)][ \t]|(?i:cop(?:y|ies)|distribut|cc|sent[ \t]+to|разосл|рассылк|экз"
    r"|копи|направлено)",
    re.M,
)


def _distribution(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    if _DIST_HINT.search(line) is None:
        return None
    dist = parse_distribution(line[s:e])
    if dist is None:
        return None
    spans: list[Span] = []
    for entry in dist.entries:
        if entry.name_start is not None and entry.name_end is not None and entry.name is not None:
            role = _addressee_role(entry.ref, entry.name)
            if role is not None:
                spans.append(Span(s + entry.name_start, s + entry.name_end, role, entry.ref))
        if entry.start is None or entry.end is None:
            continue
        for num in re.finditer(r"\d+", line[s + entry.start : s + entry.end]):
            a, b = s + entry.start + num.start(), s + entry.start + num.end()
            value = int(num.group())
            if (
                entry.count is not None
                and value == entry.count
                and (entry.name_end is None or a >= s + entry.name_end)
            ):
                spans.append(Span(a, b, "num", num.group()))
            elif entry.number is not None and value == entry.number:
                spans.append(Span(a, b, "copy-number", num.group()))
    return _hl(LineKind.DISTRIBUTION, line, None, spans, distribution=dist)


def _addressee_role(ref: str | None, name: str) -> str | None:
    """A copy goes to a person, or to an office ("8 Отдел"), which is left untagged."""
    if ref is not None:
        return "org" if ref.startswith("org-") else "place" if ref.startswith("pl-") else "person"
    return None if any(ch.isdigit() for ch in name) else "person"


def _outgoing(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    m = _OUTGOING.fullmatch(line, s, e)
    if m is None or (m.group("n") is None and m.group("word") is None):
        return None  # a blank form field ("Issuing No.") counts only with its label
    if m.group("n") is None:
        return _hl(LineKind.OUTGOING, line, None, [])
    spans = [Span(m.start("n"), m.end("n"), "idno-outgoing", m.group("n"))]
    if m.group("rest"):
        when = parse_date(m.group("rest"), year=year)
        if when is None:
            return None
        spans += [sp for sp in _fact_spans(line, m.start("rest"), m.end("rest"), year)]
    return _hl(LineKind.OUTGOING, line, None, spans)


def _address(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    f = _FORWARD.match(line, s, e)
    if f is not None:
        if len(line[s:e].split()) > 30:
            return None
        return _hl(LineKind.ADDRESS, line, "forward", _fact_spans(line, s, e, year))
    pos = s
    to = re.compile(r"(?:To|TO|В|Во)[ \t]+").match(line, pos, e)
    if to is not None:
        pos = to.end()
    names = find_names(line[pos:e])
    if not names or names[0].start != 0 or names[0].kind != "place":
        return None
    off = _OFFICE.fullmatch(line, pos + names[0].end, e)
    if off is None:
        return None
    spans = _fact_spans(line, s, e, year)
    if off.group("who") and not _only_facts(line, off.start("who"), off.end("who"), spans):
        return None
    return _hl(LineKind.ADDRESS, line, "office", spans)


def _issuer(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    lead = _ISSUER_LEAD.match(line, s, e)
    key = _ISSUER_KEY.match(line, lead.end(), e) if lead is not None else None
    if key is None:
        return None
    text = line[s:e]
    if len(text.split()) > 20 or _DIGIT.search(text) or "\n\n" in text:
        return None
    letters = [ch for ch in text if ch.isalpha()]
    if sum(ch.isupper() for ch in letters) < 0.8 * len(letters) and not _title_like(text):
        return None
    return _hl(LineKind.ISSUER, line, None, _fact_spans(line, s, e, year))


_MINOR_WORDS = frozenset(("of", "the", "and", "for", "at", "in", "on", "to", "при", "и", "по"))


def _title_like(text: str) -> bool:
    """A name in title case ("Ministry of Foreign Affairs"), not a sentence."""
    words = [w.strip("\"'“”«»(),:;-") for w in text.split()]
    words = [w for w in words if w and w[0].isalpha()]
    return not text.rstrip().endswith(".") and all(
        w[0].isupper() or w.lower() in _MINOR_WORDS for w in words
    )


def _salute(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    m = _SALUTE_LEAD.match(line, s, e)
    if m is None:
        return None
    has_to, has_hon = bool(m.group("to")), bool(m.group("hon").strip())
    body_s = m.end()
    trail = line[s:e].rstrip().endswith("!")
    if not (has_to or has_hon or trail) or body_s >= e:
        return None
    spans = [sp for sp in _fact_spans(line, body_s, e, year) if sp.role in ("person", "org")]
    if spans and spans[0].start == body_s and _only_facts(line, body_s, e, spans):
        return _hl(LineKind.SALUTE, line, None, spans)
    if not (has_to or has_hon):
        return None
    words = [w for w in _BRACKET.sub(" ", line[body_s:e]).replace("!", " ").split() if w]
    words = [w.strip(".,:;!\"'“”«»") for w in words]
    words = [w for w in words if w]
    name_like = 1 <= len(words) <= 4 and all(w[0].isupper() and _WORD.match(w) for w in words)
    if name_like and (has_hon or any(w.isupper() and len(w) > 1 for w in words)):
        return _hl(LineKind.SALUTE, line, None, spans)
    return None


def _signature(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    if not any(n.kind == "person" for n in find_names(line[s:e])):
        return None
    spans = _fact_spans(line, s, e, year)
    if not any(sp.role == "person" for sp in spans):
        return None
    if any(sp.role not in ("person", "date", "time") for sp in spans):
        return None
    if not _only_facts(line, s, e, spans):
        return None
    return _hl(LineKind.SIGNATURE, line, None, spans)


def _dateline(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    if e - s > _MAX_DATELINE or _DIGIT.search(line, s, e) is None:
        return None
    if parse_date(line[s:e], year=year) is None:
        return None
    spans = [sp for sp in _fact_spans(line, s, e, year) if sp.role == "date"]
    if not spans:  # a bare year
        spans = [Span(s, e, "date", parse_date(line[s:e]))]
    return _hl(LineKind.DATELINE, line, None, spans)


_MAX_DATELINE = 80  # "On 1.X.50 [1 October 1950]" is the longest kind of date line

_CHECKS = (
    _catch,
    _continuation,
    _form,
    _urgency,
    _classification,
    _greeting,
    _processing,
    _received,
    _sent,
    _distribution,
    _outgoing,
    _address,
    _issuer,
    _salute,
    _signature,
    _dateline,
)
