"""Reading articles: formats, titles, dates, encodings and the errors a user can cause."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from geomap.article import article_from_text, read_article
from geomap.errors import InputError
from tests.conftest import shared_path

BODY = (
    "Russian forces captured the village of Varachyne in Ukraine’s Sumy region, about 6km from "
    "the border, the Defence Ministry in Moscow said on Wednesday.\n\n"
    "Russian shelling of the southern city of Kherson killed a 66-year-old woman overnight, the "
    "regional governor said. Three people were injured."
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Russia says it captured Varachyne | Example News</title>
<meta property="og:title" content="Russia says it captured Varachyne">
<meta property="article:published_time" content="2025-07-23T09:15:00+00:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all</div>
<main><article>
<h1>Russia says it captured Varachyne</h1>
<p>Russian forces captured the village of Varachyne in Ukraine’s Sumy region, about 6km from
the border, the Defence Ministry in Moscow said on Wednesday.</p>
<p>Russian shelling of the southern city of Kherson killed a 66-year-old woman overnight, the
regional governor said. Three people were injured, including two teenagers.</p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
</article>
<aside><h3>Related</h3><ul><li><a href="/a">Other story one about markets</a></li></ul></aside>
</main>
<footer><p>© 2025 Example News. All rights reserved.</p></footer>
</body></html>
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- formats ---------------------------------------------------------------------------------


def test_plain_text_title_is_first_short_line_and_not_in_body(tmp_path: Path) -> None:
    path = write(tmp_path, "capture.txt", "Russia Says It Captured Varachyne\n\n" + BODY + "\n")
    article = read_article(path)
    assert article.id == "capture"
    assert article.title == "Russia Says It Captured Varachyne"
    assert article.text.startswith("Russian forces captured the village")
    assert "Russia Says It Captured" not in article.text
    assert article.source == str(path)
    assert article.published is None


def test_plain_text_without_headline_keeps_all_text_and_uses_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, "kherson_shelling.txt", BODY)
    article = read_article(path)
    assert article.text.startswith("Russian forces captured")
    assert article.title == "kherson shelling"


def test_html_main_text_title_and_date_from_metadata(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "page.html", HTML_PAGE))
    assert article.title == "Russia says it captured Varachyne"
    assert article.published == dt.date(2025, 7, 23)
    assert "Varachyne in Ukraine’s Sumy region" in article.text
    assert "Three people were injured" in article.text
    for chrome in ("Home", "Subscribe", "cookies", "Share on Facebook", "All rights reserved",
                   "Other story one"):  # fmt: skip
        assert chrome not in article.text, chrome
    # The title is metadata, not body: it does not open the text.
    assert not article.text.startswith("Russia says it captured")
    # Paragraphs stay apart so sentence splitting sees them.
    assert "\n\n" in article.text


def test_markdown_title_from_first_heading_and_markup_removed(tmp_path: Path) -> None:
    source = (
        "# Shelling in Kherson\n\n"
        "Russian shelling of the *southern* city of [Kherson](https://example.org/kherson)\n"
        "killed a woman overnight, the **regional governor** said.\n\n"
        "## Talks\n\n- Delegations met in `Istanbul` on Wednesday.\n"
        "<script>alert('x')</script>\n"
    )
    article = read_article(write(tmp_path, "shelling.md", source))
    assert article.title == "Shelling in Kherson"
    assert (
        "Russian shelling of the southern city of Kherson killed a woman overnight, "
        "the regional governor said." in article.text
    )
    assert "Delegations met in Istanbul on Wednesday." in article.text
    for markup in ("*", "[", "](", "`", "https://", "alert", "<script"):
        assert markup not in article.text


def test_markdown_front_matter_title_and_date(tmp_path: Path) -> None:
    source = "---\ntitle: Talks in Istanbul\ndate: 2025-07-23\n---\n\n" + BODY
    article = read_article(write(tmp_path, "talks.markdown", source))
    assert article.title == "Talks in Istanbul"
    assert article.published == dt.date(2025, 7, 23)


def test_json_article(tmp_path: Path) -> None:
    record = {"title": "Varachyne captured", "text": BODY, "date": "2025-07-23", "url": "https://x"}
    article = read_article(write(tmp_path, "a.json", json.dumps(record)))
    assert (article.title, article.published, article.url) == (
        "Varachyne captured",
        dt.date(2025, 7, 23),
        "https://x",
    )
    assert article.text.startswith("Russian forces captured")


def test_json_with_many_articles_points_to_batch(tmp_path: Path) -> None:
    path = write(tmp_path, "many.json", json.dumps([{"text": BODY}, {"text": BODY}]))
    with pytest.raises(InputError, match="geomap batch"):
        read_article(path)


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "page.download", HTML_PAGE))
    assert article.title == "Russia says it captured Varachyne"
    assert "<p>" not in article.text


# --- title and date rules --------------------------------------------------------------------


def test_explicit_title_and_date_win(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", HTML_PAGE)
    article = read_article(path, title="My title", date=dt.date(2024, 1, 2))
    assert article.title == "My title"
    assert article.published == dt.date(2024, 1, 2)
    assert read_article(path, date="2024-01-02").published == dt.date(2024, 1, 2)


def test_bad_explicit_date_is_an_input_error() -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        article_from_text(BODY, date="23/07/2025")


@pytest.mark.parametrize(
    "top",
    [
        "July 23, 2025",
        "Published: Wednesday 23 July 2025, 10:42 GMT",
        "2025-07-23",
        "Updated 23rd July 2025",
    ],
)
def test_dateline_at_top_is_the_publication_date(top: str) -> None:
    article = article_from_text(f"Headline about talks\n\n{top}\n\n{BODY}")
    assert article.published == dt.date(2025, 7, 23)
    assert top not in article.text  # the dateline is metadata, not prose
    assert top in article.removed_noise


def test_wire_dateline_gives_date_and_keeps_paragraph() -> None:
    text = "KYIV, July 23, 2025 (Reuters) - " + BODY
    article = article_from_text(text)
    assert article.published == dt.date(2025, 7, 23)
    assert article.text.startswith("KYIV, July 23, 2025")


def test_date_inside_a_sentence_is_not_the_publication_date() -> None:
    text = (
        "Ukrainian forces retook Kherson on November 11, 2022, after months of fighting.\n\n" + BODY
    )
    assert article_from_text(text).published is None


def test_content_hash_id_is_stable() -> None:
    a, b = article_from_text(BODY), article_from_text(BODY)
    assert a.id == b.id and a.id.startswith("text-")
    assert article_from_text(BODY + " More.").id != a.id
    assert article_from_text(BODY, id="given").id == "given"


# --- encodings -------------------------------------------------------------------------------

UKRAINIAN = (
    "Російські війська захопили село Варачине в Сумській області, приблизно за шість кілометрів "
    "від кордону, повідомило міністерство оборони у середу. Обстріл Херсона забрав життя жінки."
)


def test_cp1251_ukrainian_is_detected(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "uk.txt", UKRAINIAN.encode("cp1251")))
    assert "Варачине в Сумській області" in article.text


def test_cp1252_curly_quotes_are_detected_and_kept(tmp_path: Path) -> None:
    text = (
        "Peskov said talks would be “very difficult” and there’s no reason “to hope for miracles”."
    )
    article = read_article(write(tmp_path, "en.txt", text.encode("cp1252")))
    assert "“very difficult”" in article.text
    assert "there’s" in article.text


def test_forced_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, "uk.txt", UKRAINIAN.encode("cp1251"))
    assert "Варачине" in read_article(path, encoding="cp1251").text
    with pytest.raises(InputError, match="cannot be decoded as utf-8"):
        read_article(path, encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding"):
        read_article(path, encoding="no-such-codec")


def test_utf16_with_bom(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "u16.txt", BODY.encode("utf-16")))
    assert "Varachyne" in article.text


def test_undecodable_bytes_name_the_file_and_suggest_encoding(tmp_path: Path) -> None:
    # Valid UTF-8 with one torn multi-byte sequence spread through text that is otherwise
    # unlike any single-byte encoding's prose.
    junk = bytes(range(0x80, 0x100)) * 3 + b"\xff\xfe\xfd" * 50
    path = write(tmp_path, "mojibake.txt", b"text " + junk)
    with pytest.raises(
        InputError, match=r"mojibake\.txt.*(not valid UTF-8 \(try --encoding|binary)"
    ):
        read_article(path)


# --- errors ----------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_article(tmp_path)


@pytest.mark.parametrize("content", ["", "   \n\t\n  \r\n"])
def test_empty_or_whitespace(tmp_path: Path, content: str) -> None:
    with pytest.raises(InputError, match="empty"):
        read_article(write(tmp_path, "empty.txt", content))


def test_only_noise_is_empty(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="only scrape noise"):
        read_article(write(tmp_path, "noise.txt", "0\n38\n\nLeave a Reply\nAdvertisement\n"))


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    png_like = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(InputError, match="binary"):
        read_article(write(tmp_path, "image.txt", png_like))


def test_text_with_a_nul_byte_is_binary(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="NUL"):
        read_article(write(tmp_path, "nul.txt", BODY.encode() + b"\x00" + BODY.encode()))


def test_control_bytes_without_nul_are_binary(tmp_path: Path) -> None:
    data = bytes(b for b in range(1, 32) if b not in (9, 10, 13)) * 200
    with pytest.raises(InputError, match="binary"):
        read_article(write(tmp_path, "ctl.txt", data))


def test_size_limit_is_enforced_and_can_be_raised(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", BODY * 20)
    size = path.stat().st_size
    with pytest.raises(InputError, match="larger than"):
        read_article(path, max_bytes=size - 1)
    assert read_article(path, max_bytes=size).text
    with pytest.raises(InputError, match="larger than"):
        article_from_text(BODY * 20, max_bytes=100)


def test_unknown_format_argument() -> None:
    with pytest.raises(InputError, match="unknown article format"):
        article_from_text(BODY, fmt="docx")


def test_malformed_json_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not valid JSON"):
        read_article(write(tmp_path, "bad.json", '{"text": "unterminated'))
    with pytest.raises(InputError, match="no 'text' field"):
        read_article(write(tmp_path, "notext.json", '{"body": "x"}'))


def test_deeply_nested_html_gives_a_result_or_one_clear_error(tmp_path: Path) -> None:
    html = (
        "<html><body>"
        + "<div>" * 50_000
        + "<p>Shelling hit Kherson overnight.</p>"
        + "</div>" * 50_000
    )
    try:
        article = read_article(write(tmp_path, "deep.html", html))
    except InputError as exc:
        assert "deep.html" in str(exc)
    else:
        assert "Kherson" in article.text


# --- the shared sample ------------------------------------------------------------------------


@pytest.mark.shared
def test_shared_sample_article_is_cleaned() -> None:
    path = shared_path("articles/istanbul-peace-talks.txt")
    article = read_article(path)
    assert article.title == "Russia and Ukraine to Hold Peace Talks in Istanbul"
    assert article.id == "istanbul-peace-talks"
    text = article.text
    assert "Leave a Reply" not in text
    lines = [line.strip() for line in text.split("\n")]
    assert "0" not in lines and "38" not in lines
    assert text.count("arrived in Ankara for bilateral meetings") == 1
    assert "Varachyne" in text and "Sumy region, about 6km (3.7 miles) from the border" in text
    assert "southern Ukrainian city of Kherson killed a 66-year-old woman" in text
    assert "Leave a Reply" in article.removed_noise
    assert {"0", "38"} <= set(article.removed_noise)
    # The lead paragraph that contains the teaser survives whole and in order.
    assert "told Reuters." in text
    assert text.index("A Russian delegation is heading") < text.index("arrived in Ankara")
    assert read_article(path, date="2025-07-23").published == dt.date(2025, 7, 23)
