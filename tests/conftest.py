"""Shared fixtures: the real shared data (skipped when absent), one gazetteer per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def shared_dir() -> Path:
    """`../shared` beside the checkout, or $GEOMAP_SHARED."""
    return Path(os.environ.get("GEOMAP_SHARED", REPO.parent / "shared"))


def shared_path(relative: str) -> Path:
    """Path of a file under shared/data; skips the calling test with a reason when it is absent."""
    path = shared_dir() / "data" / relative
    if not path.exists():
        pytest.skip(f"shared data not available: {path} (set GEOMAP_SHARED to its folder)")
    return path


@pytest.fixture(scope="session")
def gazetteer():
    """The embedded default gazetteer, built once (at the default store path) and reused.

    Building it is the slow part of the suite, so every test module shares this one store.
    Set GEOMAP_GAZETTEER to put it elsewhere.
    """
    from geomap.gazetteer import Gazetteer

    gz = Gazetteer.open(build_if_missing=True)
    yield gz
    gz.close()


@pytest.fixture(scope="session")
def sample_article_path() -> Path:
    return shared_path("articles/istanbul-peace-talks.txt")
