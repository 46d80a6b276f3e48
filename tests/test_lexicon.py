"""Vocabulary as data: the word lists under geomap/data/lexicon/ and the one loader."""

from __future__ import annotations

import pytest

from geomap import lexicon
from geomap.datafiles import data_path
from geomap.errors import GeomapError

LISTS = sorted(p.stem for p in data_path("lexicon").iterdir() if p.suffix in (".txt", ".tsv"))


def test_every_list_has_a_header_and_clean_unique_entries():
    assert len(LISTS) >= 30
    for name in LISTS:
        path = next(data_path("lexicon").glob(name + ".*"))
        assert path.read_text("utf-8").startswith("# "), f"{path.name}: says what it is first"
        found = lexicon.entries(name)
        assert found, name
        assert len(found) == len(set(found)), f"{name}: duplicate entries"
        for entry in found:
            assert entry and entry == entry.strip() and "  " not in entry, (name, entry)


def test_lists_are_immutable_and_read_once():
    assert lexicon.words("person_titles") is lexicon.words("person_titles")
    with pytest.raises(TypeError):
        lexicon.table("region_generics")["oblast"] = "city"  # type: ignore[index]


def test_months_weekdays_and_numbers():
    assert lexicon.weekdays()[0] == "monday" and len(lexicon.weekdays()) == 7
    assert lexicon.months()[8] == "september" and len(lexicon.months()) == 12
    numbers = lexicon.month_numbers()
    assert numbers["sept"] == numbers["sep"] == numbers["september"] == 9
    assert numbers["may"] == 5
    assert "may" not in lexicon.month_abbreviations() and "sept" in lexicon.month_abbreviations()
    words = lexicon.number_words()
    assert words["zero"] == 0 and words["nineteen"] == 19 and words["ninety"] == 90
    assert list(words.values()) == sorted(words.values())


def test_an_unknown_list_is_one_clear_error():
    with pytest.raises(GeomapError, match="no word list 'no-such-list'"):
        lexicon.entries("no-such-list")


def test_the_stages_read_the_shared_lists():
    from geomap.claims.quantities import parse_quantity
    from geomap.events.countries import code_for
    from geomap.events.dates import resolve_date
    from geomap.text import split_sentences
    from geomap.toponyms import lexicon as recogniser

    # A month abbreviation keeps its period inside the sentence; a full month name ends one.
    text = "It began on 5 Sept. Nobody left. It ended in May. Everyone left."
    assert [s.text for s in split_sentences(text)] == [
        "It began on 5 Sept. Nobody left.",
        "It ended in May.",
        "Everyone left.",
    ]
    # number words: claims and events count with the same words
    assert parse_quantity("seventy-three km").value == 73
    # seats of power: the recogniser and the event stage share one table
    assert recogniser.SEATS_OF_POWER["zhongnanhai"] == ("Beijing", "CN")
    assert code_for("Zhongnanhai") == "CN"
    # weekdays in week order: "on Monday" in an article of Wednesday 2025-07-23 is the 21st
    import datetime as dt

    assert resolve_date("Strikes on Monday.", dt.date(2025, 7, 23)).date == dt.date(2025, 7, 21)
