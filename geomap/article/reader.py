"""Reading one article: a file or a string in, a cleaned `Article` out.

Title and text: the title is kept in `Article.title` and removed from `Article.text`, so the
body is what later stages analyse and every offset they record points into `Article.text`. The
title comes from the caller, else from the format's metadata (HTML <title>/og:title, Markdown's
first heading or front matter, a JSON "title" field), else from a short first line that reads as
a headline. A file without any of these gets its file name as title.

Date: the caller's `date` wins, then the format's metadata (HTML meta tags via htmldate, front
matter, a JSON "date" field), then a dateline at the top of the text; otherwise None. A date in
the middle of a sentence is never taken as the publication date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from pathlib import Path

from geomap.article.clean import clean_text, normalise
from geomap.article.dates import dateline_date, parse_date_value
from geomap.article.decode import DEFAULT_MAX_BYTES, check_size, decode_bytes, read_bytes
from geomap.article.formats import Parsed, format_for_suffix, parse, sniff_format
from geomap.errors import InputError
from geomap.records import Article

_MAX_TITLE_CHARS = 150
_MAX_TITLE_WORDS = 25
_NOT_TITLE_END = tuple(".,;:")


def read_article(
    path: str | os.PathLike[str],
    *,
    date: dt.date | str | None = None,
    title: str | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read an article file (.txt/.text, .html/.htm, .md/.markdown, .json; others are sniffed).

    Raises InputError with one clear message for a missing file, a folder, a file over
    `max_bytes` (50 MB by default), a binary file, undecodable bytes or an empty article.
    """
    p = Path(path)
    data = read_bytes(p, max_bytes=max_bytes)
    text = decode_bytes(data, str(p), encoding=encoding)
    fmt = format_for_suffix(p.suffix) or sniff_format(text)
    article = article_from_text(
        text,
        id=p.stem or p.name,
        title=title,
        date=date,
        fmt=fmt,
        source=str(p),
        max_bytes=max_bytes,
    )
    if not article.title:
        article = _with_title(article, re.sub(r"[-_]+", " ", p.stem).strip())
    return article


def article_from_text(
    text: str,
    *,
    id: str | None = None,  # noqa: A002 - the public name other stages use
    title: str | None = None,
    date: dt.date | str | None = None,
    fmt: str = "txt",
    source: str = "",
    url: str = "",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Clean `text` (in format `fmt`: txt, html, md, json or "auto") into an `Article`.

    Without an `id`, the id is a hash of the text, so the same text always gets the same id.
    """
    name = source or (f"article {id}" if id else "article text")
    if not isinstance(text, str):
        raise InputError(f"{name}: article text must be a string, not {type(text).__name__}")
    check_size(len(text), max_bytes, name)
    explicit_date = parse_date_value(date, what="--date") if date is not None else None
    if fmt == "auto":
        fmt = sniff_format(text)
    if not text.strip():
        raise InputError(f"{name}: article is empty (no text, or only whitespace)")
    parsed = parse(text, fmt, name)
    cleaned = clean_text(parsed.text)
    if not cleaned.text:
        what = "only scrape noise" if cleaned.removed else "no text, or only whitespace"
        raise InputError(f"{name}: article is empty ({what})")
    body, found_title = _split_title(cleaned.text, title or normalise(parsed.title).strip())
    removed = list(cleaned.removed_texts)
    published = explicit_date or _metadata_date(parsed)
    if published is None:
        body, published, date_line = _take_dateline(body)
        if date_line:
            removed.append(date_line)
    if not body:
        raise InputError(f"{name}: article has a title but no body text")
    return Article(
        id=id if id else _content_id(text),
        title=title or found_title,
        text=body,
        published=published,
        source=source or parsed.site,
        url=url or parsed.url,
        removed_noise=tuple(removed),
    )


def _split_title(text: str, known_title: str) -> tuple[str, str]:
    """(body, title): drop the first line when it is the known title or reads as a headline."""
    first, _, rest = text.partition("\n")
    rest = rest.lstrip("\n")
    if known_title:
        if _same_words(first, known_title) and rest:
            return rest, known_title
        return text, known_title
    if rest and _looks_like_title(first):
        return rest, first.strip()
    return text, ""


def _same_words(a: str, b: str) -> bool:
    return len(a) < 4 * _MAX_TITLE_CHARS and a.casefold().split() == b.casefold().split()


def _looks_like_title(line: str) -> bool:
    line = line.strip()
    words = line.split()
    return (
        0 < len(line) <= _MAX_TITLE_CHARS
        and len(words) <= _MAX_TITLE_WORDS
        and any(ch.isalpha() for ch in line)
        and not line.endswith(_NOT_TITLE_END)
    )


def _metadata_date(parsed: Parsed) -> dt.date | None:
    try:
        return parse_date_value(parsed.date or None)
    except InputError:
        return None  # a malformed date in someone else's metadata is no reason to refuse


def _take_dateline(body: str) -> tuple[str, dt.date | None, str]:
    found = dateline_date(body)
    if found is None:
        return body, None, ""
    published, line = found
    if not line:
        return body, published, ""
    start = body.find(line)
    without = (body[:start] + body[start + len(line) :]).strip("\n")
    without = re.sub(r"\n{3,}", "\n\n", without, count=1)
    return (without, published, line) if without.strip() else (body, published, "")


def _content_id(text: str) -> str:
    # The raw text, not a normalised copy: hashing must stay cheap on a 50 MB input.
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"text-{digest[:16]}"


def _with_title(article: Article, title: str) -> Article:
    from dataclasses import replace

    return replace(article, title=title)
