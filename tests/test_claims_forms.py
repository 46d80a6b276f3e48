"""The claim forms of news prose, one test each, on sentences written for these tests.

Resolutions are built by hand from the places below (GeoNames points), so each test measures the
claim checker alone: which place a claim is about, how its words are read, and the verdict.
"""

from __future__ import annotations

import re

import pytest

from geomap.claims import extract_claims, parse_claims
from geomap.records import Article, LatLon, Mention, Place, Resolution

geometry = pytest.importorskip("geomap.geometry")

# name: (lat, lon, kind, country, admin1, population, uncertainty km)
PLACES = {
    "Kharkiv": (49.9818, 36.2548, "populated_place", "UA", "Kharkiv Oblast", 1421125, 3.0),
    "Kupiansk": (49.71, 37.6158, "populated_place", "UA", "Kharkiv Oblast", 27169, 2.0),
    "Chuhuiv": (49.8355, 36.6883, "populated_place", "UA", "Kharkiv Oblast", 31000, 2.0),
    "Izium": (49.20697, 37.27679, "populated_place", "UA", "Kharkiv Oblast", 45884, 1.0),
    "Lyptsi": (50.20919, 36.42086, "populated_place", "UA", "Kharkiv Oblast", 4182, 1.0),
    "Tsyrkuny": (50.0844, 36.3872, "populated_place", "UA", "Kharkiv Oblast", 6284, 2.0),
    "Vovchansk": (50.29078, 36.94108, "populated_place", "UA", "Kharkiv Oblast", 17459, 1.0),
    "Sumy": (50.9174, 34.7991, "populated_place", "UA", "Sumy Oblast", 256474, 2.0),
    "Donetsk": (48.023, 37.8022, "populated_place", "UA", "Donetsk Oblast", 901645, 3.0),
    "Pisky": (48.097, 37.664, "populated_place", "UA", "Donetsk Oblast", 2000, 1.0),
    "Avdiivka": (48.1402, 37.7501, "populated_place", "UA", "Donetsk Oblast", 35826, 1.0),
    "Ocheretyne": (48.2445, 37.6157, "populated_place", "UA", "Donetsk Oblast", 4068, 1.0),
    "Pokrovsk": (48.2801, 37.1771, "populated_place", "UA", "Donetsk Oblast", 60127, 1.0),
    "Myrnohrad": (48.3099, 37.2651, "populated_place", "UA", "Donetsk Oblast", 46098, 1.0),
    "Lviv": (49.83826, 24.02324, "populated_place", "UA", "Lviv Oblast", 717273, 2.0),
    "Kharkiv region": (49.83, 36.3789, "admin1", "UA", "Kharkiv Oblast", 0, 103.0),
    "Sumy region": (50.7697, 34.3289, "admin1", "UA", "Sumy Oblast", 0, 120.0),
    "Donetsk region": (47.9213, 37.781, "admin1", "UA", "Donetsk Oblast", 0, 104.0),
    "Ukraine": (49.0, 31.4, "country", "UA", "", 0, 600.0),
    "Russia": (61.5, 105.3, "country", "RU", "", 0, 3000.0),
    "Ohio": (40.25, -82.75, "admin1", "US", "Ohio", 0, 200.0),
    "Swanton": (41.58866, -83.89105, "populated_place", "US", "Ohio", 3690, 1.0),
    "Toledo": (41.66394, -83.55521, "populated_place", "US", "Ohio", 270871, 3.0),
}


@pytest.fixture(autouse=True, scope="module")
def _reference_layers_present():
    from geomap.errors import GeomapError

    try:
        geometry.ReferenceLayers.default().country_codes()
    except (OSError, GeomapError) as exc:
        pytest.skip(f"reference layers not built: {exc}")


def place(name: str, **changes) -> Place:
    lat, lon, kind, country, admin1, population, uncertainty = PLACES[name]
    fields = dict(
        place_id=f"test:{name}", name=name, point=LatLon(lat, lon), kind=kind,
        country_code=country, admin1=admin1, population=population, source="test",
        uncertainty_km=uncertainty,
    )  # fmt: skip
    fields.update(changes)
    return Place(**fields)


def resolve(text: str, overrides: dict[str, Resolution] | None = None) -> list[Resolution]:
    """Every known name in `text` (longest first) as a resolved mention."""
    overrides = overrides or {}
    taken: list[tuple[int, int]] = []
    out = []
    for name in sorted(PLACES, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append(m.span())
            mention = Mention(name, m.start(), m.end(), text, 0)
            given = overrides.get(name)
            if given is not None:
                out.append(
                    Resolution(
                        mention, given.place, given.confidence, given.rule, given.alternatives
                    )  # fmt: skip
                )
            else:
                out.append(Resolution(mention, place(name), 0.99, "by hand"))
    return sorted(out, key=lambda r: r.mention.start)


def claims(text: str, overrides=None, lookup=None, kind: str | None = None):
    article = Article(id="t", title="", text=text)
    found = extract_claims(article, resolve(text, overrides), lookup=lookup)
    return [c for c in found if kind is None or c.kind == kind]


def only(text: str, kind: str, **kwargs):
    found = claims(text, kind=kind, **kwargs)
    assert len(found) == 1, (text, found)
    return found[0]


def subject(claim) -> str | None:
    return claim.place.mention.text if claim.place is not None else None


# ------------------------------------------------------------------- the claim's subject


@pytest.mark.parametrize(
    ("text", "kind", "about", "verdict"),
    [
        # an apposition with a region inside it: the town, not the region
        ("Vovchansk, a town in the Kharkiv region about 5 km from the Russian border, was "
         "shelled.", "distance", "Vovchansk", "consistent"),
        # a relative clause
        ("Lyptsi, which lies about 25 km north of Kharkiv, came under fire.", "distance",
         "Lyptsi", "consistent"),
        # a bracket
        ("Shelling hit Kupiansk (east of Kharkiv) overnight.", "direction", "Kupiansk",
         "consistent"),
        # the country named last is the reference's container, not the subject
        ("Russian troops entered Myrnohrad, about 7 km northeast of Pokrovsk in Ukraine.",
         "distance", "Myrnohrad", "consistent"),
        # a possessive is no subject
        ("Ukraine's second city Kharkiv, about 30 km from the Russian border, was hit.",
         "distance", "Kharkiv", "consistent"),
        # a time phrase between the place and its claim
        ("Russia said its forces captured Vovchansk on Tuesday, about 5 km from the border.",
         "distance", "Vovchansk", "consistent"),
        # a claim that opens its sentence is about the place named next
        ("About 25 km north of Kharkiv, the village of Lyptsi was shelled.", "distance",
         "Lyptsi", "consistent"),
        # the head of the apposition, not the town named inside it
        ("Vovchansk, a town near Kupiansk, lies about 5 km from the Russian border.",
         "distance", "Vovchansk", "consistent"),
        # a region is the subject when the sentence makes it one
        ("The Sumy region, which borders Russia, lies north of Kharkiv.", "direction",
         "Sumy region", "consistent"),
    ],
)  # fmt: skip
def test_the_subject_is_the_place_the_claim_is_about(text, kind, about, verdict):
    claim = only(text, kind)
    assert subject(claim) == about, claim.reason
    assert claim.verdict == verdict, claim.reason


def test_a_region_holding_an_unnamed_place_is_not_the_subject():
    # "a village in the Sumy region": the claim is about the village, which has no name here;
    # measuring from the region's centre would prove nothing.
    claim = only("A village in the Sumy region, about 10 km from the border, was shelled.",
                 "distance")  # fmt: skip
    assert claim.place is None
    assert claim.verdict == "unverifiable"


def test_a_list_of_towns_is_no_apposition():
    claim = only("Missiles hit Kharkiv, Kupiansk, about 40 km from the Russian border.",
                 "distance")  # fmt: skip
    assert subject(claim) == "Kupiansk"


# ------------------------------------------------------------------- quantities


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Vovchansk lies over 2 km from the Russian border.", "consistent"),
        ("Vovchansk lies more than 20 km from the Russian border.", "inconsistent"),
        ("Vovchansk lies nearly 6 km from the Russian border.", "consistent"),
        ("Vovchansk lies less than 10 kilometres from the Russian border.", "consistent"),
        ("Vovchansk lies within 3 miles of the Russian border.", "consistent"),
        ("Vovchansk lies 4-8 km from the Russian border.", "consistent"),
        ("Vovchansk lies between 20 and 30 km from the Russian border.", "inconsistent"),
        ("Vovchansk lies no further than 10 km from the Russian border.", "consistent"),
        ("Shelling hit Vovchansk, a 5-km drive from the Russian border.", "consistent"),
        ("Vovchansk lies about 4 miles from the Russian border.", "consistent"),
        ("Vovchansk lies about 6 kilometres (4 miles) from the Russian border.", "consistent"),
    ],
)
def test_quantity_forms(text, verdict):
    claim = only(text, "distance")
    assert subject(claim) == "Vovchansk"
    assert claim.verdict == verdict, claim.reason


def test_a_conversion_that_contradicts_its_number_leaves_the_claim_open():
    # 30 km is right for Kharkiv, 60 miles (97 km) is not: the text states both.
    claim = only("Kharkiv is about 30 kilometres (60 miles) from the Russian border.", "distance")
    assert claim.verdict == "unverifiable"
    assert "two distances" in claim.reason and "inconsistent" in claim.conversion_check
    agreeing = only("Kharkiv is about 30 kilometres (19 miles) from the Russian border.",
                    "distance")  # fmt: skip
    assert agreeing.verdict == "consistent"


def test_a_distance_between_two_places_may_be_by_road():
    # Kupiansk is 102 km from Kharkiv as the crow flies and about 130 km by road.
    claim = only("Kupiansk, some 130 km east of Kharkiv, was shelled.", "distance")
    assert claim.verdict == "consistent", claim.reason
    assert "road distance" in claim.reason
    # ... but no road doubles a distance
    assert only("Kupiansk, some 250 km east of Kharkiv, was shelled.", "distance").verdict == (
        "inconsistent"
    )


def test_distance_to_a_regions_edge():
    # Sumy lies about 78 km from the nearest point of the Kharkiv region.
    near = only("Sumy, some 80 km from the Kharkiv region, was hit.", "distance")
    assert near.verdict == "consistent", near.reason
    assert near.reference.startswith("region:")
    assert only("Sumy, some 20 km from the Kharkiv region, was hit.", "distance").verdict == (
        "inconsistent"
    )
    # "the border of a region" is its outline: Kharkiv is ~33 km inside its region's edge
    outline = only("Kharkiv lies about 30 km from the border of the Kharkiv region.", "distance")
    assert outline.reference.startswith("border:region:")
    assert outline.verdict == "consistent", outline.reason


# ------------------------------------------------------------------- directions


@pytest.mark.parametrize(
    ("text", "about", "verdict"),
    [
        ("Tsyrkuny lies northeast of Kharkiv.", "Tsyrkuny", "consistent"),
        ("Tsyrkuny lies just south of Kharkiv.", "Tsyrkuny", "inconsistent"),
        ("Ocheretyne, to the northwest of Avdiivka, fell.", "Ocheretyne", "consistent"),
        ("Fighting reached Pisky on the north-western outskirts of Donetsk.", "Pisky",
         "consistent"),
        ("Fighting reached Pisky on the eastern outskirts of Donetsk.", "Pisky", "inconsistent"),
        ("Avdiivka, on the outskirts of Kharkiv, was shelled.", "Avdiivka", "inconsistent"),
        ("Tsyrkuny lies in the north of the Kharkiv region.", "Tsyrkuny", "consistent"),
        ("Izium lies in the north of the Kharkiv region.", "Izium", "inconsistent"),
        ("Pisky lies in the west of Donetsk.", "Pisky", "consistent"),
        ("Chuhuiv, on the Kharkiv-Kupiansk road, was hit.", "Chuhuiv", "consistent"),
        ("Izium, on the Kharkiv–Kupiansk highway, was hit.", "Izium", "inconsistent"),
        ("Chuhuiv lies on the road between Kharkiv and Kupiansk.", "Chuhuiv", "consistent"),
    ],
)  # fmt: skip
def test_direction_forms(text, about, verdict):
    claim = only(text, "direction")
    assert subject(claim) == about
    assert claim.verdict == verdict, claim.reason


def test_distance_to_a_road():
    claim = only("Izium lies about 60 km from the Kharkiv-Kupiansk road.", "distance")
    assert claim.reference.startswith("road:")
    assert claim.verdict == "consistent", claim.reason


def test_an_axis_names_no_direction():
    text = "Russian forces attacked near Ocheretyne in the Pokrovsk direction."
    assert [c.kind for c in parse_claims(text)] == ["axis"]
    assert claims(text) == []
    assert claims("Fighting continued on the Kupiansk axis and towards Pokrovsk.") == []


# ------------------------------------------------------------------- containment


@pytest.mark.parametrize(
    ("text", "about", "verdict"),
    [
        ("Police in Swanton, Ohio, said the road was closed.", "Swanton", "consistent"),
        ("Toledo, Ohio (AP) - Police said the road was closed.", "Toledo", "consistent"),
        ("Shelling hit Pisky (Donetsk region) overnight.", "Pisky", "consistent"),
        ("Shelling hit Kupiansk (Donetsk region) overnight.", "Kupiansk", "inconsistent"),
        ("Kupiansk in Ukraine was shelled.", "Kupiansk", "consistent"),
    ],
)
def test_containment_forms(text, about, verdict):
    claim = only(text, "containment")
    assert subject(claim) == about
    assert claim.verdict == verdict, claim.reason


def test_a_sentence_opening_clause_is_no_containment():
    # "In Kharkiv, Russia launched ...": the name after the comma starts a clause.
    assert claims("In Kharkiv, Russia launched drones at night.", kind="containment") == []
    # a list of towns is no containment either
    assert claims("Strikes hit Kharkiv, Sumy, Kupiansk and Izium.", kind="containment") == []


# ------------------------------------------------------------------- no false accusations


def far_namesake(name: str, near: str) -> Place:
    """A homonym of `name` at the point of `near`."""
    return place(name, place_id=f"test:{name}@{near}", point=place(near).point,
                 admin1=place(near).admin1)  # fmt: skip


def test_a_homonym_that_fits_stops_the_accusation():
    # The resolver chose a Lyptsi far away; another Lyptsi it left open fits the claim.
    wrong = far_namesake("Lyptsi", "Lviv")
    chosen = Resolution(Mention("Lyptsi", 0, 6, "", 0), wrong, 0.6, "best of 2",
                        alternatives=(place("Lyptsi"),))  # fmt: skip
    claim = only("Lyptsi, about 25 km north of Kharkiv, came under fire.", "distance",
                 overrides={"Lyptsi": chosen})  # fmt: skip
    assert claim.verdict == "unverifiable"
    assert "50.21, 36.42" in claim.reason  # the candidate that fits is named


def test_candidates_from_the_gazetteer_lookup_are_considered():
    wrong = far_namesake("Lyptsi", "Lviv")
    chosen = Resolution(Mention("Lyptsi", 0, 6, "", 0), wrong, 0.6, "best of 2")
    text = "Lyptsi, about 25 km north of Kharkiv, came under fire."
    without = only(text, "distance", overrides={"Lyptsi": chosen})
    assert without.verdict == "inconsistent"  # nothing else known: the one place is wrong
    with_lookup = only(text, "distance", overrides={"Lyptsi": chosen},
                       lookup=lambda r: [wrong, place("Lyptsi")])  # fmt: skip
    assert with_lookup.verdict == "unverifiable", with_lookup.reason


def test_a_settled_choice_is_not_second_guessed():
    # confidence 0.99: the resolver's alternatives are not readings the text leaves open
    far = far_namesake("Lyptsi", "Lviv")
    chosen = Resolution(Mention("Lyptsi", 0, 6, "", 0), place("Lyptsi"), 0.99, "only",
                        alternatives=(far,))  # fmt: skip
    claim = only("Lyptsi, about 20 km south of Kharkiv, came under fire.", "distance",
                 overrides={"Lyptsi": chosen})  # fmt: skip
    assert claim.verdict == "inconsistent"
    assert "holds for every candidate considered" in claim.reason


def test_a_place_against_its_stated_region_may_be_missing_from_the_gazetteer():
    # "X, Kharkiv region" resolved to a small namesake elsewhere: the text's village is
    # probably unknown to the gazetteer, so no accusation.
    text = "Shelling hit Pisky, Kharkiv region, overnight."
    claim = only(text, "containment")
    assert claim.verdict == "unverifiable", claim.reason
    assert "probably missing" in claim.reason
    # a city any gazetteer knows is another matter
    lviv = only("Rallies were held in Lviv, Kharkiv region.", "containment")
    assert lviv.verdict == "inconsistent", lviv.reason


def test_namesakes_that_all_contradict_the_claim_suggest_a_missing_place():
    a, b = far_namesake("Pisky", "Lviv"), far_namesake("Pisky", "Sumy")
    chosen = Resolution(Mention("Pisky", 0, 5, "", 0), a, 0.5, "best of 2", alternatives=(b,))
    claim = only("Pisky lies in the west of Donetsk.", "direction", overrides={"Pisky": chosen})
    assert claim.verdict == "unverifiable"
    assert "all 2 places named Pisky" in claim.reason


def test_the_reference_has_candidates_too():
    # "Kupiansk" as reference resolved to a namesake near Lviv; the real one fits.
    wrong = far_namesake("Kupiansk", "Lviv")
    reference = Resolution(Mention("Kupiansk", 0, 8, "", 0), wrong, 0.6, "best of 2",
                           alternatives=(place("Kupiansk"),))  # fmt: skip
    claim = only("Chuhuiv lies west of Kupiansk.", "direction",
                 overrides={"Kupiansk": reference})  # fmt: skip
    assert claim.verdict in ("consistent", "unverifiable")
    if claim.verdict == "unverifiable":
        assert "49.71, 37.62" in claim.reason


def test_places_after_the_claim_that_it_locates():
    # think-tank style: where the attack happened comes after the direction
    found = claims("Russian forces attacked northwest of Avdiivka near Ocheretyne and Pisky.",
                   kind="direction")  # fmt: skip
    assert {(subject(c), c.verdict) for c in found} == {
        ("Ocheretyne", "consistent"),
        ("Pisky", "inconsistent"),  # Pisky lies southwest of Avdiivka
    }


def test_both_places_of_a_list():
    found = claims("Fighting continued near Ocheretyne and Myrnohrad (both west of Avdiivka).",
                   kind="direction")  # fmt: skip
    assert {subject(c) for c in found} == {"Ocheretyne", "Myrnohrad"}
    # without "both" the bracket is about the name it follows
    found = claims("Fighting continued near Ocheretyne and Myrnohrad (west of Pokrovsk).",
                   kind="direction")  # fmt: skip
    assert [subject(c) for c in found] == ["Myrnohrad"]


def test_a_river_is_no_point_to_measure_from():
    river = Place(place_id="test:river", name="Dnipro River", point=LatLon(46.5, 32.3),
                  kind="water", country_code="UA", uncertainty_km=2300.0)  # fmt: skip
    overrides = {"Kharkiv": Resolution(Mention("Kharkiv", 0, 7, "", 0), river, 0.99, "river")}
    claim = only("Lyptsi lies about 2 km from Kharkiv.", "distance", overrides=overrides)
    assert claim.verdict == "unverifiable"
    assert "too coarse to measure" in claim.reason


def test_a_claim_tied_to_its_place_only_by_proximity_accuses_no_one():
    # A verb stands between Kupiansk and the claim: the claim may be about the missiles'
    # launch site, not the town. Kupiansk is ~40 km from the border; no accusation.
    claim = only("Kupiansk was hit by missiles on Tuesday, about 2 km from the Russian border.",
                 "distance")  # fmt: skip
    assert subject(claim) == "Kupiansk"
    assert claim.verdict == "unverifiable"
    assert "does not tie the claim" in claim.reason


def test_a_name_resolved_to_a_differently_named_place_accuses_no_one():
    # "Hamas" is no place; a resolver that finds Hamm for it must not make a claim of it.
    hamm = Place(place_id="test:hamm", name="Hamm", point=LatLon(51.68, 7.82),
                 kind="populated_place", country_code="DE", population=180_000)  # fmt: skip
    text = "Leaders of Hamas in Ukraine met on Monday."
    mention = Mention("Hamas", text.index("Hamas"), text.index("Hamas") + 5, text, 0)
    resolutions = [Resolution(mention, hamm, 0.99, "only candidate"), *resolve(text)]
    found = extract_claims(Article(id="t", title="", text=text), resolutions)
    (claim,) = [c for c in found if c.kind == "containment"]
    assert claim.verdict == "unverifiable"
    assert "may not mean it" in claim.reason


def test_a_country_is_in_no_region():
    text = "One of the largest refineries in Russia – in the Sumy region – was hit."
    assert [c for c in claims(text, kind="containment") if subject(c) == "Russia"] == []


def test_a_comma_that_closes_a_clause_is_no_containment():
    assert claims("Since the shelling of Kharkiv, Ukraine has asked for air defence.",
                  kind="containment") == []  # fmt: skip
    assert claims("Drones hit Kharkiv, Russia – officials in Kyiv said.", kind="containment") == []


def test_a_dateline_is_a_containment():
    (claim,) = claims("Kharkiv, Ukraine – Police said the road was closed.", kind="containment")
    assert subject(claim) == "Kharkiv" and claim.verdict == "consistent"


# ------------------------------------------------------------------- the registry


def test_every_claim_kind_has_one_registered_verifier():
    from geomap.claims.verifiers import VERIFIERS, register

    assert set(VERIFIERS) == {"distance", "direction", "containment", "descriptor", "length"}
    with pytest.raises(ValueError, match="already registered"):
        register("distance")(lambda inputs: None)


def test_a_kind_without_a_verifier_is_unverifiable_not_an_error():
    from dataclasses import replace

    from geomap.claims.verifiers import verify_claim

    parsed = replace(parse_claims("Lyptsi lies north of Kharkiv.")[0], kind="elevation")
    claim = verify_claim(parsed, None, None)
    assert claim.verdict == "unverifiable" and "no verifier" in claim.reason


def test_a_bracket_is_about_the_name_it_follows():
    # The bracket follows Lyptsi's name: it locates Lyptsi, not the head of the apposition.
    claim = only("Shelling hit Tsyrkuny, a village near Lyptsi (north of Kharkiv).", "direction")
    assert subject(claim) == "Lyptsi"


def test_a_word_ending_in_m_is_no_quantity():
    # "a" is an amount and "m" a metre, but "am" is neither
    assert parse_claims("I am outside the Russian Federation, he said.") == []


def test_a_direction_before_a_countrys_region_describes_the_region():
    # Izium lies in the south of the Kharkiv region, which lies in Ukraine's east: "Ukraine's
    # eastern Kharkiv region" places the region, not Izium within it ...
    (claim,) = claims("Shelling hit Izium in Ukraine's eastern Kharkiv region.",
                      kind="containment")  # fmt: skip
    assert subject(claim) == "Izium" and claim.verdict == "consistent", claim.reason
    # ... while "the northern Kharkiv region" is a part of the region
    (claim,) = claims("Shelling hit Izium in the northern Kharkiv region.", kind="containment")
    assert claim.verdict == "inconsistent", claim.reason


def test_no_accusation_about_the_last_word_of_a_longer_name():
    # "Toledo" here ends the name of a club, which the gazetteer does not hold: the claim is
    # about the club's grounds, so a verdict on the city of Toledo would accuse the writer.
    claim = only("The Maumee Bay Toledo, about 300 km from Kharkiv, opened a new pier.", "distance")
    assert claim.verdict == "unverifiable"
    assert "longer name" in claim.reason
    plain = only("Toledo, about 300 km from Kharkiv, opened a new pier.", "distance")
    assert plain.verdict == "inconsistent"
