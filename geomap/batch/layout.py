"""The batch output folder: where each article's files go, what is finished, and the marker.

    DIR/.geomap-batch.json          what this folder holds (input, fields): refuse to mix runs
    DIR/parts/000000/000000042-<key>.json
                                    one per finished article (ok or failed), written atomically
                                    LAST, after the article's own files: its existence is the
                                    "done" mark that `--resume` trusts
    DIR/articles/<key>.geojson      per-article GeoJSON (and <key>.html with --maps)
    DIR/events.csv places.csv claims.csv unresolved.csv merged.geojson errors.csv
                                    merged at the end by streaming over the parts in input order

Parts are sharded by input position (1,000 per folder) so no folder grows huge and the merge
streams one shard at a time in input order.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geomap.errors import InputError
from geomap.fsutil import atomic_write_text, slugify

MARKER = ".geomap-batch.json"
PARTS = "parts"
ARTICLES = "articles"
SHARD_SIZE = 1000
MERGED_FILES = (
    "events.csv",
    "places.csv",
    "claims.csv",
    "unresolved.csv",
    "merged.geojson",
    "errors.csv",
    "summary.json",
)

_PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,79}")
_PART_NAME = re.compile(r"(\d{9,})-(.+)\.json")
_RESERVED = {"con", "prn", "aux", "nul", *(f"{d}{i}" for d in ("com", "lpt") for i in range(10))}


def safe_key(article_id: str) -> str:
    """A file-name-safe key for an article id, stable across runs and distinct for distinct ids.

    A plain lower-case id is used as it is; anything else (slashes, spaces, capitals, which could
    collide on case-insensitive file systems) becomes a slug plus a short hash of the exact id.
    """
    plain = (
        _PLAIN_ID.fullmatch(article_id) is not None
        and article_id.split(".")[0] not in _RESERVED
        and not article_id.endswith((".", "-"))
        and ".." not in article_id
    )
    if plain:
        return article_id
    digest = hashlib.sha1(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slugify(article_id, max_length=60, fallback='article')}-{digest}"


@dataclass(frozen=True, slots=True)
class PartRef:
    seq: int
    key: str
    path: Path


class BatchDir:
    """One batch output folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.parts = root / PARTS
        self.articles = root / ARTICLES

    # ------------------------------------------------------------ starting a run

    def prepare(self, identity: dict[str, Any], *, resume: bool, overwrite: bool) -> None:
        """Create the folder, or check it may be reused; never clobber another run silently."""
        if self.root.exists() and not self.root.is_dir():
            raise InputError(f"--out {self.root} exists and is not a folder")
        marker = self.root / MARKER
        non_empty = self.root.exists() and any(self.root.iterdir())
        if non_empty and overwrite:
            if not marker.exists():
                raise InputError(
                    f"--out {self.root} is not empty and holds no geomap batch; "
                    "refusing to overwrite it (choose an empty or new folder)"
                )
            self.remove_outputs()
        elif non_empty and resume:
            if not marker.exists():
                raise InputError(
                    f"--out {self.root} is not empty and holds no geomap batch to resume"
                )
            previous = json.loads(marker.read_text(encoding="utf-8"))
            if previous != identity:
                raise InputError(
                    f"--out {self.root} holds a batch of {previous.get('input')!r} with other "
                    "options; resume it with the same INPUT and field options, or use a new folder"
                )
            self.remove_temporaries()
        elif non_empty:
            raise InputError(
                f"--out {self.root} is not empty; pass --resume to finish the batch there, "
                "--overwrite to replace it, or choose a new folder"
            )
        self.parts.mkdir(parents=True, exist_ok=True)
        self.articles.mkdir(parents=True, exist_ok=True)
        atomic_write_text(marker, json.dumps(identity, indent=1, sort_keys=True) + "\n")

    def remove_outputs(self) -> None:
        """Remove only what a batch writes, never the user's other files."""
        for folder in (self.parts, self.articles):
            if folder.exists():
                shutil.rmtree(folder)
        for name in (*MERGED_FILES, MARKER):
            (self.root / name).unlink(missing_ok=True)

    def remove_temporaries(self) -> None:
        """Temp files left by a killed run (atomic writes that never got renamed)."""
        for folder in (self.parts, self.articles, self.root):
            if not folder.exists():
                continue
            for dirpath, _dirs, files in os.walk(folder):
                for name in files:
                    if name.startswith(".") and name.endswith(".tmp"):
                        Path(dirpath, name).unlink(missing_ok=True)
                if folder == self.root:
                    break

    # ------------------------------------------------------------ parts

    def part_path(self, seq: int, key: str) -> Path:
        return self.parts / f"{seq // SHARD_SIZE:06d}" / f"{seq:09d}-{key}.json"

    def article_path(self, key: str, suffix: str) -> Path:
        return self.articles / f"{key}{suffix}"

    def iter_parts(self) -> Iterator[PartRef]:
        """Every finished article's part, in input order, one shard in memory at a time."""
        if not self.parts.exists():
            return
        for shard in sorted(p for p in self.parts.iterdir() if p.is_dir()):
            for name in sorted(os.listdir(shard)):
                match = _PART_NAME.fullmatch(name)
                if match:
                    yield PartRef(int(match.group(1)), match.group(2), shard / name)

    def finished_keys(self) -> set[str]:
        return {ref.key for ref in self.iter_parts()}

    def write_part(self, seq: int, key: str, part: dict[str, Any]) -> Path:
        path = self.part_path(seq, key)
        atomic_write_text(path, json.dumps(part, ensure_ascii=False, default=json_default))
        return path


def json_default(value: Any) -> Any:
    """numpy scalars and dates that pandas hands back in table rows."""
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
