"""Whether a trigger reports something that happened: negation ("did not attack"), irrealis
("plans to capture", "fears of an offensive", "would cover prisoner exchanges") and attempts
("tried to break through"), read from the words before it (`geomap/data/events/modality.tsv`);
and the clause a trigger belongs to.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from geomap.events import vocab
from geomap.events.taxonomy import TriggerMatch

Reading = Literal["", "negated", "irrealis", "attempted"]

_MODAL_AFTER = re.compile(r"^(?:\s+[\w’'-]+){0,2}?\s+(?:would|could|might|may)\b", re.I)
_NEGATION_WINDOW_WORDS = 10
_CLAUSE_BREAK = re.compile(r"[;:—–]|\s-\s|,\s+(?=(?:and|but|while|whereas|as|with|which|who)\b)")
_MODAL_SCOPE_BREAK = re.compile(r"[;:]|,?\s+but\s+|,\s+while\s+|,\s+however\b")
# The month, not the modal verb: "May" capitalised after the sentence's first word, or before
# a number ("On 9 May 2014", "May 3"). The modal is written in lower case inside a sentence.
_MONTH_MAY = re.compile(r"(?<=\S )May\b|\bMay(?=\s+\d)")


def _without_month_may(text: str) -> str:
    """`text` with the month May masked (same length, so offsets stay)."""
    return _MONTH_MAY.sub("M_y", text)


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    by_kind: dict[str, list[str]] = {}
    for row in vocab.table("modality.tsv"):
        by_kind.setdefault(row["kind"], []).append(vocab.phrase_pattern(row["phrase"]))
    return {kind: re.compile("|".join(found), re.I) for kind, found in by_kind.items()}


def clause_bounds(text: str, offset: int) -> tuple[int, int]:
    """[start, end) of the clause around `offset`."""
    starts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(text) if m.end() <= offset]
    ends = [m.start() for m in _CLAUSE_BREAK.finditer(text) if m.start() > offset] + [len(text)]
    return starts[-1], ends[0]


def clause(text: str, offset: int) -> str:
    """The clause around `offset` (for date words that belong to this event, not the next)."""
    lo, hi = clause_bounds(text, offset)
    return text[lo:hi]


def reading(text: str, trig: TriggerMatch) -> Reading:
    """How the sentence `text` presents the trigger: "" as fact, or negated, irrealis or
    attempted."""
    patterns = _patterns()
    text = _without_month_may(text)
    before = text[: trig.start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause_before = before[breaks[-1].end() :] if breaks else before
    window = " ".join(clause_before.split()[-_NEGATION_WINDOW_WORDS:])
    if patterns["negation"].search(window):
        return "negated"
    # Modality ("likely going to ... facilitating the exchange", "said the meeting would cover
    # ... prisoner exchanges") reaches further: up to a contrast or a semicolon.
    scope = _MODAL_SCOPE_BREAK.split(before)[-1]
    if patterns["irrealis"].search(scope):
        return "irrealis"
    if trig.rule.role != "casualty" and _MODAL_AFTER.match(text[trig.end : trig.end + 40]):
        return "irrealis"
    if patterns["attempt"].search(window):
        return "attempted"
    return ""
