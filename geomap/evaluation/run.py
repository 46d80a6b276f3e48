"""Running an evaluation: documents in, scores out; and the split into folds by article.

In gold-span mode the whole text is still read: the recogniser's mentions give the context a
reader has (the other places of the article), the gold spans replace the mentions they overlap,
everything is resolved together, and only the gold spans are scored. A corpus that annotates
one name per article is then scored as the resolver would meet that name in use, not as a bare
name. Recognised mentions that overlap a gold span the corpus says is no place name (GeoWebNews'
expressions and non-toponyms) are dropped with it.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from geomap.errors import InputError
from geomap.evaluation.context import fold_assignment, gold_in_context
from geomap.evaluation.gold import GoldDocument, GoldToponym
from geomap.evaluation.metrics import (
    ErrorCase,
    RecognitionScores,
    ResolutionScores,
    score_recognition,
    score_resolution,
)
from geomap.records import Article, Resolution

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer

UNMATCHED_EXAMPLES = 20


@dataclass(slots=True)
class GoldAccount:
    """What was read from the gold: how many spans, how many moved, how many not scored."""

    toponyms: int = 0  # gold spans read, on their phrase (each reader's policy says which count)
    realigned: int = 0
    unmatched: int = 0
    unmatched_examples: list[str] = field(default_factory=list)
    not_scored: Counter[str] = field(default_factory=Counter)

    def add(self, doc: GoldDocument) -> None:
        self.toponyms += len(doc.toponyms)
        self.realigned += doc.realigned
        self.unmatched += len(doc.unmatched)
        for top in doc.unmatched:
            if len(self.unmatched_examples) < UNMATCHED_EXAMPLES:
                self.unmatched_examples.append(f"{doc.id}: {top.text!r} at {top.start}..{top.end}")
        self.not_scored.update(doc.not_scored)

    def summary(self) -> dict:
        return {
            "toponyms": self.toponyms,
            "realigned": self.realigned,
            "unmatched": self.unmatched,
            "unmatched_examples": self.unmatched_examples,
            "not_scored": dict(self.not_scored),
        }


@dataclass(slots=True)
class EvaluationResult:
    corpus: str
    mode: str  # "gold-spans" | "end-to-end"
    documents: int
    resolution: ResolutionScores
    recognition: RecognitionScores | None
    worst: list[ErrorCase]
    gold: GoldAccount = field(default_factory=GoldAccount)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "corpus": self.corpus,
            "mode": self.mode,
            "documents": self.documents,
            "seconds": round(self.seconds, 2),
            "gold": self.gold.summary(),
            "resolution": self.resolution.summary(),
            "recognition": self.recognition.summary() if self.recognition else None,
            "worst_errors": [asdict(w) for w in self.worst],
        }


def check_gold(docs: Sequence[GoldDocument], corpus: str, gold_spans: bool) -> None:
    """A corpus with nothing to score is an error, not a table of zeros."""
    unmatched = sum(len(d.unmatched) for d in docs)
    lost = f" ({unmatched} spans not found in their text)" if unmatched else ""
    if not any(d.toponyms for d in docs):
        raise InputError(f"{corpus}: no gold toponym read from {len(docs)} documents{lost}")
    if gold_spans and not any(t.point is not None for d in docs for t in d.toponyms):
        raise InputError(
            f"{corpus}: no gold toponym with coordinates, nothing to resolve{lost}; without "
            "--gold-spans its locations score recognition"
        )


def evaluate(
    docs: Iterable[GoldDocument],
    gazetteer: Gazetteer,
    *,
    corpus: str = "corpus",
    gold_spans: bool = True,
    worst: int = 20,
    progress: Callable[[str], None] | None = None,
    resolver_model: Any = None,
) -> EvaluationResult:
    """Score recognition (end-to-end mode) and resolution on gold documents.

    `resolver_model` is handed to `geomap.resolve.resolve_mentions` as `model=` (fitted weights,
    e.g. from one fold's training documents); None resolves with the shipped model.
    """
    from geomap.resolve import resolve_mentions

    docs = list(docs)
    check_gold(docs, corpus, gold_spans)
    resolve = resolve_mentions
    if resolver_model is not None:
        resolve = partial(resolve_mentions, model=resolver_model)
    started = time.perf_counter()
    resolution = ResolutionScores()
    recognition = None if gold_spans else RecognitionScores()
    account = GoldAccount()
    cases: list[ErrorCase] = []
    for number, doc in enumerate(docs, 1):
        if progress and number % 50 == 0:
            progress(f"{corpus}: {number} documents")
        account.add(doc)
        if gold_spans:
            paired = _resolve_gold_spans(doc, gazetteer, resolve)
        else:
            from geomap.doc import make_doc
            from geomap.toponyms import find_mentions

            shared = make_doc(Article(id=doc.id, title=doc.title, text=doc.text))
            resolutions = resolve(find_mentions(shared, gazetteer), gazetteer, shared)
            assert recognition is not None
            paired = score_recognition(doc, resolutions, recognition)
        for gold, res in paired:
            if gold.point is not None:
                score_resolution(doc.id, gold, res, gazetteer, resolution, cases)
    cases.sort(key=lambda c: -(c.error_km if c.error_km is not None else math.inf))
    return EvaluationResult(
        corpus=corpus,
        mode="gold-spans" if gold_spans else "end-to-end",
        documents=len(docs),
        resolution=resolution,
        recognition=recognition,
        worst=cases[:worst],
        gold=account,
        seconds=time.perf_counter() - started,
    )


def _resolve_gold_spans(
    doc: GoldDocument, gazetteer: Gazetteer, resolve: Callable[..., list[Resolution]]
) -> list[tuple[GoldToponym, Resolution | None]]:
    """The gold place names resolved among the article's other recognised places."""
    article, entries = gold_in_context(doc, gazetteer)
    resolutions = resolve([m for m, _ in entries], gazetteer, article)
    return [
        (gold, res) for (_, gold), res in zip(entries, resolutions, strict=True) if gold is not None
    ]


def split_folds(docs: Sequence[GoldDocument], k: int, seed: int = 0) -> list[list[GoldDocument]]:
    """`k` folds of whole articles (`fold_assignment`: the split `tools/fit_resolver.py` reports
    too); sizes differ by at most one; `seed` gives another split."""
    if not 2 <= k <= len(docs):
        raise InputError(f"{k} folds need between 2 and {len(docs)} (the documents) folds")
    fold = fold_assignment([d.id for d in docs], k, "geomap" if seed == 0 else f"geomap-{seed}")
    folds: list[list[GoldDocument]] = [[] for _ in range(k)]
    for doc in docs:
        folds[fold[doc.id]].append(doc)
    return folds


def train_and_test(
    folds: Sequence[Sequence[GoldDocument]], held_out: int
) -> tuple[list[GoldDocument], list[GoldDocument]]:
    """The documents of every other fold, and those of fold `held_out`."""
    train = [doc for i, fold in enumerate(folds) if i != held_out for doc in fold]
    return train, list(folds[held_out])
