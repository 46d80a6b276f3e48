"""Event dates resolved against the article's publication date, with ACLED time precision.

ACLED `time_precision`: 1 the day is known, 2 the week (or a few days), 3 only the month.

Choices, documented because each is a convention rather than a fact:

* "two days ago" / "two days earlier" -> publication minus two days, precision 1 ("earlier"
  strictly counts from the event told before; publication is the anchor we have).
* "overnight", "last night", "during the night" -> the day before publication, precision 1: a
  report published on the 23rd about an overnight attack describes the night of the 22nd to the
  23rd, and the night is coded to the day it began.
* A weekday ("on Wednesday") -> the most recent such day on or before publication; in a future
  clause ("will be held ... on Wednesday", "is due to") the coming one on or after publication.
  "last Wednesday" / "next Wednesday" force the direction.
* "in recent weeks/days", "this week", "last week" -> precision 2; "in recent months",
  "last month", "earlier this month", "in July" -> precision 3.
* Absolute dates ("12 July 2025", "July 12", "2025-07-12") are parsed by `dateparser`, relative to
  the publication date and preferring the past for past-tense clauses.
* A clause with no date words -> the publication date with precision 2 (a news report is about
  the last few days), and an empty `date_text` so a reader can tell it was not stated.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from geomap import lexicon as word_lists
from geomap.events import vocab

_WEEKDAYS = list(word_lists.weekdays())
_MONTHS = "|".join(sorted(word_lists.month_numbers(), key=len, reverse=True))
FUTURE_CUES = re.compile(
    "|".join(
        vocab.phrase_pattern(r["phrase"])
        for r in vocab.table("modality.tsv")
        if r["kind"] == "future"
    ),
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateResolution:
    date: dt.date | None
    precision: int  # ACLED time_precision
    text: str  # the words the date came from ("" when none were stated)
    start: int = -1  # offset of `text` in the searched string


# (pattern, day offset from publication, precision)
_RELATIVE: list[tuple[re.Pattern[str], int, int]] = [
    (
        re.compile(vocab.phrase_pattern(r["phrase"]), re.I),
        int(r["offset_days"]),
        int(r["precision"]),
    )
    for r in vocab.table("relative_dates.tsv")
]
_LAST_MONTH = re.compile(r"\blast month\b", re.I)
_SMALL = {word: n for word, n in word_lists.number_words().items() if 2 <= n <= 10}
_DAYS_AGO = re.compile(
    rf"\b(?P<n>\d{{1,2}}|{'|'.join(_SMALL)}|a few|several)\s+days?\s+"
    r"(?P<rel>ago|earlier|before|later)\b",
    re.I,
)
_EARLIER_IN_THE_WEEK = re.compile(r"\b(?:earlier|later) (?:in |this )?(?:the )?week\b", re.I)
_WEEKDAY = re.compile(
    rf"\b(?:(?P<dir>last|next|this|on|by|until|from)\s+)?(?P<day>{'|'.join(_WEEKDAYS)})\b",
    re.I,
)
_ABSOLUTE = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?(?:,?\s+\d{{4}})?|"
    rf"(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)\b",
    re.I,
)
_MONTH_ONLY = re.compile(
    rf"\b(?:in|during|since|early|late|mid-?)\s+(?:{_MONTHS})(?:\s+\d{{4}})?\b", re.I
)


def resolve_date(text: str, published: dt.date | None, *, anchor: int = 0) -> DateResolution:
    """The date the words in `text` give (most precise first, then nearest `anchor`)."""
    if published is None:
        return DateResolution(None, 3, "")
    future = bool(FUTURE_CUES.search(text))
    candidates = _candidates(text, published, future)
    if not candidates:
        return DateResolution(published, 2, "")
    # The most precise expression wins ("the third round in recent months, will be held on
    # Wednesday" is on Wednesday); among equals the one nearest the trigger.
    return min(candidates, key=lambda c: (c.precision, abs(c.start - anchor)))


def _candidates(text: str, published: dt.date, future: bool) -> list[DateResolution]:
    out: list[DateResolution] = []
    for pattern, offset, precision in _RELATIVE:
        for m in pattern.finditer(text):
            out.append(
                DateResolution(
                    published + dt.timedelta(days=offset), precision, m.group(0), m.start()
                )
            )
    for m in _DAYS_AGO.finditer(text):
        word = m.group("n").lower()
        if word.isdigit() or word in _SMALL:
            n = int(word) if word.isdigit() else _SMALL[word]
            sign = 1 if m.group("rel").lower() == "later" else -1
            out.append(
                DateResolution(published + dt.timedelta(days=sign * n), 1, m.group(0), m.start())
            )
        else:  # "a few days ago"
            out.append(DateResolution(published, 2, m.group(0), m.start()))
    for m in _EARLIER_IN_THE_WEEK.finditer(text):
        out.append(DateResolution(published, 2, m.group(0), m.start()))
    for m in _LAST_MONTH.finditer(text):
        first_of_this = published.replace(day=1)
        last_month = (first_of_this - dt.timedelta(days=1)).replace(day=1)
        out.append(DateResolution(last_month, 3, m.group(0), m.start()))
    for m in _WEEKDAY.finditer(text):
        out.append(_weekday(m, published, future))
    for m in _ABSOLUTE.finditer(text):
        parsed = _parse_absolute(m.group(0), published, future)
        if parsed is not None:
            out.append(DateResolution(parsed, 1, m.group(0), m.start()))
    for m in _MONTH_ONLY.finditer(text):
        if any(c.start <= m.start() < c.start + len(c.text) for c in out):
            continue
        parsed = _parse_absolute(re.sub(r"^\w+\s+", "1 ", m.group(0)), published, future)
        if parsed is not None:
            out.append(DateResolution(parsed.replace(day=1), 3, m.group(0), m.start()))
    # A bare weekday inside an absolute date ("Wednesday, 23 July") is covered by the absolute.
    return out


def _weekday(m: re.Match[str], published: dt.date, future: bool) -> DateResolution:
    target = _WEEKDAYS.index(m.group("day").lower())
    direction = (m.group("dir") or "").lower()
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if direction == "last":
        delta = -(back or 7)
    elif direction == "next":
        delta = ahead or 7
    elif future and direction != "last":
        delta = ahead
    else:
        delta = -back
    return DateResolution(published + dt.timedelta(days=delta), 1, m.group(0), m.start())


def _parse_absolute(text: str, published: dt.date, future: bool) -> dt.date | None:
    import dateparser

    base = dt.datetime.combine(published, dt.time(12))
    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "future" if future else "past",
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed is not None else None
