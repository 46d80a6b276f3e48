"""The one country table (geomap/data/countries/countries.tsv) and the stages that read it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from importlib import metadata

import pytest

from geomap.claims.countries import country_code_for
from geomap.countries import country_records, first_record_by_code
from geomap.datafiles import data_path
from geomap.events import countries as event_countries
from geomap.gazetteer.builder.packages import countryinfo_facts
from tests.conftest import REPO


def test_rows_parse_into_typed_records():
    ukraine = first_record_by_code()["UA"]
    assert ukraine.name == "Ukraine" and ukraine.demonym == "Ukrainian"
    assert "Kyiv" in ukraine.capitals
    assert "UKR" in ukraine.alt_spellings
    assert ukraine.latlng is not None and 44 < ukraine.latlng[0] < 53
    assert ukraine.area_km2 is not None and 600_000 < ukraine.area_km2 < 610_000
    assert ukraine.population is not None and ukraine.population > 30_000_000
    # Records without a code are kept (their capitals are capitals) but have no code entry.
    assert any(not r.code for r in country_records())
    assert "" not in first_record_by_code()


def test_the_first_record_of_a_code_is_the_country_itself():
    # The Holy See appears twice in the source; the first row is the one the stages use.
    rows = [r for r in country_records() if r.code == "VA"]
    assert len(rows) >= 2
    assert first_record_by_code()["VA"] is rows[0]


def test_every_stage_reads_the_same_table():
    russia = first_record_by_code()["RU"]
    # claim parser: names, alternative spellings and demonyms
    assert country_code_for(russia.name) == "RU"
    assert country_code_for("Russian Federation") == "RU"
    assert country_code_for(russia.demonym) == "RU"
    # event stage: names, demonyms, capitals
    assert event_countries.code_for(russia.capitals[0]) == "RU"
    assert event_countries.country_name("RU") == russia.name
    # gazetteer build: the country facts
    facts = countryinfo_facts()["RU"]
    assert (facts.name, facts.latlng, facts.demonym) == (russia.name, russia.latlng, "Russian")


def test_a_malformed_row_is_one_clear_error(tmp_path, monkeypatch):
    from geomap import countries
    from geomap.errors import GeomapError

    (tmp_path / "countries").mkdir()
    (tmp_path / "countries" / "countries.tsv").write_text("# header\nUA\tUkraine\n", "utf-8")
    monkeypatch.setattr("geomap.datafiles.data_path", lambda *parts: tmp_path.joinpath(*parts))
    countries.country_records.cache_clear()
    try:
        with pytest.raises(GeomapError, match="countries.tsv line 2"):
            countries.country_records()
    finally:
        countries.country_records.cache_clear()


@pytest.mark.skipif(importlib.util.find_spec("countryinfo") is None, reason="needs countryinfo")
def test_shipped_table_is_what_the_build_script_writes():
    header = data_path("countries", "countries.tsv").read_text("utf-8").splitlines()[0]
    installed = metadata.version("countryinfo")
    if f"package {installed} " not in header:
        pytest.skip(f"table built from another countryinfo than the installed {installed}")
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "build_country_table.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
