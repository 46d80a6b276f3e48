"""Geoparsing evaluation on annotated corpora: recognition P/R/F1 and resolution accuracy.

`readers` and `brat` read the gold formats (aligning drifted offsets with `align`), `gold` holds
the records and the scoring policy, `metrics` the scores, `run` the evaluation and the folds,
`report` the text output. The names below are the public API.
"""

from geomap.evaluation.align import ALIGN_WINDOW, align_toponyms
from geomap.evaluation.brat import read_brat
from geomap.evaluation.gold import (
    GWN_ASSOCIATIVE,
    GWN_LITERAL,
    LOCATION,
    UNGEOCODED,
    GoldDocument,
    GoldToponym,
)
from geomap.evaluation.metrics import (
    ErrorCase,
    RecognitionScores,
    ResolutionScores,
    log_error_auc,
    score_recognition,
)
from geomap.evaluation.readers import (
    apply_patches,
    read_corpus,
    read_geowebnews,
    read_gold_lines,
    read_lgl,
    read_locations_xml,
    read_patches,
    sniff_format,
)
from geomap.evaluation.report import format_coverage_misses, format_gold_account, format_table
from geomap.evaluation.run import (
    EvaluationResult,
    check_gold,
    evaluate,
    split_folds,
    train_and_test,
)

__all__ = [
    "ALIGN_WINDOW", "GWN_ASSOCIATIVE", "GWN_LITERAL", "LOCATION", "UNGEOCODED",
    "ErrorCase", "EvaluationResult", "GoldDocument", "GoldToponym", "RecognitionScores",
    "ResolutionScores", "align_toponyms", "apply_patches", "check_gold", "evaluate",
    "format_coverage_misses", "format_gold_account", "format_table", "log_error_auc",
    "read_brat", "read_corpus", "read_geowebnews", "read_gold_lines", "read_lgl",
    "read_locations_xml", "read_patches", "score_recognition", "sniff_format", "split_folds",
    "train_and_test",
]  # fmt: skip
