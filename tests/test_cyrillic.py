"""Ukrainian and Russian recognition: inflected names, cues, context, adjectives, resolution."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.pipeline import analyze
from geomap.toponyms import find_mentions
from geomap.toponyms.cyrillic.morphology import read

UK_REPORT = (
    "Уночі 22 липня ворог обстріляв с. Варачине Сумського району. На Сумщині загинула "
    "66-річна жінка, троє людей поранені. У Херсоні пошкоджено будинки, повідомила "
    "Херсонська ОВА. Підрозділи ЗСУ відбили атаку поблизу Кременчука."
)
RU_REPORT = (
    "В ночь на 23 июля ВСУ обстреляли Белгородскую область. В Белгороде погиб мирный "
    "житель, ранены двое. Минобороны России заявило об освобождении села Варачино в "
    "Сумской области. Российские войска продвинулись у Артёмовска."
)


def _mentions(text: str, gazetteer) -> dict[str, object]:
    return {m.text: m for m in find_mentions(text, gazetteer)}


@pytest.mark.parametrize(
    ("word", "lang", "nominative"),
    [
        ("Херсоні", "uk", "херсон"),
        ("Херсоном", "uk", "херсон"),
        ("Сумській", "uk", "сумська"),  # an adjective keeps its gender
        ("Білої", "uk", "біла"),
        ("Харькове", "ru", "харьков"),
        ("Харьковской", "ru", "харьковская"),
        ("Сумах", "ru", "сумы"),
    ],
)
def test_nominatives_of_inflected_words(word: str, lang: str, nominative: str) -> None:
    assert nominative in read(word, lang).forms


def test_ukrainian_inflected_names_and_cues(gazetteer) -> None:
    found = _mentions(UK_REPORT, gazetteer)
    assert "settlement cue" in found["Варачине"].reason  # "с." before a village's name
    assert found["Сумщині"].name == "Sumy Oblast"  # a colloquial region name, from the lexicon
    assert found["Херсоні"].name == "херсон"  # the locative read as its nominative
    assert found["Кременчука"].name == "кременчук"
    assert "ЗСУ" not in found and "ОВА" not in found  # forces and administrations are no places


def test_ukrainian_genitive_context_places_the_village(gazetteer) -> None:
    found = _mentions(UK_REPORT, gazetteer)
    village = found["Варачине"]
    assert village.context_country == "UA" and village.context_admin1
    report = analyze(UK_REPORT, gazetteer=gazetteer, date=dt.date(2025, 7, 22))
    by_text = {r.mention.text: r for r in report.resolutions}
    assert by_text["Варачине"].place.admin1.startswith("Sumy")
    assert by_text["Сумщині"].place.kind == "admin1"
    assert by_text["Херсоні"].place.name == "Kherson"


def test_russian_names_of_ukrainian_places_and_adjectives(gazetteer) -> None:
    report = analyze(RU_REPORT, gazetteer=gazetteer, date=dt.date(2025, 7, 23))
    by_text = {r.mention.text: r for r in report.resolutions}
    assert by_text["Артёмовска"].place.name == "Bakhmut"  # the name Russian sources keep
    assert by_text["Белгороде"].place.country_code == "RU"
    assert by_text["Варачино"].place.country_code == "UA"  # "в Сумской области" after it
    assert by_text["Российские"].mention.kind == "demonym"
    assert by_text["Российские"].place.name == "Russia"
    assert "ВСУ" not in by_text


def test_english_paragraph_in_a_ukrainian_page_uses_the_english_chain(gazetteer) -> None:
    text = UK_REPORT + "\n\nThe strike on Kherson was confirmed by officials in Kyiv on Tuesday."
    found = _mentions(text, gazetteer)
    assert {"Kherson", "Kyiv", "Херсоні"} <= set(found)


def test_forced_language_changes_the_chain(gazetteer) -> None:
    # Read as English the Cyrillic words are transliterated and the inflected form is lost.
    english = analyze(UK_REPORT, gazetteer=gazetteer, lang="en")
    ukrainian = analyze(UK_REPORT, gazetteer=gazetteer, lang="uk")
    assert "Сумщині" not in {r.mention.text for r in english.resolutions}
    assert "Сумщині" in {r.mention.text for r in ukrainian.resolutions}
