"""Cleaning: normalisation, scrape-noise lines, teaser paragraphs and repeated sentences."""

from __future__ import annotations

import pytest

from geomap.article import clean_text, normalise
from geomap.article.clean import noise_reason

LEAD = (
    "A delegation led by the defence minister arrived in Ankara for meetings with Turkish "
    "officials ahead of the talks in Istanbul. Kyiv is ready to take significant steps towards "
    "peace, a diplomatic source told Reuters."
)


def test_normalise_line_endings_controls_and_nfc() -> None:
    raw = "Ky\u200biv\r\nKherson\rOdesa\u2028Lviv\x07\x00 cafe\u0301\ttab ’quotes’ “x” \u00a0nbsp"
    out = normalise(raw)
    assert out == "Kyiv\nKherson\nOdesa\nLviv café\ttab ’quotes’ “x” \u00a0nbsp"


def test_lone_surrogates_are_dropped() -> None:
    assert normalise("Kyiv\ud800 city") == "Kyiv city"


@pytest.mark.parametrize(
    "line",
    ["0", "38", " 1,204 ", "Leave a Reply", "ADVERTISEMENT", "Share this article", "Read more:",
     "Read more: Why the talks failed", "Related", "12 comments", "Comments (3)", "Tweet",
     "We use cookies to improve your experience. Accept all", "Subscribe to our newsletter",
     "© 2025 Example News. All rights reserved.", "Skip to content", "You may also like"],
)  # fmt: skip
def test_noise_lines(line: str) -> None:
    assert noise_reason(line) is not None


@pytest.mark.parametrize(
    "line",
    ["Three people were injured.", "Kherson", "The 38 soldiers were freed.",
     "Share prices in Kyiv fell sharply after the shelling.", "Related talks will follow in July.",
     "Copyright lawyers met in Kyiv on Monday to discuss the case.",
     "Russia and Ukraine to Hold Peace Talks in Istanbul", "x" * 500],
)  # fmt: skip
def test_content_lines_are_not_noise(line: str) -> None:
    assert noise_reason(line) is None


def test_teaser_paragraph_repeated_in_lead_is_removed_whole() -> None:
    teaser = LEAD.replace("Reuters", "Newsmen")  # a near copy: the standfirst names another agency
    lead = "A Russian delegation is heading to Istanbul for the latest round of talks. " + LEAD
    cleaned = clean_text(f"{teaser}\n\n0\n38\n\n{lead}\n\nLater paragraph.\n\nLeave a Reply")
    assert cleaned.text == f"{lead}\n\nLater paragraph."
    reasons = {r.reason for r in cleaned.removed}
    assert reasons == {"number-only line", "boilerplate", "teaser repeated in a later paragraph"}


def test_repeated_sentence_keeps_first_occurrence() -> None:
    sentence = "Russian shelling of Kherson killed a woman overnight."
    text = (
        f"{sentence} The governor said so.\n\nIn other news, talks began. {sentence} More to come."
    )
    cleaned = clean_text(text)
    assert cleaned.text.count(sentence) == 1
    assert cleaned.text == (
        f"{sentence} The governor said so.\n\nIn other news, talks began. More to come."
    )
    assert [r.reason for r in cleaned.removed] == ["repeated sentence"]


def test_short_repeated_sentences_are_kept() -> None:
    text = "“We will win,” he said. Talks begin.\n\nThe army advanced. “We will win,” he said."
    assert clean_text(text).text.count("he said") == 2


def test_different_paragraphs_sharing_one_sentence_are_not_teasers() -> None:
    shared = "The talks are due to be held in Istanbul on Wednesday evening."
    first = f"{shared} Russia sent a delegation led by a presidential aide."
    second = f"Ukraine sent its defence minister. {shared} Turkey will host them at a palace."
    cleaned = clean_text(f"{first}\n\n{second}")
    assert "presidential aide" in cleaned.text  # not dropped as a teaser: its own news differs
    assert cleaned.text.count(shared) == 1


def test_hard_wrapped_paragraph_is_unwrapped_but_lists_are_not() -> None:
    wrapped = (
        "Russian shelling of the southern Ukrainian city of Kherson killed a\n"
        "woman overnight, the regional governor said on Wednesday, adding that\n"
        "three people were injured.\n\n- Kyiv\n- Kharkiv"
    )
    cleaned = clean_text(wrapped).text
    assert "killed a woman overnight" in cleaned
    assert "adding that three people" in cleaned
    assert cleaned.endswith("- Kyiv\n- Kharkiv")


def test_right_to_left_and_emoji_are_kept() -> None:
    text = "سقطت قذيفة على خاركيف 🚀 ונפגעו שלושה אנשים."
    assert clean_text(text).text == text
