"""One pass over one article: Article -> Mentions -> Resolutions -> Events -> Claims -> Report.

This module only wires the stages together; each stage lives in its own module and can be swapped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.records import Article, Report

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer
    from geomap.gazetteer.protocol import GazetteerProtocol
    from geomap.geometry import ReferenceLayers, UserLayer


def analyze(
    source: str | Article,
    *,
    date: dt.date | None = None,
    title: str | None = None,
    gazetteer: GazetteerProtocol | None = None,
    layers: Mapping[str, UserLayer] | None = None,
    reference: ReferenceLayers | None = None,
    lang: str | None = None,
) -> Report:
    """Analyse one article (plain text or an `Article`) and return its `Report`.

    `gazetteer` defaults to the embedded store (built on first use); `layers` are user reference
    layers such as a front line (`{"frontline": load_user_layer(path, "frontline")}`).
    `lang` ("en", "uk", "ru") forces the language; by default it is read from the text.
    """
    from geomap.article import article_from_text
    from geomap.claims import extract_claims, gazetteer_lookup
    from geomap.doc import make_doc
    from geomap.events import extract_events
    from geomap.resolve import resolve_mentions
    from geomap.toponyms import find_mentions

    if isinstance(source, Article):
        article = source
        if date is not None and article.published is None:
            article = _with_date(article, date)
    else:
        article = article_from_text(source, title=title, date=date)

    gz = gazetteer if gazetteer is not None else default_gazetteer()
    online_warnings = getattr(gz, "warnings", None)  # only the --online wrapper has them
    warnings_before = len(online_warnings) if online_warnings is not None else 0
    doc = make_doc(article, lang=lang)
    doc.mentions = find_mentions(doc, gz)
    doc.resolutions = resolve_mentions(doc.mentions, gz, doc, layers=layers)
    doc.events = extract_events(doc, doc.resolutions)
    doc.claims = extract_claims(
        doc, doc.resolutions, layers=layers, reference=reference, lookup=gazetteer_lookup(gz)
    )
    return Report(
        article=article,
        mentions=doc.mentions,
        resolutions=doc.resolutions,
        events=doc.events,
        claims=doc.claims,
        gazetteer=str(getattr(gz, "path", "")),
        warnings=list(online_warnings[warnings_before:]) if online_warnings else [],
    )


def analyze_file(
    path: str | Path,
    *,
    date: dt.date | None = None,
    title: str | None = None,
    encoding: str | None = None,
    gazetteer: GazetteerProtocol | None = None,
    layers: Mapping[str, UserLayer] | None = None,
) -> Report:
    """Read an article file (.txt, .html, .md, ...) and analyse it."""
    from geomap.article import read_article

    article = read_article(path, date=date, title=title, encoding=encoding)
    return analyze(article, gazetteer=gazetteer, layers=layers)


_DEFAULT_GAZETTEER: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """The embedded gazetteer, opened once per process (built on first use)."""
    global _DEFAULT_GAZETTEER
    if _DEFAULT_GAZETTEER is None:
        from geomap.gazetteer import Gazetteer

        _DEFAULT_GAZETTEER = Gazetteer.open()
    return _DEFAULT_GAZETTEER


def _with_date(article: Article, date: dt.date) -> Article:
    from dataclasses import replace

    return replace(article, published=date)
