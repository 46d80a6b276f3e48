"""Atomic file output and safe file names.

Outputs are written to a temporary file in the target folder and renamed into place, so a failed or
interrupted run never leaves a half-written file or clobbers a good one.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_WINDOWS_RESERVED = {
    "con", "prn", "aux", "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}  # fmt: skip


@contextmanager
def atomic_writer(
    path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8"
) -> Iterator:
    """Open a temp file beside `path`; on success rename it over `path`, on error delete it."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    with atomic_writer(path, "w") as fh:
        fh.write(text)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_writer(path, "wb") as fh:
        fh.write(data)


def slugify(text: str, *, max_length: int = 80, fallback: str = "article") -> str:
    """A file-name-safe slug: ASCII letters, digits and hyphens, never a path or reserved name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    if not slug or slug in _WINDOWS_RESERVED:
        # The fallback (often a file name) gets the same treatment: it may be "CON" or "..".
        safe = fallback if fallback == "article" else slugify(fallback, max_length=max_length)
        slug = f"{safe[: max_length - len(slug) - 1].rstrip('-')}-{slug}" if slug else safe
    return slug
