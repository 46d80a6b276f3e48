"""Bytes to text: size bound, binary detection and encoding detection.

Scraped and downloaded articles arrive in whatever encoding the publisher used; cp1251 (Cyrillic)
and cp1252 (Western, with curly quotes as single bytes) are common in this field. UTF-8 is tried
first because it is strict: bytes that decode as UTF-8 almost never are something else. Only when
that fails does charset-normalizer guess, and its guess is used only when it is confident.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from charset_normalizer import from_bytes

from geomap.errors import InputError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Files larger than this are refused unless the caller raises `max_bytes` (CLI: --max-bytes)."""

# charset-normalizer's "chaos" is the share of the decoded text that looks like mojibake; above
# this we would rather ask the user for --encoding than hand on garbled text.
_MAX_CHAOS_PERCENT = 20.0
# Decoded text with more control characters than this is binary that happened to decode.
_MAX_CONTROL_SHARE = 0.10
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a whole input file, refusing missing paths, folders and files over `max_bytes`."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if p.is_dir():
        raise InputError(f"{p}: is a directory, expected an article file")
    check_size(size, max_bytes, str(p))
    try:
        with p.open("rb") as fh:
            # Read one byte past the bound: a file that grew since stat() is still refused.
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    check_size(len(data), max_bytes, str(p))
    return data


def check_size(size: int, max_bytes: int, name: str) -> None:
    if size > max_bytes:
        raise InputError(
            f"{name}: {size / 2**20:.1f} MiB is larger than the {max_bytes / 2**20:g} MiB limit "
            "(raise max_bytes / --max-bytes to read it)"
        )


def decode_bytes(data: bytes, name: str, *, encoding: str | None = None) -> str:
    """Decode article bytes to text, or raise InputError saying why not.

    `encoding` forces a codec. Otherwise: a byte-order mark wins, then strict UTF-8, then a
    confident charset-normalizer guess. NUL bytes without a UTF-16/32 BOM mean a binary file.
    """
    if encoding is not None:
        return _decode_forced(data, name, encoding)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_forced(data, name, codec)
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file (contains NUL bytes), not article text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _guess_decode(data, name)
    _reject_binary_text(text, name)
    return text


def _decode_forced(data: bytes, name: str, encoding: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"{name}: unknown encoding {encoding!r}") from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: cannot be decoded as {encoding} (byte {exc.start}: {exc.reason})"
        ) from None
    _reject_binary_text(text, name)
    return text


def _guess_decode(data: bytes, name: str) -> str:
    best = from_bytes(data).best()
    if best is None or best.percent_chaos > _MAX_CHAOS_PERCENT:
        raise InputError(f"{name}: not valid UTF-8 (try --encoding, e.g. --encoding cp1251)")
    return str(best)


def _reject_binary_text(text: str, name: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    controls = sum(1 for ch in sample if ch < " " and ch not in "\n\r\t\f\v")
    if controls / len(sample) > _MAX_CONTROL_SHARE:
        raise InputError(f"{name}: looks like a binary file (mostly control bytes), not text")
