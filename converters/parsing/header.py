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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from converters.parsing.dates import DATE_SIGN, find_dates, find_times, parse_date
from converters.parsing.distribution import Distribution, parse_distribution
from converters.parsing.lexicon import HONORIFIC, NUMBER_SIGN, folded, line_bounds
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


@dataclass(frozen=True, init=False)
class HeaderLine:
    """A classified line; spans are offsets into the line as passed in."""

    kind: LineKind
    text: str
    subtype: str | None
    spans: tuple[Span, ...]
    notes: tuple[ProcessingNote, ...] = ()  # added: the notes of a PROCESSING line
    distribution: Distribution | None = None  # added: the list of a DISTRIBUTION line

    def __init__(
        self,
        kind: LineKind,
        text: str,
        subtype: str | None,
        spans: tuple[Span, ...],
        notes: tuple[ProcessingNote, ...] = (),
        distribution: Distribution | None = None,
    ) -> None:
        """The generated one, minus its cost: a frozen dataclass sets each field through
        object.__setattr__, which took a tenth of the time of classifying a short line."""
        self.__dict__.update(
            kind=kind, text=text, subtype=subtype, spans=spans, notes=notes,
            distribution=distribution,
        )  # fmt: skip


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
    r"(?:(?:(?:CIPHERED|CIPHER|CODED|ENCIPHERED|ENCODED|ENCRYPTED)[ \t]+)?"
    r"(?:TELEGRAM|CABLEGRAM|CABLE|RADIOGRAM|TELEGRAMME|SPECIAL[ \t]+MESSAGE)"
    r"|ШИФРО?ТЕЛЕГРАММА|ТЕЛЕГРАММА|РАДИОГРАММА|ТЕЛЕФОНОГРАММА|SHIFRTELEGRAMMA))"
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
_FORM_TAIL_WORDS_RE = (
    r"(?i:between|with|of|from|to|and|the|между|с|от|и|comrades?|товарищ(?:ем|ами|а|у)?"
    r"|chairman|premier|ambassador|председателем|послом|премьером)(?![^\W\d_])|(?i:тов\.|т\.)"
)
_FORM_TAIL_WORDS = re.compile(_FORM_TAIL_WORDS_RE)
_FORM_TAIL_WORDS_FOLDED = re.compile(_FORM_TAIL_WORDS_RE.replace("(?i:", "(?:"))  # for `folded`
_URGENCY = re.compile(
    r"(?P<x>(?:EXTREMELY|VERY|MOST|HIGHLY|ВЕСЬМА|ОЧЕНЬ|ОСОБО|В\.|V\.)[ \t]*)?"
    r"(?P<u>URGENT|СРОЧНО|СРОЧНАЯ|IMMEDIATE|PRIORITY|FLASH|ВНЕ[ \t]+ОЧЕРЕДИ|МОЛНИЯ|MOLNIIA)\.?"
    r"(?:[ \t]+[TТ]\.?)?" + _END,
    _I,
)
_SECRECY_MARK = (
    r"(?:(?:СОВ(?:ЕРШЕННО)?\.?[ \t]*)?СЕКРЕТНО|НЕ[ \t]+СЕКРЕТНО|(?:TOP|STRICTLY)[ \t]+SECRET"
    r"|NOT[ \t]+SECRET|SECRET|CONFIDENTIAL|ОСОБОЙ[ \t]+ВАЖНОСТИ|ОСОБАЯ[ \t]+ПАПКА"
    r"|SPECIAL[ \t]+(?:FILE|FOLDER)|СНЯТИЕ[ \t]+КОПИЙ[ \t]+ВОСПРЕЩАЕТСЯ"
    r"|(?:MAKING[ \t]+)?(?:COPIES|COPY(?:ING|[ \t]+MAKING)?)[ \t]+(?:IS[ \t]+)?"
    r"(?:PROHIBITED|FORBIDDEN))"
)
# One mark or several ("Top secret. Special folder. Copying prohibited").
_SECRECY = re.compile(
    rf"{_SECRECY_MARK}(?:[ \t]*[,./;][ \t]*{_SECRECY_MARK})*" + _END,
    _I,
)
_HANDLING = re.compile(
    r"(?:ПОДЛЕЖИТ|(?:ДОЛЖЕН|ДОЛЖНА|ДОЛЖНО)(?:[ \t]+БЫТЬ)?)[ \t]+ВОЗВРА(?:Т|Щ)\w*\b.*"
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
_FROM = r"(?:From|FROM|Из|ИЗ)"  # where a telegram came from, on a receipt or origin line
_RECEIVED = re.compile(
    rf"(?:\d+[ \t]+)?(?:{_FROM}[ \t]+(?P<from>[^\d\n,]+?)[ \t]+"
    r"|(?P<gen>[A-ZА-ЯЁ][A-ZА-ЯЁa-zа-яё'-]+(?:[ \t]+[A-ZА-ЯЁ][A-ZА-ЯЁa-zа-яё'-]+)?)[ \t]+)?"
    r"(?P<verb>(?i:received|rec'd|recd\.?|arrived|получена|получено|поступила|принята"
    r"|(?:date|time|hour)[ \t]+of[ \t]+(?:receipt|arrival)|(?:дата|время)[ \t]+получения))"
    r"(?![^\W\d_])[ \t]*[.:,]?[ \t]*(?:(?i:on|at|в)[ \t]+)?"
)
# Each verb of `_RECEIVED` holds one of these (lower-cased).
_RECEIVED_VERBS = (
    "received", "rec'd", "recd", "arrived", "получен", "поступила", "принята", "receipt", "arrival",
)  # fmt: skip
_SENT = re.compile(
    r"(?P<verb>(?i:sent|transmitted|dispatched|despatched|passed|передано|передана|отправлено"
    r"|отправлена|отправил[аи]?|(?:date|time|hour)[ \t]+of[ \t]+(?:dispatch|despatch|sending"
    r"|transmission)|(?:дата|время)[ \t]+отправ(?:ки|ления)))(?![^\W\d_])"
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
_TO = re.compile(r"(?:To|TO|В|Во)[ \t]+")
# Each office word of `_OFFICE` holds one of these (lower-cased).
_OFFICE_WORDS = (
    "ambassador", "sovposol", "embassy", "representative", "consul", "attach",
    "посол", "послу", "полпред", "консул", "атташе", "представителю",
)  # fmt: skip
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
    r"[„\"“«]?[ \t]*(?P<to>(?:(?:To|TO|For|FOR)[ \t]*:?|Dear|DEAR|Уважаемый|Уважаемая|Дорогой"
    r"|Дорогая)[ \t]+)?"
    rf"(?P<hon>(?:{HONORIFIC}[ \t]*)*)"
)
# How "To", "Dear" and each honorific of `_SALUTE_LEAD` begin, lower-cased: for `folded` text.
_SALUTE_WORD = re.compile(
    r"[„\"“«]?[ \t]*(?:to|for|dear|уважаем|дорог|com|cde|premier|chairman|marshal|general|colonel"
    r"|ambassador|mr|т\.|тов|премьер|маршал|председател|послу)"
)
_BRACKET = re.compile(r"\[[^\[\]\n]*\]")
_LEFTOVER = r"[\s.,;:!?\"'“”„«»()\-–—*_/]++|(?i:and|и|or|или)(?![^\W\d_])"
# Possessive: each leftover piece is taken whole, as a left-to-right substitution would take it.
_ALL_LEFTOVER = re.compile(f"(?:{_LEFTOVER})*+")
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
    for check in _checks_for(line[s]):
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
    if len(spans) < 2:  # most lines: nothing to sort, nothing to drop but an empty span
        return (spans[0],) if spans and spans[0].end > spans[0].start else ()
    kept: list[Span] = []
    for sp in spans:
        if sp.end > sp.start and all(sp.end <= k.start or sp.start >= k.end for k in kept):
            kept.append(sp)
    return tuple(sorted(kept, key=lambda sp: sp.start))


@lru_cache(maxsize=64)
def _low(line: str) -> str | None:
    """`folded(line)`, which several checks of one line search for their words."""
    return folded(line)


def _holds_any(low: str, words: tuple[str, ...]) -> bool:
    """Whether one of the words occurs in `low`."""
    for w in words:  # noqa: SIM110 - a plain loop costs half of any() over a generator
        if w in low:
            return True
    return False


def _in_brackets(line: str, s: int, e: int) -> list[tuple[int, int]]:
    if "[" not in line:  # most lines: no editorial note to look for
        return []
    return [(m.start(), m.end()) for m in _BRACKET.finditer(line, s, e)]


def _fact_spans(line: str, s: int, e: int, year: int | None) -> list[Span]:
    """Names, dates and times between s and e, leaving bracketed editorial notes to brackets."""
    return [Span(*f) for f in _facts(line, s, e, year)]


# A fact as (start, end, role, value, pseudonym): the arguments of its Span. Most lines asked
# about are prose that no check accepts, so spans are built only for a line that is kept.
_Fact = tuple[int, int, str, str | None, bool]


@lru_cache(maxsize=1024)
def _facts(line: str, s: int, e: int, year: int | None) -> tuple[_Fact, ...]:
    """The facts of `_fact_spans`; several checks ask about the same line, so they are cached."""
    seg = line[s:e]
    out: list[_Fact] = [
        (s + d.start, s + d.end, "date", d.when, False) for d in find_dates(seg, year=year)
    ]
    out += [(s + t.start, s + t.end, "time", t.when, False) for t in find_times(seg)]
    return (*out, *_name_facts(line, s, e))


def _name_facts(line: str, s: int, e: int) -> list[_Fact]:
    """The names among the facts: those not starting inside a bracketed note."""
    skip = _in_brackets(line, s, e)
    return [
        (s + n.start, s + n.end, n.kind, n.ref, n.pseudonym)
        for n in find_names(line[s:e])
        if not (skip and _starts_in(s + n.start, skip))
    ]


def _starts_in(a: int, ranges: list[tuple[int, int]]) -> bool:
    return any(x <= a < y for x, y in ranges)


def _only_facts(line: str, s: int, e: int, spans: Iterable[Span]) -> bool:
    """Whether line[s:e] holds nothing but the spans, brackets, punctuation and "and"."""
    return _only_ranges(line, s, e, [(sp.start, sp.end) for sp in spans])


def _only_ranges(line: str, s: int, e: int, ranges: list[tuple[int, int]]) -> bool:
    """`_only_facts` for (start, end) pairs: the text between them must be leftover only.

    The gaps are joined with a space, which leftover swallows just as it swallows the blanked
    ranges, so the answer is that of blanking the ranges in a copy of the line.
    """
    pos, gaps = s, []
    for a, b in sorted(ranges + _in_brackets(line, s, e)):
        if b <= a:
            continue
        if a > pos:
            gaps.append(line[pos : min(a, e)])
        pos = max(pos, b)
        if pos >= e:
            break
    if pos < e:
        gaps.append(line[pos:e])
    return _ALL_LEFTOVER.fullmatch(" ".join(gaps)) is not None


# --- the checks, in order -----------------------------------------------------------------


def _catch(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    if _CATCH.fullmatch(line, s, e):
        return _hl(LineKind.CATCH, line, None, [])
    return None


def _continuation(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    m = _CONTINUATION.fullmatch(line, s, e)
    if m is not None:
        cont, copy, sheet = m.group("cont", "copy", "sheet")
        if cont or copy or sheet:
            spans = [
                Span(*m.span(group), role, number)
                for group, role in _CONTINUATION_NUMBERS
                if (number := m.group(group))
            ]
            sub = "continuation" if cont else "copy" if copy else "sheet"
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


_CONTINUATION_NUMBERS = (("cont_n", "idno-telegram"), ("copy_n", "copy-number"), ("sheet_n", "num"))


def _form(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    m = _FORM.fullmatch(line, s, e)
    if m is None:
        return None
    spans: list[Span] = []
    if m.group("tail"):
        spans = _fact_spans(line, m.start("tail"), m.end("tail"), year)
        if not spans:
            return None
        low = _low(line)
        found = (
            _FORM_TAIL_WORDS.finditer(line, m.start("tail"), m.end("tail"))
            if low is None
            else _FORM_TAIL_WORDS_FOLDED.finditer(low, m.start("tail"), m.end("tail"))
        )
        ranges = [(sp.start, sp.end) for sp in spans] + [w.span() for w in found]
        if not _only_ranges(line, m.start("tail"), m.end("tail"), ranges):
            return None
    elif not m.group("n") and not m.group("form").isupper():
        return None  # "Telegram" in a metadata block is not the form line of a telegram
    kind = next(filter(m.group, _FORM_KINDS))  # the one kind group that matched
    number = m.group("n")
    if number:
        role = "idno-telegram" if kind == "telegram" else "idno-document"
        spans.append(Span(*m.span("n"), role, number))
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
    low = _low(line)
    if low is not None and not _holds_any(low, _RECEIVED_VERBS):
        return None  # no verb of receipt anywhere, so `_RECEIVED` cannot match
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


_ORIGIN = re.compile(rf"{_FROM}[ \t]*:?[ \t]+")


def _origin(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    """ "From BEIJING", "Из Пекина": the place the telegram came from, a receipt line without
    its time."""
    m = _ORIGIN.match(line, s, e)
    if m is None:
        return None
    spans = _fact_spans(line, m.end(), e, year)
    if not spans or any(sp.role != "place" for sp in spans):
        return None
    if spans[0].start != m.end() or not _only_facts(line, m.end(), e, spans):
        return None
    return _hl(LineKind.RECEIVED, line, None, spans)


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


# Every copy-list form has a tab, a leading point number (on any line) or one of these words.
_DIST_NUMBER = re.compile(r"[ \t*_#>]*\d{1,2}[.)][ \t]")
_DIST_NUMBER_AFTER_BREAK = re.compile(r"\n[ \t*_#>]*\d{1,2}[.)][ \t]")
_DIST_WORD = re.compile(
    r"cop(?:y|ies)|distribut|cc|sent[ \t]+to|разосл|рассылк|экз|копи|направлено", _I
)
# The same words for `folded` text, where `in` is much faster than a case-blind search.
_DIST_WORDS = (
    "copy", "copies", "distribut", "cc", "разосл", "рассылк", "экз", "копи", "направлено",
)  # fmt: skip
_DIST_SENT_TO = re.compile(r"sent[ \t]+to")


def _distribution_hint(line: str) -> bool:
    """Whether `line` has what every copy list has; cheap, since most lines are prose."""
    if "\t" in line or _DIST_NUMBER.match(line):
        return True
    if "\n" in line and _DIST_NUMBER_AFTER_BREAK.search(line):
        return True
    low = _low(line)
    if low is None:
        return _DIST_WORD.search(line) is not None
    if _holds_any(low, _DIST_WORDS):
        return True
    return "sent" in low and _DIST_SENT_TO.search(low) is not None


def _distribution(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    if not _distribution_hint(line):
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
    if m is None:
        return None
    number, word, rest = m.group("n", "word", "rest")
    if number is None:  # a blank form field ("Issuing No.") counts only with its label
        return None if word is None else _hl(LineKind.OUTGOING, line, None, [])
    spans = [Span(*m.span("n"), "idno-outgoing", number)]
    if rest:
        when = parse_date(rest, year=year)
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
    low = _low(line)
    if low is not None and not _holds_any(low, _OFFICE_WORDS):
        return None  # the office of `_OFFICE` must be named somewhere in the line
    pos = s
    to = _TO.match(line, pos, e)
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
    if _holds_any(line[max(s, e - 6) : e], _TITLES_AFTER):
        return _title_after_salute(line, s, e)
    trail = "!" in line and line[s:e].rstrip().endswith("!")
    low = None if trail else _low(line)
    if low is not None and _SALUTE_WORD.match(low, s, e) is None:
        return None  # neither "To", "Dear" nor an honorific starts the line
    m = _SALUTE_LEAD.match(line, s, e)
    if m is None:
        return None
    has_to, has_hon = bool(m.group("to")), bool(m.group("hon").strip())
    body_s = m.end()
    if not (has_to or has_hon or trail) or body_s >= e:
        return None
    # Only names can make the body: no need to look for its dates.
    facts = [f for f in _name_facts(line, body_s, e) if f[2] in ("person", "org")]
    spans = [Span(*f) for f in facts]
    if facts and facts[0][0] == body_s and _only_ranges(line, body_s, e, [f[:2] for f in facts]):
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


# Titles that follow the name, as Chinese and Korean put them: "斯大林同志：", "스탈린 동지께".
_TITLES_AFTER = ("同志", "先生", "主席", "동지", "님", "동무")
_TITLE_AFTER = re.compile(r"[ \t]*(?:同志|先生|主席|동지께?|님께?|동무)[ \t]*[：:，,!！。]?\Z")


def _title_after_salute(line: str, s: int, e: int) -> HeaderLine | None:
    """A salute of known names followed by their title, and nothing else."""
    title = _TITLE_AFTER.search(line, s, e)  # the title that ends the line (\Z is `e`)
    if title is None or title.start() == s:
        return None
    facts = [f for f in _name_facts(line, s, title.start()) if f[2] in ("person", "org")]
    if not facts or facts[0][0] != s:
        return None
    if not _only_ranges(line, s, title.start(), [f[:2] for f in facts]):
        return None
    return _hl(LineKind.SALUTE, line, None, [Span(*f) for f in facts])


def _signature(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    if "[" in line and _SIGNATURE_MARK.fullmatch(line, s, e):  # "[signature]", "Yours [signed]"
        return _hl(LineKind.SIGNATURE, line, None, [])
    # "Signed: Mao Zedong", "With communist greetings, Kim Il Sung": the words before the name
    # belong to the signature line.
    label = _SIGNED_LABEL.match(line, s, e) or _GREETING.match(line, s, e)
    if label is not None and (label.re is _SIGNED_LABEL or "," in label.group()):
        s = label.end()
    skip = _in_brackets(line, s, e)
    kinds = {n.kind for n in find_names(line[s:e]) if not (skip and _starts_in(s + n.start, skip))}
    if "person" not in kinds or not kinds <= _SIGNATURE_ROLES:
        return None  # no person, or a place or an office too: known before looking for dates
    facts = _facts(line, s, e, year)
    if not _only_ranges(line, s, e, [(f[0], f[1]) for f in facts]):
        return None
    return _hl(LineKind.SIGNATURE, line, None, [Span(*f) for f in facts])


_SIGNATURE_ROLES = frozenset(("person", "date", "time"))
_SIGNATURE_MARK = re.compile(
    r"(?:(?i:yours|your|ваш)[ \t]*,?[ \t]*)?\[[ \t]*(?i:signature|signed|подпись)[ \t]*\][ \t.]*"
)
_SIGNED_LABEL = re.compile(r"(?:(?i:signed|signature|/s/|подпись|подписал[аи]?)[ \t]*:?[ \t]*)")


def _dateline(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    if e - s > _MAX_DATELINE or DATE_SIGN.search(line, s, e) is None:
        return None
    if parse_date(line[s:e], year=year) is None:
        return _place_and_date(line, s, e, year)
    spans = [sp for sp in _fact_spans(line, s, e, year) if sp.role == "date"]
    if not spans:  # a bare year
        spans = [Span(s, e, "date", parse_date(line[s:e]))]
    return _hl(LineKind.DATELINE, line, None, spans)


def _place_and_date(line: str, s: int, e: int, year: int | None) -> HeaderLine | None:
    """ "Beijing, 2 October 1950", "2 October 1950, Moscow": one date and the places it was
    written at, nothing else."""
    spans = _fact_spans(line, s, e, year)
    roles = [sp.role for sp in spans]
    if roles.count("date") != 1 or not set(roles) <= {"date", "place"} or len(roles) < 2:
        return None
    return _hl(LineKind.DATELINE, line, None, spans) if _only_facts(line, s, e, spans) else None


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
    _origin,
    _sent,
    _distribution,
    _outgoing,
    _address,
    _issuer,
    _salute,
    _signature,
    _dateline,
)

_Check = Callable[[str, int, int, int | None], HeaderLine | None]

# The characters a check's pattern can begin with, under that pattern's flags (so the same case
# rules apply); a check not listed may accept a line beginning with anything. Skipping a check
# that cannot match changes no answer, and most lines are prose that every check turns down.
_FIRST: dict[_Check, re.Pattern[str]] = {
    _catch: re.compile(r"[(/\[]"),
    _continuation: re.compile(r"(?i:[cpsлпсэ])|[-–—]"),  # a keyword or a page number "- 2 -"
    _form: re.compile(r"[cdeilmorstвдзипрстш]", _I),
    _urgency: re.compile(r"[efhimpuvвмос]", _I),
    _classification: re.compile(r"[cmnrstднопс]", _I),  # secrecy and handling words
    _greeting: re.compile(r"[bfgkrstwyпс]", _I),
    _processing: re.compile(r"[cdeptvзнопрс]", _I),
    _origin: re.compile(r"[fи]", _I),
    _sent: re.compile(r"[dhpstвдоп]", _I),
    _outgoing: re.compile(r"[#INORИ№]"),
    _issuer: re.compile(r"[acdefghkmstвгкмоптуцчш]", _I),  # a leading ordinal or the key word
}


@lru_cache(maxsize=1024)
def _checks_for(first: str) -> tuple[_Check, ...]:
    """The checks, in order, that can accept a line beginning with the character `first`."""
    return tuple(c for c in _CHECKS if c not in _FIRST or _FIRST[c].match(first))
