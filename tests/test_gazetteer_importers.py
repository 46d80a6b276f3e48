"""GeoNames dump, postal dump and overrides importers, against real-format files.

Every import runs on a private copy of the session's default store, so tests never change it.
"""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import shared_path

from geomap.errors import GazetteerError
from geomap.gazetteer import Gazetteer
from geomap.gazetteer.importers import (
    import_geonames_files,
    import_overrides_file,
    import_postal_file,
)
from geomap.geodesy import geodesic_km
from geomap.records import LatLon

DATA = Path(__file__).parent / "data" / "geonames"
VARACHYNE = LatLon(51.1415, 34.926)


@pytest.fixture()
def store_copy(gazetteer, tmp_path: Path) -> Path:
    target = tmp_path / "store.sqlite"
    shutil.copyfile(gazetteer.path, target)
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lookup(path: Path, name: str, **kw):
    with Gazetteer.open(path, build_if_missing=False) as gz:
        return gz.candidates(name, **kw)


def test_geonames_dump_merges_known_places_and_adds_new_ones(store_copy: Path) -> None:
    before = lookup(store_copy, "Kharkiv", country="UA")
    stats = import_geonames_files(
        store_copy,
        DATA / "UA-sample.txt",
        alternate_names=DATA / "alternateNamesV2-sample.txt",
        admin1_codes=DATA / "admin1Codes-sample.txt",
    )
    assert stats["rows"] == 4
    after = lookup(store_copy, "Kharkiv", country="UA")
    # The same GeoNames id: updated in place, not duplicated.
    ids_before = {p.place_id for p in before}
    ids_after = {p.place_id for p in after}
    assert "geonames:706483" in ids_after and ids_after == ids_before
    hamlet = lookup(store_copy, "Zalesne Test Hamlet")
    assert hamlet and hamlet[0].place_id == "geonames:90000001"
    assert hamlet[0].admin1 == "Sumy" and hamlet[0].source == "geonames-dump"
    # Names from alternateNamesV2, in any script; link rows are not names.
    assert lookup(store_copy, "Test Hamlet")[0].place_id == "geonames:90000001"
    assert lookup(store_copy, "Тестове")[0].place_id == "geonames:90000001"
    assert not lookup(store_copy, "https://example.org/x")


def test_zipped_dump(store_copy: Path, tmp_path: Path) -> None:
    archive = tmp_path / "UA.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(DATA / "UA-sample.txt", "UA.txt")
        zf.writestr("readme.txt", "GeoNames country extract")
    assert import_geonames_files(store_copy, archive)["rows"] == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("706483\tKharkiv\tonly three columns\n", ":5: expected 19"),
        ("1\tA\tA\t\tnorth\t36.2\tP\tPPL\tUA\t\t07\t\t\t\t0\t\t\t\t2024-01-01\n", "latitude"),
        ("1\tA\tA\t\t95.0\t36.2\tP\tPPL\tUA\t\t07\t\t\t\t0\t\t\t\t2024-01-01\n", "outside"),
        ("1\tA\tA\t\t49.0\t36.2\tP\tPPL\tUA\t\t07\t\t\t\tmany\t\t\t\t2024-01-01\n", "population"),
    ],
)
def test_malformed_dump_names_the_line_and_keeps_the_store(
    store_copy: Path, tmp_path: Path, content: str, message: str
) -> None:
    good = (DATA / "UA-sample.txt").read_text(encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(good + content, encoding="utf-8")
    before = digest(store_copy)
    with pytest.raises(GazetteerError, match=message):
        import_geonames_files(store_copy, bad)
    assert digest(store_copy) == before  # the first four good rows were not kept either
    assert not list(tmp_path.glob(".store.sqlite.*"))  # no temporary copy left behind


def test_truncated_zip_and_zip_bomb_are_refused(store_copy: Path, tmp_path: Path) -> None:
    archive = tmp_path / "UA.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(DATA / "UA-sample.txt", "UA.txt")
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(archive.read_bytes()[:-40])
    with pytest.raises(GazetteerError, match="zip|archive"):
        import_geonames_files(store_copy, truncated)
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("allCountries.txt", "\t" * 50_000_000)
    with pytest.raises(GazetteerError, match="zip bomb"):
        import_geonames_files(store_copy, bomb)


def test_huge_line_is_refused(store_copy: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text("x" * 1_500_000 + "\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=":1: line longer"):
        import_geonames_files(store_copy, huge)


def test_postal_dump_places_varachyne_and_merges(store_copy: Path) -> None:
    postal = shared_path("gazetteer/geonames/geonames_postal_codes_UA.txt")
    places_before = Gazetteer.open(store_copy, build_if_missing=False).info()["places"]
    stats = import_postal_file(store_copy, postal)
    assert stats["rows"] > 29_000
    assert stats["merged"] > 0 and stats["added"] > 0
    for spelling in ("Varachyne", "Варачине"):
        best = lookup(store_copy, spelling, country="UA")[0]
        assert geodesic_km(best.point, VARACHYNE) <= 2.0, best
        assert best.uncertainty_km <= 5.0
    # Merged with, not duplicated beside, the settlement the default store already had.
    near = [p for p in lookup(store_copy, "Varachyne") if geodesic_km(p.point, VARACHYNE) < 30]
    assert len(near) == 1, near
    # A city keeps its own GeoNames point (its postal codes average somewhere in town).
    kyiv = lookup(store_copy, "Kyiv", country="UA")[0]
    assert geodesic_km(kyiv.point, LatLon(50.45, 30.52)) < 5
    places_after = Gazetteer.open(store_copy, build_if_missing=False).info()["places"]
    assert places_after - places_before == stats["added"]


def test_overrides_add_alias_and_correct(store_copy: Path, tmp_path: Path) -> None:
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(
        "place_id,name,lat,lon,country_code,kind,aliases\n"
        ",Novyi Testivsk,48.5,37.5,UA,populated_place,Novy Testivsk|Новий Тестівськ\n"
        "geonames:706483,,,,,,Kharkov Test Alias\n"
        "geonames:692194,,50.95,34.85,,,\n",
        encoding="utf-8",
    )
    stats = import_overrides_file(store_copy, overrides)
    assert stats == {"added": 1, "corrected": 1, "aliases": stats["aliases"]}
    added = lookup(store_copy, "Новий Тестівськ")[0]
    assert added.name == "Novyi Testivsk" and added.source == "override"
    assert lookup(store_copy, "Kharkov Test Alias")[0].place_id == "geonames:706483"
    sumy = lookup(store_copy, "Sumy", country="UA")
    corrected = next(p for p in sumy if p.place_id == "geonames:692194")
    assert corrected.point == LatLon(50.95, 34.85)
    assert "override" in corrected.source


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("place_id,name,colour\n", "unknown column"),
        ("name,lat,lon,country_code\nX,95,30,UA\n", ":2: lat"),
        ("name,lat,lon,country_code\nX,45,30,Ukraine\n", "alpha-2"),
        ("name,lat,lon\nX,45,30\n", "country_code"),
        ("name,lat,lon,country_code,kind\nX,45,30,UA,castle\n", "kind"),
    ],
)
def test_malformed_overrides(store_copy: Path, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "o.csv"
    path.write_text(content, encoding="utf-8")
    before = digest(store_copy)
    with pytest.raises(GazetteerError, match=message):
        import_overrides_file(store_copy, path)
    assert digest(store_copy) == before


def test_names_with_quotes_and_percent_are_just_names(store_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(
        'name,lat,lon,country_code\n"Robert\'); DROP TABLE places;--",10,10,NG\n100%,11,11,NG\n',
        encoding="utf-8",
    )
    import_overrides_file(store_copy, path)
    assert lookup(store_copy, "Robert'); DROP TABLE places;--")
    assert lookup(store_copy, "100%")[0].point == LatLon(11.0, 11.0)
    assert not lookup(store_copy, "%")
    assert lookup(store_copy, "Kyiv")  # the table is still there


def test_import_commands(store_copy: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}

    def geomap(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "geomap", "gazetteer", *args],
                              capture_output=True, text=True, env=env, timeout=300)  # fmt: skip

    overrides = tmp_path / "mine.csv"
    overrides.write_text("name,lat,lon,country_code\nNovyi Testograd,48.1,37.2,UA\n")
    done = geomap("import", "overrides", str(overrides), "--gazetteer", str(store_copy))
    assert done.returncode == 0, done.stderr
    assert "1 added" in done.stdout
    assert lookup(store_copy, "Novyi Testograd")[0].source == "override"
    sample = DATA / "UA-sample.txt"
    done = geomap("import", "geonames", str(sample), "--gazetteer", str(store_copy), "--quiet")
    assert done.returncode == 0 and "4 rows" in done.stdout, done.stderr
    broken = tmp_path / "broken.txt"
    broken.write_text("1\tonly\n")
    failed = geomap("import", "geonames", str(broken), "--gazetteer", str(store_copy))
    assert failed.returncode != 0
    assert failed.stderr.strip().count("\n") == 0 and "broken.txt:1" in failed.stderr
