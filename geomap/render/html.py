"""Escaping and the HTML of popups, legend and side panel.

Everything that comes from article text goes through `esc`. folium places popup HTML inside a
JavaScript template literal (`$(`...`)`) and tooltips likewise, so besides the HTML metacharacters
the backtick, `$` (which would open `${...}`), the backslash and braces are turned into entities
too: an article saying `${window.x=1}` or `{{ 7*7 }}` must show those characters, not run them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from geomap.export import claim_label, event_place
from geomap.records import Claim, Event, Place, Report, Resolution

# `{` and `}` too: folium compiles rendered scripts as Jinja templates once more, so `{{ x }}`
# in article text would otherwise be evaluated on the server side.
_JS_TEMPLATE_CHARS = {"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"}


def esc(value: object) -> str:
    text = html.escape("" if value is None else str(value), quote=True)
    for char, entity in _JS_TEMPLATE_CHARS.items():
        text = text.replace(char, entity)
    return text


def safe_href(url: str) -> str | None:
    """An href only for http(s) or relative links: never javascript:, data: and the like."""
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme in ("http", "https", ""):
        return esc(url.strip())
    return None


def highlight(sentence: str, spans: Iterable[tuple[int, int]]) -> str:
    """The sentence escaped, with the given character spans wrapped in <mark>."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(sentence), e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, cursor = [], 0
    for start, end in merged:
        out.append(esc(sentence[cursor:start]))
        out.append(f"<mark>{esc(sentence[start:end])}</mark>")
        cursor = end
    out.append(esc(sentence[cursor:]))
    return "".join(out)


def find_span(sentence: str, text: str, hint: int | None = None) -> tuple[int, int] | None:
    """Where `text` sits in `sentence`: at the offset hint when it matches there, else searched."""
    if not text:
        return None
    if hint is not None and sentence[hint : hint + len(text)] == text:
        return hint, hint + len(text)
    index = sentence.casefold().find(text.casefold())
    return (index, index + len(text)) if index >= 0 else None


def mention_span(res: Resolution, sentence: str, sentence_start: int) -> tuple[int, int] | None:
    return find_span(sentence, res.mention.text, res.mention.start - sentence_start)


def _rows(rows: Sequence[tuple[str, str | None]]) -> str:
    """A two-column table; values are already-escaped HTML, empty ones are left out."""
    body = "".join(
        f"<tr><th>{esc(label)}</th><td>{value}</td></tr>" for label, value in rows if value
    )
    return f'<table class="gm-props">{body}</table>'


def _num(value: float | int | None, unit: str = "") -> str | None:
    if value is None:
        return None
    text = f"{value:,.1f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    return esc(f"{text}{unit}")


def place_line(place: Place) -> str:
    where = ", ".join(x for x in (place.admin1, place.country_name or place.country_code) if x)
    return esc(f"{place.name}" + (f" ({where})" if where else ""))


def alternatives_html(alternatives: Sequence[Place]) -> str | None:
    if not alternatives:
        return None
    items = "".join(
        f"<li>{place_line(p)} "
        f"<span class='gm-muted'>{p.point.lat:.3f}, {p.point.lon:.3f}</span></li>"
        for p in alternatives[:5]
    )
    return f"<ul class='gm-alts'>{items}</ul>"


def article_link(report: Report, href: str | None) -> str:
    title = esc(report.article.title or report.article.id)
    link = safe_href(href) if href else None
    if link:
        return f'<a href="{link}" target="_blank" rel="noopener">{title}</a>'
    return title


def place_popup(
    report: Report, res: Resolution, mentions: int, article_href: str | None = None
) -> str:
    place = res.place
    assert place is not None
    m = res.mention
    span = mention_span(res, m.sentence, m.sentence_start)
    rows = [
        ("As written", esc(m.text)),
        ("Resolved to", place_line(place)),
        ("Kind", esc(f"{place.kind} · {place.precision}")),
        ("Confidence", esc(f"{res.confidence:.2f}")),
        ("Uncertainty", _num(place.uncertainty_km, " km")),
        ("Gazetteer", esc(f"{place.source} {place.place_id}".strip())),
        ("Why", esc(res.rule)),
        ("Mentions", _num(mentions)),
        ("Alternatives", alternatives_html(res.alternatives)),
        ("Article", article_link(report, article_href)),
    ]
    return (
        f'<div class="gm-popup gm-popup-place"><h4>{esc(place.name)}</h4>'
        f'<p class="gm-evidence">{highlight(m.sentence, [span] if span else [])}</p>'
        f"{_rows(rows)}</div>"
    )


def event_popup(report: Report, event: Event, article_href: str | None = None) -> str:
    spans = []
    if event.location is not None:
        span = find_span(
            event.evidence, event.location.mention.text, event.location.mention.start - event.start
        )
        spans.append(span)
    spans.append(find_span(event.evidence, event.trigger))
    place = event_place(event)
    when = event.date.isoformat() if event.date else "unknown"
    if event.date_text:
        when += f" (“{event.date_text}”)"
    rows = [
        ("Type", esc(" — ".join(x for x in (event.event_type, event.sub_event_type) if x))),
        ("Date", esc(when)),
        ("Actors", esc(", ".join(event.actors))),
        ("Killed", _num(event.fatalities)),
        ("Injured", _num(event.injured)),
        ("Where (as written)", esc(event.location.mention.text) if event.location else None),
        ("Resolved to", place_line(place) if place else esc("no location")),
        ("Confidence", esc(f"{event.location.confidence:.2f}") if event.location else None),
        ("Claimed by", esc(event.claimed_by)),
        ("Article", article_link(report, article_href)),
    ]
    return (
        f'<div class="gm-popup gm-popup-event"><h4>{esc(event.event_type)}</h4>'
        f'<p class="gm-evidence">{highlight(event.evidence, [s for s in spans if s])}</p>'
        f"{_rows(rows)}</div>"
    )


def claim_map_label(claim: Claim) -> str:
    """The claim's label on the map: the numbers, or for a direction claim the directions."""
    if claim.stated_km is None and claim.direction_stated:
        measured = claim.direction_measured or "?"
        return f"stated {claim.direction_stated} / measured {measured}"
    return claim_label(claim)


def claim_popup(report: Report, claim: Claim, article_href: str | None = None) -> str:
    span = find_span(claim.sentence, claim.claim_text)
    rows = [
        ("Verdict", f'<b class="gm-verdict gm-{esc(claim.verdict)}">{esc(claim.verdict)}</b>'),
        ("Why", esc(claim.reason)),
        ("Stated", _num(claim.stated_km, " km")),
        ("Measured", _num(claim.measured_km, " km")),
        ("Tolerance", _num(claim.tolerance_km, " km")),
        ("Reference", esc(claim.reference)),
        ("Place", esc(claim.place.mention.text) if claim.place else None),
        ("Units", esc(claim.conversion_check)),
        (
            "Direction",
            esc(" / ".join(x for x in (claim.direction_stated, claim.direction_measured) if x)),
        ),
        ("Article", article_link(report, article_href)),
    ]
    return (
        f'<div class="gm-popup gm-popup-claim"><h4>{esc(claim_label(claim))}</h4>'
        f'<p class="gm-evidence">{highlight(claim.sentence, [span] if span else [])}</p>'
        f"{_rows(rows)}</div>"
    )
