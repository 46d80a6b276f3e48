"""The Ukrainian and Russian decision: evidence as named features, logistic weights per language.

The features are what the text and the analyser say about a candidate: how strong the gazetteer's
evidence is (a country, a region, a city of 100,000; a name from the lexicon), the words before
it (a preposition of place, a settlement cue, an organisation's word, a person's initial), what
the analyser knows of the word (a person's name, a geographical name, a common word, an
adjective), how it is written (all capitals, in quotes, opening a sentence) and whether the
article writes the word in lower case elsewhere. The weights are fitted per language by
`tools/fit_cyrillic_recogniser.py` on the shared Ukrainian and Russian NER corpora with folds by
document, and ship as `geomap/data/weights/recogniser_{uk,ru}.json`; without them a hand prior
is used.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

from geomap.toponyms.cyrillic.candidates import TokenView, is_cyrillic_capitalised
from geomap.toponyms.cyrillic.lexicon import Lexicon
from geomap.toponyms.state import MAJOR_KINDS, Candidate, State

FEATURES = (
    "bias",
    "strong",
    "medium",
    "weak",
    "population",
    "lexicon",
    "multiword",
    "initial",
    "preposition",
    "settlement_cue",
    "region_word",
    "person",
    "person_context",
    "geo",
    "common",
    "quoted",
    "organisation",
    "all_caps",
    "adjective",
    "lower_elsewhere",
    "cue_candidate",
    "capitalised_after",
    "capitalised_before",
    "document_support",
    "inside_name",
)
# Before any fitting: the gazetteer's tier and the cues for, people and organisations against.
PRIOR = {
    "bias": -1.0,
    "strong": 2.5,
    "medium": 1.0,
    "weak": 0.0,
    "lexicon": 1.0,
    "multiword": 0.5,
    "initial": -0.5,
    "preposition": 1.0,
    "settlement_cue": 2.0,
    "region_word": 2.0,
    "person": -1.5,
    "person_context": -2.5,
    "geo": 1.0,
    "quoted": -2.0,
    "organisation": -2.0,
    "lower_elsewhere": -1.5,
    "cue_candidate": 2.0,
    "capitalised_after": -0.5,
    "capitalised_before": -0.5,
    "document_support": 1.0,
}
_SENTENCE_OPENERS = "«„“\"'(—–-:"
_INITIAL = re.compile(r"[А-ЯЁІЇЄҐA-Z]")
_LOWER_CYRILLIC = re.compile(r"(?<![^\W\d_])[а-яёіїєґ'’ʼ-]+(?![^\W\d_])")


@dataclass(frozen=True)
class CyrillicModel:
    weights: np.ndarray
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> CyrillicModel:
        raw = data.get("weights", {})
        return cls(
            np.array([float(raw.get(name, 0.0)) for name in FEATURES]),
            float(data.get("threshold", 0.5)),
            dict(data.get("meta", {})),
        )

    def to_dict(self) -> dict:
        return {
            "meta": self.meta,
            "threshold": round(self.threshold, 4),
            "weights": {n: round(float(w), 6) for n, w in zip(FEATURES, self.weights, strict=True)},
        }

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.clip(x @ self.weights, -40, 40)))

    def explain(self, row: np.ndarray, top: int = 3) -> str:
        contribution = self.weights * row
        contribution[0] = 0.0
        order = np.argsort(-contribution)
        return ", ".join(
            f"{FEATURES[i]} {contribution[i]:+.2f}" for i in order[:top] if contribution[i] > 0.05
        )


def prior_model() -> CyrillicModel:
    return CyrillicModel.from_dict({"weights": PRIOR})


@functools.cache
def default_model(lang: str) -> CyrillicModel:
    path = resources.files("geomap").joinpath(f"data/weights/recogniser_{lang}.json")
    try:
        return CyrillicModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return prior_model()


def lower_words(state: State) -> frozenset[str]:
    return state.doc.memo(
        "toponyms.cyrillic.lower_words", lambda: frozenset(_LOWER_CYRILLIC.findall(state.text))
    )


def features(state: State, view: TokenView, cand: Candidate, lexicon: Lexicon) -> np.ndarray:
    """The named feature vector of one candidate (document support left 0)."""
    x = np.zeros(len(FEATURES))
    f = dict(zip(FEATURES, range(len(FEATURES)), strict=True))
    x[f["bias"]] = 1.0
    tokens = state.tokens
    text = state.text
    first, last = cand.first_token, cand.last_token
    kinds = cand.kinds
    if kinds & MAJOR_KINDS or cand.population >= 100_000:
        x[f["strong"]] = 1.0
    elif "admin2" in kinds or cand.population >= 10_000:
        x[f["medium"]] = 1.0
    elif cand.entry is not None:
        x[f["weak"]] = 1.0
    x[f["population"]] = math.log10(cand.population + 1) / 7 if cand.population else 0.0
    x[f["lexicon"]] = cand.evidence.get("lexicon", 0.0)
    x[f["multiword"]] = float(last > first)
    before = text[max(0, cand.start - 3) : cand.start].strip(" \t\u00a0")
    sentence_start = state.sentences[cand.sentence_index].start if state.sentences else 0
    x[f["initial"]] = float(
        cand.start <= sentence_start or (before[-1:] in _SENTENCE_OPENERS if before else True)
    )
    reading = view.reading(first)
    prev = first - 1
    if prev >= 0 and view.joined(prev, first):
        prev_word = view.word(prev)
        prev_reading = view.reading(prev)
        lemmas = set(prev_reading.lemmas) | {prev_word.lower()}
        x[f["preposition"]] = float(
            prev_word.islower() and prev_word.lower() in lexicon.prepositions
        )
        x[f["organisation"]] = float(
            prev_word in lexicon.organisation_words or bool(lemmas & lexicon.organisation_words)
        )
        cue = any(lexicon.settlement_cues.get(m) in ("city", "village") for m in lemmas)
        x[f["settlement_cue"]] = float(cue and prev_word.islower())
        if is_cyrillic_capitalised(prev_word) and not x[f["initial"]]:
            x[f["capitalised_before"]] = 1.0
            x[f["person_context"]] = float(prev_reading.person and not prev_reading.geo)
    if prev >= 0 and text[tokens.ends[prev] : tokens.starts[first]].startswith("."):
        prev_word = view.word(prev)
        if prev_word.lower() + "." in lexicon.settlement_cues:
            x[f["settlement_cue"]] = 1.0
        elif len(prev_word) == 1 and _INITIAL.match(prev_word):
            x[f["person_context"]] = 1.0  # "В. Зеленський"
    if "region" in cand.key.split() or any(
        m in lexicon.region_nouns for i in range(first, last + 1) for m in view.reading(i).lemmas
    ):
        x[f["region_word"]] = 1.0
    x[f["person"]] = float(reading.person and not reading.geo and not x[f["strong"]])
    x[f["inside_name"]] = float(_continues_a_name(view, lexicon, first, x[f["preposition"]]))
    x[f["geo"]] = float(reading.geo)
    x[f["common"]] = float(reading.common and last == first)
    x[f["quoted"]] = float(before[-1:] in '«„“"')
    x[f["all_caps"]] = float(cand.surface.isupper() and len(cand.surface) > 1)
    x[f["adjective"]] = float(reading.adjective and not reading.noun and last == first)
    x[f["lower_elsewhere"]] = float(
        view.word(first).lower() in lower_words(state) and last == first
    )
    x[f["cue_candidate"]] = float(cand.origin == "cue")
    nxt = last + 1
    if nxt < len(tokens) and view.joined(last, nxt) and is_cyrillic_capitalised(view.word(nxt)):
        x[f["capitalised_after"]] = 1.0
        if view.reading(nxt).person and not view.reading(nxt).geo:
            x[f["person_context"]] = 1.0
    return x


def _continues_a_name(view: TokenView, lexicon: Lexicon, first: int, preposition: float) -> bool:
    """The candidate is a genitive that completes a capitalised name before it ("Верховна Рада
    України", "Служби безпеки України", "Закону України"): part of an organisation's or a
    document's name, which some corpora annotate as a place and others do not."""
    if preposition:
        return False
    j = first - 1
    steps = 0
    while j >= 0 and steps < 4 and view.joined(j, j + 1):
        word = view.word(j)
        if not _LOWER_CYRILLIC.fullmatch(word.lower()) or word.lower() in lexicon.prepositions:
            return False
        if is_cyrillic_capitalised(word):
            return True
        j -= 1
        steps += 1
    return False


def decide(state: State, cands: list[Candidate], x: np.ndarray, model: CyrillicModel) -> None:
    """Two passes: the second adds the first pass's belief in the same name elsewhere."""
    if not cands:
        return
    support = FEATURES.index("document_support")
    first = model.probabilities(x)
    by_name: dict[str, float] = {}
    for cand, p in zip(cands, first, strict=True):
        by_name[cand.name] = max(by_name.get(cand.name, 0.0), float(p))
    for row, cand, p in zip(x, cands, first, strict=True):
        others = [
            q for c, q in zip(cands, first, strict=True) if c.name == cand.name and c is not cand
        ]
        row[support] = max(others, default=0.0)
        del p
    p = model.probabilities(x)
    cue = FEATURES.index("settlement_cue")
    unit = FEATURES.index("region_word")
    multiword = FEATURES.index("multiword")
    for cand, prob, row in zip(cands, p, x, strict=True):
        cand.probability = float(prob)
        if prob >= model.threshold:
            cand.reason = f"place p={prob:.2f}: {model.explain(row) or 'prior'}"
        elif row[cue]:
            # Grammar, not a weight: "с. X", "м. X", "смт X", "пгт X" name a settlement X.
            cand.reason = "settlement cue before the name"
        elif row[unit] and row[multiword] and cand.entry is not None:
            # "Сумського району", "Белгородской области": a unit's own name with its noun.
            cand.reason = "a unit named with its noun (область, район)"
