"""The evaluation as text: one table row per corpus and mode, then what the gold held back and
where the resolution misses are."""

from __future__ import annotations

from collections.abc import Sequence

from geomap.evaluation.run import EvaluationResult


def _pct(value: object) -> str:
    return f"{100 * value:.1f}" if isinstance(value, float) else "-"


def format_table(results: Sequence[EvaluationResult]) -> str:
    """A plain-text results table, one row per corpus and mode. `gold` counts the gold spans
    read, `moved` those realigned onto their phrase, `lost` those not found near their offsets
    (not scored); `topo` the gold toponyms with coordinates, scored for resolution."""
    width = max([14, *(len(r.corpus) + 1 for r in results)])
    header = (
        f"{'corpus':<{width}}{'mode':<12}{'docs':>5}{'gold':>6}{'moved':>6}{'lost':>5}{'topo':>6}"
        f"{'cov':>7}{'cand':>7}{'candP':>7}{'@161':>7}{'@10':>7}{'mean':>8}{'median':>8}"
        f"{'AUC':>7}{'P':>7}{'R':>7}{'F1':>7}{'F1ovl':>7}"
    )
    rows = [header, "-" * len(header)]
    for r in results:
        s = r.resolution.summary()
        if not r.resolution.scored:  # nothing with coordinates (NER corpora): no zeros shown
            s = {key: None for key in s} | {"toponyms": 0}
        rec = r.recognition.summary() if r.recognition else {}
        rows.append(
            f"{r.corpus:<{width}}{r.mode:<12}{r.documents:>5}{r.gold.toponyms:>6}"
            f"{r.gold.realigned:>6}{r.gold.unmatched:>5}{s['toponyms']:>6}"
            f"{_pct(s['coverage']):>7}{_pct(s['candidate_coverage']):>7}"
            f"{_pct(s['place_candidate_coverage']):>7}{_pct(s['accuracy_161km']):>7}"
            f"{_pct(s['accuracy_10km']):>7}{s['mean_error_km'] or '-':>8}"
            f"{s['median_error_km'] if s['median_error_km'] is not None else '-':>8}"
            f"{s['auc'] if s['auc'] is not None else '-':>7}"
            f"{_pct(rec.get('precision_exact')):>7}{_pct(rec.get('recall_exact')):>7}"
            f"{_pct(rec.get('f1_exact')):>7}{_pct(rec.get('f1_overlap')):>7}"
        )
    return "\n".join(rows)


def format_gold_account(result: EvaluationResult, examples: int = 6) -> str:
    """Gold spans moved onto their phrase, not found, or not scored: what the scores rest on."""
    gold = result.gold
    lines = [
        f"gold, {result.corpus}: {gold.toponyms} spans read, {gold.realigned} of them realigned "
        f"onto their phrase; {gold.unmatched} not found near their offsets (not scored)"
    ]
    if gold.unmatched_examples:
        lines.append("  not found: " + "; ".join(gold.unmatched_examples[:examples]))
    for reason, count in sorted(gold.not_scored.items()):
        lines.append(f"  not scored, {reason}: {count}")
    return "\n".join(lines)


def format_coverage_misses(result: EvaluationResult, examples: int = 6) -> str:
    """Gold toponyms whose right place is not among the candidates, by kind of gap."""
    s = result.resolution.summary()
    if not result.resolution.scored:
        return f"no gold toponym of {result.corpus} has coordinates: resolution not scored"
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
