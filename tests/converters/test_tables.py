"""The curated table: well-formed ids, archives as organisations, Russian inflections."""

from __future__ import annotations

import re

import pytest

from converters.tables import ARCHIVES, ENTITIES, archive_for, ru_inflections


def test_ids_are_xml_names_with_a_kind_prefix() -> None:
    prefix = {"person": "per-", "place": "pl-", "org": "org-"}
    for key, ent in ENTITIES.items():
        assert key == ent.id
        assert re.fullmatch(r"[a-z][a-z0-9-]*", ent.id), ent.id
        assert ent.id.startswith(prefix[ent.kind]), ent.id
        assert ent.name and (ent.names_en or ent.names_ru)


def test_no_written_form_names_two_entities() -> None:
    seen: dict[str, str] = {}
    for ent in ENTITIES.values():
        forms = (*ent.names_en, *ent.names_ru, *ent.pseudonyms_en, *ent.pseudonyms_ru)
        forms += (*ent.names_zh, *ent.names_ko, *ent.pseudonyms_zh)
        for form in forms:
            key = "".join(ch for ch in form.casefold() if ch.isalpha())
            assert seen.setdefault(key, ent.id) == ent.id, (form, seen[key], ent.id)


def test_every_archive_is_an_organisation_with_its_seat() -> None:
    for key, arc in ARCHIVES.items():
        assert arc.key == key
        org = ENTITIES[arc.org_id]
        assert org.kind == "org" and org.abbreviation == arc.abbreviation
        assert arc.country == "Russia" and arc.settlement
        assert arc.abbreviation in arc.variants


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("APRF", "APRF"),
        ("AP RF", "APRF"),
        ("АП РФ", "APRF"),
        ("RGASPI", "RGASPI"),
        ("AVP RF", "AVPRF"),
        ("TsAMO", "TsAMO"),
        ("Archive of the President of the Russian Federation", "APRF"),
    ],
)
def test_archive_for(written: str, key: str) -> None:
    found = archive_for(written)
    assert found is not None and found.key == key


def test_unknown_archive() -> None:
    assert archive_for("XYZ") is None


def test_pseudonyms() -> None:
    stalin = ENTITIES["per-stalin"]
    assert "Filippov" in stalin.pseudonyms_en
    assert {"Филиппов", "Филиппову"} <= set(stalin.pseudonyms_ru)


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("Сталин", "Сталину"),
        ("Пекин", "Пекина"),
        ("Мао Цзэ-дун", "Мао Цзэ-дуну"),
        ("Чжоу Энь-лай", "Чжоу Энь-лаю"),
        ("Ким Ир Сен", "Ким Ир Сена"),
        ("Москва", "Москвы"),
        ("Корея", "Кореи"),
        ("Вышинский", "Вышинского"),
        ("ПЕКИН", "ПЕКИНА"),
    ],
)
def test_ru_inflections(name: str, form: str) -> None:
    assert form in ru_inflections(name)


@pytest.mark.parametrize("name", ["Чемульпо", "Сочи", ""])
def test_indeclinable(name: str) -> None:
    assert ru_inflections(name) == ()


def test_russian_forms_are_in_the_table() -> None:
    assert "Сталину" in ENTITIES["per-stalin"].names_ru
    assert "Пекина" in ENTITIES["pl-beijing"].names_ru
    assert ENTITIES["pl-beijing"].name_ru == "Пекин"
