"""A made-up archive page in forms the seeds never use (issue item 5): every line is understood.

The page is invented for this test (no seed text): an incoming cable in another office's words,
a distribution list after the signature, one copy per line, a service line in English and a
citation to two archives.
"""

from __future__ import annotations

import pytest

from converters.parsing.archives import find_archive_citations
from converters.parsing.dates import find_dates
from converters.parsing.distribution import parse_distribution
from converters.parsing.header import LineKind, classify_line

PAGE = [
    ("SECOND MAIN DIRECTORATE", LineKind.ISSUER),
    ("CABLE Nº 2231", LineKind.FORM),
    ("TOP SECRET", LineKind.CLASSIFICATION),
    ("Received on 4:10 am, 14 May 1950", LineKind.RECEIVED),
    ("URGENT", LineKind.URGENCY),
    ("To Comrade Filippov", LineKind.SALUTE),
    ("The comrades agreed with the plan discussed on 12 May and asked for 3 divisions.", None),
    ("Respectfully,", LineKind.GREETING),
    ("Shtykov", LineKind.SIGNATURE),
    ("Issuing No. 56", LineKind.OUTGOING),
    ("Sent by wire on 10/14/50 at 03:15 a.m.", LineKind.SENT),
    ("Deciphered by Ivanov 14.05 Typed by Petrova", LineKind.PROCESSING),
    ("Distribution list - 9 copies: Stalin - 2, Molotov -1", LineKind.DISTRIBUTION),
    ("Copy Nº 1 to Cde. Stalin", LineKind.DISTRIBUTION),
    ("Copy Nº 2 to Cde. Beria", LineKind.DISTRIBUTION),
    ("1. Comr. Malenkov", LineKind.DISTRIBUTION),
]


def test_each_line_of_an_unseen_page() -> None:
    got = []
    for line, _ in PAGE:
        h = classify_line(line, year=1950)
        got.append(h.kind if h is not None else None)
    assert got == [kind for _, kind in PAGE]


def test_facts_of_an_unseen_page() -> None:
    salute = classify_line("To Comrade Filippov")
    assert salute is not None and [(s.value, s.pseudonym) for s in salute.spans] == [
        ("per-stalin", True)
    ]
    sig = classify_line("Shtykov")
    assert sig is not None and sig.spans[0].value == "per-shtykov"
    copies = parse_distribution("Copy Nº 1 to Cde. Stalin\nCopy Nº 2 to Cde. Beria")
    assert copies is not None
    assert [(e.number, e.ref) for e in copies.entries] == [(1, "per-stalin"), (2, "per-beria")]
    (date,) = find_dates("The comrades agreed with the plan discussed on 12 May", year=1950)
    assert date.when == "1950-05-12"
    cits = find_archive_citations(
        "AP RF, f. 45, op. 1, d. 334, l. 141; and RGASPI, f. 558, op. 11, d. 334, ll. 0141"
    )
    assert [(c.archive, c.folios) for c in cits] == [
        ("APRF", (("141", "141"),)),
        ("RGASPI", (("0141", "0141"),)),
    ]


def test_other_words_for_the_same_facts() -> None:
    cases = {
        "Copies to: Stalin, Molotov": LineKind.DISTRIBUTION,
        "Distributed to Stalin, Molotov": LineKind.DISTRIBUTION,
        "Received by wire in Moscow on 4:10 am, 14 May 1950": LineKind.RECEIVED,
        "Ciphered telegram No. 5": LineKind.FORM,
        "Outgoing No. 12/ш": LineKind.OUTGOING,
        "Исх. № 56": LineKind.OUTGOING,
        "С коммунистическим приветом!": LineKind.GREETING,
        "Dear Comrade Stalin,": LineKind.SALUTE,
        "Ministry of Foreign Affairs of the USSR": LineKind.ISSUER,
        "Зашифровал Иванов 14.05": LineKind.PROCESSING,
        "Continuation of ciphered telegram No. 16052": LineKind.CONTINUATION,
        "(see next page)": LineKind.CATCH,
        "ENCRYPTED TELEGRAM No. 33": LineKind.FORM,
        "Copies: 1 - Stalin, 2 - Molotov, 3 - Malenkov": LineKind.DISTRIBUTION,
        "Date of dispatch: 14 May 1950": LineKind.SENT,
        "Time of dispatch: 03:15, 14.V.50": LineKind.SENT,
        "Дата отправки: 14.05.50": LineKind.SENT,
        "Time of receipt: 04:10": LineKind.RECEIVED,
        "Hour of arrival 16:40": LineKind.RECEIVED,
        "Время получения: 04:10 14.05.50": LineKind.RECEIVED,
        "Signed: Mao Zedong": LineKind.SIGNATURE,
        "/s/ Shtykov": LineKind.SIGNATURE,
        "Подпись: Сталин": LineKind.SIGNATURE,
        "With communist greetings, Kim Il Sung": LineKind.SIGNATURE,
        "С коммунистическим приветом, Мао Цзэдун": LineKind.SIGNATURE,
        "斯大林同志：": LineKind.SALUTE,
        "스탈린 동지께": LineKind.SALUTE,
        "斯大林同志，我们决定": None,
        "From BEIJING": LineKind.RECEIVED,
        "Из Пекина": LineKind.RECEIVED,
        "From Stalin": None,
        "Top secret. Special folder.": LineKind.CLASSIFICATION,
        "Strictly secret. Copying prohibited": LineKind.CLASSIFICATION,
        "For Comrade Stalin": LineKind.SALUTE,
        "To: Filippov": LineKind.SALUTE,
        "For the attention of the ministry": None,
        "[signature]": LineKind.SIGNATURE,
        "Your [signature]": LineKind.SIGNATURE,
        "Passed to Comrade Stalin": LineKind.SENT,
        "Passed the resolution to the ministry": None,
        "Beijing, 2 October 1950": LineKind.DATELINE,
        "2 October 1950, Moscow": LineKind.DATELINE,
        "Beijing, 2 October 1950, 3 October 1950": None,
    }
    assert {line: getattr(classify_line(line), "kind", None) for line in cases} == cases


def test_copy_numbers_before_the_names_of_a_headed_list() -> None:
    text = "Copies: 1 - Stalin, No. 2 - Comrade Molotov; 3. Malenkov"
    dist = parse_distribution(text)
    assert dist is not None
    assert [(e.number, e.count, e.ref) for e in dist.entries] == [
        (1, None, "per-stalin"),
        (2, None, "per-molotov"),
        (3, None, "per-malenkov"),
    ]
    assert [text[e.start : e.end] for e in dist.entries] == [
        "1 - Stalin",
        "No. 2 - Comrade Molotov",
        "3. Malenkov",
    ]
    assert parse_distribution("Copies: 1 - Stalin, 2 - the rest went to the office") is None


def test_words_before_a_signature_stay_out_of_the_name() -> None:
    h = classify_line("With communist greetings, Kim Il Sung")
    assert h is not None and [(s.role, s.value) for s in h.spans] == [("person", "per-kim-il-sung")]
    for prose in ("Greetings Stalin", "Signed the agreement with Mao Zedong"):
        assert classify_line(prose) is None, prose


def test_the_place_of_a_date_line_and_of_origin() -> None:
    dateline = classify_line("Beijing, 2 October 1950")
    assert dateline is not None
    assert [(sp.role, sp.value) for sp in dateline.spans] == [
        ("place", "pl-beijing"),
        ("date", "1950-10-02"),
    ]
    origin = classify_line("From BEIJING")
    assert origin is not None and [(sp.role, sp.value) for sp in origin.spans] == [
        ("place", "pl-beijing")
    ]


def test_chinese_and_korean_dates() -> None:
    assert [d.when for d in find_dates("1950年10月1日 and 1950년 10월 1일")] == ["1950-10-01"] * 2
    assert find_dates("1950年2月30日") == []


def test_prose_with_the_same_words_is_prose() -> None:
    for line in (
        "Received from Moscow on 14 May 1950 the order to attack.",
        "Received your telegram of 27 January 1951.",
        "The cable was sent by the embassy after long delays, as the Ministry decided.",
        "Copies of the order were made in haste.",
        "Distribution of food to refugees was not organised.",
    ):
        assert classify_line(line, year=1950) is None, line


@pytest.mark.parametrize(
    ("line", "subtype", "refs"),
    [
        ("RECORD OF CONVERSATION", "conversation", []),
        (
            "Record of Conversation between Comrade Stalin and Zhou Enlai",
            "conversation",
            ["per-stalin", "per-zhou-enlai"],
        ),
        (
            "ЗАПИСЬ БЕСЕДЫ тов. Сталина с Чжоу Энь-лаем",
            "conversation",
            ["per-stalin", "per-zhou-enlai"],
        ),
        ("Letter from Kim Il Sung to Stalin", "letter", ["per-kim-il-sung", "per-stalin"]),
        ("MEMORANDUM", "memorandum", []),
    ],
)
def test_records_of_conversation_and_letters(line: str, subtype: str, refs: list[str]) -> None:
    h = classify_line(line, year=1952)
    assert h is not None and (h.kind, h.subtype) == (LineKind.FORM, subtype)
    assert [s.value for s in h.spans if s.role == "person"] == refs


def test_a_report_number_is_not_a_telegram_number() -> None:
    h = classify_line("Report No. 5")
    assert h is not None and [(s.role, s.value) for s in h.spans] == [("idno-document", "5")]


def test_letter_in_prose_is_prose() -> None:
    assert classify_line("Letter of protest was sent to the embassy.") is None
