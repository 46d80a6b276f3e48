"""Reading gazetteer dump files safely: plain or zipped, line-bounded, with line numbers.

GeoNames publishes its dumps as tab-separated text, often zipped (`UA.zip`, `allCountries.zip`).
Every importer reads through `open_dump`, which refuses a truncated or corrupt zip, a zip whose
compression ratio says "bomb", and any line longer than `MAX_LINE_CHARS`, each with a message
that names the file (and the line).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geomap.errors import GazetteerError

MAX_LINE_CHARS = 1_000_000  # the longest real GeoNames row (alternate names of a capital) is ~25k
MAX_ZIP_RATIO = 200  # GeoNames text compresses ~4:1; a ratio in the hundreds is a zip bomb
MAX_UNCOMPRESSED_BYTES = 64 * 1024**3
# Undecodable bytes become lone surrogates (U+DC80..U+DCFF), found per line by `check_utf8`.
_ERRORS = "surrogateescape"
_UNDECODED = re.compile("[\udc80-\udcff]")


@contextmanager
def open_dump(path: str | Path, member: str | None = None) -> Iterator[io.TextIOBase]:
    """Open a dump as UTF-8 text: a .txt file, or the named (else the largest .txt) zip member."""
    path = Path(path)
    if not path.exists():
        raise GazetteerError(f"{path}: no such file")
    if path.is_dir():
        raise GazetteerError(f"{path}: is a directory, not a dump file")
    if zipfile.is_zipfile(path) or path.suffix.lower() == ".zip":
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise GazetteerError(f"{path}: not a readable zip file ({exc})") from None
        with archive:
            info = _pick_member(archive, path, member)
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_ZIP_RATIO or info.file_size > MAX_UNCOMPRESSED_BYTES:
                raise GazetteerError(
                    f"{path}: {info.filename} would expand {ratio:.0f}-fold to "
                    f"{info.file_size:,} bytes; refusing a likely zip bomb"
                )
            with archive.open(info) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", errors=_ERRORS, newline="")
    else:
        with open(path, encoding="utf-8", errors=_ERRORS, newline="") as fh:
            yield fh


def check_utf8(text: str, path: str | Path, number: int) -> None:
    """Raise GazetteerError when `text` (read through `open_dump`) held bytes that are not UTF-8.

    Decoding errors surface here, per line, rather than in the decoder: it decodes thousands of
    lines at a time and would report the first line of the block, not the bad one."""
    bad = _UNDECODED.search(text)
    if bad is not None:
        byte = ord(bad.group()) - 0xDC00
        raise GazetteerError(
            f"{path}:{number}: not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8"
        )


def _pick_member(archive: zipfile.ZipFile, path: Path, member: str | None) -> zipfile.ZipInfo:
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if member is not None:
        for info in infos:
            if info.filename == member or info.filename.endswith("/" + member):
                return info
        raise GazetteerError(f"{path}: no member {member!r} in the zip")
    texts = [i for i in infos if i.filename.lower().endswith(".txt")]
    # GeoNames country zips carry a readme.txt beside the data file.
    data = [i for i in texts if "readme" not in i.filename.lower()] or texts
    if not data:
        raise GazetteerError(f"{path}: the zip holds no .txt data file")
    return max(data, key=lambda i: i.file_size)


def iter_rows(
    path: str | Path,
    columns: int | tuple[int, ...],
    *,
    member: str | None = None,
    skip_comments: bool = False,
) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) for each tab-separated row; a wrong column count, a line over
    MAX_LINE_CHARS, invalid UTF-8 or a truncated archive raise GazetteerError naming the line."""
    allowed = (columns,) if isinstance(columns, int) else columns
    number = 0
    try:
        with open_dump(path, member) as fh:
            while True:
                line = fh.readline(MAX_LINE_CHARS + 1)
                if not line:
                    return
                number += 1
                if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
                    raise GazetteerError(
                        f"{path}:{number}: line longer than {MAX_LINE_CHARS:,} characters"
                    )
                line = line.rstrip("\r\n")
                check_utf8(line, path, number)
                if not line or (skip_comments and line.startswith("#")):
                    continue
                fields = line.split("\t")
                if len(fields) not in allowed:
                    want = " or ".join(str(c) for c in allowed)
                    raise GazetteerError(
                        f"{path}:{number}: expected {want} tab-separated columns, "
                        f"found {len(fields)}"
                    )
                yield number, fields
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{path}:{number + 1}: not valid UTF-8 ({exc.reason})") from None
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as exc:
        raise GazetteerError(
            f"{path}: truncated or corrupt archive near line {number} ({exc})"
        ) from None


def parse_float(
    value: str, path: str | Path, number: int, column: str, lo: float, hi: float
) -> float:
    try:
        result = float(value)
    except ValueError:
        raise GazetteerError(f"{path}:{number}: {column} {value!r} is not a number") from None
    if not lo <= result <= hi:
        raise GazetteerError(f"{path}:{number}: {column} {result} outside {lo}..{hi}")
    return result


def parse_int(
    value: str, path: str | Path, number: int, column: str, lo: int = 0, hi: int = 2**63 - 1
) -> int:
    """An integer column; the default range is what SQLite stores and a count can be (a negative
    or 20-digit population would otherwise fail later, outside the line-numbered checks)."""
    if not value:
        return 0
    try:
        result = int(value)
    except ValueError:
        raise GazetteerError(f"{path}:{number}: {column} {value!r} is not an integer") from None
    if not lo <= result <= hi:
        raise GazetteerError(f"{path}:{number}: {column} {result} outside {lo:,}..{hi:,}")
    return result
