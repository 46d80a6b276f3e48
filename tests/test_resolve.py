"""Resolution: the place chosen for each mention, with the embedded default gazetteer.

Coordinates below are public facts (city centres), not values copied from a run; the tolerance
is the 25 km of the end-to-end issue unless the place's own uncertainty is larger.
"""

from __future__ import annotations

import pytest
from conftest import shared_path

from geomap.geodesy import geodesic_km
from geomap.records import Article, LatLon, Mention
from geomap.resolve import resolve_mentions
from geomap.toponyms import find_mentions


def _resolve(gazetteer, text: str):
    article = Article(id="t", title="", text=text)
    return resolve_mentions(find_mentions(article, gazetteer), gazetteer, article)


def _by_text(resolutions, text: str):
    found = [r for r in resolutions if r.mention.text == text]
    assert found, f"{text!r} not among {[r.mention.text for r in resolutions]}"
    return found


def _near(resolution, lat: float, lon: float, km: float = 25.0) -> bool:
    assert resolution.place is not None, resolution.rule
    limit = max(km, resolution.place.uncertainty_km)
    return geodesic_km(resolution.place.point, LatLon(lat, lon)) <= limit


@pytest.fixture(scope="module")
def sample(gazetteer):
    from geomap.article import read_article

    article = read_article(shared_path("articles/istanbul-peace-talks.txt"))
    mentions = find_mentions(article, gazetteer)
    return mentions, resolve_mentions(mentions, gazetteer, article)


@pytest.mark.shared
def test_sample_places_resolve_near_their_true_location(sample):
    mentions, resolutions = sample
    assert len(resolutions) == len(mentions)
    assert [r.mention for r in resolutions] == mentions
    truth = {
        "Istanbul": (41.01, 28.98),
        "Ankara": (39.93, 32.86),
        "Kyiv": (50.45, 30.52),
        "Kherson": (46.64, 32.61),
        "Varachyne": (51.1415, 34.926),
    }
    for name, (lat, lon) in truth.items():
        for r in _by_text(resolutions, name):
            assert _near(r, lat, lon), (name, r.place, r.rule)
    for r in resolutions:
        if r.mention.text.casefold() == "sumy region":
            assert r.place.kind == "admin1" and r.place.country_code == "UA"
    assert {r.place.kind for r in _by_text(resolutions, "Ukraine")} == {"country"}
    assert {r.place.country_code for r in _by_text(resolutions, "Ukraine")} == {"UA"}
    assert {r.place.country_code for r in _by_text(resolutions, "Russia")} == {"RU"}
    for r in resolutions:
        if r.mention.kind == "demonym":
            assert r.place.kind == "country"
    codes = {
        r.mention.text: r.place.country_code for r in resolutions if r.mention.kind == "demonym"
    }
    assert codes == {"Turkish": "TR", "Ukrainian": "UA", "Russian": "RU"}


@pytest.mark.shared
def test_sample_resolutions_explain_themselves(sample):
    _, resolutions = sample
    varachyne = _by_text(resolutions, "Varachyne")[0]
    assert "stated context" in varachyne.rule
    for r in resolutions:
        assert 0.0 <= r.confidence <= 1.0
        assert len(r.alternatives) <= 3
        assert r.rule


def test_paris_texas_and_paris(gazetteer):
    texas = _by_text(_resolve(gazetteer, "The rally in Paris, Texas, drew a large crowd."), "Paris")
    assert _near(texas[0], 33.66, -95.56)
    france = _by_text(_resolve(gazetteer, "Protesters marched in Paris on Saturday."), "Paris")
    assert _near(france[0], 48.857, 2.352)


def test_georgia_follows_the_document(gazetteer):
    us = _resolve(
        gazetteer,
        "Voters in Atlanta lined up early. Georgia has two Senate seats on the ballot, "
        "and Savannah reported long queues.",
    )
    assert _by_text(us, "Georgia")[0].place.country_code == "US"
    caucasus = _resolve(
        gazetteer,
        "Russian troops remain near Tbilisi. Georgia wants to join the European Union, "
        "officials in Batumi said.",
    )
    georgia = _by_text(caucasus, "Georgia")[0]
    assert georgia.place.country_code == "GE" and georgia.place.kind == "country"


def test_washington_the_city(gazetteer):
    r = _by_text(
        _resolve(gazetteer, "Officials in Washington said the aid would continue."), "Washington"
    )[0]
    assert _near(r, 38.895, -77.036)


def test_old_and_new_spellings_are_one_place(gazetteer):
    rs = _resolve(gazetteer, "Shelling hit Kharkov overnight. Residents of Kharkiv sheltered.")
    ids = {r.place.place_id for r in rs if r.mention.text in ("Kharkov", "Kharkiv")}
    assert len(ids) == 1
    assert _near(_by_text(rs, "Kharkiv")[0], 49.99, 36.23)


def test_stated_region_beats_a_bigger_homonym(gazetteer):
    # Engels in Russia was once called Pokrovsk and outranks the Ukrainian town by population.
    rs = _resolve(gazetteer, "Russian forces advanced on Pokrovsk, Donetsk region, on Monday.")
    pokrovsk = _by_text(rs, "Pokrovsk")[0]
    assert _near(pokrovsk, 48.28, 37.18)
    assert "stated context" in pokrovsk.rule


def test_document_focus_picks_the_ukrainian_homonym(gazetteer):
    rs = _resolve(
        gazetteer,
        "Ukrainian troops near Kramatorsk and Kostiantynivka held the line. Heavy fighting "
        "continued around Pokrovsk, Ukraine's military said.",
    )
    assert _by_text(rs, "Pokrovsk")[0].place.country_code == "UA"


def test_same_name_resolves_the_same_way(gazetteer):
    rs = _resolve(
        gazetteer,
        "Drones struck the southern Ukrainian city of Kherson. Later, Kherson lost power.",
    )
    places = {r.place.place_id for r in _by_text(rs, "Kherson")}
    assert len(places) == 1
    assert _near(_by_text(rs, "Kherson")[1], 46.64, 32.61)


def test_unknown_name_is_reported_not_dropped(gazetteer):
    rs = _resolve(gazetteer, "Troops entered the village of Zzyzxville near Kharkiv at dawn.")
    assert [r.mention.text for r in rs] == ["Zzyzxville", "Kharkiv"]
    unknown = rs[0]
    assert unknown.place is None and unknown.confidence == 0.0
    assert unknown.rule.startswith("not in gazetteer")
    assert rs[1].place is not None  # one unresolvable name never spoils the others


def test_unknown_name_with_a_stated_region_is_placed_at_the_region(gazetteer):
    mention = Mention(
        text="Zzyzxville",
        start=0,
        end=10,
        sentence="Zzyzxville in Ukraine's Sumy region",
        sentence_start=0,
        context_country="UA",
        context_admin1="Sumy",
    )
    (r,) = resolve_mentions([mention], gazetteer, None)
    assert r.place is not None and r.place.kind == "admin1" and r.place.country_code == "UA"
    assert "not in gazetteer" in r.rule and r.confidence < 0.5


def test_no_mentions_no_resolutions(gazetteer):
    assert resolve_mentions([], gazetteer, None) == []


def test_country_and_state_names_mean_the_country_and_state(gazetteer):
    rs = _resolve(
        gazetteer,
        "Wildfires spread across California while officials in Texas and Ohio watched. "
        "Aid also came from China.",
    )
    california = _by_text(rs, "California")[0].place
    assert california.kind == "admin1" and california.country_code == "US"
    china = _by_text(rs, "China")[0].place
    assert china.kind == "country" and china.country_code == "CN"


# --- claims, weak anchors, Russian spellings ------------------------------------------------


def test_a_distance_claim_breaks_a_near_tie_and_the_rule_says_so(gazetteer):
    # Many villages are called Novooleksandrivka; the one about 20 km from Zaporizhzhia is
    # the one in Zaporizhzhia Oblast next to the city.
    text = "Shelling hit Novooleksandrivka, about 20 km from Zaporizhzhia, on Monday."
    resolutions = _resolve(gazetteer, text)
    village = _by_text(resolutions, "Novooleksandrivka")[0]
    city = _by_text(resolutions, "Zaporizhzhia")[0]
    assert _near(city, 47.85, 35.12)
    assert geodesic_km(village.place.point, city.place.point) < 40
    assert "claim" in village.rule


def test_one_weak_anchor_does_not_make_its_region_the_documents_focus(gazetteer):
    text = "Shelling hit Novooleksandrivka, about 20 km from Zaporizhzhia, on Monday."
    city = _by_text(_resolve(gazetteer, text), "Zaporizhzhia")[0]
    assert city.place.population > 500_000


def test_russian_spelling_with_a_russian_region_form(gazetteer):
    text = "Russian forces attacked Volchansk, in the Kharkov region, on Tuesday."
    town = _by_text(_resolve(gazetteer, text), "Volchansk")[0]
    assert _near(town, 50.29, 36.94)
    shelled = _resolve(gazetteer, "Shelling hit the Dnepropetrovsk region.")
    region = _by_text(shelled, "Dnepropetrovsk region")[0]
    assert region.place is not None and region.place.kind == "admin1"
    assert "Dnipropetrovsk" in region.place.name


def test_a_town_and_its_county_resolve_together(gazetteer):
    # Paris, Tennessee lies in Henry County, Tennessee: the only pair of the two names' many
    # candidates that nests, which is how a local paper names a town and its county.
    text = "The arts are thriving in Paris and across Henry County, the Lee Academy says."
    resolutions = _resolve(gazetteer, text)
    paris = _by_text(resolutions, "Paris")[0]
    county = _by_text(resolutions, "Henry County")[0]
    assert paris.place.admin1 == county.place.admin1 == "Tennessee"


@pytest.mark.parametrize(
    ("text", "town", "town_admin1"),
    [
        ("Gainesville police arrested two men on Tuesday. Georgia law makes the offence a "
         "felony, a Gainesville prosecutor said.", "Gainesville", "Georgia"),
        ("Fans from Texas flew into Atlanta for the game. Georgia hosts the final next year.",
         "Atlanta", "Georgia"),
    ],
)  # fmt: skip
def test_a_country_the_story_never_points_at_yields_to_the_state(gazetteer, text, town,
                                                                  town_admin1):  # fmt: skip
    # Nothing but its own name points at the Caucasus: Georgia is the state, and the towns
    # follow it.
    resolutions = _resolve(gazetteer, text)
    georgia = _by_text(resolutions, "Georgia")[0]
    assert (georgia.place.kind, georgia.place.country_code) == ("admin1", "US")
    assert _by_text(resolutions, town)[0].place.admin1 == town_admin1


def test_repeated_country_name_in_a_foreign_story_stays_the_country(gazetteer):
    text = (
        "Washington and China traded accusations on Monday. China said the tariffs broke "
        "trade rules; officials in Washington said China had subsidised steel for years."
    )
    china = _by_text(_resolve(gazetteer, text), "China")
    assert all(r.place.kind == "country" and r.place.country_code == "CN" for r in china)


def test_facilities_are_placed_at_their_settlement_and_say_so(gazetteer):
    text = (
        "A missile struck a building on Sumska Street in Kharkiv on Tuesday. Separately, "
        "drones hit the Kremenchuk Refinery, officials in the Poltava region said."
    )
    resolutions = _resolve(gazetteer, text)
    street = _by_text(resolutions, "Sumska Street")[0]
    kharkiv = _by_text(resolutions, "Kharkiv")[0]
    assert street.mention.kind == "facility"
    assert street.place.point == kharkiv.place.point  # at the city named in its sentence
    assert street.place.precision == "settlement" and street.place.kind == "other"
    assert street.place.place_id != kharkiv.place.place_id  # its own map feature
    assert street.place.uncertainty_km == kharkiv.place.uncertainty_km
    assert "facility" in street.rule and "same sentence" in street.rule
    refinery = _by_text(resolutions, "Kremenchuk Refinery")[0]
    assert _near(refinery, 49.07, 33.42)  # the town its name carries, not the oblast
    assert "its name carries" in refinery.rule


def test_a_facility_with_no_settlement_to_stand_on_stays_unresolved(gazetteer):
    resolutions = _resolve(gazetteer, "Talks were held at the Dolmabahce Palace on Monday.")
    palace = _by_text(resolutions, "Dolmabahce Palace")[0]
    assert palace.place is None and "not in gazetteer" in palace.rule


def test_a_name_headed_by_a_water_noun_is_the_water_body(gazetteer):
    text = (
        "Sudan said fighting reached Port Sudan. The Houthis claimed an attack on a ship in "
        "the Red Sea off Hodeidah."
    )
    sea = _by_text(_resolve(gazetteer, text), "Red Sea")[0]
    assert sea.place.kind == "water"  # not Sudan's Red Sea state, however near Port Sudan
    state = _by_text(
        _resolve(gazetteer, "The army took Red Sea state and Kassala."), "Red Sea state"
    )
    assert (state[0].place.kind, state[0].place.country_code) == ("admin1", "SD")


def test_a_facility_is_not_sent_to_a_village_that_shares_its_first_word(gazetteer):
    road = _by_text(_resolve(gazetteer, "The dogs were taken from a farm on Kingsley Road."),
                    "Kingsley Road")[0]  # fmt: skip
    assert road.place is None  # not Kingsley, some village: nothing in the text places it
    street = _by_text(_resolve(gazetteer, "The parade went down Royal Street in New Orleans."),
                      "Royal Street")[0]  # fmt: skip
    assert _near(street, 29.95, -90.07)


def test_local_story_finds_its_hamlet_but_not_over_a_famous_name(gazetteer):
    local = _resolve(
        gazetteer,
        "Residents packed the town hall in Harwinton on Tuesday. The board in Litchfield "
        "County, Connecticut, voted to buy the land.",
    )
    harwinton = _by_text(local, "Harwinton")[0].place
    assert harwinton is not None and harwinton.admin1 == "Connecticut"
    # Ohio has a postal hamlet called California; in an Ohio story that lists states, the
    # bare state name is still the state.
    ohio = _resolve(
        gazetteer,
        "Schools in Xenia and Yellow Springs closed on Monday, Ohio officials said. Teachers "
        "from Arizona and California had moved to Ohio for the jobs.",
    )
    california = _by_text(ohio, "California")[0].place
    assert california.kind == "admin1" and california.name == "California"


def test_a_regions_demonym_stands_for_the_region(gazetteer):
    (texan,) = _by_text(_resolve(gazetteer, "Texan ranchers sold cattle at the fair."), "Texan")
    assert texan.place.admin1 == "Texas" or texan.place.name == "Texas", texan.place
    assert _near(texan, 31.0, -99.0, km=300)  # the state, not the middle of the United States
    (canadian,) = _by_text(_resolve(gazetteer, "Canadian pension plans rose."), "Canadian")
    assert canadian.place.kind == "country" and canadian.place.country_code == "CA"


def test_a_union_of_the_documents_countries_beats_a_town_with_its_letters(gazetteer):
    text = (
        "Airlines from France, Belgium and Italy asked the EU to cut airport charges. The EU "
        "said it would study the plan in Brussels."
    )
    # Whether "the EU" is a place is the recogniser's call (news corpora mostly annotate it as
    # an organisation); given as a place, the resolver must choose the union.
    import re

    from geomap.toponyms import mentions_at

    names = ("France", "Belgium", "Italy", "EU", "Brussels")
    spans = sorted(m.span() for n in names for m in re.finditer(rf"\b{n}\b", text))
    article = Article(id="t", title="", text=text)
    resolutions = resolve_mentions(mentions_at(article, spans, gazetteer), gazetteer, article)
    union = _by_text(resolutions, "EU")
    assert len(union) == 2
    for r in union:
        assert r.place.name == "European Union", (r.place, r.rule)


def test_a_world_city_is_not_a_namesake_suburb_of_the_storys_country(gazetteer):
    text = (
        "Zara, the Spanish fashion retailer, opened stores in London and New York. A business "
        "professor at the University of California, Los Angeles, said its sales would grow."
    )
    (la,) = _by_text(_resolve(gazetteer, text), "Los Angeles")
    assert _near(la, 34.05, -118.24), (la.place, la.rule)


def test_an_unknown_name_is_placed_at_the_place_it_carries(gazetteer):
    from geomap.toponyms import mentions_at

    text = (
        "Councillors of the Harare City Council met on Monday. Liverpool FC fans gathered "
        "outside. Tenants in Nenagh complained to Nenagh Municipal District, and volunteers "
        "cleaned the Frobnitz Widget Society hall."
    )
    names = ["Harare City Council", "Liverpool FC", "Nenagh", "Nenagh Municipal District",
             "Frobnitz Widget Society"]  # fmt: skip
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    article = Article(id="t", title="", text=text)
    mentions = mentions_at(article, spans, gazetteer)
    res = {r.mention.text: r for r in resolve_mentions(mentions, gazetteer, article)}
    assert _near(res["Harare City Council"], -17.83, 31.05)
    assert _near(res["Liverpool FC"], 53.41, -2.98)
    assert _near(res["Nenagh Municipal District"], 52.86, -8.20)  # the Nenagh the text names
    assert "placed there" in res["Harare City Council"].rule
    assert res["Harare City Council"].place.kind == "other"
    # nothing in the name is a place: unresolved, not guessed
    assert res["Frobnitz Widget Society"].place is None
    # a river named after a town is placed there, but with a radius that says it is not a point
    text = "Volunteers cleaned the St. Marys River near St. Marys on Saturday."
    spans = [(text.index("St. Marys River"), text.index("St. Marys River") + 15),
             (text.rindex("St. Marys"), text.rindex("St. Marys") + 9)]  # fmt: skip
    article = Article(id="t", title="", text=text)
    river, _ = resolve_mentions(mentions_at(article, spans, gazetteer), gazetteer, article)
    assert river.place is not None and river.place.uncertainty_km >= 25


def test_generic_words_and_given_names_inside_a_name_are_no_place(gazetteer):
    from geomap.toponyms import mentions_at

    text = (
        "Rowers passed Osney Island at dawn. Pupils of George Washington High School and fans "
        "of Man City joined them."
    )
    names = ["Osney Island", "George Washington High School", "Man City"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    article = Article(id="t", title="", text=text)
    for r in resolve_mentions(mentions_at(article, spans, gazetteer), gazetteer, article):
        # not Iceland ("Island"), George in South Africa, or Man in Côte d'Ivoire
        assert r.place is None or r.place.country_code not in ("IS", "ZA", "CI"), r.place


def test_a_name_after_a_town_and_a_comma_or_beside_a_state_is_the_state(gazetteer):
    text = "Tech jobs are leaving states such as California or Washington for Texas."
    (washington,) = _by_text(_resolve(gazetteer, text), "Washington")
    assert washington.place.kind == "admin1", washington.place
    text = "A bakery in Tacoma, Washington shares tips for decorating cookies."
    (washington,) = _by_text(_resolve(gazetteer, text), "Washington")
    assert washington.place.kind == "admin1", washington.place
    # in a list of cities the comma is the list's: New York is the city
    text = "The firm has offices in Miami, West Palm Beach, New York, and Detroit."
    (new_york,) = _by_text(_resolve(gazetteer, text), "New York")
    assert _near(new_york, 40.71, -74.01), new_york.place


def test_a_seat_of_power_is_a_place_in_its_city(gazetteer):
    text = "Protesters gathered outside the White House on Sunday."
    (house,) = _by_text(_resolve(gazetteer, text), "White House")
    assert _near(house, 38.90, -77.04), (house.place, house.rule)  # not White House, Tennessee
    assert "seat of power" in house.rule
