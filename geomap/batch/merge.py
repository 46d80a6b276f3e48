"""The merged outputs, built by streaming over the finished parts in input order.

Nothing is held per article but its key (to skip a duplicate part): each part is read, its rows
written, and dropped, so merging a million articles takes the memory of one.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import IO, Any

from geomap.batch.layout import BatchDir, PartRef
from geomap.fsutil import atomic_writer

ERROR_COLUMNS = ["article_id", "reason"]


def table_columns() -> dict[str, list[str]]:
    from geomap.export import CLAIM_COLUMNS, EVENT_COLUMNS, PLACE_COLUMNS, UNRESOLVED_COLUMNS

    return {
        "events": EVENT_COLUMNS,
        "places": PLACE_COLUMNS,
        "claims": CLAIM_COLUMNS,
        "unresolved": UNRESOLVED_COLUMNS,
    }


@dataclass
class MergeCounts:
    articles: int = 0
    failed: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    features: int = 0
    missing_geojson: list[str] = field(default_factory=list)


def iter_part_documents(batch: BatchDir) -> Iterator[tuple[PartRef, dict[str, Any]]]:
    """Each finished article's part once (a duplicate key from an older run is skipped)."""
    seen: set[str] = set()
    for ref in batch.iter_parts():
        if ref.key in seen:
            continue
        seen.add(ref.key)
        with open(ref.path, encoding="utf-8") as fh:
            yield ref, json.load(fh)


def merge_outputs(batch: BatchDir) -> MergeCounts:
    """Write events/places/claims/unresolved.csv, errors.csv and merged.geojson under DIR."""
    columns = table_columns()
    counts = MergeCounts(rows=dict.fromkeys(columns, 0))
    root = batch.root
    with ExitStack() as stack:
        writers = {}
        for name, cols in columns.items():
            fh = stack.enter_context(atomic_writer(root / f"{name}.csv", "w", encoding="utf-8"))
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(cols)
            writers[name] = (writer, cols)
        errors_fh = stack.enter_context(atomic_writer(root / "errors.csv", "w", encoding="utf-8"))
        errors = csv.writer(errors_fh, lineterminator="\n")
        errors.writerow(ERROR_COLUMNS)
        geojson = stack.enter_context(_GeoJSONStream(stack, root / "merged.geojson"))

        for ref, part in iter_part_documents(batch):
            if part.get("status") != "ok":
                counts.failed += 1
                errors.writerow([part.get("id", ref.key), part.get("reason", "")])
                continue
            counts.articles += 1
            for name, rows in part.get("tables", {}).items():
                if name not in writers:
                    continue
                writer, cols = writers[name]
                for row in rows:
                    writer.writerow([row.get(c) for c in cols])
                counts.rows[name] += len(rows)
            path = batch.article_path(ref.key, ".geojson")
            if not path.exists():
                counts.missing_geojson.append(part.get("id", ref.key))
                continue
            with open(path, encoding="utf-8") as fh:
                counts.features += geojson.add(json.load(fh))
    return counts


class _GeoJSONStream:
    """One FeatureCollection written feature by feature, with the `articles` and `unresolved`
    members of `geomap.export.merge_geojson` spooled to temp files and appended at the end."""

    def __init__(self, stack: ExitStack, path: Any) -> None:
        self.fh: IO[str] = stack.enter_context(atomic_writer(path, "w", encoding="utf-8"))
        # Spooled members are appended after the features (GeoJSON wants them in one object).
        self.articles = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))  # noqa: SIM115
        self.unresolved = stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8"))  # noqa: SIM115
        self._first = {"features": True, "articles": True, "unresolved": True}

    def __enter__(self) -> _GeoJSONStream:
        self.fh.write('{"type": "FeatureCollection", "features": [\n')
        return self

    def add(self, document: dict[str, Any]) -> int:
        features = document.get("features", [])
        for feature in features:
            self._item(self.fh, "features", feature)
        if document.get("article") is not None:
            self._item(self.articles, "articles", document["article"])
        for entry in document.get("unresolved", []):
            self._item(self.unresolved, "unresolved", entry)
        return len(features)

    def _item(self, fh: IO[str], member: str, value: Any) -> None:
        fh.write("" if self._first[member] else ",\n")
        self._first[member] = False
        fh.write(json.dumps(value, ensure_ascii=False, allow_nan=False))

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is not None:
            return
        for member, spool in (("articles", self.articles), ("unresolved", self.unresolved)):
            self.fh.write(f'\n],\n"{member}": [\n')
            spool.seek(0)
            while chunk := spool.read(1 << 20):
                self.fh.write(chunk)
        self.fh.write("\n]}\n")
