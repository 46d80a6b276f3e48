"""Hostile user layers (issue 10): malformed GeoJSON is a LayerError, never a traceback.

test_geometry.py covers swapped axes, out-of-range coordinates and self-intersections; these are
the structural breakages a downloaded or hand-edited file can have, plus a fuzz over structures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.errors import LayerError
from geomap.geometry import load_user_layer


def feature_collection(geometry, properties=None) -> str:
    feature = {"type": "Feature", "properties": properties or {}, "geometry": geometry}
    return json.dumps({"type": "FeatureCollection", "features": [feature]})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"type":"Point","coordinates":' + "[" * 100_000 + "]" * 100_000 + "}", "too deeply"),
        (feature_collection({"type": "Circle", "coordinates": [36, 49]}), "malformed geometry"),
        (feature_collection({"type": "Point", "coordinates": [36]}), "non-numeric"),
        # Found by tools/fuzz.py: a number then a non-number (was TypeError/ValueError).
        ('{"type":"Point","coordinates":[false,{}]}', "non-numeric"),
        ('{"type":"Point","coordinates":[36,[]]}', "non-numeric"),
        ('{"type":"Point","coordinates":[36,""]}', "non-numeric"),
        ('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":[1,2]}]}', "object"),
        ('{"type":"Point","coordinates":[NaN,49]}', "non-numeric"),
        (feature_collection({"type": "Polygon", "coordinates": [[[36, 49], [37, 50]]]}), "4 coord"),
    ],
)
def test_malformed_layers_are_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "layer.geojson"
    path.write_text(text)
    with pytest.raises(LayerError, match=message):
        load_user_layer(path, "front")


def test_odd_but_harmless_members_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "layer.geojson"
    data = json.loads(feature_collection({"type": "Point", "coordinates": [36.25, 49.98]}))
    data["crs"] = "EPSG:4326"  # a string where GeoJSON 2008 had an object
    data["features"][0]["properties"] = [1, 2]  # not an object: dropped, not a crash
    path.write_text(json.dumps(data))
    layer = load_user_layer(path, "front")
    assert layer.features[0][0] == {}


_JSON = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["type", "coordinates", "geometry", "features", "properties", "crs"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)
_TYPES = st.sampled_from(
    ["FeatureCollection", "Feature", "Point", "LineString", "Polygon", "MultiPolygon", "X"]
)


@settings(derandomize=True, max_examples=100, deadline=None)
@given(_TYPES, _JSON, _JSON)
def test_any_structure_gives_a_layer_or_a_layer_error(tmp_path_factory, kind, a, b) -> None:
    data = {"type": kind, "coordinates": a, "features": [{"type": "Feature", "geometry": b}]}
    path = tmp_path_factory.mktemp("fuzz") / "layer.geojson"
    path.write_text(json.dumps(data))
    try:
        layer = load_user_layer(path, "front")
    except LayerError:
        return
    assert layer.geometry.is_valid
