"""A gold document read in its context, and its folds: shared by `geomap eval` and the fitting.

The whole text goes through the recogniser; the gold spans replace the recognised mentions they
overlap (a recognised mention inside a span the corpus marks as no place goes with it); the gold
spans are typed together with the remaining recognised places ("Tacoma, Washington" with
Washington unannotated), so that resolving them all together gives every gold name the context
a reader has. Folds are by article, dealt in the order of a stable hash of the article ids, so
they do not depend on the corpus order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from geomap.evaluation.gold import GoldDocument, GoldToponym
from geomap.records import Article, Mention

if TYPE_CHECKING:
    from geomap.doc import Doc


def gold_in_context(
    doc: GoldDocument, gazetteer: Any
) -> tuple[Doc, list[tuple[Mention, GoldToponym | None]]]:
    """The article's Doc and its mentions in text order, each with its gold toponym (None for
    the recognised places the annotators did not mark)."""
    from geomap.doc import make_doc
    from geomap.toponyms import find_mentions, mentions_at

    article = make_doc(Article(id=doc.id, title=doc.title, text=doc.text))
    # GeoWebNews also marks expressions and non-toponyms ("the field", "a booth"): they are not
    # given to the resolver (they would pull the story towards whatever village shares the word).
    given = [t for t in doc.toponyms if t.is_place_name]
    annotated = [(t.start, t.end) for t in doc.toponyms]
    context = [
        m for m in find_mentions(article, gazetteer)
        if not any(m.start < end and start < m.end for start, end in annotated)
    ]  # fmt: skip
    spans = [(t.start, t.end) for t in given] + [(m.start, m.end) for m in context]
    typed = mentions_at(article, spans, gazetteer)[: len(given)]
    entries: list[tuple[Mention, GoldToponym | None]] = [
        *zip(typed, given, strict=True),
        *((m, None) for m in context),
    ]
    entries.sort(key=lambda e: (e[0].start, e[0].end))
    return article, entries


def fold_assignment(ids: Sequence[str], folds: int, seed: str = "geomap") -> dict[str, int]:
    """Each article id's fold: the ids ordered by a stable hash (seeded), then dealt round-robin,
    so folds differ in size by at most one and an article's fold depends only on the ids read."""

    def digest(doc_id: str) -> bytes:
        return hashlib.sha256(f"{seed}:{doc_id}".encode()).digest()

    return {doc_id: i % folds for i, doc_id in enumerate(sorted(set(ids), key=digest))}
