"""Language per article and per paragraph (geomap.lang) and the --lang switch."""

from __future__ import annotations

import pytest

from geomap.doc import make_doc
from geomap.lang import check_language, detect_language, paragraph_languages


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russian forces shelled the village overnight, officials said.", "en"),
        ("Уночі ворог обстріляв громаду, пошкоджено житловий будинок і магазин.", "uk"),
        ("Ночью противник обстрелял поселок, повреждены жилой дом и магазин.", "ru"),
        # no telling letter: the function words decide
        ("Суми та Харків", "uk"),
        ("Он сказал, что это не так", "ru"),
    ],
)
def test_language_from_letters_and_words(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_paragraphs_of_a_mixed_page_keep_their_language() -> None:
    text = (
        "Officials in the region reported the attack on Tuesday morning.\n\n"
        "Ворог атакував дронами околиці міста, поранені двоє людей.\n\n"
        "Враг атаковал дронами окрестности города, ранены двое мирных жителей."
    )
    assert [p.lang for p in paragraph_languages(text)] == ["en", "uk", "ru"]


def test_a_short_paragraph_follows_its_article() -> None:
    text = "Джерело: ОВА\n\nУночі ворог обстріляв громаду, пошкоджено житловий будинок і магазин."
    assert [p.lang for p in paragraph_languages(text)] == ["uk", "uk"]


def test_doc_language_is_read_unless_given() -> None:
    assert make_doc("Уночі ворог обстріляв громаду, пошкоджено будинок.").lang == "uk"
    assert make_doc("Уночі ворог обстріляв громаду.", lang="ru").lang == "ru"


def test_unknown_language_is_refused() -> None:
    assert check_language(" UK ") == "uk"
    with pytest.raises(ValueError, match="unknown language"):
        check_language("de")
