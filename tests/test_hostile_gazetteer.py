"""Hostile gazetteer files and names (issue 10): property tests over the importers' row parsing.

For any rows at all, an import either succeeds or raises GazetteerError naming the file and line;
on failure the store file is byte-for-byte what it was and no temporary copy is left behind.
The importers run on a small store made here with the store's own schema (`Store.edit(fresh=True)`
plus the GeoNames sample): copying the 150 MB default store for each of hundreds of examples
would take minutes. Query safety is checked on the session's default gazetteer.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.errors import GazetteerError
from geomap.gazetteer.importers import (
    import_geonames_files,
    import_overrides_file,
    import_postal_file,
)
from geomap.gazetteer.importers.files import iter_rows
from geomap.gazetteer.store import Store

DATA = Path(__file__).parent / "data" / "geonames"
PROFILE = settings(
    derandomize=True,
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("small-store")
    path = folder / "store.sqlite"
    with Store.edit(path, fresh=True):
        pass
    import_geonames_files(path, DATA / "UA-sample.txt")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_clean_failure_or_success(run, store: Path, source: Path) -> None:
    before = digest(store)
    try:
        run()
    except GazetteerError as exc:
        assert str(exc).startswith(f"{source}:"), exc  # names the file (and the line)
        assert digest(store) == before  # nothing of a failed import is kept
    leftovers = [p.name for p in store.parent.iterdir() if p.name.startswith(".")]
    assert not leftovers, leftovers


# Field values: valid ones, near misses and junk (controls, quotes, SQL, huge numbers, NaN).
_FIELD = st.one_of(
    st.sampled_from(
        [
            "", "0", "1", "-1", "49.5", "36.2", "95", "-181", "nan", "inf", "1e400", "9" * 25,
            "P", "PPL", "A", "ADM1", "UA", "07", "Kharkiv", "Харків", "O'Brien", '"quoted"',
            "100%", "a_b", "x'); DROP TABLE places;--", "\x00", "\x1b[31m", "\u202e", "🎉",
            "١٢", "1_000", " 5 ", "2024-01-01",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12).filter(
        lambda s: "\t" not in s and "\n" not in s and "\r" not in s
    ),
)  # fmt: skip


def _fields(line: str) -> list[str]:
    return line.split("\t")


_GEONAMES_ROW = _fields(
    "90000001\tTest Hamlet\tTest Hamlet\tTestove\t50.9\t34.8\tP\tPPL\tUA\t\t21\t\t\t\t120"
    "\t\t140\tEurope/Kyiv\t2024-01-01"
)
_POSTAL_ROW = _fields("UA\t41000\tTestove\tSumska\t21\tSumskyi\t\t\t\t50.9\t34.8\t4")


def _rows(columns: st.SearchStrategy[int]) -> st.SearchStrategy[str]:
    row = columns.flatmap(lambda n: st.lists(_FIELD, min_size=n, max_size=n)).map("\t".join)
    return st.lists(row, min_size=1, max_size=5).map(lambda rows: "\n".join(rows) + "\n")


def _near_valid_rows(template: list[str]) -> st.SearchStrategy[str]:
    """A valid row with a few fields replaced: reaches the checks past the first column."""

    def mutate(changes: list[tuple[int, str]]) -> str:
        row = list(template)
        for index, value in changes:
            row[index % len(row)] = value
        return "\t".join(row)

    changes = st.lists(st.tuples(st.integers(0, 30), _FIELD), max_size=3)
    return st.lists(changes.map(mutate), min_size=1, max_size=4).map(
        lambda rows: "\n".join(rows) + "\n"
    )


@PROFILE
@given(st.one_of(_near_valid_rows(_GEONAMES_ROW), _rows(st.sampled_from([19, 18, 20]))))
def test_random_geonames_rows_import_or_fail_cleanly(small_store, tmp_path, content) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(content, encoding="utf-8")
    assert_clean_failure_or_success(
        lambda: import_geonames_files(small_store, dump), small_store, dump
    )


@PROFILE
@given(st.one_of(_near_valid_rows(_POSTAL_ROW), _rows(st.sampled_from([12, 11]))))
def test_random_postal_rows_import_or_fail_cleanly(small_store, tmp_path, content) -> None:
    dump = tmp_path / "postal.txt"
    dump.write_text(content, encoding="utf-8")
    assert_clean_failure_or_success(
        lambda: import_postal_file(small_store, dump), small_store, dump
    )


_CSV_FIELD = st.one_of(_FIELD, st.sampled_from([",", '"', '""', "a,b", "|", "x|y|"]))


@PROFILE
@given(
    st.lists(
        st.sampled_from(
            ["place_id", "name", "lat", "lon", "country_code", "kind", "population", "aliases"]
        ),
        min_size=1,
        max_size=6,
        unique=True,
    ),
    st.lists(st.lists(_CSV_FIELD, min_size=1, max_size=7), min_size=1, max_size=4),
)
def test_random_overrides_import_or_fail_cleanly(small_store, tmp_path, header, rows) -> None:
    csv_file = tmp_path / "overrides.csv"
    lines = [",".join(header), *(",".join(r) for r in rows)]
    csv_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_clean_failure_or_success(
        lambda: import_overrides_file(small_store, csv_file), small_store, csv_file
    )


@settings(derandomize=True, max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_give_rows_or_a_line_numbered_error(tmp_path_factory, data: bytes) -> None:
    dump = tmp_path_factory.mktemp("bytes") / "dump.txt"
    dump.write_bytes(data)
    try:
        rows = list(iter_rows(dump, (2, 3)))
    except GazetteerError as exc:
        assert str(exc).startswith(f"{dump}")
        return
    assert all(len(fields) in (2, 3) for _, fields in rows)


def test_bad_bytes_are_reported_at_their_own_line(tmp_path: Path) -> None:
    # The UTF-8 decoder works in 8 KB blocks and used to blame the block's first line (1329).
    lines = [f"{i}\tname{i}\n".encode() for i in range(1, 2001)]
    lines[1499] = b"1500\tbad\xe9name\n"
    dump = tmp_path / "dump.txt"
    dump.write_bytes(b"".join(lines))
    with pytest.raises(GazetteerError, match=r"dump.txt:1500: not valid UTF-8 \(byte 0xe9\)"):
        list(iter_rows(dump, 2))


@pytest.mark.parametrize("population", ["-5", "9" * 25])
def test_out_of_range_population_names_the_line(small_store, tmp_path, population) -> None:
    # A negative population crashed ranking (math domain error), a 25-digit one SQLite
    # (OverflowError): both now fail at the line, before anything is written.
    row = ["1", "A", "A", "", "49.0", "36.2", "P", "PPL", "UA", "", "07", "", "", "", population]
    dump = tmp_path / "dump.txt"
    dump.write_text("\t".join([*row, "", "", "", "2024-01-01"]) + "\n", encoding="utf-8")
    before = digest(small_store)
    with pytest.raises(GazetteerError, match=r"dump.txt:1: population .* outside"):
        import_geonames_files(small_store, dump)
    assert digest(small_store) == before


def test_cp1252_overrides_are_a_clean_error(small_store, tmp_path) -> None:
    csv_file = tmp_path / "overrides.csv"
    csv_file.write_bytes("name,lat,lon,country_code\nCafé “Kyiv”,50.4,30.5,UA\n".encode("cp1252"))
    before = digest(small_store)
    with pytest.raises(GazetteerError, match=r"overrides.csv:2: not valid UTF-8"):
        import_overrides_file(small_store, csv_file)
    assert digest(small_store) == before


@settings(derandomize=True, max_examples=100, deadline=None)
@given(
    st.one_of(
        st.text(max_size=30),
        st.sampled_from(["%", "_", "Kyi%", "K_iv", "' OR '1'='1", '"; DROP TABLE names; --']),
    )
)
def test_any_name_is_just_a_name(gazetteer, name: str) -> None:
    """Bound parameters only: wildcards and quotes in a name match nothing but that name."""
    found = gazetteer.candidates(name)
    assert isinstance(found, list)
    if name in ("%", "_", "Kyi%", "K_iv") or "'" in name or ";" in name:
        assert all(p.name != "Kyiv" for p in found)
