"""Candidate coverage and the kinds of misses the evaluation reports."""

from __future__ import annotations

import pytest

from geomap.coverage import CoverageScores, classify_miss, is_facility, is_physical
from geomap.records import LatLon, Place


def _place(name: str, kind: str, lat: float, lon: float) -> Place:
    return Place(
        place_id=f"t:{name}:{kind}", name=name, point=LatLon(lat, lon), kind=kind,
        country_code="US",
    )  # fmt: skip


@pytest.mark.parametrize(
    "name",
    ["Royal Street", "Barclays Center", "University of Alberta", "Bank of England", "A417",
     "2700 North Fourth Street", "Manila Cathedral", "Dulles International Airport",
     "Cloverhill District Court", "St. Peter's Basilica"],
)  # fmt: skip
def test_buildings_streets_and_institutions_are_facilities(name: str) -> None:
    assert is_facility(name)


@pytest.mark.parametrize(
    "name",
    ["Kharkiv", "New York", "Sumy region", "Orange County", "Black Sea", "Park", "Varachyne"],
)
def test_places_are_not_facilities(name: str) -> None:
    assert not is_facility(name)


def test_feature_codes_decide_when_the_corpus_gives_them() -> None:
    assert is_facility("Lincoln", "SCH")  # a school called Lincoln
    assert is_facility("Main", "RD")
    assert not is_facility("Pleasant Street", "PPL")  # a village named like a street
    assert not is_facility("Paris", "PPLA2")
    assert not is_facility("Chanel", "CHN")  # a channel: class H, not the church code CH


def test_physical_features() -> None:
    assert is_physical("Neches River") and is_physical("Lake Manassas")
    assert is_physical("Farallon Islands") and not is_physical("Riverside")


def test_a_miss_says_which_gap_it_is() -> None:
    country = _place("United States", "country", 38.0, -97.0)
    admin1 = _place("Hawaii", "admin1", 19.6, -155.5)
    town = _place("Logan", "populated_place", 41.7, -111.8)
    assert classify_miss("U.S.", "", [country]) == "country point"
    assert classify_miss("Hawaii", "", [admin1]) == "region point"
    assert classify_miss("Logan", "", [town]) == "namesake only"
    assert classify_miss("Neches River", "", []) == "physical feature"
    assert classify_miss("Zamalek", "", []) == "no entry"
    assert classify_miss("Royal Street", "", [town]) == "facility"


def test_coverage_counts_places_apart_from_facilities() -> None:
    scores = CoverageScores()
    kyiv = _place("Kyiv", "populated_place", 50.45, 30.52)
    assert scores.add("Kyiv", "", LatLon(50.45, 30.52), [kyiv])
    assert not scores.add("Kyiv", "", LatLon(40.0, -100.0), [kyiv])  # a namesake far away
    assert not scores.add("Royal Street", "", LatLon(29.96, -90.06), [])
    summary = scores.summary()
    assert summary["candidate_coverage"] == pytest.approx(1 / 3, abs=1e-3)
    assert summary["place_toponyms"] == 2
    assert summary["place_candidate_coverage"] == 0.5
    assert summary["misses_by_kind"]["facility"]["count"] == 1
    assert summary["misses_by_kind"]["namesake only"]["examples"] == ["Kyiv (1)"]
