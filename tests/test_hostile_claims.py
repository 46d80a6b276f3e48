"""Odd and absurd numbers in distance claims, parsed AND verified (issue 10).

test_claims_parse.py checks the parser; here each number goes through `extract_claims` with a
real resolved place (Varachyne, about 6 km from the Russian border) against the packaged border
geometry, and the verdict must never rest on an absurd number: it is unverifiable with the reason,
or a verdict whose stated distance is a real distance on Earth.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.claims import extract_claims
from geomap.records import Article, LatLon, Mention, Place, Resolution

VARACHYNE = Place(
    place_id="test:varachyne", name="Varachyne", point=LatLon(51.1415, 34.926),
    kind="populated_place", country_code="UA", admin1="Sumy", source="test",
    uncertainty_km=1.0, precision="point",
)  # fmt: skip
MAX_EARTH_KM = 20_040  # half the equator: no two points are further apart


def claims_for(quantity: str):
    text = f"The village of Varachyne lies {quantity} from the border with Russia."
    start = text.index("Varachyne")
    mention = Mention(
        text="Varachyne", start=start, end=start + 9, sentence=text, sentence_start=0,
        kind="toponym",
    )  # fmt: skip
    article = Article(id="claim", title="", text=text)
    return extract_claims(article, [Resolution(mention, VARACHYNE, 0.9, "test")])


@pytest.mark.parametrize(
    ("quantity", "verdict", "reason"),
    [
        ("about 6km", "consistent", ""),
        ("1,000km", "inconsistent", ""),  # thousands separator read, measured ~6 km
        ("⅓ mile", "inconsistent", ""),  # 0.54 km
        ("10–15 km", "range", ""),  # an en-dash range: both ends kept (verdict by tolerance)
        ("1.000 km", "unverifiable", "ambiguous"),  # 1 km or 1,000 km: refuses to guess
        ("10e9 km", "unverifiable", "longer than any distance on Earth"),
        ("99999999999999999999 km", "unverifiable", "longer than any distance on Earth"),
        ("-5 km", "unverifiable", "negative"),
        ("−5 km", "unverifiable", "negative"),  # U+2212 minus sign
    ],
)
def test_odd_numbers_get_a_sane_verdict(quantity: str, verdict: str, reason: str) -> None:
    claims = [c for c in claims_for(quantity) if c.kind == "distance"]
    assert claims, f"no distance claim for {quantity!r}"
    claim = claims[0]
    if verdict == "range":
        assert claim.stated_min_km <= 10 and claim.stated_max_km >= 15, claim  # not "10" or "15"
        assert claim.stated_max_km - claim.stated_min_km < 10
        assert claim.verdict != "unverifiable" and claim.measured_km is not None
        return
    assert claim.verdict == verdict, claim.reason
    assert reason in claim.reason
    if verdict == "unverifiable":
        assert claim.measured_km is None or claim.stated_km is None


def _number_text() -> st.SearchStrategy[str]:
    """Numbers as text in every shape a scraper can deliver."""
    floats = st.floats(allow_nan=True, allow_infinity=True, width=64).map(repr)
    ints = st.integers(min_value=-(10**30), max_value=10**30).map(
        lambda n: f"{n:,}" if abs(n) > 999 else str(n)
    )
    pieces = st.lists(
        st.sampled_from(list("0123456789.,-−–e+ ½⅓¼¾") + ["١٠", "１０", "nan", "inf"]),
        min_size=1,
        max_size=12,
    ).map("".join)
    return st.one_of(floats, ints, pieces)


@settings(derandomize=True, max_examples=100, deadline=None)
@given(
    _number_text(),
    st.sampled_from(["km", "kilometres", "miles", "m", "ft", "nautical miles", "klicks"]),
    st.sampled_from(["", "about ", "nearly ", "more than ", "some ", "up to "]),
)
def test_no_absurd_number_reaches_a_verdict(number: str, unit: str, hedge: str) -> None:
    for claim in claims_for(f"{hedge}{number} {unit}"):
        assert claim.verdict in ("consistent", "inconsistent", "unverifiable")
        if claim.verdict == "unverifiable":
            continue
        # The stated value and the low end are real distances; a hedge may widen the high end a
        # little past the maximum ("about 9,018 nautical miles" allows up to 20,042 km).
        for km in (claim.stated_km, claim.stated_min_km, claim.measured_km):
            if km is not None:
                assert math.isfinite(km) and 0 <= km <= MAX_EARTH_KM, claim
        assert claim.stated_max_km is None or math.isfinite(claim.stated_max_km)
        assert claim.reason
