"""Apparatus lines: every kind in English and Russian, the issue's unseen forms, and prose."""

from __future__ import annotations

import ast
import random
import re
from pathlib import Path

import pytest

from converters.parsing import header
from converters.parsing.header import LineKind, classify_line, processing_notes
from converters.parsing.lexicon import HONORIFIC, line_bounds

K = LineKind


def _spans(line: str, year: int | None = 1951) -> list[tuple[str, str, str | None]]:
    h = classify_line(line, year=year)
    assert h is not None
    return [(line[s.start : s.end], s.role, s.value) for s in h.spans]


@pytest.mark.parametrize(
    ("line", "kind", "subtype"),
    [
        ("SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY", K.ISSUER, None),
        ("SECOND MAIN DIRECTORATE", K.ISSUER, None),
        ("## SECOND MAIN ADMINISTRATION OF THE GENERAL STAFF OF THE SOVIET ARMY", K.ISSUER, None),
        ("ВТОРОЕ ГЛАВНОЕ УПРАВЛЕНИЕ ГЕНШТАБА СОВЕТСКОЙ АРМИИ", K.ISSUER, None),
        ("MINISTRY OF FOREIGN AFFAIRS OF THE USSR", K.ISSUER, None),
        ("CIPHERED TELEGRAM No. 16052", K.FORM, None),
        ("CIPHERED TELEGRAM", K.FORM, None),
        ("CABLE Nº 123", K.FORM, None),
        ("ШИФРТЕЛЕГРАММА № 16052", K.FORM, None),
        ("Copies: Stalin (2)", K.DISTRIBUTION, None),
        ("Distribution list - 9 copies: Stalin - 2, Molotov -1", K.DISTRIBUTION, None),
        ("1. Comr. Stalin", K.DISTRIBUTION, None),
        ("Copy Nº 1 to Cde. Stalin", K.DISTRIBUTION, None),
        ("Экз. № 1\tтов. Сталину\tЭкз. № 7\tЭкз. № 13", K.DISTRIBUTION, None),
        ("From BEIJING Received 18 hours 40 minutes 29.1.1951", K.RECEIVED, None),
        ("From BEIJING Received 18 hours 40 minutes", K.RECEIVED, None),
        ("Received on 4:10 am, 14 May 1950", K.RECEIVED, None),
        ("113 ПЕКИНА получена 18 ч. 40 м. 29. 1 1951 г. Экз. № 2", K.RECEIVED, None),
        ("Sent by wire on 10/14/50 at 03:15 a.m.", K.SENT, None),
        ("Transmitted to Bulganin", K.SENT, None),
        ("Передано т.Булганину [из Сочи]", K.SENT, None),
        ("Передано т. Булганину.", K.SENT, None),
        ("EXTREMELY URGENT T", K.URGENCY, "extremely-urgent"),
        ("В. СРОЧНО Т", K.URGENCY, "extremely-urgent"),
        ("URGENT", K.URGENCY, "urgent"),
        ("To BEIJING, SOVIET AMBASSADOR", K.ADDRESS, "office"),
        ("Пекин Совпосол", K.ADDRESS, "office"),
        ("For immediate transmission to MAO ZEDONG and ZHOU ENLAI.", K.ADDRESS, "forward"),
        ("Для немедленной передачи МАО ЦЗЕ-ДУНУ или ЧЖОУ ЭНЬ-ЛАЮ.", K.ADDRESS, "forward"),
        ("To FILIPPOV [Stalin]", K.SALUTE, None),
        ("To Comrade FILIPPOV [Stalin].", K.SALUTE, None),
        ("Тов. ПЭН ДЭ-ХУАЙ !", K.SALUTE, None),
        ('"Comrade PENG DEHUI!', K.SALUTE, None),
        ("To Comrade IVANOV", K.SALUTE, None),  # unknown, but an honorific and capitals
        ("Снятие копий воспрещается", K.CLASSIFICATION, "secrecy"),
        ("НЕ СЕКРЕТНО", K.CLASSIFICATION, "secrecy"),
        ("TOP SECRET", K.CLASSIFICATION, "secrecy"),
        ("ПОДЛЕЖИТ ВОЗВРАТУ ЧЕРЕЗ 6 СУТОК", K.CLASSIFICATION, "handling"),
        ("No. 478.", K.OUTGOING, None),
        ("№ 478.", K.OUTGOING, None),
        ("Issuing No. 56", K.OUTGOING, None),
        ("Issuing No.", K.OUTGOING, None),  # a blank field of the form
        ("CABLE Nº", K.FORM, None),
        ("Расш. Сухов 29.1.51 20.20", K.PROCESSING, "deciphered"),
        ("отп.Степанова 17.45 16.1", K.PROCESSING, "typed"),
        ("Отп. четыре экз.", K.PROCESSING, "printed"),
        ("Проверил: НАЧАЛЬНИК ОТДЕЛЕНИЯ", K.PROCESSING, "checked"),
        ("Deciphered by Ivanov 14.05 Typed by Petrova", K.PROCESSING, "deciphered"),
        ("Продолжение шифртелеграммы № 16052", K.CONTINUATION, "continuation"),
        ("Экз. № 2", K.CONTINUATION, "copy"),
        ("Лист 3", K.CONTINUATION, "sheet"),
        ("Лист „ 2 “", K.CONTINUATION, "sheet"),
        ("- 2 -", K.CONTINUATION, "page"),
        ("(см. сл. лист)", K.CATCH, None),
        ("/см.сл.лист/", K.CATCH, None),
        ("(ом.од.хот)", K.CATCH, None),
        ("MAO ZEDONG.", K.SIGNATURE, None),
        ("М А О Ц З Е - Д У Н", K.SIGNATURE, None),
        ("F I L I P P O V [STALIN]", K.SIGNATURE, None),
        ("ФИЛИППОВ.", K.SIGNATURE, None),
        ('PENG DEHUAI 12:00 19.1.51."', K.SIGNATURE, None),
        ("28 January 1951 MAO ZEDONG", K.SIGNATURE, None),
        ("With Bolshevik greetings.", K.GREETING, None),
        ("С большевистским приветом.", K.GREETING, None),
        ("Greetings,", K.GREETING, None),
        ("Привет", K.GREETING, None),
        ("With respect,", K.GREETING, None),
        ("Respectfully,", K.GREETING, None),
        ("Yours faithfully,", K.GREETING, None),
        ("Sincerely yours,", K.GREETING, None),
        ("С уважением,", K.GREETING, None),
        ("1.X..50 г.", K.DATELINE, None),
        ("On 1.X.50 [1 October 1950]", K.DATELINE, None),
    ],
)
def test_kinds(line: str, kind: LineKind, subtype: str | None) -> None:
    h = classify_line(line, year=1951)
    assert h is not None, line
    assert (h.kind, h.subtype) == (kind, subtype)
    assert h.text == line
    for sp in h.spans:
        assert 0 <= sp.start < sp.end <= len(line)


@pytest.mark.parametrize(
    "line",
    [
        "I received your telegram of 27 January 1951, 24:00, and your order.",
        "1. I received your telegram of 27 January 1951, 24:00.",
        "2. Our troops must immediately conduct preparations for the fourth operation.",
        "Received 5 tanks from the USSR",
        "In 1950 the situation changed.",  # a year in prose
        "We have 20,000 men in 3 divisions.",  # numbers in prose are not telegram numbers
        "No decision was made about which units to leave in SEOUL and CHEMUL'PO.",
        "The Ministry decided to send troops.",
        "To leave one army of Chinese Volunteers, as a skeleton.",
        "Telegram",  # a metadata value, not the form line
        "Прошу сообщить Ваше мнение.",
        "I ask you to communicate your opinion.",
        "Sent all armies to the north in order to regroup quickly.",
        "Russian",
        "172",
        "No.",
        "№",
        "",
        "   ",
    ],
)
def test_prose_is_not_apparatus(line: str) -> None:
    assert classify_line(line, year=1951) is None


def test_spans_of_a_receipt_line() -> None:
    line = "113 ПЕКИНА получена 18 ч. 40 м. 29. 1 1951 г. Экз. № 2"
    assert _spans(line) == [
        ("ПЕКИНА", "place", "pl-beijing"),
        ("18 ч. 40 м. 29. 1 1951 г.", "date", "1951-01-29T18:40:00"),
        ("2", "copy-number", "2"),
    ]


def test_spans_of_unseen_forms() -> None:
    assert _spans("Received on 4:10 am, 14 May 1950") == [
        ("4:10 am, 14 May 1950", "date", "1950-05-14T04:10:00")
    ]
    assert _spans("Sent by wire on 10/14/50 at 03:15 a.m.") == [
        ("10/14/50 at 03:15 a.m.", "date", "1950-10-14T03:15:00")
    ]
    assert _spans("CABLE Nº 123") == [("123", "idno-telegram", "123")]
    assert _spans("Issuing No. 56") == [("56", "idno-outgoing", "56")]
    assert _spans("From BEIJING Received 18 hours 40 minutes") == [
        ("BEIJING", "place", "pl-beijing"),
        ("18 hours 40 minutes", "time", "18:40:00"),
    ]


def test_salute_marks_the_code_name_and_leaves_the_bracket() -> None:
    h = classify_line("To FILIPPOV [Stalin]")
    assert h is not None
    (sp,) = h.spans
    assert (sp.role, sp.value, sp.pseudonym) == ("person", "per-stalin", True)


def test_distribution_spans_and_list() -> None:
    line = "Distribution list - 9 copies: Stalin - 2, Molotov -1"
    h = classify_line(line)
    assert h is not None and h.distribution is not None and h.distribution.total == 9
    assert _spans(line) == [
        ("Stalin", "person", "per-stalin"),
        ("2", "num", "2"),
        ("Molotov", "person", "per-molotov"),
        ("1", "num", "1"),
    ]


def test_processing_notes_split_a_line() -> None:
    line = "Deciphered by Ivanov 14.05 Typed by Petrova"
    notes = processing_notes(line)
    assert [(n.subtype, n.when) for n in notes] == [("deciphered", "14:05:00"), ("typed", None)]
    assert [line[n.person[0] : n.person[1]] for n in notes if n.person] == ["Ivanov", "Petrova"]
    assert ("14.05", "time", "14:05:00") in _spans(line)


def test_processing_spans() -> None:
    assert _spans("Расш. Сухов 29.1.51 20.20") == [
        ("Сухов", "person", None),
        ("29.1.51 20.20", "date", "1951-01-29T20:20:00"),
    ]
    assert _spans("отп.Степанова 17.45 16.1", 1951) == [
        ("Степанова", "person", None),
        ("17.45 16.1", "date", "1951-01-16T17:45:00"),
    ]
    assert _spans("Отп. четыре экз.") == [("четыре", "num", "4")]
    (note,) = processing_notes("Проверил: НАЧАЛЬНИК ОТДЕЛЕНИЯ ПОЛКОВНИК МАКАРОВ")
    assert note.subtype == "checked" and note.person is not None


@pytest.mark.parametrize(
    ("line", "notes"),
    [
        ("Напечатано 4 экз.", [("printed", 4, None)]),
        ("Printed in 5 copies", [("printed", 5, None)]),
        ("Напечатала Иванова 14.05", [("typed", None, "14:05:00")]),
        ("Зашифровал Иванов 14.05", [("enciphered", None, "14:05:00")]),
        ("Расп. Сухов 29.1.51 20.20", [("deciphered", None, "1951-01-29T20:20:00")]),
    ],
)
def test_processing_words(line: str, notes: list[tuple[str, int | None, str | None]]) -> None:
    assert [(n.subtype, n.count, n.when) for n in processing_notes(line, year=1951)] == notes


def test_continuation_and_signature_spans() -> None:
    assert _spans("Продолжение шифртелеграммы № 16052") == [("16052", "idno-telegram", "16052")]
    assert _spans('М А О Ц З Е - Д У Н, 28.1.51, 19.00".') == [
        ("М А О Ц З Е - Д У Н", "person", "per-mao"),
        ("28.1.51, 19.00", "date", "1951-01-28T19:00:00"),
    ]
    assert _spans("F I L I P P O V [STALIN]") == [("F I L I P P O V", "person", "per-stalin")]


def test_never_raises(garbled_strings: list[str]) -> None:
    for s in garbled_strings:
        h = classify_line(s, year=1951)
        if h is not None:
            assert h.text == s
            for sp in h.spans:
                assert 0 <= sp.start <= sp.end <= len(s)
        processing_notes(s)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        *[
            (f"{verb} 18:40 29.1.51", K.RECEIVED)
            for verb in (
                "RECEIVED",
                "Rec'd",
                "Recd.",
                "Arrived",
                "ПОЛУЧЕНО",
                "Поступила",
                "Принята",
            )
        ],
        *[
            (line, K.ADDRESS)
            for line in (
                "Пекин Послу",
                "Пекин Посол",
                "Пекин Полпреду",
                "Пекин Консулу",
                "BEIJING EMBASSY",
                "Beijing Representative",
                "BEIJING, MILITARY ATTACHÉ",
                "Пекин Военному атташе",
                "Пекин Представителю",
                "BEIJING SOVPOSOL",
                "BEIJING CONSUL",
            )
        ],
        *[
            (line, K.DISTRIBUTION)
            for line in (
                "COPY: Stalin",
                "CC: Stalin",
                "Distributed to: Stalin",
                "Разослано: Сталину",
                "Рассылка: Сталину",
                "Экз. № 1 - тов. Сталину",
                "КОПИЯ: Сталину",
                "Направлено: Сталину",
            )
        ],
        ("Уважаемый Сталин", K.SALUTE),
        ("Дорогой товарищ Сталин", K.SALUTE),
    ],
)
def test_every_keyword_of_a_kind(line: str, kind: LineKind) -> None:
    """Each word the patterns know, in any case: the quick word tests must let all of them by."""
    h = classify_line(line, year=1951)
    assert h is not None and h.kind == kind, line


def test_every_honorific_opens_a_salute() -> None:
    words = re.sub(r"\(\?i?:|\)", "", HONORIFIC).replace("\\", "").replace("?", "").split("|")
    for word in words:
        for name in ("Stalin", "STALIN"):
            h = classify_line(f"{word} {name}")
            assert h is not None and h.kind == K.SALUTE, word


def _samples(garbled: list[str]) -> list[str]:
    """Every line of this file's tables (and "|"-separated parts), in several cases, and the
    garbled strings."""
    texts = [
        text
        for c in ast.walk(ast.parse(Path(__file__).read_text(encoding="utf-8")))
        if isinstance(c, ast.Constant) and isinstance(c.value, str)
        for text in (c.value, *c.value.split("|"))
    ]
    variants = [f(t) for t in texts for f in (str, str.upper, str.lower, str.title, str.swapcase)]
    return variants + garbled


def test_checks_skipped_by_the_first_character_would_fail(garbled_strings: list[str]) -> None:
    for line in _samples(garbled_strings):
        s, e = line_bounds(line)
        if s >= e:
            continue
        kept = header._checks_for(line[s])
        for check in header._CHECKS:
            if check not in kept:
                assert check(line, s, e, 1951) is None, (check.__name__, line)


def _only_by_blanking(line: str, s: int, e: int, ranges: list[tuple[int, int]]) -> bool:
    """The first way of asking it: blank the ranges and brackets, then remove what is leftover."""
    chars = list(line[s:e])
    for a, b in ranges + [m.span() for m in re.compile(r"\[[^\[\]\n]*\]").finditer(line, s, e)]:
        for i in range(max(a, s), min(b, e)):
            chars[i - s] = " "
    leftover = r"[\s.,;:!?\"'“”„«»()\-–—*_/]+|(?i:and|и|or|или)(?![^\W\d_])"
    return not re.sub(leftover, " ", "".join(chars)).strip()


def test_only_ranges_is_blanking(garbled_strings: list[str]) -> None:
    rng = random.Random(7)
    for line in [*garbled_strings, "Stalin and Molotov.", "MAO [Mao] и ЧЖОУ", "Stalin, or X"]:
        s, e = line_bounds(line)
        for _ in range(5):
            cuts = sorted(rng.randint(-2, len(line) + 2) for _ in range(2 * rng.randint(0, 3)))
            ranges = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
            ranges += [(m.start(), m.end()) for m in re.finditer(r"[A-Z][a-z]+", line)]
            assert header._only_ranges(line, s, e, ranges) == _only_by_blanking(
                line, s, e, ranges
            ), (line, ranges)


# Every keyword of every kind, one "|"-separated string per kind.
_RARER_FORMS = {
    K.OUTGOING: "Исх. № 478|Исходящий № 478|Ref. No. 5|Outgoing No. 5|Out. No. 5|Nr. 478",
    K.PROCESSING: "Сверил: Иванов 14.05|Checked by Ivanov|Verified by Ivanov 14.05"
    "|Зашифровал Иванов 14.05|Enciphered by Ivanov 14.05|Decoded by Ivanov 14.05"
    "|Decrypted by Ivanov 14.05|Encoded by Ivanov 14.05|Ciphered by Ivanov 14.05"
    "|Размножено 4 экз.|Печ. Иванова 14.05",
    K.FORM: "OUTGOING CIPHERED TELEGRAM No. 5|INCOMING TELEGRAM No. 5|ENCODED CABLEGRAM No. 5"
    "|RADIOGRAM No. 5|РАДИОГРАММА № 5|ТЕЛЕФОНОГРАММА № 5|SHIFRTELEGRAMMA № 5"
    "|SPECIAL MESSAGE No. 5|ЗАПИСЬ БЕСЕДЫ|LETTER No. 5|ПИСЬМО № 5|ДОКЛАДНАЯ ЗАПИСКА № 5"
    "|СПРАВКА № 5|REPORT No. 5|ДОНЕСЕНИЕ № 5|DIRECTIVE No. 5|ДИРЕКТИВА № 5|RESOLUTION No. 5"
    "|ПОСТАНОВЛЕНИЕ № 5|DECREE No. 5|MEMORANDUM OF CONVERSATION|ВХОДЯЩАЯ TELEGRAM № 5"
    "|ИСХОДЯЩАЯ CIPHERED TELEGRAM № 5",
    K.URGENCY: "VERY URGENT|MOST URGENT|HIGHLY URGENT|ВЕСЬМА СРОЧНО|ОЧЕНЬ СРОЧНО|ОСОБО СРОЧНО"
    "|V. URGENT|СРОЧНАЯ|IMMEDIATE|PRIORITY|FLASH|ВНЕ ОЧЕРЕДИ|МОЛНИЯ|MOLNIIA",
    K.CLASSIFICATION: "СОВ. СЕКРЕТНО|СОВЕРШЕННО СЕКРЕТНО|STRICTLY SECRET|NOT SECRET|SECRET"
    "|CONFIDENTIAL|ОСОБОЙ ВАЖНОСТИ|ОСОБАЯ ПАПКА|SPECIAL FILE|COPYING PROHIBITED"
    "|TO BE RETURNED WITHIN 6 DAYS|MUST BE RETURNED TO THE 8TH DEPARTMENT|RETURN TO SENDER"
    "|ДОЛЖНО ВОЗВРАТИТЬСЯ В 8 ОТДЕЛ",
    K.GREETING: "Best regards,|Kind regards,|Regards,|Truly yours,|Faithfully yours,"
    "|Yours sincerely,|С глубоким уважением,|С дружеским приветом|С братским приветом"
    "|С коммунистическим приветом|With comradely greetings",
    K.SENT: "Transmitted to Bulganin|Dispatched to Bulganin|Despatched to Bulganin"
    "|Sent to Bulganin 18:40|Отправлено т. Булганину|Отправлена т. Булганину"
    "|Отправил т. Булганин|Передана т. Булганину",
    K.CONTINUATION: "Continuation of telegram No. 5|Continuation of the ciphered telegram No. 5"
    "|Copy No. 3|Экземпляр № 3|Sheet 2|Page 2|Стр. 2|Страница 2|— 3 —|– 3 –",
    K.CATCH: "(see next page)|(continued on next page)|(cont.)|(over)|[далее]"
    "|(продолжение следует)",
    K.ISSUER: "THIRD DIRECTORATE|FOURTH DEPARTMENT|FIFTH DEPARTMENT|SIXTH DEPARTMENT"
    "|CHIEF DIRECTORATE|CENTRAL COMMITTEE|SPECIAL DEPARTMENT|FOREIGN MINISTRY|ПЕРВОЕ УПРАВЛЕНИЕ"
    "|ТРЕТЬЕ УПРАВЛЕНИЕ|ЧЕТВЕРТОЕ УПРАВЛЕНИЕ|ПЯТОЕ УПРАВЛЕНИЕ|ЦЕНТРАЛЬНОЕ УПРАВЛЕНИЕ"
    "|ОСОБОЕ УПРАВЛЕНИЕ|ГЕНЕРАЛЬНЫЙ ШТАБ|ГЛАВНОЕ УПРАВЛЕНИЕ|HEADQUARTERS|EMBASSY OF THE USSR"
    "|COMMITTEE OF INFORMATION|ADMINISTRATION|МИД СССР|MFA USSR|МГБ СССР|MGB USSR|GRU|ГРУ|KGB"
    "|КГБ|КОМИТЕТ ИНФОРМАЦИИ|ОТДЕЛ|ПОСОЛЬСТВО СССР|ШТАБ|ГЕНШТАБ|МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ"
    "|DEPARTMENT OF INFORMATION|DIRECTORATE OF INTELLIGENCE|УПРАВЛЕНИЕ ДЕЛАМИ",
    K.ADDRESS: "Please forward to MAO ZEDONG.|Please deliver to MAO ZEDONG.|Передать МАО ЦЗЕ-ДУНУ."
    "|Вручить МАО ЦЗЕ-ДУНУ.|For delivery to MAO ZEDONG.|Для срочной передачи МАО ЦЗЕ-ДУНУ."
    "|Для вручения МАО ЦЗЕ-ДУНУ.",
}


@pytest.mark.parametrize(
    ("line", "kind"),
    [(line, kind) for kind, lines in _RARER_FORMS.items() for line in lines.split("|")],
)
def test_rarer_forms(line: str, kind: LineKind) -> None:
    """Every keyword of every kind; the dispatch by first character must let each one by."""
    h = classify_line(line, year=1951)
    assert h is not None and h.kind == kind, line


@pytest.mark.parametrize(
    ("line", "kind", "subtype"),
    [
        ("MAKING COPIES IS FORBIDDEN", K.CLASSIFICATION, "secrecy"),
        ("Making copies is prohibited.", K.CLASSIFICATION, "secrecy"),
        ("ДОЛЖЕН БЫТЬ ВОЗВРАЩЕН", K.CLASSIFICATION, "handling"),
        ("Должна быть возвращена в течение 48 часов", K.CLASSIFICATION, "handling"),
        ("ВХОДЯЩАЯ ШИФРОТЕЛЕГРАММА № 5", K.FORM, None),
        ("Исходящая телеграмма № 12", K.FORM, None),
    ],
)
def test_translated_and_inflected_marks(line: str, kind: LineKind, subtype: str | None) -> None:
    """The English of a Russian mark ("Снятие копий воспрещается"), the passive of "подлежит
    возврату", an incoming/outgoing word before a Russian form name."""
    h = classify_line(line, year=1951)
    assert h is not None and (h.kind, h.subtype) == (kind, subtype)
