"""The shared reader pipeline piece by piece: line cleaning, description fields, language
sections and versions, quotation structure, zones of a message, sheets."""

from __future__ import annotations

from pathlib import Path

from converters import read
from converters.assemble import plain
from converters.frontmatter import split_front_matter
from converters.lines import blocks, clean, script, split_lines
from converters.units import units_of
from tei import model as m

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "telegram-example.txt"


def test_clean_markdown_and_chrome() -> None:
    assert clean("**January 16, 1951**  ") == ("January 16, 1951", False, False, True)
    assert clean("## CIPHERED TELEGRAM")[:2] == ("CIPHERED TELEGRAM", True)
    assert clean("- English Translation")[:3] == ("English Translation", False, True)
    assert clean("- 2 -")[0] == "- 2 -"  # a page number, not a list item
    assert clean("*В.И. Макаров*  ")[0] == "В.И. Макаров"
    assert clean("**Telegram from Mao, conveying")[0] == "Telegram from Mao, conveying"
    assert clean("<https://example.org/d/1>")[0] == "https://example.org/d/1"
    lines = split_lines("Skip to content\n\nText\n###\nMore")
    assert [ln.text for ln in lines] == ["", "", "Text", "###", "More"]
    assert [[ln.text for ln in b] for b in blocks(lines)] == [["Text"], ["More"]]


def test_script_of_a_line() -> None:
    assert script("IV ч. (6)") == "ru"  # roman numerals do not count as Latin
    assert script("№15, II") is None
    assert script("周恩来同志") == "zh"
    assert script("From BEIJING") == "en"


def test_front_matter_fields_and_trailer() -> None:
    text = (
        "\n**March 3, 1951**\n\n**A made-up title\nover two lines**\n\n**Citation:**\n\n"
        '"A made-up title", March 3, 1951, Example Digital Archive, APRF, f. 1, op. 2, d. 3.\n\n'
        "<https://example.org/x>\n\n**Summary:**\n\nOne line of summary.\n\n"
        "**Contents:**\n\n"
        "- English Translation\n- Scan of Original Document\n\nTHE TEXT STARTS\n\n"
        "Document Information\n\nRights\n\nFree.\n\nType\n\nTelegram\n\n"
        "Language\n\nRecord ID\n\n77\n"
    )
    front = split_front_matter(split_lines(text))
    meta = front.metadata
    assert (meta.date_when, meta.title) == ("1951-03-03", "A made-up title over two lines")
    assert meta.url == "https://example.org/x" and meta.publisher == "Example Digital Archive"
    assert meta.renditions == ["English Translation", "Scan of Original Document"]
    assert (meta.rights, meta.doc_type, meta.record_id, meta.languages) == (
        ["Free."],
        "Telegram",
        "77",
        [],
    )
    assert [ln.text for ln in front.body if ln.text] == ["THE TEXT STARTS"]


def _div_kinds(doc: m.Document) -> list[tuple[str, str, str | None]]:
    return [(d.type, d.lang, d.subtype) for d in doc.divisions]


def test_sections_and_versions() -> None:
    text = (
        "Transmitted to Bulganin\n\nTo BEIJING, SOVIET AMBASSADOR\n\n"
        "We agree with your proposal about the division and send it now.\n\nFILIPPOV\n\n"
        "Передано т. Булганину\n\nПекин Совпосол\n\n"
        "Мы согласны с вашим предложением о дивизии и посылаем ее.\n\n"
        "ФИЛИППОВ\n\nПередано т. Булганину.\n\nПЕКИН СОВПОСОЛ\n\n"
        "Мы согласны с вашим предложением о дивизии и посылаем ее сейчас.\n\nФИЛИППОВ.\n"
    )
    doc, report = read(text)
    assert report.layout == "wilson-outgoing"
    assert _div_kinds(doc) == [
        ("translation", "en", None),
        ("original", "ru", "draft"),
        ("original", "ru", "transmitted"),
    ]
    ids = [p.xml_id for d in doc.divisions for p in d.blocks if isinstance(p, m.Paragraph)]
    assert ids == ["en-p1", "ru1-p1", "ru2-p1"]


def _quotes(blocks_: list[m.Block]) -> list[m.EmbeddedMessage]:
    return [b for b in blocks_ if isinstance(b, m.EmbeddedMessage)]


def test_nested_quotes_with_own_apparatus() -> None:
    text = (
        "I send you the telegram of Comrade Peng Dehuai to me, which conveys another one:\n\n"
        '"To Comrade MAO ZEDONG.\n\nI forward the message of Kim Il Sung to me of today.\n\n'
        "“To Comrade PENG DEHUAI.\n\nWe need ammunition for the whole of the next operation.\n\n"
        'KIM IL SUNG”\n\nPENG DEHUAI 12:00 19.1.51."\n\nMAO ZEDONG\n'
    )
    doc, _ = read(text)
    (outer,) = _quotes(doc.divisions[0].blocks)
    (inner,) = _quotes(outer.blocks)
    assert [type(b).__name__ for b in outer.blocks] == [
        "Opener",
        "Paragraph",
        "EmbeddedMessage",
        "Closer",
    ]
    assert [type(b).__name__ for b in inner.blocks] == ["Opener", "Paragraph", "Closer"]
    assert [r.xml_id for r in doc.messages] == ["msg1", "msg2", "msg3"]
    assert (outer.decls, inner.decls) == ("msg2", "msg3")
    sent = {r.xml_id: [p.ref for p in r.actions[0].persons] for r in doc.messages}
    assert sent == {"msg1": ["per-mao"], "msg2": ["per-peng-dehuai"], "msg3": ["per-kim-il-sung"]}


def test_quote_opening_mid_line_and_signature_in_last_line() -> None:
    text = (
        'I ask you to familiarize yourself with it: "To Comrade Peng Dehuai. I ask that the '
        "contents of this telegram be transmitted to Comrade Kim Il Sung.\n\n"
        'Carry out the preparation without any hurry at all. MAO ZEDONG."\n'
    )
    doc, _ = read(text)
    blocks_ = doc.divisions[0].blocks
    assert plain(blocks_[0].content) == "I ask you to familiarize yourself with it:"  # type: ignore[union-attr]
    (quote,) = _quotes(blocks_)
    opener, *_, closer = quote.blocks
    assert isinstance(opener, m.Opener) and isinstance(closer, m.Closer)
    salute = opener.lines[0]
    assert isinstance(salute, m.ApparatusLine) and salute.kind == "salute"
    signed = closer.lines[0]
    assert isinstance(signed, m.ApparatusLine) and signed.kind == "signature"


def test_closing_mark_without_opening_starts_at_the_salute() -> None:
    text = (
        "Посылаю Вам мою телеграмму, адресованную тов. ПЭН ДЭ-ХУАЙ, для ознакомления.\n\n"
        "Тов. ПЭН ДЭ-ХУАЙ !\n\n1. Вашу телеграмму получил и с планом согласен полностью.\n\n"
        'МАО ЦЗЕ-ДУН, 28.1.51, 19.00".\n'
    )
    doc, _ = read(text)
    (quote,) = _quotes(doc.divisions[0].blocks)
    assert isinstance(quote.blocks[0], m.Opener)


def test_sheets_folios_and_service() -> None:
    text = (
        "January 2, 1951\n\nA made-up scan\n\nCitation:\n\n"
        '"A made-up scan", January 2, 1951, Example Archive, APRF, f. 45, op. 1, d. 9, '
        "ll. 10-12.\n\nШИФРТЕЛЕГРАММА № 1\n\n10\n\n"
        "Первый лист текста телеграммы, который продолжается дальше.\n\n"
        "(см. сл. лист)\n\nПродолжение шифртелеграммы № 1\n\nЛист 2\n\n"
        "Второй лист текста телеграммы, который тоже продолжается.\n\n(см. сл. лист)\n\n12\n\n"
        "Третий лист текста телеграммы, который здесь заканчивается.\n\nМАО ЦЗЕ-ДУН\n\n"
        "Расш. Сухов 29.1.51 20.20\n\nПроверил: НАЧАЛЬНИК ОТДЕЛЕНИЯ\nПОЛКОВНИК\n"
    )
    doc, _ = read(text)
    (div,) = doc.divisions

    def walk(bs: list[m.Block]) -> list[m.Block]:
        out: list[m.Block] = []
        for b in bs:
            out.append(b)
            if isinstance(b, m.Opener | m.Closer):
                out += [x for x in b.lines if not isinstance(x, m.ApparatusLine)]
        return out

    pages = [b.n for b in walk(div.blocks) if isinstance(b, m.PageBreak)]
    assert pages == ["10", "11", "12"]  # 11 lies between two numbered sheets
    (service,) = [b for b in div.blocks if isinstance(b, m.ServiceBlock)]
    assert [n.subtype for n in service.notes] == ["deciphered", "checked"]
    assert any(isinstance(x, m.LineBreak) for x in service.notes[1].content)


def test_translator_from_a_field_or_the_foot_of_the_text() -> None:
    head = "May 1, 1951\n\nA made-up title\n\nTranslated by: Jane Roe\n\nTEXT OF IT\n"
    assert split_front_matter(split_lines(head)).metadata.translator == "Jane Roe"
    foot = "May 1, 1951\n\nA made-up title\n\nThe text itself.\n\n"
    foot += "[Translated for CWIHP by John Doe.]\n"
    front = split_front_matter(split_lines(foot))
    assert front.metadata.translator == "John Doe"
    assert any("John Doe" in ln.text for ln in front.body)  # the line stays in the text


def test_windows_line_ends_and_byte_order_mark() -> None:
    text = (EXAMPLE.read_text(encoding="utf-8")).replace("\n", "\r\n")
    doc, report = read("\ufeff" + text)
    plain_doc, _ = read(EXAMPLE.read_text(encoding="utf-8"))
    assert report.layout == "wilson-scan"
    assert doc.metadata == plain_doc.metadata
    assert len(doc.divisions) == len(plain_doc.divisions) == 2


def test_a_line_of_apparatus_sentences_is_one_unit_each() -> None:
    """ "From Beijing. Sent at ... Received at ..." on one line: three apparatus lines; a line of
    prose with a sentence that looks like apparatus stays one paragraph."""
    lines = split_lines(
        "From Beijing. Sent at 12:15 on 3 October 1950. Received at 16:40 on 3 October 1950.\n"
        "\n"
        "From Beijing. We have received your telegram and agree with the plan."
    )
    units = units_of(lines, year=1950)
    assert [(u.kind, u.text) for u in units] == [
        ("RECEIVED", "From Beijing."),
        ("SENT", "Sent at 12:15 on 3 October 1950."),
        ("RECEIVED", "Received at 16:40 on 3 October 1950."),
        (None, "From Beijing. We have received your telegram and agree with the plan."),
    ]


def test_a_number_sign_does_not_end_an_apparatus_sentence() -> None:
    units = units_of(split_lines("Copy No. 1. Strictly secret\n\nI have your telegram."), year=1950)
    assert [(u.kind, u.text) for u in units] == [
        ("CONTINUATION", "Copy No. 1."),
        ("CLASSIFICATION", "Strictly secret"),
        (None, "I have your telegram."),
    ]
