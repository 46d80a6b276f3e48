"""The claims test set: sentences written from real geography, with the verdicts they deserve.

tests/data/claims_testset.jsonl holds one sentence a line with its expected claims; the places the
sentences name are in tests/data/claims_places.json (GeoNames city points, oblast centres). The
resolutions are built by hand from that catalogue, so this measures the claim checker alone, not
the resolver. The set must pass at >= 95 % for every shipped border dataset, and every true claim
must hold whichever dataset is used.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geomap.claims import extract_claims
from geomap.errors import GeomapError
from geomap.records import Article, LatLon, Mention, Place, Resolution

DATA = Path(__file__).parent / "data"
PASS_RATE = 0.95


def load_testset() -> list[dict]:
    lines = (DATA / "claims_testset.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load_catalogue() -> dict[str, Place]:
    raw = json.loads((DATA / "claims_places.json").read_text(encoding="utf-8"))
    places = {}
    for name, row in raw.items():
        if name.startswith("_"):
            continue
        lat, lon, kind, country, admin1, population, uncertainty = row
        places[name] = Place(
            place_id=f"test:{name}", name=name, point=LatLon(lat, lon), kind=kind,
            country_code=country, admin1=admin1, population=population, source="test catalogue",
            uncertainty_km=uncertainty,
            precision="admin1" if kind == "admin1" else "country" if kind == "country" else "point",
        )  # fmt: skip
    return places


def resolutions_for(text: str, catalogue: dict[str, Place]) -> list[Resolution]:
    """Every catalogue name in the text, longest names first, as resolved mentions."""
    taken: list[tuple[int, int]] = []
    out = []
    for name in sorted(catalogue, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            span = match.span()
            if any(span[0] < e and s < span[1] for s, e in taken):
                continue
            taken.append(span)
            mention = Mention(
                text=name, start=span[0], end=span[1], sentence=text, sentence_start=0,
                kind="toponym",
            )  # fmt: skip
            out.append(Resolution(mention, catalogue[name], 0.9, "test catalogue"))
    return sorted(out, key=lambda r: r.mention.start)


def check_case(case: dict, catalogue, reference) -> list[str]:
    """Failures for one case (empty when the claims come out as expected)."""
    text = case["text"]
    article = Article(id="case", title="", text=text)
    claims = extract_claims(article, resolutions_for(text, catalogue), reference=reference)
    failures = []
    for expected in case["expect"]:
        found = [c for c in claims if c.kind == expected["kind"]]
        if not found:
            failures.append(f"{text!r}: no {expected['kind']} claim in {claims}")
            continue
        claim = found[0]
        if claim.verdict != expected["verdict"]:
            failures.append(f"{text!r}: {claim.verdict} != {expected['verdict']}: {claim.reason}")
        if "reason" in expected and expected["reason"] not in claim.reason:
            failures.append(f"{text!r}: reason {claim.reason!r} lacks {expected['reason']!r}")
        if "conversion" in expected:
            ok = claim.conversion_check.endswith(": consistent")
            if ok is not expected["conversion"]:
                failures.append(f"{text!r}: conversion {claim.conversion_check!r}")
    return failures


def border_datasets() -> list[str]:
    from geomap.geometry import DATASETS

    return list(DATASETS)


def reference_for(dataset: str):
    from geomap.geometry import ReferenceLayers

    return ReferenceLayers.default(dataset)


def test_testset_is_large_and_balanced():
    cases = load_testset()
    verdicts = [e["verdict"] for c in cases for e in c["expect"]]
    kinds = {e["kind"] for c in cases for e in c["expect"]}
    assert len(cases) >= 60
    assert verdicts.count("consistent") >= 20 and verdicts.count("inconsistent") >= 20
    assert kinds == {"distance", "direction", "containment", "descriptor", "length"}


@pytest.fixture(scope="module", params=None)
def catalogue():
    return load_catalogue()


def _datasets_or_skip() -> list[str]:
    try:
        return border_datasets()
    except ImportError:
        return []


@pytest.mark.parametrize("dataset", _datasets_or_skip() or ["missing"])
def test_testset_passes_for_every_border_dataset(dataset, catalogue):
    if dataset == "missing":
        pytest.skip("geomap.geometry is not available")
    reference = reference_for(dataset)
    try:
        reference.country_codes()
    except (OSError, GeomapError) as exc:
        pytest.skip(f"reference layers not built: {exc}")
    cases = load_testset()
    failures = {i: check_case(case, catalogue, reference) for i, case in enumerate(cases)}
    failed = {i: f for i, f in failures.items() if f}
    rate = 1 - len(failed) / len(cases)
    report = "\n".join(line for f in failed.values() for line in f)
    assert rate >= PASS_RATE, f"{dataset}: {rate:.1%} passed\n{report}"
    # A true claim must hold on every dataset: the verdict may not depend on the border data.
    true_failures = [
        line for i, f in failed.items() for line in f
        if any(e["verdict"] == "consistent" for e in cases[i]["expect"])
    ]  # fmt: skip
    assert not true_failures, "\n".join(true_failures)
