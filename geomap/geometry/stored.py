"""The compact layers shipped under geomap/data/reference, and how to read them.

tools/build_reference_layers.py writes each layer as integer coordinate deltas and ragged offsets
in one .npz file with a JSON header of properties and build metadata (sources and licences in
geomap/data/reference/NOTICE.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import shapely

from geomap.errors import LayerError

REFERENCE_DIR = Path(__file__).resolve().parents[1] / "data" / "reference"
DATASETS = ("osm", "naturalearth")
Dataset = Literal["osm", "naturalearth"]


@dataclass(slots=True)
class StoredLayer:
    """One stored layer: shapely geometries, their properties, and the build metadata."""

    geoms: np.ndarray
    props: list[dict[str, Any]]
    meta: dict[str, Any]
    _tree: shapely.STRtree | None = None

    @property
    def tree(self) -> shapely.STRtree:
        if self._tree is None:
            self._tree = shapely.STRtree(self.geoms)
        return self._tree


def read_layer(path: Path) -> StoredLayer:
    """Decode a layer written by tools/build_reference_layers.py (integer deltas, ragged arrays)."""
    if not path.exists():
        raise LayerError(
            f"reference layer missing: {path} (reinstall geomap or run the build tool)"
        )
    with np.load(path, allow_pickle=False) as npz:
        header = json.loads(npz["header"].tobytes().decode("utf-8"))
        coords = np.cumsum(npz["coords_delta"], axis=0, dtype=np.int64) / float(header["scale"])
        offsets = []
        while f"offsets{len(offsets)}" in npz.files:
            offsets.append(npz[f"offsets{len(offsets)}"].astype(np.int64))
        kind = shapely.GeometryType(int(npz["geometry_type"]))
    geoms = shapely.from_ragged_array(kind, coords, tuple(offsets))
    return StoredLayer(geoms=geoms, props=header["props"], meta=header["meta"])
