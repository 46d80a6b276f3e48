"""Evidence beyond the names: a front-line layer, the article's direction claims, the number of
homonyms a name may have, and the features and rules the ranker reports."""

from __future__ import annotations

import json

import numpy as np

from geomap.article import article_from_text
from geomap.geodesy import geodesic_km
from geomap.geometry import load_user_layer
from geomap.resolve import rank_groups, resolve_mentions
from geomap.resolve.features import FEATURES, INDEX
from geomap.resolve.group import CANDIDATE_LIMIT
from geomap.toponyms import find_mentions


def _resolve(gazetteer, text: str, layers=None):
    article = article_from_text(text)
    return resolve_mentions(find_mentions(article, gazetteer), gazetteer, article, layers=layers)


def _line_next_to(tmp_path, lat: float, lon: float):
    """A short north-south front line 5 km east of (lat, lon), as a user layer."""
    east = lon + 5.0 / (111.32 * np.cos(np.radians(lat)))
    path = tmp_path / "front.geojson"
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "LineString", "coordinates": [[east, lat - 0.3], [east, lat + 0.3]]},
    }
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    return load_user_layer(path, "frontline")


def test_a_front_line_pulls_a_village_name_towards_it(gazetteer, tmp_path):
    text = "Russian forces shelled the village of Novoselivka on Monday."
    plain = next(r for r in _resolve(gazetteer, text) if r.mention.text == "Novoselivka")
    # Draw the line beside a Novoselivka far from the one chosen without it.
    other = next(
        p for p in gazetteer.candidates("Novoselivka", limit=CANDIDATE_LIMIT)
        if p.country_code == "UA" and geodesic_km(p.point, plain.place.point) > 200
    )  # fmt: skip
    layer = _line_next_to(tmp_path, other.point.lat, other.point.lon)
    near = next(
        r for r in _resolve(gazetteer, text, {"frontline": layer})
        if r.mention.text == "Novoselivka"
    )  # fmt: skip
    assert geodesic_km(near.place.point, other.point) < 40
    assert "near_front_line" in near.rule


def test_a_front_line_does_not_override_a_stated_oblast(gazetteer, tmp_path):
    text = "Russian forces shelled Novoselivka, Chernihiv Oblast, on Monday."
    far = next(
        p for p in gazetteer.candidates("Novoselivka", limit=CANDIDATE_LIMIT)
        if p.country_code == "UA" and "Chernihiv" not in p.admin1
    )  # fmt: skip
    layer = _line_next_to(tmp_path, far.point.lat, far.point.lon)
    village = next(
        r for r in _resolve(gazetteer, text, {"frontline": layer})
        if r.mention.text == "Novoselivka"
    )  # fmt: skip
    assert village.place.admin1.startswith("Chernihiv")


def test_a_name_keeps_all_its_homonyms_as_candidates(gazetteer):
    # Ukraine has more places called Novoselivka than the old limit of 25 candidates.
    found = gazetteer.candidates("Novoselivka", limit=CANDIDATE_LIMIT)
    assert len(found) > 25
    article = article_from_text("Shelling hit the village of Novoselivka.")
    groups = rank_groups(find_mentions(article, gazetteer), gazetteer, article)
    village = next(g for g in groups if g.surface == "Novoselivka")
    assert len(village.candidates) == len(found)


def test_a_direction_claim_is_evidence_for_the_candidates_it_fits(gazetteer):
    article = article_from_text("Fighting raged near Stepove, north of Avdiivka.")
    groups = rank_groups(find_mentions(article, gazetteer), gazetteer, article)
    stepove = next((g for g in groups if g.surface == "Stepove"), None)
    assert stepove is not None and stepove.features is not None
    column = stepove.features[:, INDEX["claim_agreement"]]
    assert (column > 0).any() and (column < 0).any()
    assert column[stepove.chosen] >= 0  # never a candidate the claim contradicts


def test_features_are_named_and_the_rule_names_the_deciding_ones(gazetteer):
    assert len(set(FEATURES)) == len(FEATURES)
    resolutions = _resolve(gazetteer, "Officials in Paris and Lyon met French ministers.")
    paris = next(r for r in resolutions if r.mention.text == "Paris")
    assert paris.place.country_code == "FR"
    assert "best of" in paris.rule
    assert any(name in paris.rule for name in FEATURES)


def _place(name: str, lat: float, lon: float, kind: str = "populated_place"):
    from geomap.records import LatLon, Place

    return Place(f"test:{name}:{lat}", name, LatLon(lat, lon), kind, "US")


def test_colocation_support_comes_from_the_other_names_likely_places():
    from geomap.resolve.colocation import colocation_support
    from geomap.resolve.group import Group

    town = Group(key="x", mentions=[0], surface="X", kind="toponym")
    town.candidates = [_place("X", 45.0, -95.0), _place("X", 30.0, -82.0)]
    county = Group(key="y", mentions=[1], surface="Y County", kind="toponym")
    county.candidates = [_place("Y County", 45.1, -95.1, "admin2")]
    country = Group(key="z", mentions=[2], surface="Z", kind="toponym")
    country.candidates = [_place("Z", 30.0, -82.0, "country")]  # a centroid lends nothing
    support = colocation_support(
        [town, county, country],
        {id(town): np.array([0.5, 0.5]), id(county): np.array([1.0]), id(country): np.array([1.0])},
    )
    near, far = support[id(town)]
    assert near[0] > 0.5 and far[0] < 0.01
    assert support[id(county)][0][0] > 0.3  # the town's near candidate supports the county


def test_towns_named_with_their_county_resolve_into_it(gazetteer):
    text = (
        "Alexandria police said the fire started near Brandon. Kensington firefighters helped. "
        "Douglas County deputies arrived later."
    )
    resolutions = _resolve(gazetteer, text)
    places = {r.mention.text: r.place for r in resolutions if r.place is not None}
    assert places["Douglas County"].admin1 == "Minnesota"
    assert places["Alexandria"].admin1 == "Minnesota"
    assert places["Brandon"].admin1 == "Minnesota"


def test_a_stated_oblast_means_that_oblast_not_a_region_with_the_same_code_elsewhere(gazetteer):
    # GeoNames admin-1 codes are unique only within a country: Kharkiv Oblast's code is also
    # a region's code in Armenia. The context must not leak into another country.
    for place in gazetteer.candidates("Aleksandrovka", admin1="Kharkiv", limit=25):
        assert place.country_code == "UA"
    for place in gazetteer.candidates("Oleksandrivka", admin1="Kharkiv", limit=25):
        assert place.admin1.startswith("Kharkiv")


def test_a_name_missing_from_its_stated_oblast_is_placed_at_the_oblast(gazetteer):
    # The gazetteer holds no "Semenovka" in Donetsk Oblast, only namesakes far away: the text's
    # oblast wins over a namesake thousands of km off.
    village = next(
        r for r in _resolve(gazetteer, "Russian forces shelled Semenovka, Donetsk Oblast.")
        if r.mention.text == "Semenovka"
    )  # fmt: skip
    assert village.place is not None and village.place.admin1 == "Donetsk Oblast"
    assert "placed at Donetsk Oblast" in village.rule


def test_a_list_of_towns_is_no_stated_context(gazetteer):
    text = "The firm has offices in Miami, West Palm Beach, New York, and Detroit."
    town = next(r for r in _resolve(gazetteer, text) if r.mention.text == "West Palm Beach")
    assert town.place.admin1 == "Florida"
