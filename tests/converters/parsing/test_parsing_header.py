"""Apparatus lines: every kind in English and Russian, the issue's unseen forms, and prose."""

from __future__ import annotations

import pytest

from converters.parsing.header import LineKind, classify_line, processing_notes

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
