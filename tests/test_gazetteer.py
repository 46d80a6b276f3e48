"""The gazetteer: normalisation, romanisation, the store's write API, and lookups in the
embedded default store (built once per session by the `gazetteer` fixture in conftest.py)."""

from __future__ import annotations

import itertools
import json

import pytest

from geomap.errors import GazetteerError
from geomap.gazetteer import Gazetteer, NameEntry, Store, normalize_name
from geomap.gazetteer.names import romanize_uk, russian_reading, ukrainian_variants
from geomap.geodesy import geodesic_km as km_between
from geomap.records import LatLon, Place

# --- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Sums’ka Oblast", "sumska region"),
        ("Sums'ka oblast'", "sumska region"),
        ("Sumy region", "sumy region"),
        ("SUMY  PROVINCE", "sumy region"),
        ("Zaporizhzhia-Oblast", "zaporizhzhia region"),
        ("Ivano-Frankivsk", "ivano frankivsk"),
        ("U.S.", "us"),
        ("Washington, D.C.", "washington dc"),
        ("Łódź", "lodz"),
        ("İstanbul", "istanbul"),
        ("the Black Sea", "black sea"),
        ("Znamʼianka", "znamianka"),
        ("Сумська область", "сумська region"),
    ],
)
def test_normalize_name_folds_spelling_differences(raw: str, key: str) -> None:
    assert normalize_name(raw) == key


def test_normalize_name_keeps_different_names_apart() -> None:
    assert normalize_name("Sumy") != normalize_name("Sumy region")
    assert normalize_name("Kyiv") != normalize_name("Київ")  # scripts meet via the index, not here
    assert normalize_name("") == ""


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Варачине", "Varachyne"),
        ("Київ", "Kyiv"),
        ("Харків", "Kharkiv"),
        ("Запоріжжя", "Zaporizhzhia"),
        ("Згурівка", "Zghurivka"),
        ("Знам’янка", "Znamianka"),
        ("Юнаківка", "Yunakivka"),
        ("Щастя", "Shchastia"),
        ("Їжакевичі", "Yizhakevychi"),
        ("Яготин", "Yahotyn"),
        ("Розгон", "Rozghon"),
    ],
)
def test_ukrainian_national_romanisation(cyrillic: str, latin: str) -> None:
    assert romanize_uk(cyrillic) == latin


def test_russian_style_variants_of_ukrainian_names() -> None:
    assert "варачино" in russian_reading("Варачине")
    assert "харков" in russian_reading("Харків")
    keys = ukrainian_variants("Варачине")
    assert {"varachyne", "varachino", "варачине"} <= set(keys)
    assert keys["varachyne"] == "uk-national-2010"
    assert keys["varachino"] == "ru-bgn-pcgn"


# --- the store's write API ----------------------------------------------------------------------


def _place(place_id: str, name: str, lat: float, lon: float, population: int = 0) -> Place:
    return Place(
        place_id=place_id, name=name, point=LatLon(lat, lon), kind="populated_place",
        country_code="UA", feature_code="PPL", population=population, source="test",
        source_id=place_id,
    )  # fmt: skip


def _small_store(path) -> None:
    with Store.edit(path, fresh=True) as store:
        store.upsert_places(
            [_place("t:1", "Alpha", 50.0, 30.0, 1000), _place("t:2", "Beta", 51, 31)]
        )
        store.add_names([NameEntry("t:1", "Alpha", "preferred"), ("t:2", "Béta-Town", "alternate")])
        store.add_names([("t:unknown", "Nowhere", "alternate")])  # skipped: no such place
        store.record_source(
            "test", description="unit test", licence="none", version="1", places=2, names=2
        )


def test_store_round_trip(tmp_path) -> None:
    path = tmp_path / "small.sqlite"
    _small_store(path)
    with Gazetteer.open(path, build_if_missing=False) as gz:
        assert [p.place_id for p in gz.candidates("ALPHA")] == ["t:1"]
        assert [p.name for p in gz.candidates("beta town")] == ["Beta"]
        assert gz.candidates("Nowhere") == []
        assert gz.get("t:2").point == LatLon(51, 31)
        assert gz.get("t:3") is None
        assert gz.build_id
        info = gz.info()
        assert info["places"] == 2 and info["names"] == 2
        assert info["sources"][0]["name"] == "test"
        assert sorted(gz.iter_names()) == [("alpha", "populated_place", 1000),
                                           ("beta town", "populated_place", 0)]  # fmt: skip


def test_failed_edit_leaves_the_previous_store_intact(tmp_path) -> None:
    path = tmp_path / "small.sqlite"
    _small_store(path)
    before = path.read_bytes()
    with pytest.raises(RuntimeError), Store.edit(path) as store:
        store.upsert_places([_place("t:9", "Gamma", 10, 10)])
        store.add_names([("t:9", "Gamma", "preferred")])
        raise RuntimeError("import failed half-way")
    assert path.read_bytes() == before
    leftovers = [p.name for p in tmp_path.iterdir() if p != path and p.suffix != ".lock"]
    assert leftovers == []  # no temporary copy left behind


def test_successful_edit_updates_and_changes_build_id(tmp_path) -> None:
    path = tmp_path / "small.sqlite"
    _small_store(path)
    with Gazetteer.open(path, build_if_missing=False) as gz:
        old_id = gz.build_id
    with Store.edit(path) as store:
        store.upsert_places([_place("t:1", "Alpha", 50.5, 30.5, 2000)])  # update in place
        store.add_names([("t:1", "Alfa", "alternate")])
    with Gazetteer.open(path, build_if_missing=False) as gz:
        assert gz.build_id != old_id
        (alpha,) = gz.candidates("Alfa")
        assert alpha.point == LatLon(50.5, 30.5) and alpha.population == 2000
        assert {k for k, _ in gz.names_of("t:1")} == {"alpha", "alfa"}


def test_in_place_edit_commits_or_rolls_back(tmp_path) -> None:
    path = tmp_path / "small.sqlite"
    _small_store(path)
    with pytest.raises(ValueError), Store.edit(path, in_place=True) as store:
        store.upsert_places([_place("t:9", "Gamma", 10, 10)])
        raise ValueError("lookup failed")
    with Store.edit(path, in_place=True) as store:
        store.upsert_places([_place("t:8", "Delta", 11, 11)])
        store.add_names([("t:8", "Delta", "online")])
    with Gazetteer.open(path, build_if_missing=False) as gz:
        assert gz.get("t:9") is None
        assert [p.place_id for p in gz.candidates("delta")] == ["t:8"]


def test_names_inserted_with_plain_sql_rank_and_filter_like_others(tmp_path) -> None:
    path = tmp_path / "small.sqlite"
    _small_store(path)
    with Store.edit(path, in_place=True) as store:
        store.upsert_places([_place("t:7", "Epsilon", 12, 12, 5000)])
        store.conn.execute(
            "INSERT INTO names (key, place, bonus, scheme) "
            "SELECT 'alpha', id, 0, 'online' FROM places WHERE place_id = 't:7'"
        )
    with Gazetteer.open(path, build_if_missing=False) as gz:
        # Epsilon (population 5000) now outranks Alpha (1000) under the shared name.
        assert [p.place_id for p in gz.candidates("Alpha", country="UA")] == ["t:7", "t:1"]
        assert ("alpha", "online") in gz.names_of("t:7")


def test_open_without_build_reports_a_missing_store(tmp_path) -> None:
    with pytest.raises(GazetteerError, match="no gazetteer"):
        Gazetteer.open(tmp_path / "absent.sqlite", build_if_missing=False)


def test_open_rejects_a_file_that_is_not_a_store(tmp_path) -> None:
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("not a database")
    with pytest.raises(GazetteerError):
        Gazetteer.open(bogus, build_if_missing=False)


# --- the embedded default store ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Kiev", "Kyiv", "Київ", "Kharkov", "Odessa", "Zaporozhye"])
def test_spelling_variants_find_the_ukrainian_city_first(gazetteer, name: str) -> None:
    best = gazetteer.candidates(name)[0]
    assert best.country_code == "UA"
    assert best.kind == "populated_place"
    assert best.population > 500_000


def test_variants_of_one_city_are_the_same_place(gazetteer) -> None:
    ids = {gazetteer.candidates(n)[0].place_id for n in ("Kiev", "Kyiv", "Київ", "Киев")}
    assert len(ids) == 1


VARACHYNE = LatLon(51.1415, 34.926)  # public knowledge: the village's location


@pytest.mark.parametrize("name", ["Varachyne", "Варачине", "Varachino"])
def test_village_from_katottg_is_placed_honestly(gazetteer, name: str) -> None:
    found = [p for p in gazetteer.candidates(name) if p.country_code == "UA"]
    assert found, name
    village = found[0]
    assert village.admin1_code == "21"  # Sumy Oblast in GeoNames' admin-1 codes
    assert "Sumy" in village.admin1
    assert village.kind == "populated_place"
    assert village.precision in ("point", "settlement", "hromada", "raion")
    assert km_between(village.point, VARACHYNE) <= village.uncertainty_km


@pytest.mark.parametrize(
    "name", ["Sumy region", "Sumy Oblast", "Sumska oblast", "Sums'ka oblast'", "Сумська область"]
)
def test_oblast_under_its_english_and_ukrainian_forms(gazetteer, name: str) -> None:
    best = gazetteer.candidates(name)[0]
    assert (best.kind, best.country_code, best.admin1_code) == ("admin1", "UA", "21")
    assert km_between(best.point, LatLon(50.9, 34.8)) < 150  # inside the oblast, near Sumy


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [
        ("Kherson Oblast", "UA", "admin1"),
        ("Donetsk region", "UA", "admin1"),
        ("California", "US", "admin1"),
        ("Calif.", "US", "admin1"),
        ("Istanbul", "TR", "populated_place"),
        ("Ankara", "TR", "populated_place"),
        ("Ukraine", "UA", "country"),
        ("U.S.", "US", "country"),
        ("USA", "US", "country"),
        ("Britain", "GB", "country"),
        ("U.K.", "GB", "country"),
    ],
)
def test_common_names_rank_the_expected_place_first(gazetteer, name, country, kind) -> None:
    best = gazetteer.candidates(name)[0]
    assert (best.country_code, best.kind) == (country, kind)


def test_ankara_is_the_capital(gazetteer) -> None:
    best = gazetteer.candidates("Ankara")[0]
    assert best.feature_code == "PPLC"
    assert km_between(best.point, LatLon(39.92, 32.85)) < 25


def test_country_point_is_the_countrys_own(gazetteer) -> None:
    ukraine = gazetteer.candidates("Ukraine")[0]
    kyiv = gazetteer.candidates("Kyiv")[0]
    assert km_between(ukraine.point, kyiv.point) > 100  # not placed at its capital
    assert ukraine.uncertainty_km > 300


@pytest.mark.parametrize(
    ("name", "country"), [("Ukrainian", "UA"), ("Russian", "RU"), ("Turkish", "TR"),
                          ("American", "US"), ("British", "GB"), ("Ukrainians", "UA")]
)  # fmt: skip
def test_demonyms_map_to_their_country(gazetteer, name: str, country: str) -> None:
    best = gazetteer.candidates(name)[0]
    assert (best.kind, best.country_code) == ("demonym", country)


@pytest.mark.parametrize(
    ("name", "kind"),
    [("Black Sea", "water"), ("Sea of Azov", "water"), ("Mediterranean", "water"),
     ("Donbas", "region"), ("European Union", "region"), ("North Africa", "region"),
     ("Middle East", "region"), ("Europe", "region")],
)  # fmt: skip
def test_regions_and_water_bodies(gazetteer, name: str, kind: str) -> None:
    assert gazetteer.candidates(name)[0].kind == kind


def test_crimea_is_found(gazetteer) -> None:
    best = gazetteer.candidates("Crimea")[0]
    assert best.country_code == "UA"
    assert km_between(best.point, LatLon(45.0, 34.1)) < 150


def test_filters_by_country_and_admin1(gazetteer) -> None:
    odessa_us = gazetteer.candidates("Odessa", country="US")
    assert odessa_us and all(p.country_code == "US" for p in odessa_us)
    orange = gazetteer.candidates("Orange County", admin1="California")
    assert orange and orange[0].country_code == "US" and orange[0].admin1 == "California"
    assert km_between(orange[0].point, LatLon(33.7, -117.8)) < orange[0].uncertainty_km
    assert gazetteer.candidates("Kharkiv", country="TR") == []


def test_region_word_falls_back_to_the_area(gazetteer) -> None:
    best = gazetteer.candidates("Donbas region")[0]
    assert best.kind == "region" and best.country_code == "UA"


def test_limit_and_ranking_order(gazetteer) -> None:
    found = gazetteer.candidates("Springfield", limit=5)
    assert len(found) == 5
    assert found[0].population >= found[-1].population


def test_iter_names_gives_sorted_distinct_well_formed_rows(gazetteer) -> None:
    rows = list(itertools.islice(gazetteer.iter_names(), 5000))
    keys = [key for key, _, _ in rows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    known = {"country", "admin1", "admin2", "admin3", "populated_place", "region", "water",
             "demonym"}  # fmt: skip
    for key, kinds, population in rows:
        assert key == normalize_name(key)
        assert set(kinds.split(",")) <= known
        assert population >= 0


def test_info_reports_sources_and_size(gazetteer) -> None:
    info = gazetteer.info()
    assert info["size_bytes"] > 1_000_000
    assert info["places_by_kind"]["country"] > 200
    assert info["places_by_kind"]["populated_place"] > 200_000
    assert any("KATOTTG" in s["name"] for s in info["sources"])


# --- command line ---------------------------------------------------------------------------------


def test_cli_lookup_json(gazetteer, capsys) -> None:
    from geomap.cli import main

    code = main(["gazetteer", "lookup", "Kharkov", "--country", "UA", "--json",
                 "--gazetteer", str(gazetteer.path), "--limit", "3"])  # fmt: skip
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["candidates"][0]["name"] == "Kharkiv"
    assert out["candidates"][0]["point"]["lat"] == pytest.approx(50.0, abs=0.2)


def test_cli_lookup_miss_and_info(gazetteer, capsys) -> None:
    from geomap.cli import main

    assert main(["gazetteer", "lookup", "Qzxwv", "--gazetteer", str(gazetteer.path)]) == 1
    assert "no place named" in capsys.readouterr().err
    assert main(["gazetteer", "info", "--gazetteer", str(gazetteer.path)]) == 0
    assert "places" in capsys.readouterr().out


def test_cli_reports_a_bad_store_in_one_line(tmp_path, capsys) -> None:
    from geomap.cli import main

    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("not a database")
    assert main(["gazetteer", "lookup", "Kyiv", "--gazetteer", str(bogus)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("geomap: error:") and "\n" not in err
    assert main(["gazetteer", "build", "--force", "--gazetteer", str(bogus), "--quiet"]) == 2
    assert bogus.read_text() == "not a database"  # never overwrites a file that is not a store


def test_kyiv_region_is_the_oblast_not_the_city(gazetteer) -> None:
    best = gazetteer.candidates("Kyiv region")[0]
    assert best.kind == "admin1" and best.name == "Kyiv Oblast"


def test_a_city_outranks_the_region_named_after_it(gazetteer) -> None:
    for name in ("Kherson", "Sumy", "Kharkiv", "Donetsk"):
        best = gazetteer.candidates(name)[0]
        assert (best.kind, best.country_code) == ("populated_place", "UA"), name


def test_river_and_city_of_one_name(gazetteer) -> None:
    assert gazetteer.candidates("Dnipro")[0].kind == "populated_place"
    assert gazetteer.candidates("Dnieper")[0].kind == "water"
    assert gazetteer.candidates("Dnipro River")[0].kind == "water"


@pytest.mark.parametrize("name", ["W.Va.", "W. Va."])
def test_dotted_abbreviations_in_both_spacings(gazetteer, name: str) -> None:
    best = gazetteer.candidates(name)[0]
    assert (best.kind, best.name) == ("admin1", "West Virginia")


def test_regional_demonyms(gazetteer) -> None:
    ohioans = gazetteer.candidates("Ohioans")[0]
    assert (ohioans.kind, ohioans.country_code, ohioans.admin1) == ("demonym", "US", "Ohio")
    assert gazetteer.candidates("European")[0].kind == "demonym"


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [("Orange County, California", "US", "California"), ("Paris, Texas", "US", "Texas"),
     ("Orange County, Calif.", "US", "California"), ("Kharkiv, Ukraine", "UA", "Kharkiv Oblast")],
)  # fmt: skip
def test_comma_qualified_names(gazetteer, name: str, country: str, admin1: str) -> None:
    best = gazetteer.candidates(name)[0]
    assert (best.country_code, best.admin1) == (country, admin1)


def test_bracketed_qualifiers(gazetteer) -> None:
    best = gazetteer.candidates("Kharkiv (Ukraine)")[0]
    assert (best.name, best.country_code) == ("Kharkiv", "UA")
    paris = gazetteer.candidates("Paris (Texas)")[0]
    assert paris.admin1 == "Texas"
    village = gazetteer.candidates("Варачине (Юнаківська сільська рада)")[0]
    assert village.admin1_code == "21"


def test_washington_dc(gazetteer) -> None:
    for name in ("Washington, D.C.", "Washington DC"):
        best = gazetteer.candidates(name)[0]
        assert (best.feature_code, best.country_code) == ("PPLC", "US")


@pytest.mark.parametrize(
    ("query", "name"),
    [("Zaporozhye", "Zaporizhzhia"), ("Nikolaev", "Mykolaiv"), ("Mykolaiv", "Mykolaiv"),
     ("Kupyansk", "Kupiansk"), ("Severodonetsk", "Siverskodonetsk")],  # renamed in 2024
)  # fmt: skip
def test_ukrainian_cities_carry_their_national_romanisation(gazetteer, query, name) -> None:
    best = gazetteer.candidates(query)[0]
    assert (best.name, best.kind, best.country_code) == (name, "populated_place", "UA")
    assert best.source == "geonames-cities500"  # GeoNames' point, Ukraine's spelling


def test_namesake_region_forms_follow_the_capitals_other_spellings() -> None:
    from geomap.gazetteer.builder.admin import namesake_region_forms

    towns = [["Kharkiv", "Kharkov", "Charkiw", "Харків"], ["Izium", "Izyum"]]
    names = [e.name for e in namesake_region_forms("p", ["Kharkivs'ka Oblast", "Kharkiv"], towns)]
    assert "Kharkov region" in names and "Charkiw region" in names
    assert not any("Izyum" in n or "Харків" in n for n in names)


def test_representative_point_is_the_main_landmass_centre_on_land() -> None:
    from shapely.geometry import MultiPolygon, Polygon, box

    from geomap.gazetteer.points import representative_point

    mainland = box(0, 0, 10, 10)
    island = box(40, 40, 41, 41)
    p = representative_point(MultiPolygon([mainland, island]))
    assert abs(p.lat - 5) < 0.1 and abs(p.lon - 5) < 0.1  # the island does not pull it
    # A C-shaped country whose centroid lies in its bay: the point moves onto the land.
    c_shape = Polygon([(0, 0), (10, 0), (10, 2), (2, 2), (2, 8), (10, 8), (10, 10), (0, 10)])
    q = representative_point(c_shape)
    assert c_shape.contains(box(q.lon - 1e-6, q.lat - 1e-6, q.lon + 1e-6, q.lat + 1e-6))


def test_country_points_follow_geonames_where_the_factbook_differs(gazetteer) -> None:
    from geomap.gazetteer.tables import country_points, read_table

    table = country_points()
    assert {"US", "CA", "JP", "IN"} <= set(table)
    for _, (code, geonameid, *_rest) in read_table("country_points.tsv"):
        country = gazetteer.get(f"geonames:{geonameid}")
        assert country is not None and country.kind == "country", code
        assert country.country_code == code
        assert km_between(country.point, table[code]) < 1, code
    # the demonym follows its country's point
    american = gazetteer.candidates("American")[0]
    assert km_between(american.point, table["US"]) < 1


def test_arab_places_are_found_without_the_article(gazetteer) -> None:
    from geomap.gazetteer.names import without_arabic_article

    assert without_arabic_article("Ar Raqqah") == "Raqqah"
    assert without_arabic_article("Ash-Shaykh Maskin") == "Shaykh Maskin"
    assert without_arabic_article("Aleppo") is None
    assert without_arabic_article("Al Ain") is None  # too short to stand alone
    qamishli = gazetteer.candidates("Qamishli")[0]
    assert qamishli.country_code == "SY"
    assert km_between(qamishli.point, LatLon(37.05, 41.22)) < 10
    # outside Arabic-speaking countries the article is part of the name
    assert all(p.country_code != "US" for p in gazetteer.candidates("Paso"))  # not El Paso, TX


@pytest.mark.parametrize(
    ("name", "country"), [("Sokoto State", "NG"), ("Oaxaca State", "MX"),
                          ("Washington State", "US")]
)  # fmt: skip
def test_state_word_falls_back_to_the_first_level_region(gazetteer, name, country) -> None:
    best = gazetteer.candidates(name)[0]
    assert (best.kind, best.country_code) == ("admin1", country)
    assert gazetteer.candidates("Islamic State") == []


@pytest.mark.parametrize(
    ("name", "target"), [("Serb", "RS"), ("Croat", "HR"), ("Briton", "GB"), ("Finn", "FI")]
)  # fmt: skip
def test_nationality_nouns_are_demonyms(gazetteer, name: str, target: str) -> None:
    best = gazetteer.candidates(name)[0]
    assert (best.kind, best.country_code) == ("demonym", target)


def test_former_states_are_regions(gazetteer) -> None:
    for name in ("Soviet Union", "USSR", "Czechoslovakia", "East Germany"):
        best = gazetteer.candidates(name)[0]
        assert best.kind == "region" and best.feature_code == "PCLH", name


def test_news_region_names_and_their_readings(gazetteer) -> None:
    kinds = {p.country_code: p.kind for p in gazetteer.candidates("SA")}
    assert kinds.get("ZA") == "country" and kinds.get("AU") == "admin1"  # context decides
    arab = gazetteer.candidates("Arab")[0]
    assert arab.kind == "demonym"  # not Arab, Alabama
    assert gazetteer.candidates("the Gulf")[0].name == "Persian Gulf"
    assert gazetteer.candidates("the Americas")[0].kind == "region"
    west_coast = [p for p in gazetteer.candidates("West Coast") if p.country_code == "US"]
    assert west_coast and west_coast[0].kind == "region"


@pytest.mark.parametrize(
    ("name", "expected", "lat", "lon"),
    [("Zmiinyi Island", "Snake Island", 45.26, 30.20),
     ("Kinburn Spit", "Kinburn Spit", 46.56, 31.52), ("the Himalayas", "Himalayas", 29.0, 84.0),
     ("Niger Delta", "Niger Delta", 5.0, 6.2), ("Oahu", "Oahu", 21.47, -157.98)],
)  # fmt: skip
def test_islands_mountains_deserts_and_deltas(gazetteer, name, expected, lat, lon) -> None:
    best = gazetteer.candidates(name)[0]
    assert (best.name, best.kind) == (expected, "landform")
    assert km_between(best.point, LatLon(lat, lon)) < max(5.0, best.uncertainty_km / 10)


def test_same_town_key_folds_postal_spellings() -> None:
    from geomap.gazetteer.builder.us_postal import same_town_key

    assert same_town_key("Saint Marys") == same_town_key("St. Marys")
    assert same_town_key("Mount Pleasant") == same_town_key("Mt Pleasant")
    assert same_town_key("Fort Gibson") != same_town_key("Gibson")


@pytest.mark.parametrize(
    ("name", "admin1", "lat", "lon"),
    [
        # a New England town GeoNames files as a division, not a populated place
        ("Harwinton", "Connecticut", 41.77, -73.06),
        # villages under cities500's 500 people
        ("Meadow Grove", "Nebraska", 42.03, -97.74),
        ("Tennessee Colony", "Texas", 31.83, -95.84),
    ],
)
def test_us_towns_only_the_postal_list_names(gazetteer, name, admin1, lat, lon) -> None:
    town = gazetteer.candidates(name, country="US")[0]
    assert town.kind == "populated_place" and town.admin1 == admin1
    assert town.source == "zipcodes" and town.population == 0
    assert km_between(town.point, LatLon(lat, lon)) < 15


def test_postal_towns_do_not_duplicate_geonames_towns(gazetteer) -> None:
    # Cypress, Texas (GeoNames) has several ZIP codes; the postal list adds no second Cypress
    # there, nor a "Saint Louis" beside St. Louis.
    for name, admin1 in (("Cypress", "Texas"), ("Saint Louis", "Missouri")):
        towns = [
            p
            for p in gazetteer.candidates(name, country="US", limit=50)
            if p.admin1 == admin1 and p.kind == "populated_place"
        ]
        assert towns and all(p.source != "zipcodes" for p in towns), name


@pytest.mark.parametrize(
    ("name", "expected", "kind"),
    [
        ("Loudon Co.", "Loudon County", "admin2"),
        ("Co. Cork", "Cork", "admin1"),
        ("Readington Township", "Readington", "populated_place"),  # named after its town
        ("Czechs", "Czech", "demonym"),
        ("St. Kitts and Nevis", "Saint Kitts and Nevis", "country"),
        ("W. Columbia", "West Columbia", "populated_place"),
        ("West Wales", "Wales", "admin1"),
        ("Northern Europe", "Europe", "region"),
    ],
)
def test_abbreviations_townships_plurals_and_compass_parts(gazetteer, name, expected, kind):
    place = gazetteer.candidates(name)[0]
    assert (place.name, place.kind) == (expected, kind)


def test_abbreviated_names_also_find_the_spelled_out_places(gazetteer) -> None:
    # GeoNames keeps "Mt Pleasant" as an alias of a few towns only; "Mt." finds them all
    pleasant = gazetteer.candidates("Mt. Pleasant", country="US", limit=50)
    assert {"Iowa", "Michigan", "South Carolina"} <= {p.admin1 for p in pleasant}
    # a compass word before a town is part of its name, not a part of it
    assert gazetteer.candidates("West Chester")[0].name == "West Chester"


@pytest.mark.parametrize(
    ("name", "kind", "lat", "lon"),
    [
        ("Lake Ontario", "water", 43.7, -77.9),
        ("Puget Sound", "water", 47.6, -122.5),
        ("Gulf of Alaska", "water", 57.5, -145.0),
        ("River Thames", "water", 51.5, 0.6),
        ("Aleutian Islands", "landform", 52.0, -176.0),
    ],
)
def test_lakes_bays_rivers_and_islands_of_general_news(gazetteer, name, kind, lat, lon) -> None:
    place = gazetteer.candidates(name)[0]
    assert place.kind == kind
    assert km_between(place.point, LatLon(lat, lon)) < 50
