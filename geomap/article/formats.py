"""Turning one input format into raw text plus whatever metadata the format carries.

Each reader returns a `Parsed`: the text still to be cleaned, and title/date/url when the format
states them. HTML goes through trafilatura (main-text extraction, boilerplate removal, metadata
and htmldate), Markdown through python-markdown, JSON is one {"title", "text", "date", ...} object.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from geomap.errors import InputError

FORMATS = ("txt", "html", "md", "json")
_SUFFIX_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
}
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|p|div)\b", re.I)
_MD_SNIFF = re.compile(r"(?:#{1,6} \S|---\n[\w-]+:)")


@dataclass(slots=True)
class Parsed:
    text: str
    title: str = ""
    date: str = ""  # as the source states it; parsed later
    url: str = ""
    site: str = ""
    title_in_text: bool = False  # the text may start with the title line (strip it)


def format_for_suffix(suffix: str) -> str | None:
    return _SUFFIX_FORMATS.get(suffix.lower())


def sniff_format(text: str) -> str:
    """Guess the format of text whose file name does not say it."""
    head = text[:4096].lstrip()
    if head.startswith(("{", "[")):
        return "json"
    if _HTML_SNIFF.search(head):
        return "html"
    if _MD_SNIFF.match(head):
        return "md"
    return "txt"


def parse(text: str, fmt: str, name: str) -> Parsed:
    if fmt == "html":
        return parse_html(text, name)
    if fmt == "md":
        return parse_markdown(text)
    if fmt == "json":
        return parse_json(text, name)
    if fmt == "txt":
        return Parsed(text)
    expected = ", ".join(FORMATS)
    raise InputError(f"{name}: unknown article format {fmt!r} (expected one of {expected})")


# --- HTML -----------------------------------------------------------------------------------


def parse_html(html: str, name: str) -> Parsed:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,  # reader comments are not the article
            include_tables=True,
            # Only metadata-backed dates: a date found somewhere in the body is an event date.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # lxml and trafilatura raise many types on hostile markup
        raise InputError(f"{name}: HTML could not be parsed ({type(exc).__name__})") from None
    body = _field(doc, "text")
    if not body.strip():
        # Pages with too little prose for the main-text heuristics: take the visible text.
        try:
            body = trafilatura.html2txt(html) or ""
        except Exception:
            body = ""
    if not body.strip():
        raise InputError(f"{name}: no article text found in the HTML")
    # trafilatura writes one block per line; blank lines make them paragraphs for the cleaner.
    return Parsed(
        text=body.replace("\n", "\n\n"),
        title=_field(doc, "title"),
        date=_field(doc, "date"),
        url=_field(doc, "url"),
        site=_field(doc, "sitename"),
        title_in_text=True,
    )


def _field(doc: Any, key: str) -> str:
    if doc is None:
        return ""
    value = doc.get(key) if isinstance(doc, dict) else getattr(doc, key, None)
    return value if isinstance(value, str) else ""


# --- Markdown -------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"---[ \t]*\n(?P<body>(?:[^\n]*\n){0,50}?)---[ \t]*\n")
# Inline tokens whose content is article text; emphasis, links and raw HTML only wrap text.
_INLINE_TEXT = frozenset(("text", "code_inline"))
_BREAKS = frozenset(("softbreak", "hardbreak"))
# markdown-it is linear, but at some 50 µs per delimiter: a source with more inline-markup
# characters than this (no real article has them; a hostile one does) is read as plain text so
# that it still finishes in seconds. Markup characters then stay in the text.
_MAX_MARKUP_CHARS = 50_000
_MARKUP_CHARS = "[]*_`<>!\\"


def parse_markdown(source: str) -> Parsed:
    """Markdown to plain paragraphs; the first heading becomes the title (front matter wins).

    markdown-it-py (CommonMark) runs in time linear in the input; python-markdown was dropped
    because a line of 25,000 "[" took it minutes.
    """
    from markdown_it import MarkdownIt

    meta, source = _front_matter(source)
    if sum(source.count(ch) for ch in _MARKUP_CHARS) > _MAX_MARKUP_CHARS:
        return Parsed(source, title=meta.get("title", ""), date=meta.get("date", ""))
    # Raw HTML blocks are markup, not prose; they are skipped below, never shown as text.
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    title = meta.get("title", "")
    blocks: list[str] = []
    heading_open = False
    for token in tokens:
        if token.type == "heading_open":
            heading_open = True
        elif token.type == "heading_close":
            heading_open = False
        elif token.type == "inline":
            text = _inline_text(token.children or [])
            if heading_open and not title:
                title = " ".join(text.split())
            elif text.strip():
                blocks.append(text)
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(token.content.rstrip("\n"))
    return Parsed("\n\n".join(blocks), title=title, date=meta.get("date", ""))


def _inline_text(children: list[Any]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in _INLINE_TEXT:
            parts.append(child.content)
        elif child.type in _BREAKS:
            # A soft break is a wrapped line in the source: a space in the prose.
            parts.append(" " if child.type == "softbreak" else "\n")
    return "".join(parts)


def _front_matter(source: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(source)
    if not match:
        return {}, source
    meta: dict[str, str] = {}
    for line in match.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, source[match.end() :]


# --- JSON -----------------------------------------------------------------------------------


def parse_json(text: str, name: str) -> Parsed:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise InputError(f"{name}: JSON nested too deeply") from None
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if isinstance(data, list):
        raise InputError(
            f"{name}: JSON holds {len(data)} items; one article per file "
            "(use `geomap batch` for many)"
        )
    if not isinstance(data, dict):
        raise InputError(f'{name}: JSON must be an object with a "text" field')
    return parsed_from_record(data, name)


def parsed_from_record(
    record: dict[str, Any],
    name: str,
    *,
    text_field: str = "text",
    title_field: str = "title",
    date_field: str = "date",
) -> Parsed:
    """A JSON object or CSV row as an article; text that is HTML goes through trafilatura."""
    body = record.get(text_field)
    if body is None:
        fields = ", ".join(sorted(map(str, record))[:8]) or "none"
        raise InputError(f"{name}: no {text_field!r} field (fields: {fields})")
    if not isinstance(body, str):
        raise InputError(f"{name}: field {text_field!r} is not text")
    title, date, url = (_str(record.get(k)) for k in (title_field, date_field, "url"))
    if body.lstrip().startswith("<") and _HTML_SNIFF.search(body[:4096]):
        parsed = parse_html(body, name)
        parsed.title = title or parsed.title
        parsed.date = date or parsed.date
        parsed.url = url or parsed.url
        return parsed
    return Parsed(body, title=title, date=date, url=url, site=_str(record.get("source")))


def _str(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)
