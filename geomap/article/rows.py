"""Batch input: a folder of article files, a JSONL file or a CSV, read one row at a time.

Rows are streamed: a JSONL or CSV file is never loaded whole, so an archive of millions of articles
is read in constant memory. A row that cannot be read (bad JSON, no text, undecodable bytes, an
empty article) becomes an `InputRow` with `error` set instead of an exception, so a batch records
it and goes on.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from geomap.article.decode import DEFAULT_MAX_BYTES
from geomap.article.formats import parsed_from_record
from geomap.article.reader import article_from_text, read_article
from geomap.errors import InputError
from geomap.records import Article

ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm", ".md", ".markdown", ".json")
_MAX_CONSECUTIVE_CSV_ERRORS = 100  # a file that is not CSV at all stops instead of looping


@dataclass(frozen=True, slots=True)
class InputRow:
    """One article of a batch input: either `article` or `error` is set."""

    id: str
    article: Article | None
    error: str | None = None
    location: str = ""  # where it came from: a file path, or "feed.jsonl:12"

    @property
    def ok(self) -> bool:
        return self.article is not None


def iter_input_rows(
    path: str | os.PathLike[str],
    *,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "date",
    title_field: str = "title",
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[InputRow]:
    """Yield the articles of a folder (.txt/.html/.md/.json files, recursively), a .jsonl/.ndjson
    file or a .csv/.tsv file, in a stable order. Raises InputError only when `path` itself is
    unusable (missing, or a file of another type); a bad row is yielded with its error."""
    p = Path(path)
    fields = _Fields(text_field, id_field, date_field, title_field)
    if p.is_dir():
        yield from _folder_rows(p, encoding=encoding, max_bytes=max_bytes)
        return
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".jsonlines"):
        yield from _jsonl_rows(p, fields, encoding=encoding, max_bytes=max_bytes)
    elif suffix in (".csv", ".tsv"):
        yield from _csv_rows(p, fields, encoding=encoding, max_bytes=max_bytes)
    elif suffix in ARTICLE_SUFFIXES:
        yield _file_row(p, p.stem, encoding=encoding, max_bytes=max_bytes)
    else:
        raise InputError(
            f"{p}: batch input must be a folder, a .jsonl file or a .csv file "
            f"(got {suffix or 'no suffix'})"
        )


@dataclass(frozen=True, slots=True)
class _Fields:
    text: str
    id: str
    date: str
    title: str


# --- folders --------------------------------------------------------------------------------


def _folder_rows(folder: Path, *, encoding: str | None, max_bytes: int) -> Iterator[InputRow]:
    files = sorted(
        f
        for f in folder.rglob("*")
        if f.suffix.lower() in ARTICLE_SUFFIXES
        and not any(part.startswith(".") for part in f.relative_to(folder).parts)
        and f.is_file()
    )
    # The id is the path inside the folder without its suffix ("2025/07/kherson"); when two
    # files differ only by suffix ("a.txt", "a.html") the suffix stays in, so ids are unique.
    stems = [f.relative_to(folder).with_suffix("").as_posix() for f in files]
    repeated = {s for s in stems if stems.count(s) > 1} if len(set(stems)) < len(stems) else set()
    for f, stem in zip(files, stems, strict=True):
        row_id = f.relative_to(folder).as_posix() if stem in repeated else stem
        yield _file_row(f, row_id, encoding=encoding, max_bytes=max_bytes)


def _file_row(f: Path, row_id: str, *, encoding: str | None, max_bytes: int) -> InputRow:
    try:
        article = read_article(f, encoding=encoding, max_bytes=max_bytes)
    except InputError as exc:
        return InputRow(row_id, None, str(exc), str(f))
    return InputRow(row_id, _with_id(article, row_id), None, str(f))


def _with_id(article: Article, row_id: str) -> Article:
    from dataclasses import replace

    return article if article.id == row_id else replace(article, id=row_id)


# --- JSONL ----------------------------------------------------------------------------------


def _jsonl_rows(
    path: Path, fields: _Fields, *, encoding: str | None, max_bytes: int
) -> Iterator[InputRow]:
    ids = _IdAllocator(path.stem)
    with path.open("rb") as fh:
        for number, raw in _bounded_lines(fh, max_bytes):
            where = f"{path}:{number}"
            if raw is None:
                yield _error_row(ids, number, where, f"line longer than {max_bytes} bytes")
                continue
            if not raw.strip():
                continue  # blank lines between records are not rows
            yield _jsonl_row(raw, where, number, fields, ids, encoding)


def _jsonl_row(
    raw: bytes, where: str, number: int, fields: _Fields, ids: _IdAllocator, encoding: str | None
) -> InputRow:
    try:
        line = raw.decode(encoding or "utf-8-sig")
    except (UnicodeDecodeError, LookupError):
        given = _id_despite_bad_bytes(raw, fields.id)
        if given:
            return InputRow(ids.given(given), None, f"{where}: {_not_decodable(encoding)}", where)
        return _error_row(ids, number, where, _not_decodable(encoding))
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error_row(ids, number, where, f"not valid JSON ({exc.msg})")
    except RecursionError:
        return _error_row(ids, number, where, "JSON nested too deeply")
    if not isinstance(record, dict):
        return _error_row(ids, number, where, "a JSONL row must be a JSON object")
    return _record_row(record, where, number, fields, ids)


def _id_despite_bad_bytes(raw: bytes, id_field: str) -> str:
    """The row's id when only its text holds undecodable bytes, so the error names the row."""
    try:
        record = json.loads(raw.decode("utf-8", errors="surrogateescape"))
    except (json.JSONDecodeError, RecursionError):
        return ""
    given = record.get(id_field) if isinstance(record, dict) else None
    if given is None or _has_surrogate(str(given)):
        return ""
    return str(given).strip()


def _bounded_lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; None for a line over `max_bytes`, which is skipped in
    chunks so that memory stays bounded by `max_bytes`."""
    number = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (chunk := fh.readline(1 << 20)) and not chunk.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


# --- CSV ------------------------------------------------------------------------------------


def _csv_rows(
    path: Path, fields: _Fields, *, encoding: str | None, max_bytes: int
) -> Iterator[InputRow]:
    # csv refuses fields over 128 KiB by default; an article can be longer. The limit is global
    # to the csv module, so it is only ever raised.
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes))
    ids = _IdAllocator(path.stem)
    codec = encoding or "utf-8-sig"
    # surrogateescape keeps undecodable bytes as lone surrogates, so one bad row is reported
    # as that row's error instead of ending the whole file.
    with path.open(encoding=codec, errors="surrogateescape", newline="") as fh:
        header_sample = fh.read(8192)
        fh.seek(0)
        delimiter = "\t" if path.suffix.lower() == ".tsv" else _sniff_delimiter(header_sample)
        reader = csv.DictReader(fh, delimiter=delimiter)
        if reader.fieldnames is None:
            return
        if fields.text not in reader.fieldnames:
            raise InputError(
                f"{path}: no column {fields.text!r} (columns: {', '.join(reader.fieldnames)}; "
                "choose one with --text-field)"
            )
        consecutive_errors = 0
        while True:
            where = f"{path}:{reader.line_num + 1}"
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                consecutive_errors += 1
                yield _error_row(ids, reader.line_num, where, f"bad CSV ({exc})")
                if consecutive_errors >= _MAX_CONSECUTIVE_CSV_ERRORS:
                    return
                continue
            consecutive_errors = 0
            yield _csv_row(record, where, reader.line_num, fields, ids, encoding)


def _sniff_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _csv_row(
    record: dict[str, Any],
    where: str,
    number: int,
    fields: _Fields,
    ids: _IdAllocator,
    encoding: str | None,
) -> InputRow:
    values = [v for v in record.values() if isinstance(v, str)]
    if any(_has_surrogate(v) for v in values):
        given = record.get(fields.id)
        if isinstance(given, str) and given.strip() and not _has_surrogate(given):
            return InputRow(ids.given(given), None, f"{where}: {_not_decodable(encoding)}", where)
        return _error_row(ids, number, where, _not_decodable(encoding))
    return _record_row(record, where, number, fields, ids)


def _has_surrogate(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value) if not value.isascii() else False


# --- shared ---------------------------------------------------------------------------------


def _error_row(ids: _IdAllocator, number: int, where: str, message: str) -> InputRow:
    return InputRow(ids.fallback(number), None, f"{where}: {message}", where)


def _not_decodable(encoding: str | None) -> str:
    return f"not valid {encoding or 'UTF-8'} (try --encoding)"


def _record_row(
    record: dict[str, Any], where: str, number: int, fields: _Fields, ids: _IdAllocator
) -> InputRow:
    given_id = record.get(fields.id)
    row_id = ids.given(given_id) if given_id not in (None, "") else None
    try:
        parsed = parsed_from_record(
            record, where, text_field=fields.text, title_field=fields.title, date_field=fields.date
        )
        article = article_from_text(
            parsed.text,
            id=row_id,
            title=parsed.title or None,
            date=_row_date(parsed.date),
            source=parsed.site or where,
            url=parsed.url,
        )
    except InputError as exc:
        return InputRow(row_id or ids.fallback(number), None, str(exc), where)
    if row_id is None:
        row_id = ids.content(article.id)
        article = _with_id(article, row_id)
    return InputRow(row_id, article, None, where)


def _row_date(value: str) -> str | None:
    """The row's date when it parses; a malformed date is dropped rather than failing the row."""
    from geomap.article.dates import parse_date_value

    try:
        parsed = parse_date_value(value or None)
    except InputError:
        return None
    return parsed.isoformat() if parsed else None


class _IdAllocator:
    """Ids for rows: the row's own id field, else a content hash; repeats get "-2", "-3"."""

    def __init__(self, stem: str) -> None:
        self._stem = stem
        self._seen: dict[str, int] = {}

    def given(self, value: Any) -> str:
        return self._unique(str(value).strip() or self._stem)

    def content(self, content_id: str) -> str:
        return self._unique(content_id)

    def fallback(self, number: int) -> str:
        return self._unique(f"{self._stem}-line-{number}")

    def _unique(self, base: str) -> str:
        count = self._seen.get(base, 0) + 1
        self._seen[base] = count
        return base if count == 1 else f"{base}-{count}"
