"""The one name normaliser: which characters count as the same letter, for the gazetteer's keys
and for the recogniser's reading of running text.

One fold of letters serves both (`fold_char`): case is folded; Latin letters lose their accents
("Kyïv", "Kyiv" and "KYIV" meet; "ø" -> "o", "ə" -> "e"); Cyrillic letters stay Cyrillic, so
Ukrainian and Russian names are found as written (the short and the diaeresis are folded too:
Київ, Киів). The two uses differ only where they must:

- `normalize_name` makes the lookup key of a name (the store's index, every query, every
  importer): apostrophes and dots join ("Sums'ka" -> "sumska", "U.S." -> "us"), hyphens,
  slashes, brackets and spaces separate, a leading "the" is dropped and a trailing region word
  ("oblast", "province", "governorate"...) becomes "region". Names in other scripts (Arabic, Han,
  Greek...) keep their script: a query in that script finds them.
- `normalise_text` reads running text for the recogniser's trie: one folded character per
  source character where it can (so offsets map straight back), every character that is not a
  letter or digit a space ("Kyiv's" -> "kyiv s", which keeps the possessive apart), and scripts
  other than Latin and Cyrillic transliterated by unidecode. `match_key` is the key of a name
  under that reading; the trie holds `match_key(normalize_name(name))` for every name of the
  store.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from unidecode import unidecode

# Every word news and official lists use for a first-level region, folded into one token so
# "Sumy Oblast" and "Sumy region" are the same key. "obl" is the common abbreviation.
REGION_WORDS = (
    "region", "oblast", "obl", "province", "governorate", "oblasti", "область", "обл",
)  # fmt: skip
REGION_TOKEN = "region"
_REGION_WORD_SET = frozenset(REGION_WORDS)

APOSTROPHES = "'’ʼ‘`´ʹ′"
# Characters that separate the words of a name (besides whitespace).
_SEPARATORS = '-‐‑‒–—_/,;:()[]"“”«»'
# Latin letters that Unicode does not decompose into base + mark.
_LATIN_EXTRA = str.maketrans(
    {"ø": "o", "đ": "d", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th", "ħ": "h"}
)
# Combining marks (accents, diaeresis, breve...) left after NFKD decomposition.
_COMBINING = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def _is_latin_letter(ch: str) -> bool:
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")


@functools.cache
def fold_char(ch: str) -> str:
    """One character, case-folded, without its accents: the letter fold both uses share.

    Cyrillic stays Cyrillic; a Latin letter Unicode cannot decompose ("ə", "ɔ") is spelled as
    unidecode spells it; anything else is decomposed and stripped of combining marks (so a
    character of another script is itself, lower-cased)."""
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", ch.casefold()))
    folded = folded.translate(_LATIN_EXTRA)
    if folded.isascii() or is_cyrillic(ch):
        return folded
    if any(_is_latin_letter(c) for c in folded):
        spelled = "".join(c for c in unidecode(folded).casefold() if c.isalnum())
        return spelled or folded
    return folded


# --- the lookup key of a name ------------------------------------------------------------------


class _KeyTable(dict):
    """str.translate table of `normalize_name`, filled on demand for non-ASCII characters."""

    def __missing__(self, code: int) -> str:
        # Folded first, then joined or separated: the fold may give a space back ("´" is a
        # space and a combining accent), which then separates like any space.
        value = "".join(_key_char(c) for c in fold_char(chr(code)))
        self[code] = value
        return value


def _key_char(ch: str) -> str:
    if ch in APOSTROPHES or ch == ".":
        return ""
    if ch.isspace() or ch in _SEPARATORS:
        return " "
    return ch


_KEY_TABLE = _KeyTable()


def normalize_name(text: str) -> str:
    """The lookup key of a place name: casefolded, without diacritics, apostrophes or dots,
    hyphens and runs of spaces turned into one space, a leading "the" dropped, and a trailing
    region word ("oblast", "province", "governorate", "region") made "region".

    >>> normalize_name("Sums’ka Oblast")
    'sumska region'
    >>> normalize_name("Zaporizhzhia-Oblast")
    'zaporizhzhia region'
    >>> normalize_name("U.S.")
    'us'
    >>> normalize_name("Київ")
    'киів'
    """
    return _cached_key(text)


def _key(text: str) -> str:
    if text.isascii():
        folded = " ".join(text.encode().translate(_ASCII_KEY_BYTES, _ASCII_DROP).decode().split())
    else:
        folded = " ".join(text.casefold().translate(_KEY_TABLE).split())
    if folded.startswith("the ") and len(folded) > 4:
        folded = folded[4:]
    head, space, last = folded.rpartition(" ")
    if space and last in _REGION_WORD_SET:
        folded = f"{head} {REGION_TOKEN}"
    return folded


# Queries repeat names (an article names Kyiv ten times); a bulk load goes through
# normalize_names instead, whose millions of distinct names would only churn this cache.
_cached_key = functools.lru_cache(maxsize=1 << 16)(_key)


def normalize_names(texts: list[str]) -> list[str]:
    """`normalize_name` of many names at once, in a few passes over all of them joined: ASCII
    names through a byte table, the others through the fold table, then the space, "the" and
    region-word rules as regular expressions over the whole batch (a third of the time of one
    call per name)."""
    is_ascii = [text.isascii() for text in texts]
    ascii_texts = [text for text in texts if text.isascii()]
    other_texts = [text for text in texts if not text.isascii()]
    ascii_keys = iter(_batch_keys(ascii_texts, ascii_only=True))
    other_keys = iter(_batch_keys(other_texts, ascii_only=False))
    return [next(ascii_keys) if a else next(other_keys) for a in is_ascii]


_BOUNDARY = "\x00"  # between two names of a batch; maps to itself and is no space
_ASCII_KEY_BYTES = bytes(
    32 if chr(i).isspace() or chr(i) in _SEPARATORS else ord(chr(i).lower()) if i < 128 else i
    for i in range(256)
)
_ASCII_DROP = APOSTROPHES.encode("ascii", "ignore") + b"."
_RUNS_OF_SPACES = re.compile("  +")
_LEADING_THE = re.compile("\x00the (?=[^\x00])")
_TRAILING_REGION_WORD = re.compile(" (?:" + "|".join(map(re.escape, REGION_WORDS)) + ")\x00")


def _batch_keys(texts: list[str], *, ascii_only: bool) -> list[str]:
    """`_key` of each text, computed over the texts joined (see normalize_names)."""
    if not texts:
        return []
    joined = _BOUNDARY + _BOUNDARY.join(texts) + _BOUNDARY
    if joined.count(_BOUNDARY) != len(texts) + 1:  # a name holds the mark: one at a time
        return [_key(text) for text in texts]
    if ascii_only:
        joined = joined.encode().translate(_ASCII_KEY_BYTES, _ASCII_DROP).decode()
    else:
        joined = joined.casefold().translate(_KEY_TABLE)
    joined = _RUNS_OF_SPACES.sub(" ", joined)
    while " \x00" in joined or "\x00 " in joined:  # a name of spaces only takes two rounds
        joined = joined.replace(" \x00", _BOUNDARY).replace("\x00 ", _BOUNDARY)
    joined = _LEADING_THE.sub(_BOUNDARY, joined)
    joined = _TRAILING_REGION_WORD.sub(f" {REGION_TOKEN}{_BOUNDARY}", joined)
    return joined[1:-1].split(_BOUNDARY)


def strip_region_word(key: str) -> str | None:
    """For a normalised key ending in the region token, the key without it ("sumy region" ->
    "sumy"); None when the key carries no region word."""
    suffix = " " + REGION_TOKEN
    if key.endswith(suffix) and len(key) > len(suffix):
        return key[: -len(suffix)]
    return None


# --- running text, for the recogniser -----------------------------------------------------------


class _TextTable(dict):
    """str.translate table of `normalise_text`: ASCII letters lower-cased, digits kept,
    everything else a space (one char in, one char out); non-ASCII filled on demand."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if is_cyrillic(ch):
            out = "".join(c for c in fold_char(ch) if c.isalnum())
        else:
            out = "".join(c.lower() for c in unidecode(ch) if c.isalnum())
        # Punctuation ("…" -> "...") stays one space so offsets need no map; letters may expand.
        value = out or " "
        self[code] = value
        return value


_TEXT_TABLE = _TextTable({i: (chr(i).lower() if chr(i).isalnum() else " ") for i in range(128)})


@dataclass(frozen=True, slots=True)
class NormalisedText:
    text: str
    offsets: list[int] | None  # source index of each normalised char; None when identical

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise_text(text: str) -> NormalisedText:
    norm = text.translate(_TEXT_TABLE)
    if len(norm) == len(text):
        return NormalisedText(norm, None)
    offsets: list[int] = []
    for i, ch in enumerate(text):
        width = len(_TEXT_TABLE[ord(ch)]) if ord(ch) > 127 else 1
        if width == 1:
            offsets.append(i)
        else:
            offsets.extend([i] * width)
    return NormalisedText(norm, offsets)


@functools.lru_cache(maxsize=1 << 16)
def match_key(name: str) -> str:
    """The recogniser's key of a name: its running-text reading, single-spaced."""
    return " ".join(normalise_text(name).text.split())


def indexable_key(key: str) -> bool:
    """Whether a key is in the scripts the recogniser reads (Latin, which keys spell in ASCII,
    and Cyrillic)."""
    return all(c.isascii() or is_cyrillic(c) or not c.isalpha() for c in key)
