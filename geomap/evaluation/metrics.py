"""Scores of geoparsing against gold: recognition P/R/F1, resolution accuracy and errors.

The metrics of Gritta et al. (2018, 2019): accuracy within 161 km and 10 km, mean and median
error, and the AUC of the log error curve; recognition precision, recall and F1 on exact and on
overlapping spans. Which gold toponym counts where is `geomap.evaluation.gold`'s policy.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geomap.coverage import CoverageScores
from geomap.evaluation.gold import GoldDocument, GoldToponym
from geomap.records import LatLon, Resolution

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer

EARTH_HALF_CIRCUMFERENCE_KM = 20039.0


@dataclass(slots=True)
class ResolutionScores:
    scored: int = 0  # gold toponyms with coordinates
    resolved: int = 0  # ... that got a place at all
    within_161: int = 0
    within_10: int = 0
    errors_km: list[float] = field(default_factory=list)  # resolved ones only
    # Right place (within 161 km) among the gazetteer candidates, and why not where it is not.
    candidates: CoverageScores = field(default_factory=CoverageScores)
    # Misses (farther than 161 km or unresolved) with the right place among the candidates: the
    # resolver's share of the errors; the rest are the gazetteer's (see `candidates`).
    wrong_choices: Counter[str] = field(default_factory=Counter)
    # Right within 161 km though no candidate is: facilities and organisations placed at the
    # place they stand on or carry ("Harare City Council" at Harare).
    placed_without_candidate: int = 0

    def summary(self) -> dict:
        n = self.scored or 1
        all_errors = self.errors_km + [EARTH_HALF_CIRCUMFERENCE_KM] * (self.scored - self.resolved)
        return {
            "toponyms": self.scored,
            "coverage": round(self.resolved / n, 4),
            **self.candidates.summary(),
            "accuracy_161km": round(self.within_161 / n, 4),
            "accuracy_10km": round(self.within_10 / n, 4),
            "mean_error_km": round(statistics.fmean(self.errors_km), 1) if self.errors_km else None,
            "median_error_km": round(statistics.median(self.errors_km), 1)
            if self.errors_km
            else None,
            "auc": round(log_error_auc(all_errors), 4) if all_errors else None,
            "wrong_choices": sum(self.wrong_choices.values()),
            "wrong_choice_examples": [
                f"{name} ({count})" for name, count in self.wrong_choices.most_common(8)
            ],
            "placed_without_candidate": self.placed_without_candidate,
        }


@dataclass(slots=True)
class RecognitionScores:
    true_positive_exact: int = 0
    true_positive_overlap: int = 0
    false_positive: int = 0
    gold: int = 0
    predicted: int = 0

    def summary(self) -> dict[str, float | int]:
        def prf(tp: int) -> tuple[float, float, float]:
            precision = tp / (tp + self.false_positive) if tp + self.false_positive else 0.0
            recall = tp / self.gold if self.gold else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            return round(precision, 4), round(recall, 4), round(f1, 4)

        p, r, f = prf(self.true_positive_exact)
        po, ro, fo = prf(self.true_positive_overlap)
        return {
            "gold": self.gold, "predicted": self.predicted,
            "precision_exact": p, "recall_exact": r, "f1_exact": f,
            "precision_overlap": po, "recall_overlap": ro, "f1_overlap": fo,
        }  # fmt: skip


def log_error_auc(errors_km: list[float]) -> float:
    """Area under the sorted log-error curve, 0..1 (Gritta et al. 2018); lower is better."""
    scale = math.log(EARTH_HALF_CIRCUMFERENCE_KM)
    if len(errors_km) < 2:
        return math.log1p(errors_km[0]) / scale if errors_km else 0.0
    scaled = sorted(math.log1p(max(e, 0.0)) / scale for e in errors_km)
    area = sum((a + b) / 2 for a, b in zip(scaled, scaled[1:], strict=False))
    return area / (len(scaled) - 1)


@dataclass(slots=True)
class ErrorCase:
    document: str
    surface: str
    gold: tuple[float, float]
    predicted: tuple[float, float] | None
    error_km: float | None
    resolved_name: str
    rule: str


def _error_km(a: LatLon, b: LatLon) -> float:
    from geomap.geodesy import geodesic_km

    return geodesic_km(a, b)


def score_recognition(
    doc: GoldDocument, resolutions: list[Resolution], scores: RecognitionScores
) -> list[tuple[GoldToponym, Resolution | None]]:
    predicted = [r for r in resolutions if r.mention.kind in ("toponym", "facility")]
    # Demonyms the recogniser typed as such: they count where the gold calls that adjective a
    # literal toponym ("European" in "European capitals" is Literal_Modifier in GeoWebNews) and
    # are neutral elsewhere, never false positives (typing adjectives is the demonym task).
    demonyms = [r for r in resolutions if r.mention.kind == "demonym"]
    scored_gold = [t for t in doc.toponyms if t.scored_for_recognition]
    scores.gold += len(scored_gold)
    scores.predicted += len(predicted)
    by_span = {(r.mention.start, r.mention.end): r for r in predicted}
    demonym_spans = {(r.mention.start, r.mention.end): r for r in demonyms}
    matched_predictions: set[tuple[int, int]] = set()
    pairs: list[tuple[GoldToponym, Resolution | None]] = []
    for gold in doc.toponyms:
        exact = by_span.get((gold.start, gold.end)) or demonym_spans.get((gold.start, gold.end))
        overlap = exact or next(
            (
                r
                for r in (*predicted, *demonyms)
                if r.mention.start < gold.end and gold.start < r.mention.end
            ),
            None,
        )
        if gold.scored_for_recognition:
            scores.true_positive_exact += exact is not None
            scores.true_positive_overlap += overlap is not None
        if overlap is not None and gold.tolerated_prediction:
            matched_predictions.add((overlap.mention.start, overlap.mention.end))
        if gold.point is not None:
            pairs.append((gold, overlap))
    for span in by_span:
        if span not in matched_predictions:
            scores.false_positive += 1
    scores.predicted += sum(span in matched_predictions for span in demonym_spans)
    return pairs


def score_resolution(
    doc_id: str,
    gold: GoldToponym,
    res: Resolution | None,
    gazetteer: Gazetteer,
    scores: ResolutionScores,
    cases: list[ErrorCase],
) -> None:
    assert gold.point is not None
    scores.scored += 1
    hit = scores.candidates.add(
        gold.text, gold.feature_code, gold.point, gazetteer.candidates(gold.text, limit=50)
    )
    place = res.place if res is not None else None
    right = place is not None and _error_km(place.point, gold.point) <= 161
    if hit and not right:
        scores.wrong_choices[gold.text] += 1
    elif right and not hit:
        scores.placed_without_candidate += 1
    if place is None:
        cases.append(
            ErrorCase(
                doc_id,
                gold.text,
                (gold.point.lat, gold.point.lon),
                None,
                None,
                "",
                res.rule if res else "not recognised",
            )  # fmt: skip
        )
        return
    error = _error_km(place.point, gold.point)
    scores.resolved += 1
    scores.errors_km.append(error)
    scores.within_161 += error <= 161
    scores.within_10 += error <= 10
    if error > 161:
        cases.append(
            ErrorCase(doc_id, gold.text, (gold.point.lat, gold.point.lon),
                      (place.point.lat, place.point.lon), round(error, 1), place.name, res.rule)
        )  # fmt: skip
