"""Property-based tests of the article reader (issue 10): fixed seed, bounded example count.

Properties: reading any text either gives an Article or raises InputError (nothing else), and
the cleaned text invents nothing: its non-space characters are a subsequence of the normalised
input's. A longer fuzz run lives in benchmarks/fuzz_article.py.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.article import article_from_text, clean_text, normalise
from geomap.errors import InputError

PROFILE = settings(
    derandomize=True,  # a fixed seed: CI sees the same examples every run
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Text that looks like scraped news: words, numbers, punctuation, curly quotes, blank lines,
# boilerplate lines and repeats, plus arbitrary Unicode (controls, RTL, emoji, surrogates).
_PIECES = st.sampled_from(
    [
        "Kyiv", "Kherson", "Sumy region", "said", "the", "about 6km", "(3.7 miles)", "0", "38",
        "Leave a Reply", "Share", "Read more:", "“quoted”", "it’s", ".", ". ", "!", "?", ",",
        "\n", "\n\n", "\r\n", " ", "\t", "#", "*", "[", "]", "<p>", "</p>", "July 23, 2025",
        "Russian shelling of Kherson killed a woman overnight.", "\u200b", "\x00", "\ufeff",
    ]
)  # fmt: skip
NEWSY = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join)
ANY_TEXT = st.one_of(NEWSY, st.text(max_size=400))


def _visible(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def _is_subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle)


@PROFILE
@given(ANY_TEXT, st.sampled_from(["txt", "md", "html", "json", "auto"]))
def test_reader_gives_article_or_input_error(text: str, fmt: str) -> None:
    try:
        article = article_from_text(text, fmt=fmt)
    except InputError as exc:
        assert str(exc)
        return
    assert article.text.strip()
    assert article.text == unicodedata.normalize("NFC", article.text)
    assert "\r" not in article.text and "\x00" not in article.text
    article.text.encode("utf-8")  # writable: no lone surrogates


@PROFILE
@given(ANY_TEXT)
def test_plain_text_invents_no_characters(text: str) -> None:
    try:
        article = article_from_text(text)
    except InputError:
        return
    source = _visible(normalise(text))
    # The title is the first line of a plain text, so title + body still follow the input.
    assert _is_subsequence(_visible(article.title + article.text), source)


@PROFILE
@given(NEWSY)
def test_cleaning_is_idempotent_and_removals_come_from_the_input(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once.text).text == once.text
    source = normalise(text)
    for removal in once.removed:
        assert removal.text in source


@PROFILE
@given(st.lists(st.sampled_from(["A", "b", "Kyiv said.", "!", " ", "\n"]), max_size=40))
def test_repeated_blocks_of_text_shrink_to_one_copy(parts: list[str]) -> None:
    paragraph = "".join(parts).strip() + " The governor of the region said on Telegram."
    cleaned = clean_text(f"{paragraph}\n\n{paragraph}\n\n{paragraph}").text
    assert cleaned.count("The governor of the region said on Telegram.") == 1
