"""The console summary of a Report: places and where they resolved, events, claims with verdicts."""

from __future__ import annotations

from geomap.records import Claim, Event, Report

# Characters that would act on the terminal instead of being shown: C0/C1 controls (ESC starts
# the ANSI sequences that recolour, move the cursor or retitle the window; CR overwrites a line),
# the bidirectional overrides and isolates that reorder what is displayed, and lone surrogates.
# Article text, file names and gazetteer names can carry any of them, so each is shown escaped.
_TERMINAL_ESCAPES = {
    cp: f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"
    for cp in (
        *range(0x00, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        *range(0xD800, 0xE000),  # lone surrogates: printing one raises UnicodeEncodeError
    )
}


def terminal_safe(text: str) -> str:
    """`text` with every control and bidi-override character shown as an escape (one line)."""
    return text.translate(_TERMINAL_ESCAPES)


def _km(value: float | None) -> str:
    return "?" if value is None else f"{value:.1f} km"


def _place_line(report: Report) -> list[str]:
    lines = []
    for res in report.places:
        place = res.place
        assert place is not None
        where = ", ".join(x for x in (place.admin1, place.country_name or place.country_code) if x)
        where = f" ({where})" if where else ""  # seas and supranational regions have neither
        lines.append(
            f"  {res.mention.text} -> {place.name}{where} {place.point.lat:.4f}, "
            f"{place.point.lon:.4f}  ±{place.uncertainty_km:g} km  [{place.source}]"
        )
    for res in report.unresolved:
        lines.append(f"  {res.mention.text} -> UNRESOLVED ({res.rule})")
    return lines


def _event_line(event: Event) -> str:
    where = event.location.place.name if event.location and event.location.place else "?"
    when = event.date.isoformat() if event.date else "date unknown"
    counts = []
    if event.fatalities:
        counts.append(f"{event.fatalities} killed")
    if event.injured:
        counts.append(f"{event.injured} injured")
    extra = f" ({', '.join(counts)})" if counts else ""
    actors = ", ".join(event.actors) or "actors unknown"
    claimed = f", claimed by {event.claimed_by}" if event.claimed_by else ""
    return (
        f"  {when}  {event.sub_event_type or event.event_type} at {where}{extra}; {actors}{claimed}"
    )


def _claim_line(claim: Claim) -> str:
    numbers = ""
    if claim.stated_km is not None or claim.measured_km is not None:
        numbers = (
            f": stated {_km(claim.stated_km)}, measured {_km(claim.measured_km)}, "
            f"tolerance {_km(claim.tolerance_km)}"
        )
    return f'  [{claim.verdict.upper()}] "{claim.claim_text}"{numbers} ({claim.reason})'


def summarize(report: Report) -> str:
    title = report.article.title or report.article.id
    date = report.article.published.isoformat() if report.article.published else "no date"
    lines = [f"{title} ({date})"]
    lines.append(f"places: {len(report.places)} resolved, {len(report.unresolved)} unresolved")
    lines += _place_line(report)
    lines.append(f"events: {len(report.events)}")
    lines += [_event_line(e) for e in report.events]
    lines.append(f"claims: {len(report.claims)}")
    lines += [_claim_line(c) for c in report.claims]
    lines += [f"warning: {w}" for w in report.warnings]
    # Every line is escaped as a whole: a field cannot break its line or reach the terminal raw.
    return "\n".join(terminal_safe(line) for line in lines)
