"""Recognition: which spans of a text are place mentions, with the embedded default gazetteer.

The sentences here are written for the rules they exercise (persons, organisations, homonyms,
cues, context); the shared sample article is checked end to end for its full list of places.
"""

from __future__ import annotations

import pytest
from conftest import shared_path

from geomap.records import Article
from geomap.toponyms import find_mentions
from geomap.toponyms.index import build_index, match_key, normalise_text


def _mentions(gazetteer, text: str):
    return find_mentions(Article(id="t", title="", text=text), gazetteer)


def _toponyms(gazetteer, text: str) -> list[str]:
    return [m.text for m in _mentions(gazetteer, text) if m.kind == "toponym"]


# --- the shared sample article -------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_mentions(gazetteer):
    from geomap.article import read_article

    article = read_article(shared_path("articles/istanbul-peace-talks.txt"))
    return article, find_mentions(article, gazetteer)


@pytest.mark.shared
def test_sample_article_finds_exactly_its_places(sample_mentions):
    article, mentions = sample_mentions
    toponyms = {m.text.casefold() for m in mentions if m.kind == "toponym"}
    assert toponyms == {
        "istanbul",
        "ankara",
        "kyiv",
        "ukraine",
        "russia",
        "sumy region",
        "kherson",
        "varachyne",
    }
    for m in mentions:
        assert article.text[m.start : m.end] == m.text
        assert m.sentence in article.text and m.sentence_start <= m.start


@pytest.mark.shared
def test_sample_article_reports_no_person_organisation_or_weekday(sample_mentions):
    _, mentions = sample_mentions
    found = " | ".join(m.text for m in mentions)
    for not_a_place in (
        "Umerov",
        "Rustem",
        "Peskov",
        "Dmitry",
        "Reuters",
        "Newsmen",
        "dpa",
        "Jazeera",
        "Telegram",
        "Wednesday",
        "Zelenskyy",
        "Putin",
        "Prokudin",
        "Challands",
        "Kremlin",
    ):
        assert not_a_place not in found


@pytest.mark.shared
def test_sample_article_adjectives_are_demonyms(sample_mentions):
    _, mentions = sample_mentions
    demonyms = {m.text for m in mentions if m.kind == "demonym"}
    assert demonyms == {"Turkish", "Ukrainian", "Russian"}


@pytest.mark.shared
def test_sample_article_context_for_the_resolver(sample_mentions):
    _, mentions = sample_mentions
    varachyne = next(m for m in mentions if m.text == "Varachyne")
    assert varachyne.context_country == "UA"
    assert varachyne.context_admin1.casefold() == "sumy"
    assert varachyne.feature_hint == "village"
    kherson = next(m for m in mentions if m.text == "Kherson")
    assert kherson.context_country == "UA" and kherson.cue == "city of"
    sumy = [m for m in mentions if m.text.casefold() == "sumy region"]
    assert sumy and all(m.feature_hint == "region" for m in sumy)
    assert sumy[0].context_country == "UA"


# --- persons --------------------------------------------------------------------------------


def test_title_and_given_name_make_persons(gazetteer):
    text = (
        "Prime Minister Boris Johnson arrived in Kyiv on Saturday. Johnson said the visit "
        "was a sign of support, and spokesperson Jamie Davies told reporters in Lviv."
    )
    assert _toponyms(gazetteer, text) == ["Kyiv", "Lviv"]


def test_washington_the_person_is_not_the_city(gazetteer):
    assert "Washington" not in _toponyms(
        gazetteer, "In 1776 George Washington led his army across the river."
    )
    assert _toponyms(gazetteer, "Officials in Washington said the aid would continue.") == [
        "Washington"
    ]


# --- organisations and media ----------------------------------------------------------------


def test_organisations_named_after_places_are_not_places(gazetteer):
    text = (
        "The vote was close, according to Alton. Al Jazeera's Rory Challands, reporting from "
        "Kyiv, said little had changed; Lyon reported the same."
    )
    assert _toponyms(gazetteer, text) == ["Kyiv"]
    assert _toponyms(gazetteer, "Fans travelled from Alton and Lyon.") == ["Alton", "Lyon"]


# --- common words, weekdays, months ---------------------------------------------------------


def test_common_word_homonyms_need_a_cue(gazetteer):
    assert _toponyms(gazetteer, "Most residents fled before the shelling began.") == []
    assert _toponyms(gazetteer, "Union leaders met ministers. Republic officials agreed.") == []
    # The same words with a cue (and mid-sentence capitals) are places.
    assert _toponyms(gazetteer, "The old bridge in the town of Most was rebuilt.") == ["Most"]


def test_months_and_weekdays_are_never_places(gazetteer):
    text = "Fighting intensified in May near Bakhmut, and again on Wednesday in March."
    assert _toponyms(gazetteer, text) == ["Bakhmut"]


def test_tiny_places_need_a_cue(gazetteer):
    # Varachyne is a village of a few hundred people: without a cue it is not trusted.
    assert _toponyms(gazetteer, "Officials said Varachyne residents had left.") == []
    assert _toponyms(gazetteer, "Officials said residents near Varachyne had left.") == [
        "Varachyne"
    ]


# --- cues and context -----------------------------------------------------------------------


def test_region_and_admin_context(gazetteer):
    mentions = _mentions(
        gazetteer, "Russian forces shelled Pokrovsk, Donetsk region, and Nikopol overnight."
    )
    pokrovsk = next(m for m in mentions if m.text == "Pokrovsk")
    assert pokrovsk.context_admin1.casefold() == "donetsk"
    donetsk = next(m for m in mentions if m.text.startswith("Donetsk"))
    assert donetsk.text == "Donetsk region" and donetsk.feature_hint == "region"
    assert [m.kind for m in mentions if m.text == "Russian"] == ["demonym"]


def test_demonym_adjective_gives_the_country(gazetteer):
    mentions = _mentions(gazetteer, "Drones struck the northern Ukrainian city of Chernihiv.")
    chernihiv = next(m for m in mentions if m.text == "Chernihiv")
    assert chernihiv.context_country == "UA"
    assert chernihiv.feature_hint == "city"


def test_comma_context_with_a_us_state(gazetteer):
    mentions = _mentions(gazetteer, "The rally in Paris, Texas, drew a large crowd.")
    paris = next(m for m in mentions if m.text == "Paris")
    assert paris.context_admin1 == "Texas"


def test_unknown_name_with_a_strong_cue_is_still_a_mention(gazetteer):
    mentions = _mentions(gazetteer, "Troops entered the village of Zzyzxville at dawn.")
    assert [m.text for m in mentions] == ["Zzyzxville"]
    assert mentions[0].cue == "village of"


def test_sentence_start_and_headline_words(gazetteer):
    text = "Russia and Ukraine to Hold Peace Talks in Istanbul\n\nKyiv is ready for talks."
    assert _toponyms(gazetteer, text) == ["Russia", "Ukraine", "Istanbul", "Kyiv"]


def test_datelines_are_places(gazetteer):
    # "Reading" is also a common word: at a sentence start it needs a cue, and a dateline is one.
    assert _toponyms(gazetteer, "Reading: The film festival opened on Friday.") == ["Reading"]
    assert _toponyms(gazetteer, "Reading helps children learn.") == []


def test_offsets_survive_non_ascii_text(gazetteer):
    text = "Ŝtrange “quotes” … then Kyiv’s mayor spoke in Dnipro."
    mentions = _mentions(gazetteer, text)
    assert [text[m.start : m.end] for m in mentions] == ["Kyiv", "Dnipro"]


def test_empty_text_has_no_mentions(gazetteer):
    assert _mentions(gazetteer, "   \n") == []


# --- the name index -------------------------------------------------------------------------


def test_normalisation_keeps_offsets():
    norm = normalise_text("Straße in Kyiv’s “centre”")
    assert norm.text.startswith("strasse in kyiv s")
    start = norm.text.index("kyiv")
    assert norm.source_span(start, start + 4) == (10, 14)
    assert match_key("  Sumy   Oblast ") == "sumy oblast"


def test_index_merges_duplicates_keeps_cyrillic_and_skips_other_scripts():
    index = build_index(
        [
            ("kyiv", "populated_place", 100),
            ("kyiv", "admin1", 200),
            ("киів", "admin1", 5),  # the store's key of Київ (the diaeresis folded)
            ("كييف", "populated_place", 5),
        ]
    )
    assert len(index) == 2
    entry = index.get("kyiv")
    assert entry is not None
    assert entry.kinds == {"populated_place", "admin1"} and abs(entry.max_population - 200) <= 2
    found = index.find("From Kyiv to kyivan", capitalised_only=True)
    assert [(m.start, m.end) for m in found] == [(5, 9)]
    # Ukrainian and Russian text meets the Cyrillic names, inflected forms aside.
    text = "Удар по Київ, потім по Києву"
    assert [text[m.start : m.end] for m in index.find(text, capitalised_only=True)] == ["Київ"]


def test_index_prefers_the_longest_whole_word_match():
    index = build_index(
        [("new york", "admin1", 1), ("new york city", "populated_place", 2), ("york", "", 3)]
    )
    text = "New York City police and New Yorkers in York."
    assert [text[m.start : m.end] for m in index.find(text)] == ["New York City", "York"]


def test_index_is_cached_beside_the_store_and_reloaded(tmp_path):
    from geomap.toponyms import index as index_module
    from geomap.toponyms.index import name_index

    class Store:
        path = tmp_path / "gazetteer.sqlite"
        build_id = "test-build-1"

        def iter_names(self):
            yield from [("sumy region", "admin1", 1_000_000), ("sumy", "populated_place", 256_000)]

    first = name_index(Store())
    files = sorted(p.name for p in tmp_path.iterdir())
    version = f"v{index_module.INDEX_FORMAT}"
    assert files == [
        f"toponym-index-{version}-test-build-1.marisa",
        f"toponym-index-{version}-test-build-1.values",
    ]
    index_module._MEMO.clear()
    Store.iter_names = None  # a reload must not need the gazetteer's names again
    second = name_index(Store())
    assert second is not first
    text = "in the Sumy region"
    assert [text[m.start : m.end] for m in second.find(text)] == ["Sumy region"]


# --- shouted words, abbreviations and demonym context --------------------------------------


def test_all_caps_common_words_and_military_abbreviations_are_no_places(gazetteer):
    text = (
        "REGION: Two soldiers were KIA and three WIA near the front line.\n"
        "UPDATE - Shelling continued overnight, officials in Kharkiv said."
    )
    assert _toponyms(gazetteer, text) == ["Kharkiv"]


def test_a_demonym_states_the_country_only_through_a_feature_noun(gazetteer):
    attacked = _mentions(gazetteer, "Russian forces attacked near Vovchansk on Tuesday.")
    city = _mentions(gazetteer, "Shelling hit the Ukrainian city of Vovchansk on Tuesday.")
    assert [m.context_country for m in attacked if m.text == "Vovchansk"] == [""]
    assert [m.context_country for m in city if m.text == "Vovchansk"] == ["UA"]


def test_a_common_word_after_the_or_of_two_letters_needs_a_cue(gazetteer):
    text = (
        "Visitors said the Park had closed early. 'We are always training,' "
        "Thomas said of the case, No. 18, heard in Bengaluru."
    )
    assert _toponyms(gazetteer, text) == ["Bengaluru"]


# --- abbreviations, datelines, names around other capitals, feature nouns -----------------


def test_abbreviations_keep_their_period_and_match_across_it(gazetteer):
    text = (
        "The team flew from St. Louis to the U.S. capital. A man from Fresno, Calif. was held "
        "in Houma, La., on Monday."
    )
    found = _toponyms(gazetteer, text)
    assert "St. Louis" in found and "U.S." in found
    assert "Calif." in found and "La." in found
    # a sentence-final period after an ordinary name is not part of it
    assert _toponyms(gazetteer, "The delegation arrived in Ankara.") == ["Ankara"]


def test_capitalised_datelines_are_places_but_shouted_words_are_not(gazetteer):
    text = (
        "By Jane Doe. BOSTON (Reuters) - A restaurant owner was arrested.\n"
        "NEW YORK (AP) — Police said on Friday.\n"
        "LONDON Pope Francis spoke again.\n"
        "UPDATE - Shelling continued overnight."
    )
    found = _toponyms(gazetteer, text)
    assert found[:3] == ["BOSTON", "NEW YORK", "LONDON"]
    assert "UPDATE" not in found and "Pope" not in found


def test_a_month_title_or_lost_sentence_break_does_not_swallow_a_place(gazetteer):
    text = (
        "The team will land in Lagos May 4. Officials met the Texas Governor in Austin. "
        "Photo 2020 Tampa Are there limits to growth?"
    )
    found = _toponyms(gazetteer, text)
    assert "Lagos" in found and "Texas" in found and "Tampa" in found


def test_names_headed_by_a_feature_noun_are_places_even_when_unknown(gazetteer):
    text = (
        "Dredging on the Pecos River starts in May. Hikers crossed the Zorblatt "
        "Mountains to reach Lake Quenby, below Mount Kenya."
    )
    found = _toponyms(gazetteer, text)
    assert "Pecos River" in found and "Pecos" not in found
    assert "Zorblatt Mountains" in found and "Lake Quenby" in found and "Mount Kenya" in found
    # ... and they reach the resolver, which leaves an unknown one unresolved without failing
    from geomap.resolve import resolve_mentions

    resolutions = resolve_mentions(_mentions(gazetteer, text), gazetteer)
    assert {r.mention.text for r in resolutions} >= {"Zorblatt Mountains", "Lake Quenby"}
    assert all(r.place is None for r in resolutions if r.mention.text == "Lake Quenby")


def test_feature_nouns_inside_longer_names_and_streets_are_not_places(gazetteer):
    text = (
        "Buses were diverted at Cabin Creek Road. The Oak Valley Community Center hosted "
        "the talk. The yearly Lake Festival starts on Main Street."
    )
    found = _toponyms(gazetteer, text)
    for not_place in ("Cabin Creek", "Oak Valley", "Lake Festival", "Main Street"):
        assert not_place not in found


# --- people: speakers, kin, every word of a titled name ------------------------------------


def test_a_single_name_that_speaks_is_a_person_for_the_whole_article(gazetteer):
    text = (
        "Nelson says the tram plan could work. Critics disagree, but Nelson admits the cost "
        "is high. Officials in Nelson approved a study."
    )
    assert "Nelson" not in _toponyms(gazetteer, text)
    # a capital or a country speaking is its government, still a place
    assert "Kyiv" in _toponyms(gazetteer, "Kyiv said the talks had failed.")


def test_kin_nouns_introduce_people(gazetteer):
    text = (
        "The singer posed with her daughters Sydney and Paris. In 2003 her cousin Tyler "
        "was fined. Okafor's wife, Julia, has joined the search."
    )
    found = _toponyms(gazetteer, text)
    assert not {"Sydney", "Paris", "Tyler", "Julia"} & set(found)


def test_every_word_of_a_titled_name_is_the_persons(gazetteer):
    text = (
        "Defence Minister Rustem Umerov led the delegation. Former President Park Geun-hye was "
        "jailed. Backers of Park waited outside a court in Seoul."
    )
    found = _toponyms(gazetteer, text)
    assert "Park" not in found and "Rustem" not in found and "Umerov" not in found
    assert "Seoul" in found


# --- places named inside longer names -------------------------------------------------------


def test_x_based_names_a_place_even_before_a_company_name(gazetteer):
    text = "Its rival, the Calgary-based Epoch Power, and the Abu Dhabi-based fund agreed."
    found = _toponyms(gazetteer, text)
    assert "Calgary" in found and "Abu Dhabi" in found
    assert "Epoch" not in found


def test_a_major_place_naming_an_organisation_is_still_found(gazetteer):
    text = (
        "The Winnipeg Fire Service fought two fires. Members of the Lagos Chamber of "
        "Trade met. Burton Albion play in Birmingham on Sunday."
    )
    found = _toponyms(gazetteer, text)
    assert "Winnipeg" in found and "Lagos" in found and "Birmingham" in found
    assert "Burton" not in found  # a football club's name: not a place-plus-organisation word


def test_streets_and_buildings_are_typed_as_facilities(gazetteer):
    text = (
        "A missile struck a building on Sumska Street in Kharkiv. Drones hit the Kremenchuk "
        "Refinery overnight, and the Supreme Court met as the Kakhovka Dam burst."
    )
    kinds = {m.text: m.kind for m in _mentions(gazetteer, text)}
    assert kinds["Sumska Street"] == "facility"
    assert kinds["Kremenchuk Refinery"] == "facility"
    assert kinds["Kakhovka Dam"] == "facility"
    assert kinds["Kharkiv"] == "toponym"
    assert "Supreme Court" not in kinds  # an institution, not a built place
    assert "Sumska" not in kinds and "Kremenchuk" not in kinds  # the facility holds its name


@pytest.mark.parametrize(
    ("text", "found", "not_found"),
    [
        ("He moved to Albuquerque, N.M., last year.", "N.M.", None),
        ("The Hall County (Ga.) Sheriff's Office agreed.", "Ga.", None),
        ("Officials in B.C. said the fires spread.", "B.C.", None),
        ("Trade ministers from the EU met in Brussels.", "EU", None),
        ("The temple was built in 300 B.C. by the king.", None, "B.C."),
        ("The UN and the AP reported it from Geneva.", "Geneva", "UN"),
    ],
)
def test_abbreviations_and_acronyms_of_places(gazetteer, text, found, not_found):
    names = [m.text for m in _mentions(gazetteer, text)]
    if found:
        assert found in names
    if not_found:
        assert not_found not in names
    assert "AP" not in names


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("In its reply, the Centre asked the top court to wait.", "Centre", None),
        ("Amy Ruiz (District 14) and the Western allies spoke.", "District", None),
        ("The White House said on Monday it would act.", "White House", None),
        ("Protesters gathered outside the White House in Washington.", None, "White House"),
        ("La Niña brought heavy rain to Peru this year.", "Niña", "Peru"),
        ("He travelled to the West Bank and Central Asia.", None, "West Bank"),
    ],
)
def test_generic_words_seats_of_power_and_phenomena(gazetteer, text, absent, present):
    names = [m.text for m in _mentions(gazetteer, text)]
    if absent:
        assert absent not in names
    if present:
        assert present in names


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("The clinic sent her to Anna Weber Hospital. A doctor confirmed it.",
         "Anna Weber Hospital"),
        ("The horses were moved from a farm along Ashdown Road in Kent.", "Ashdown Road"),
        ("Canal Street looking north: this stretch is quiet.", "Canal Street"),
        ("The vigil was held at the Lima Cathedral, Cardinal Ortiz said.", "Lima Cathedral"),
    ],
)  # fmt: skip
def test_facilities_named_after_people_or_opening_a_sentence(gazetteer, text, facility):
    kinds = {m.text: m.kind for m in _mentions(gazetteer, text)}
    assert kinds.get(facility) == "facility", kinds


def test_a_sentence_final_period_is_not_part_of_a_full_name(gazetteer):
    names = [m.text for m in _mentions(gazetteer, "He lives in Maidstone, Kent. He said so.")]
    assert "Kent" in names and "Kent." not in names
    names = [m.text for m in _mentions(gazetteer, "A man from Fresno, Calif. was held.")]
    assert "Calif." in names


def test_a_common_noun_before_in_region_is_not_a_place(gazetteer):
    # Police is a town in Poland; "Police in Kharkiv" is the city's police.
    names = [m.text for m in _mentions(gazetteer, "Police in Kharkiv said two people died.")]
    assert names == ["Kharkiv"]
    names = [m.text for m in _mentions(gazetteer, "Varachyne in the Sumy region was captured.")]
    assert "Varachyne" in names


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Authorities in Belgorod reported shelling overnight.", "Belgorod"),
        ("President Volodymyr Zelensky met Prime Minister Keir Starmer in London.", "London"),
    ],
)
def test_prose_full_of_names_is_not_a_headline(gazetteer, text, place):
    # "reported" after "in X" is the authorities' report, not a medium called X; a sentence
    # with a lower-case verb ("met") is prose however many names it holds.
    assert place in [m.text for m in _mentions(gazetteer, text)]


# --- name boundaries: compass words, commas, facilities, offices ----------------------------


def test_a_compass_word_before_an_area_is_part_of_its_name(gazetteer) -> None:
    from geomap.resolve import resolve_mentions

    text = "Rain fell on the coastal paths in West Wales. Hiring in the Western US rose."
    article = Article(id="t", title="", text=text)
    resolved = resolve_mentions(find_mentions(article, gazetteer), gazetteer, article)
    assert [(r.mention.text, r.place.name) for r in resolved] == [
        ("West Wales", "Wales"),
        ("Western US", "United States"),
    ]
    # names that carry the word themselves stay whole, towns are not extended
    assert _toponyms(gazetteer, "She moved from North Carolina to South Africa.") == [
        "North Carolina",
        "South Africa",
    ]


def test_a_name_the_gazetteer_writes_with_a_comma_is_one_mention(gazetteer) -> None:
    assert _toponyms(gazetteer, "Tickets are sold in Washington, D.C., and Ohio.") == [
        "Washington, D.C.",
        "Ohio",
    ]
    assert _toponyms(gazetteer, "The rally in Paris, Texas, drew a crowd.") == ["Paris", "Texas"]


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("The wedding takes place in St Anne’s Chapel on Saturday.", "St Anne’s Chapel"),
        ("She opens a show at Caesar's Palace in May.", "Caesar's Palace"),
        ("He was flown to Ashford General Hospital for care.", "Ashford General Hospital"),
        ("The bishop led the vigil in St. Mark's Basilica on Sunday.", "St. Mark's Basilica"),
        ("The concert moved to Ashford Town Hall on Friday.", "Ashford Town Hall"),
        ("She was treated at RiverCare Medical Center overnight.", "RiverCare Medical Center"),
        ("The play opens at the Lyric Theatre next week.", "Lyric Theatre"),
    ],
)
def test_facility_names_with_possessives_titles_and_compound_heads(gazetteer, text, facility):
    facilities = [m.text for m in _mentions(gazetteer, text) if m.kind == "facility"]
    assert facilities == [facility]


def test_a_places_possessive_is_not_a_facility_name(gazetteer) -> None:
    mentions = _mentions(gazetteer, "Protesters gathered outside Russia's Embassy on Monday.")
    assert [(m.text, m.kind) for m in mentions] == [("Russia", "toponym")]
    # a research centre is an organisation as often as a building
    assert _mentions(gazetteer, "Researchers at the Pew Research Center said so.") == []


def test_a_sentence_opening_preposition_is_not_part_of_a_name(gazetteer) -> None:
    text = "In Twin Falls, Idaho, a bakery uses solar heat."
    assert _toponyms(gazetteer, text) == ["Twin Falls", "Idaho"]


@pytest.mark.parametrize(
    "text",
    [
        "Teammates Ian Brook and Andrew Jordan won the race.",
        "The dress was made by Marta de Santiago last year.",
        "Sheikh Khalid bin Zayed attended the race.",
        "An Interior Department memo asked firms to wait.",
        "The company defended an Obama-era rule.",
    ],
)
def test_people_and_offices_named_like_places(gazetteer, text: str) -> None:
    assert _toponyms(gazetteer, text) == []


def test_places_around_the_person_and_office_rules(gazetteer) -> None:
    assert _toponyms(gazetteer, "Troops from Jordan and Israel met.") == ["Jordan", "Israel"]
    assert _toponyms(gazetteer, "She flew to Santiago de Chile on Monday.") == ["Santiago de Chile"]
    assert _toponyms(gazetteer, "U.S. District Judge Ana Ruiz ruled.") == ["U.S."]
    assert _toponyms(gazetteer, "Officials of the Kherson administration fled.") == ["Kherson"]
    assert _toponyms(gazetteer, "Shelling hit the Sumy region.") == ["Sumy region"]


def test_ethnonyms_are_demonyms(gazetteer) -> None:
    mentions = _mentions(gazetteer, "Okoro is a well known Igbo writer.")
    assert [(m.text, m.kind) for m in mentions] == [("Igbo", "demonym")]
    tigrayan = gazetteer.candidates("Tigrayan")[0]
    assert tigrayan.kind == "demonym" and tigrayan.country_code == "ET"


def test_a_place_that_ends_a_clause_before_said_is_not_a_speaker(gazetteer) -> None:
    text = (
        "Kerry, who was from Batley said she loved the hills. Their first flat was a rented "
        "one in Batley."
    )
    assert _toponyms(gazetteer, text) == ["Batley", "Batley"]


def test_a_county_after_a_comma_places_the_name_before_it(gazetteer) -> None:
    text = (
        "Walkers met on a path near New Quay, Ceredigion, on Sunday. The next race is at "
        "Thruxton, Hampshire."
    )
    assert _toponyms(gazetteer, text) == ["New Quay", "Ceredigion", "Thruxton", "Hampshire"]
    # a list of given names is not a place and its county
    names = "Relatives of Helen, Clarence, Irene and Marie asked for justice."
    assert _toponyms(gazetteer, names) == []


def test_spans_found_elsewhere_get_the_recognisers_typing_and_context(gazetteer) -> None:
    from geomap.toponyms import mentions_at

    text = "Canadian officials met farmers in Tacoma, Washington on Friday."
    article = Article(id="t", title="", text=text)
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Canadian", "Tacoma", "Washington")]
    canadian, tacoma, washington = mentions_at(article, spans, gazetteer)
    assert (canadian.kind, canadian.text) == ("demonym", "Canadian")
    assert (tacoma.text, tacoma.context_admin1) == ("Tacoma", "Washington")
    assert washington.kind == "toponym" and (washington.start, washington.end) == spans[2]
    # the caller's span stands even where the recogniser would widen it ("Sumy" + " region")
    text = "Shelling hit Sumy region overnight."
    start = text.index("Sumy")
    (sumy,) = mentions_at(Article(id="t", title="", text=text), [(start, start + 4)], gazetteer)
    assert (sumy.text, sumy.feature_hint) == ("Sumy", "region")
