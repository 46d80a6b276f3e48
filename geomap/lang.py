"""The language of an article and of each of its paragraphs: English, Ukrainian or Russian.

Read from the script and the letters, which is all three languages need: a text mostly in Latin
letters is English (the default); one mostly in Cyrillic is Ukrainian when it uses the letters
Russian lacks (і ї є ґ) and Russian when it uses the ones Ukrainian lacks (ы э ъ ё), the letters
counted per word so one quoted name does not decide. A paragraph with too few letters to tell
takes the article's language, so a page that mixes languages is read paragraph by paragraph
(`paragraph_languages`) while a one-line caption follows its article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

LANGUAGES = ("en", "uk", "ru")
DEFAULT = "en"

_UK_ONLY = frozenset("іїєґІЇЄҐ")
_RU_ONLY = frozenset("ыэъёЫЭЪЁ")
# Function words one of the two languages has and the other lacks (Ukrainian "та" and, "що"
# that, "від" from; Russian "и" and, "что", "от"): short texts without a telling letter.
_UK_WORDS = frozenset(
    {"та", "що", "від", "це", "як", "але", "він", "вона", "вони", "до", "зі", "із", "й", "у"}
)
_RU_WORDS = frozenset(
    {"и", "что", "от", "это", "как", "но", "он", "она", "они", "из", "со", "же", "был"}
)
_WORD = re.compile(r"[^\W\d_]+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Fewer Cyrillic words than this in a paragraph and its language is the article's.
MIN_WORDS = 4
WORDS_WITHOUT_I = 8


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    lang: str


def _counts(text: str) -> tuple[int, int, int, int]:
    """(Latin words, Cyrillic words, words that are Ukrainian only, words that are Russian only):
    a word with a letter the other language lacks, or one of the short function words only one
    of them has ("та", "що" / "и", "что")."""
    latin = cyrillic = uk = ru = 0
    for word in _WORD.findall(text):
        first = word[0]
        if "\u0400" <= first <= "\u04ff":
            cyrillic += 1
            letters = set(word)
            lower = word.lower()
            uk += bool(letters & _UK_ONLY) or lower in _UK_WORDS
            ru += bool(letters & _RU_ONLY) or lower in _RU_WORDS
        elif first.isascii():
            latin += 1
    return latin, cyrillic, uk, ru


def _decide(latin: int, cyrillic: int, uk: int, ru: int, default: str) -> str:
    if cyrillic <= latin:
        return "en" if latin else default
    if cyrillic < MIN_WORDS and default != "en":
        return default  # a caption or a heading: the article's language
    if uk != ru:
        return "uk" if uk > ru else "ru"
    if cyrillic >= WORDS_WITHOUT_I and not uk:
        return "ru"  # Ukrainian writes і in about every third word: eight without one are Russian
    return default if default != "en" else "uk"


def detect_language(text: str) -> str:
    """ "en", "uk" or "ru" for the whole text."""
    return _decide(*_counts(text), DEFAULT)


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        yield start, brk.start()
        start = brk.end()
    yield start, len(text)


def paragraph_languages(text: str, article_lang: str | None = None) -> list[Paragraph]:
    """Each paragraph (blank lines separate them) with its language; a paragraph with too few
    words to tell has the article's."""
    lang = article_lang or detect_language(text)
    return [Paragraph(a, b, _decide(*_counts(text[a:b]), lang)) for a, b in paragraphs(text)]


def check_language(lang: str) -> str:
    """A language code the analysis knows, or a ValueError that names the ones it does."""
    code = lang.strip().lower()
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (choose from {', '.join(LANGUAGES)})")
    return code
