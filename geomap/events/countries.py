"""Country names, demonyms and capitals, for naming actors ("Russian shelling" -> Russia).

The table is the package's country table (geomap.countries, from the `countryinfo` package, MIT:
name, alternative spellings, demonym and capital for 250 countries), so no list is typed in here.
Capitals matter because news names a government by its seat ("Kyiv is ready to ...", "the Kremlin
said"); the resolver adds any further capital it meets through `capital_codes_from_resolutions`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from geomap import lexicon as word_lists
from geomap.countries import country_records
from geomap.records import Resolution

# Seats of power named by a building rather than a city: not in any country table.
_SEAT_METONYMS = {form: country for form, _, country in word_lists.rows("seats_of_power")}

# Everyday short forms that the table spells only as codes or not at all.
_EXTRA_NAMES = {
    "U.S.": "US",
    "US": "US",
    "USA": "US",
    "America": "US",
    "UK": "GB",
    "Britain": "GB",
    "Türkiye": "TR",
    "Kiev": "UA",
}


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str
    demonym: str


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, Country], dict[str, str]]:
    """(code -> Country, surface form -> code) for names, demonyms and capitals."""
    by_code: dict[str, Country] = {}
    forms: dict[str, str] = {}
    for info in country_records():
        code, name = info.code, info.name
        if not code or not name:
            continue
        demonym = info.demonym
        by_code[code] = Country(code, name, demonym)
        candidates = [name, demonym, *info.capitals]
        # Latin alternative spellings ("Russian Federation"); skip codes and native scripts.
        candidates += [s for s in info.alt_spellings if _is_plain_name(s)]
        for form in candidates:
            if form and form not in forms:
                forms[form] = code
    for form, code in {**_EXTRA_NAMES, **_SEAT_METONYMS}.items():
        forms.setdefault(form, code)
    return by_code, forms


def _is_plain_name(text: str) -> bool:
    return len(text) > 3 and not text.isupper() and bool(re.fullmatch(r"[A-Za-z .'-]+", text))


def is_country_name(form: str) -> bool:
    """True for a country's own name ("Russia", "Russian Federation"), not a demonym or seat."""
    found = country(code_for(form))
    if found is None:
        return False
    stripped = form.strip()
    return stripped == found.name or (
        stripped not in _SEAT_METONYMS
        and stripped != found.demonym
        and stripped.rstrip("s") != found.demonym
        and not _is_capital(stripped)
    )


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    out: set[str] = {"Kiev"}
    for info in country_records():
        out.update(info.capitals)
    return frozenset(out)


def _is_capital(form: str) -> bool:
    return form in _capitals()


def country(code: str) -> Country | None:
    return _table()[0].get(code.upper())


def country_name(code: str) -> str:
    found = country(code)
    return found.name if found else code


def code_for(form: str) -> str:
    """ISO code for a country name, demonym, capital or seat metonym ("" when unknown)."""
    forms = _table()[1]
    form = form.strip()
    if form in forms:
        return forms[form]
    if form.endswith("s") and form[:-1] in forms:  # "Russians", "Ukrainians"
        return forms[form[:-1]]
    return ""


@lru_cache(maxsize=1)
def surface_pattern() -> re.Pattern[str]:
    """One regex matching any known country form as a whole word (longest first)."""
    forms = sorted(_table()[1], key=len, reverse=True)
    alternation = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"(?<![\w-])(?:{alternation})s?(?![\w-])")


def capital_codes_from_resolutions(resolutions: Iterable[Resolution]) -> dict[str, str]:
    """Surface forms of capitals the resolver found ("Kiev" -> UA via GeoNames PPLC)."""
    out: dict[str, str] = {}
    for res in resolutions:
        place = res.place
        if place is not None and place.feature_code == "PPLC" and place.country_code:
            out[res.mention.text] = place.country_code
    return out
