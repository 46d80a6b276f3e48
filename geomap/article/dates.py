"""Publication dates: from an explicit value, from metadata, or from a dateline near the top.

Only a date that is clearly the publication date is taken from the text: a short line at the top
that is a date (optionally "Published"/"Updated"/"Posted"/a weekday and a time around it), or a
wire-style dateline ("KYIV, July 23, 2025 (Reuters) - ..."). A date inside a sentence ("retook it
in November 2022") is an event date, not a publication date, and is left to the event stage.
"""

from __future__ import annotations

import datetime as dt
import re

from geomap import lexicon as word_lists
from geomap.errors import InputError

_MONTHS = word_lists.month_numbers()
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    re.compile(r"(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?![\d])"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.I),
)
_WEEKDAY = "(?:" + "|".join(word_lists.weekdays()) + ")"
# What may surround a date on a dateline of its own.
_DATELINE_FILLER = re.compile(
    r"(?:published|updated|posted|last updated|date|on|at|by|"
    + _WEEKDAY
    + r"|\d{1,2}[:.]\d{2}(?::\d{2})?|am|pm|[ap]\.m\.|utc|gmt|cet|cest|eet|eest|msk|est|edt|"
    r"t\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?|z|[+-]\d{2}:?\d{2}|[\s,:|/()\-–—•·])*",
    re.I,
)
# "KYIV, July 23, 2025 (Reuters) -": capitals, a comma, the date, an optional agency, a dash.
_WIRE_DATELINE = re.compile(
    r"[A-ZÀ-ÖØ-Þ\u0400-\u042f][\w’'. -]{0,40},\s*(?P<date>[^\n]{6,30}?)\s*"
    r"(?:\([^)\n]{1,30}\)\s*)?[-–—]",
)
_TOP_LINES = 5


def parse_date_value(value: object, *, what: str = "date") -> dt.date | None:
    """A date from an argument or a metadata field: date, datetime, or an ISO-like string."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        found = _find_date(value.strip())
        if found is not None and found[1] <= 3:
            return found[0]
    raise InputError(f"{what} {str(value)[:40]!r} is not a date (expected YYYY-MM-DD)")


def _find_date(text: str) -> tuple[dt.date, int] | None:
    """The first valid date in `text` and the offset where it starts."""
    best: tuple[dt.date, int] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parsed = _to_date(match)
            if parsed is not None:
                if best is None or match.start() < best[1]:
                    best = (parsed, match.start())
                break
    return best


def _to_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].lower()]
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None


def dateline_date(text: str) -> tuple[dt.date, str] | None:
    """A publication date stated at the top of `text`, and the line it came from."""
    lines = [line for line in text[:2000].split("\n") if line.strip()][:_TOP_LINES]
    for line in lines:
        stripped = line.strip()
        if len(stripped) <= 80:
            date = _standalone_date(stripped)
            if date is not None:
                return date, stripped
        wire = _WIRE_DATELINE.match(stripped)
        if wire:
            found = _find_date(wire.group("date"))
            if found is not None:
                return found[0], ""  # the dateline opens a paragraph: keep the paragraph
    return None


def _standalone_date(line: str) -> dt.date | None:
    for pattern in _DATE_PATTERNS:
        match = pattern.search(line)
        if match is None:
            continue
        before, after = line[: match.start()], line[match.end() :]
        if _DATELINE_FILLER.fullmatch(before) and _DATELINE_FILLER.fullmatch(after):
            return _to_date(match)
    return None
