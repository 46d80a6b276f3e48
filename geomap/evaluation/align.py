"""Gold offsets that drift from the text, moved back onto the phrase they annotate.

Public corpora carry offsets that are off by a few characters (a title or a byte-order mark
counted or not, an entity decoded differently), often by the same shift across a document. A
span whose text is not its gold phrase is moved to the phrase's nearest occurrence within
`ALIGN_WINDOW` characters, preferring the shift most of the document's drifted spans share. A
span whose phrase does not occur there is *unmatched*: it is reported and left out of the scores,
since scoring it would charge the annotation's error to the system, and hiding it would hide it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from geomap.evaluation.gold import GoldDocument, GoldToponym

ALIGN_WINDOW = 20  # characters either side of the given offsets


@dataclass(slots=True)
class Alignment:
    toponyms: list[GoldToponym]  # in text order, offsets on their phrase
    realigned: int = 0
    unmatched: list[GoldToponym] = field(default_factory=list)


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The phrase with any run of white space between its words, case-insensitive, not inside
    a longer word ("US" is not found in "BUS")."""
    words = phrase.split()
    body = r"\s+".join(re.escape(w) for w in words)
    before = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    after = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return re.compile(before + body + after, re.IGNORECASE)


def _in_text(text: str, start: int, end: int) -> bool:
    return 0 <= start < end <= len(text)


def align_toponyms(text: str, toponyms: list[GoldToponym], window: int = ALIGN_WINDOW) -> Alignment:
    """Check every span against its phrase (`GoldToponym.text`); move drifted ones."""
    kept: list[GoldToponym] = []
    drifted: list[tuple[GoldToponym, list[tuple[int, int]]]] = []
    unmatched: list[GoldToponym] = []
    for top in toponyms:
        at_offsets = text[top.start : top.end] if _in_text(text, top.start, top.end) else None
        if not top.text.strip():
            # No phrase to check against: the offsets are all there is.
            if at_offsets is None:
                unmatched.append(top)
            else:
                kept.append(replace(top, text=at_offsets))
            continue
        if at_offsets is not None and _normal(at_offsets) == _normal(top.text):
            kept.append(replace(top, text=at_offsets))
            continue
        low = max(0, top.start - window)
        high = min(len(text), top.end + window)
        found = [(m.start(), m.end()) for m in _phrase_pattern(top.text).finditer(text, low, high)]
        if found:
            drifted.append((top, found))
        else:
            unmatched.append(top)
    # The document's shift: the one most drifted spans could take (each counted once), if at
    # least two share it; otherwise each span goes to its nearest occurrence.
    shifts = Counter(shift for top, found in drifted for shift in {s - top.start for s, _ in found})
    common, sharing = shifts.most_common(1)[0] if shifts else (None, 0)
    if sharing < 2:
        common = None
    for top, found in drifted:
        start, end = min(
            found, key=lambda span: (span[0] - top.start != common, abs(span[0] - top.start),
                                     span[0])
        )  # fmt: skip
        kept.append(replace(top, start=start, end=end, text=text[start:end]))
    kept.sort(key=lambda t: t.start)
    return Alignment(kept, realigned=len(drifted), unmatched=unmatched)


def aligned_document(
    doc_id: str, text: str, toponyms: list[GoldToponym], title: str = ""
) -> GoldDocument:
    """A document whose gold offsets are checked against their phrases (see `align`)."""
    alignment = align_toponyms(text, toponyms)
    return GoldDocument(
        id=doc_id,
        text=text,
        toponyms=alignment.toponyms,
        title=title,
        realigned=alignment.realigned,
        unmatched=alignment.unmatched,
    )
