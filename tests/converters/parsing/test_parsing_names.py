"""Names by the curated table: spellings, inflections, spaced letters, code names, negatives."""

from __future__ import annotations

import pytest

from converters.parsing import names
from converters.parsing.names import NameMatch, find_names, is_pseudonym, lookup


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "To FILIPPOV [Stalin]",
            [("FILIPPOV", "per-stalin", True), ("Stalin", "per-stalin", False)],
        ),
        ("М А О Ц З Е - Д У Н, 28.1.51", [("М А О Ц З Е - Д У Н", "per-mao", False)]),
        (
            "F I L I P P O V [STALIN]",
            [("F I L I P P O V", "per-stalin", True), ("STALIN", "per-stalin", False)],
        ),
        ("Тов. ПЭН ДЭ-ХУАЙ !", [("ПЭН ДЭ-ХУАЙ", "per-peng-dehuai", False)]),
        ("Comrade PENG DEHUI!", [("PENG DEHUI", "per-peng-dehuai", False)]),
        ("113 ПЕКИНА получена", [("ПЕКИНА", "pl-beijing", False)]),
        ("тов. Сталину 47.", [("Сталину", "per-stalin", False)]),
        (
            "Mao Zedong to Peng\nDehuai",
            [("Mao Zedong", "per-mao", False), ("Peng\nDehuai", "per-peng-dehuai", False)],
        ),
        ("Premier Comrade KIM IL SUNG's", [("KIM IL SUNG", "per-kim-il-sung", False)]),
        ("приказ Ким Ир Сена об", [("Ким Ир Сена", "per-kim-il-sung", False)]),
        (
            "МАО ЦЗЕ-ДУНУ или ЧЖОУ ЭНЬ-ЛАЮ.",
            [("МАО ЦЗЕ-ДУНУ", "per-mao", False), ("ЧЖОУ ЭНЬ-ЛАЮ", "per-zhou-enlai", False)],
        ),
        ("Мао Цзэдуну", [("Мао Цзэдуну", "per-mao", False)]),
        ("Khan' Sian'-chu.", [("Khan' Sian'-chu", "per-han-xianchu", False)]),
        ("SEOUL and CHEMUL'PO", [("SEOUL", "pl-seoul", False), ("CHEMUL'PO", "pl-incheon", False)]),
        ("Jemulpo [Incheon]", [("Jemulpo", "pl-incheon", False), ("Incheon", "pl-incheon", False)]),
        ("Jinnampo [Nampo]", [("Jinnampo", "pl-nampo", False), ("Nampo", "pl-nampo", False)]),
        (
            "реки Канко и город Сеул",
            [("реки Канко", "pl-han-river", False), ("Сеул", "pl-seoul", False)],
        ),
        ("the Han-gang river", [("Han-gang river", "pl-han-river", False)]),
        (
            "Передано т.Булганину [из Сочи]",
            [("Булганину", "per-bulganin", False), ("Сочи", "pl-sochi", False)],
        ),
        ("далеко от Москвы", [("Москвы", "pl-moscow", False)]),
        ("Суйген-Рисен", [("Суйген", "pl-suwon", False)]),
        ("Suwon, Wonju, Andong, Daejeon, Gimpo, Pyongyang", None),
        ("I.V. Stalin", [("I.V. Stalin", "per-stalin", False)]),
        ("UN troops", [("UN", "org-un", False)]),
        ("ФИЛИППОВ.", [("ФИЛИППОВ", "per-stalin", True)]),
        (
            "ВТОРОЕ ГЛАВНОЕ УПРАВЛЕНИЕ ГЕНШТАБА СОВЕТСКОЙ АРМИИ",
            [
                (
                    "ВТОРОЕ ГЛАВНОЕ УПРАВЛЕНИЕ ГЕНШТАБА СОВЕТСКОЙ АРМИИ",
                    "org-second-main-administration",
                    False,
                )
            ],
        ),
        ("AP RF, f. 45", [("AP RF", "org-aprf", False)]),
        ("I V Stalin", [("I V Stalin", "per-stalin", False)]),
        ("Stalin’s", [("Stalin", "per-stalin", False)]),
        ("5Stalin, XStalin", [("Stalin", "per-stalin", False)]),  # a digit ends a word
        ("river han", [("river han", "pl-han-river", False)]),  # a lower-case name of the table
        ("Пёкин", [("Пёкин", "pl-beijing", False)]),  # ё reads as е
        ("\u212aim Il Sung", [("\u212aim Il Sung", "per-kim-il-sung", False)]),  # Kelvin sign: k
        ("Stalİn", [("Stalİn", "per-stalin", False)]),  # İ lowers to two characters
        ("ȺStalin", [("Stalin", "per-stalin", False)]),  # Ⱥ lowers to ⱥ, not a word letter
        (
            "İzmir, Stalin и Молотов",
            [("Stalin", "per-stalin", False), ("Молотов", "per-molotov", False)],
        ),
        ("Mao\r\nZedong", [("Mao", "per-mao", False)]),  # a carriage return is no gap
        ("Peng\n\nDehuai", []),  # one line break at most
        ("Peng      Dehuai", []),  # five spaces at most
        ("F I L I P P O V A", []),  # a spaced name is the whole run of letters
        ("A F I L I P P O V", []),
        ("F I L I P P O V Xy", [("F I L I P P O V", "per-stalin", True)]),
    ],
)
def test_find_names(text: str, expected: list[tuple[str, str, bool]] | None) -> None:
    got = find_names(text)
    for m in got:
        assert text[m.start : m.end] == m.text
    if expected is None:
        assert len(got) == text.count(",") + 1 and all(m.kind == "place" for m in got)
    else:
        assert [(m.text, m.ref, m.pseudonym) for m in got] == expected


@pytest.mark.parametrize(
    "text",
    [
        "un-American activity",  # short capital abbreviations match their case only
        "Д Л П О В У",  # a garbled spaced word is no name
        "F I L",  # part of a spaced run is not the name
        "Kim went home",  # a bare family name shared by many is not listed
        "Maoist ideas",  # whole words only
        "Comrade Ivanov",  # unknown names stay untagged
        "Канко",  # ambiguous alone (Han River or Hamhung)
        "серп и молотов",  # a common word: names are capitalised
        "fine china cups",
        "",
    ],
)
def test_no_names(text: str) -> None:
    assert find_names(text) == []


def test_honorific_stays_outside() -> None:
    (m,) = find_names("Comrade Molotov")
    assert m.text == "Molotov"


def test_lookup_and_pseudonym() -> None:
    ent = lookup("Сталину")
    assert ent is not None and ent.id == "per-stalin"
    assert is_pseudonym("F I L I P P O V") and is_pseudonym("Филиппову")
    assert not is_pseudonym("Stalin")
    assert lookup("Nobody") is None


def test_never_raises(garbled_strings: list[str]) -> None:
    for s in garbled_strings:
        for m in find_names(s):
            assert s[m.start : m.end] == m.text and m.ref


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "毛泽东同志：菲利波夫同志来电。彭德怀在汉城。",
            [
                ("毛泽东", "per-mao", False),
                ("菲利波夫", "per-stalin", True),
                ("彭德怀", "per-peng-dehuai", False),
                ("汉城", "pl-seoul", False),
            ],
        ),
        ("毛澤東", [("毛澤東", "per-mao", False)]),  # traditional characters
        (
            "김일성은 평양에서",
            [("김일성", "per-kim-il-sung", False), ("평양", "pl-pyongyang", False)],
        ),
        ("中国人民志愿军司令部", [("中国人民志愿军", "org-cpv", False)]),  # longest form wins
        ("Mao 毛泽东", [("Mao", "per-mao", False), ("毛泽东", "per-mao", False)]),
        ("개성 있는 사람", []),  # a common Korean word, not Kaesong
    ],
)
def test_chinese_and_korean_names(text: str, expected: list[tuple[str, str, bool]]) -> None:
    got = find_names(text)
    assert [(m.text, m.ref, m.pseudonym) for m in got] == expected
    assert all(text[m.start : m.end] == m.text for m in got)


def test_text_letters_are_every_letter_that_lowers_into_a_word() -> None:
    """The scan reads the original text with a class built from a few Unicode blocks: check it."""
    every = "".join(map(chr, range(0x110000)))
    low = every.replace("\u0130", "I").lower()  # İ lowers to "i" and a combining dot; "I" to "i"
    assert len(low) == len(every)
    lowers_to_letter = {every[i] for m in names._LOWER_WORD.finditer(low) for i in range(*m.span())}
    assert lowers_to_letter == names._TEXT_LETTERS


def test_fast_name_match_equals_the_dataclass() -> None:
    entry = names._INDEX["stalin"]
    made = names._name_match(3, 9, "Stalin", entry)
    plain = NameMatch(3, 9, "Stalin", "person", "per-stalin", False)
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    assert vars(made) == vars(plain) and list(vars(made)) == list(vars(plain))
