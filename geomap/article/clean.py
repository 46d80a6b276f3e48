"""Cleaning scraped article text: normalise, drop scrape noise, drop repeated sentences.

Every step only deletes characters or rewrites whitespace, never adds words, so the cleaned text
is the publisher's text minus the noise. Every step is linear in the text length (dictionary
look-ups, regexes without nested repetition, line-length guards), so a 50 MB file or a single
5 MB line is cleaned in bounded time.

What counts as noise is general, never tied to one article:
- lines that are only a number (view/comment counters, page numbers: "0", "38", "1,204");
- short boilerplate lines a page template adds ("Leave a Reply", "Share this article",
  "Advertisement", "Read more: ...", "Related", cookie banners, "12 comments");
- a teaser paragraph whose sentences all reappear in a later, longer paragraph (sites print the
  standfirst, then the lead paragraph that contains it);
- any remaining sentence that repeats an earlier one word for word (after normalising case,
  whitespace and punctuation).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# --- normalisation --------------------------------------------------------------------------

# Control characters other than tab and newline, plus invisible characters that split words
# ("Ky\u200biv" must still read as Kyiv): zero-width space/joiners, BOM, soft hyphen.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DELETE = {
    **{cp: None for cp in range(0x20) if chr(cp) not in "\t\n"},
    0x7F: None,
    **{cp: None for cp in range(0x80, 0xA0)},
    **{ord(ch): None for ch in _INVISIBLE},
    # Lone surrogates (from JSON "\\ud800" escapes or surrogateescape) cannot be written as UTF-8.
    **{cp: None for cp in range(0xD800, 0xE000)},
}
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def normalise(text: str) -> str:
    """Unicode NFC, "\\n" line endings, control and invisible characters removed.

    Curly quotes, dashes, non-breaking spaces, right-to-left text and emoji are kept: later stages
    match ’ and “ themselves, and changing them would change what the publisher wrote.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = text.translate(_DELETE)
    return unicodedata.normalize("NFC", text)


# --- noise lines ----------------------------------------------------------------------------

_MAX_NOISE_LINE = 200  # boilerplate lines are short; longer lines are never tested against lists

_NUMBER_ONLY = re.compile(r"[\d][\d.,\s]{0,30}")
_COUNTER = re.compile(
    r"(?:\(?\d[\d,.]*\)?\s+)?(?:comments?|replies|reply|shares?|views?|likes?|reactions?)"
    r"(?:\s+\(?\d[\d,.]*\)?)?",
    re.IGNORECASE,
)
# Whole-line boilerplate (compared after lower-casing and trimming punctuation).
_BOILERPLATE_EXACT = frozenset(
    re.split(
        r"\s*\|\s*",
        """
    leave a reply|leave a comment|post a comment|add a comment|comments|comment|reply|
    advertisement|advertising|sponsored|sponsored content|ad|
    share|share this|share this article|share this story|share this post|share on facebook|
    share on twitter|share on x|share on whatsapp|share on telegram|share via email|tweet|
    email|print|copy link|link copied|whatsapp|facebook|twitter|telegram|linkedin|
    subscribe|subscribe now|sign up|sign in|log in|login|register|newsletter|
    read more|read also|see also|also read|more|show more|load more|continue reading|
    related|related articles|related posts|related stories|related news|related content|
    you may also like|you might also like|recommended|recommended for you|most read|most popular|
    trending|trending now|latest news|more from this section|more stories|top stories|
    skip to content|skip to main content|back to top|menu|search|home|close|
    accept|accept all|accept cookies|reject all|manage cookies|cookie settings|got it|
    all rights reserved|your email address will not be published|
    required fields are marked|cancel reply|comments are closed
    """.strip(),
    )
)
# Boilerplate that starts a short line and is followed by a link title or a count.
_BOILERPLATE_PREFIX = re.compile(
    r"(?:read more|read also|also read|see also|related|related article|recommended|"
    r"watch|listen|subscribe to|sign up for|follow us on|join us on|share on|share this|"
    r"click here|tags|filed under|posted in|categories|©|copyright)\s*[:|»>\-–—]",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_RIGHTS = re.compile(r"\b(?:1[89]|20)\d\d\b|rights reserved", re.IGNORECASE)
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_COOKIE_CONTEXT = re.compile(
    r"\b(?:accept|consent|we use|this (?:web)?site|policy|settings)\b", re.IGNORECASE
)
_SUBSCRIBE = re.compile(r"\b(?:subscribe|newsletter|sign up)\b", re.IGNORECASE)
_TRIM = " \t\u00a0.:;!?|·•»«>–—-*#()[]"


def noise_reason(line: str) -> str | None:
    """Why a whole line is scrape noise, or None if it is content."""
    stripped = line.strip()
    if not stripped or len(stripped) > _MAX_NOISE_LINE:
        return None
    if _NUMBER_ONLY.fullmatch(stripped):
        return "number-only line"
    if _COUNTER.fullmatch(stripped):
        return "counter"
    key = " ".join(stripped.casefold().strip(_TRIM).split())
    if key in _BOILERPLATE_EXACT:
        return "boilerplate"
    words = len(stripped.split())
    if words <= 15 and _BOILERPLATE_PREFIX.match(stripped):
        return "boilerplate"
    if words <= 15 and _COPYRIGHT.match(stripped) and _RIGHTS.search(stripped):
        return "boilerplate"
    if words <= 40 and _COOKIE.search(stripped) and _COOKIE_CONTEXT.search(stripped):
        return "cookie notice"
    if words <= 12 and _SUBSCRIBE.search(stripped) and not stripped.endswith((".", "”", '"')):
        return "subscribe prompt"
    return None


# --- result ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Removal:
    reason: str
    text: str


@dataclass(slots=True)
class Cleaned:
    text: str
    removed: list[Removal] = field(default_factory=list)

    @property
    def removed_texts(self) -> tuple[str, ...]:
        return tuple(r.text for r in self.removed)


# --- paragraphs and sentences ---------------------------------------------------------------

_BULLET = re.compile(r"\s*(?:[-*•–]\s|\d{1,3}[.)]\s)")
_SENTENCE_END = '.!?…:;"”’)]'


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def _unwrap(lines: list[str]) -> str:
    """Join hard-wrapped lines of one paragraph; keep real line breaks (lists, headings).

    A break is a soft wrap when the line before it does not end a sentence and the next line
    carries on in lower case ("... killed a\\nwoman" becomes one line), or when the paragraph is
    uniformly wrapped at a fixed width, as plain-text e-mail and wire copy are.
    """
    if len(lines) == 1:
        return lines[0]
    uniform = _uniformly_wrapped(lines)
    # Collect pieces per output line and join once: repeated concatenation would be quadratic.
    groups: list[list[str]] = [[lines[0].rstrip()]]
    for line in lines[1:]:
        prev = groups[-1][-1]
        soft = not prev.endswith(tuple(_SENTENCE_END)) and line.lstrip()[:1].islower()
        if (uniform or soft) and not _BULLET.match(line):
            groups[-1].append(line.strip())
        else:
            groups.append([line.rstrip()])
    return "\n".join(" ".join(group) for group in groups)


def _uniformly_wrapped(lines: list[str]) -> bool:
    if len(lines) < 3:
        return False
    widths = [len(line) for line in lines[:-1]]
    widest = max(widths)
    return 50 <= widest <= 100 and min(widths) >= 0.75 * widest


# Sentence ends for de-duplication only: linear, no look-behind over unbounded text.
# The look-behind makes a match start only at the first mark of a run, and the possessive
# quantifiers never backtrack, so a 5 MB run of "!!!" costs one pass, not a quadratic scan.
_SENT_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+\s+")
_KEY_STRIP = re.compile(r"[\W_]+")
_MIN_DEDUP_CHARS = 30  # "He said." may repeat legitimately; a 30-character sentence does not
_NEAR_DUP_MIN_TOKENS = 8
_NEAR_DUP_JACCARD = 0.8
_MAX_TEASER_SENTENCES = 8


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int  # end including trailing whitespace: removing [start, end) keeps spacing clean
    key: str


def _split(paragraph: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    start = 0
    for match in _SENT_BOUNDARY.finditer(paragraph):
        out.append(_Sentence(start, match.end(), _key(paragraph[start : match.end()])))
        start = match.end()
    if start < len(paragraph):
        out.append(_Sentence(start, len(paragraph), _key(paragraph[start:])))
    return out


def _key(sentence: str) -> str:
    return _KEY_STRIP.sub(" ", sentence.casefold()).strip()


def _near(a: str, b: str) -> bool:
    ta, tb = set(a.split()), set(b.split())
    if min(len(ta), len(tb)) < _NEAR_DUP_MIN_TOKENS:
        return a == b
    return len(ta & tb) / len(ta | tb) >= _NEAR_DUP_JACCARD


def _dedupable(key: str) -> bool:
    return len(key) >= _MIN_DEDUP_CHARS


def _teasers(sentences: list[list[_Sentence]]) -> set[int]:
    """Indexes of paragraphs that repeat (a near copy of) a later, longer paragraph.

    A candidate must share at least one exact sentence with the later paragraph (found through a
    dictionary, so this stays linear); its other sentences may differ slightly, as when a
    standfirst says "told Newsmen" and the lead says "told Reuters".
    """
    first_seen: dict[str, list[int]] = {}
    for i, sents in enumerate(sentences):
        for s in sents:
            if _dedupable(s.key):
                holders = first_seen.setdefault(s.key, [])
                if not holders or holders[-1] != i:
                    holders.append(i)
    teasers: set[int] = set()
    for i, sents in enumerate(sentences):
        if not sents or len(sents) > _MAX_TEASER_SENTENCES:
            continue
        candidates: list[int] = []
        for s in sents:
            for j in first_seen.get(s.key, ()):
                if j > i and j not in candidates and len(sentences[j]) > len(sents):
                    candidates.append(j)
        for j in candidates[:5]:
            later = sentences[j]
            if all(any(_near(s.key, t.key) for t in later) for s in sents):
                teasers.add(i)
                break
    return teasers


def clean_text(text: str) -> Cleaned:
    """Normalise `text` and remove scrape noise; `Cleaned.text` is what later stages read."""
    removed: list[Removal] = []
    paragraphs: list[str] = []
    for block in _paragraphs(normalise(text)):
        kept: list[str] = []
        for line in block.split("\n"):
            reason = noise_reason(line)
            if reason:
                removed.append(Removal(reason, line.strip()))
            elif line.strip():
                kept.append(line.rstrip())
        if kept:
            paragraphs.append(_unwrap(kept))
    return _dedupe(paragraphs, removed)


def _dedupe(paragraphs: list[str], removed: list[Removal]) -> Cleaned:
    sentences = [_split(p) for p in paragraphs]
    teasers = _teasers(sentences)
    seen: set[str] = set()
    out: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if i in teasers:
            removed.append(Removal("teaser repeated in a later paragraph", paragraph.strip()))
            continue
        pieces: list[str] = []
        for s in sentences[i]:
            if _dedupable(s.key) and s.key in seen:
                removed.append(Removal("repeated sentence", paragraph[s.start : s.end].strip()))
                continue
            seen.add(s.key)
            pieces.append(paragraph[s.start : s.end])
        kept = "".join(pieces).strip()
        if kept:
            out.append(kept)
    return Cleaned("\n\n".join(out), removed)
