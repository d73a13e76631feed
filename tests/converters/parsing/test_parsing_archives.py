"""Archive citations in every form of the seeds and the issue, and what is not a citation."""

from __future__ import annotations

import pytest

from converters.parsing.archives import find_archive_citations

Row = tuple[
    str,
    str,
    str | None,
    str | None,
    str | None,
    str | None,
    tuple[tuple[str, str], ...],
    str | None,
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wilson Center Digital Archive, APRF, f. 45, op. 1, d. 337, ll. 41-43. <https://x>",
            [("APRF", "APRF", "45", "1", "337", None, (("41", "43"),), "ll. 41-43")],
        ),
        (
            "APRF, Fond 45, Opis 1, Delo 336, Listy 88-90  \n<https://example.org/1>",
            [("APRF", "APRF", "45", "1", "336", None, (("88", "90"),), "Listy 88-90")],
        ),
        (
            "APRF, fond 45, opis 1, delo 334, listy 99-103 and RGASPI f. 558, Op. 11, D. 334, "
            "pp. 97-98.",
            [
                ("APRF", "APRF", "45", "1", "334", None, (("99", "103"),), "listy 99-103"),
                ("RGASPI", "RGASPI", "558", "11", "334", None, (("97", "98"),), "pp. 97-98"),
            ],
        ),
        (
            "AVPRF, Fond 059a, Opis 5a, Delo 5, Papka 11, List 80",
            [("AVPRF", "AVPRF", "059a", "5a", "5", "11", (("80", "80"),), "List 80")],
        ),
        (
            "AVPRF, f. 059a, op. 5a, d. 5, p. 11, l. 80",  # "p." before folios is the papka
            [("AVPRF", "AVPRF", "059a", "5a", "5", "11", (("80", "80"),), "l. 80")],
        ),
        (
            "AP RF, f. 45, op. 1, d. 334, l. 141; and RGASPI, f. 558, op. 11, d. 334, ll. 0141",
            [
                ("APRF", "AP RF", "45", "1", "334", None, (("141", "141"),), "l. 141"),
                ("RGASPI", "RGASPI", "558", "11", "334", None, (("0141", "0141"),), "ll. 0141"),
            ],
        ),
        (
            "АП РФ. Ф. 45. Оп. 1. Д. 337. Л. 41–43.",
            [("APRF", "АП РФ", "45", "1", "337", None, (("41", "43"),), "Л. 41–43")],
        ),
        (
            "ГАРФ, ф. Р-5446, оп. 1, д. 12, лл. 3, 5-7",
            [("GARF", "ГАРФ", "Р-5446", "1", "12", None, (("3", "3"), ("5", "7")), "лл. 3, 5-7")],
        ),
        (  # AVPRF order: the papka before the delo
            "AVP RF, f. 0102, op. 6, p. 21, d. 47, l. 11",
            [("AVPRF", "AVP RF", "0102", "6", "47", "21", (("11", "11"),), "l. 11")],
        ),
        (
            "Archive of the President of the Russian Federation (APRF), fond 3, opis 65, delo 776",
            [("APRF", "APRF", "3", "65", "776", None, (), None)],
        ),
        (
            "TsAMO, f. 5, op. 918795, d. 120, ll. 9-10ob.",
            [("TsAMO", "TsAMO", "5", "918795", "120", None, (("9", "10ob"),), "ll. 9-10ob.")],
        ),
        (  # an archive not in the table keeps its abbreviation
            "GAKhK, f. 137, op. 2, d. 4, l. 5",
            [("GAKhK", "GAKhK", "137", "2", "4", None, (("5", "5"),), "l. 5")],
        ),
        (  # no archive named: still the parts, with an empty archive
            "Fond 45, Opis 1, Delo 336",
            [("", "", "45", "1", "336", None, (), None)],
        ),
    ],
)
def test_citations(text: str, expected: list[Row]) -> None:
    got = find_archive_citations(text)
    rows = [
        (c.archive, c.written, c.fond, c.opis, c.delo, c.papka, c.folios, c.folio_text) for c in got
    ]
    assert rows == expected
    for c in got:
        assert text[c.start : c.end] == c.text
        assert c.text.startswith(c.written)


@pytest.mark.parametrize(
    "text",
    [
        "f. 45 is just a number",  # a fond alone is not a citation
        "see d. 5 above",
        "The 6th corps - ANSIU, 7th corps - KOKUZAN.",
        "op. cit., p. 12",
        "",
    ],
)
def test_not_citations(text: str) -> None:
    assert find_archive_citations(text) == []


def test_never_raises(garbled_strings: list[str]) -> None:
    for s in garbled_strings:
        for c in find_archive_citations(s):
            assert s[c.start : c.end] == c.text
