"""Country names and demonyms as written in claims -> ISO 3166-1 alpha-2 codes.

"the Russian border", "the border with Russia", "the southern Ukrainian city of": the words come
from the country table (geomap.countries: names, alternative spellings and demonyms of ~250
countries, from the `countryinfo` package), so no list is kept by hand here.
"""

from __future__ import annotations

import re
from functools import cache

from geomap.countries import country_records


def _key(word: str) -> str:
    word = word.replace("’", "'").strip().casefold()
    word = re.sub(r"'s$", "", word)
    return re.sub(r"^the\s+", "", word)


@cache
def _table() -> dict[str, str]:
    names: dict[str, str] = {}
    demonyms: dict[str, tuple[int, str]] = {}
    for country in country_records():
        code = country.code
        spellings = [country.name, *country.alt_spellings]
        demonym = country.demonym
        population = country.population or 0
        if not code or len(code) != 2:
            continue
        for word in spellings:
            # Two- and three-letter codes in altSpellings ("UA", "UKR") are not words of prose.
            if word and len(word) > 3:
                names.setdefault(_key(word), code.upper())
        # A demonym shared by several entries ("American": US and its territories) goes to the
        # most populous one.
        if demonym and len(demonym) > 3:
            key = _key(demonym)
            if key not in demonyms or demonyms[key][0] < population:
                demonyms[key] = (population, code.upper())
    table = {key: code for key, (_, code) in demonyms.items()}
    table.update(names)  # a country's own name wins over another's demonym
    return table


def country_code_for(word: str) -> str | None:
    """'Russian' -> 'RU', 'Ukraine' -> 'UA', "Ukraine's" -> 'UA'; None when not a country word."""
    if not word:
        return None
    return _table().get(_key(word))


def country_codes_in(text: str) -> list[tuple[int, str]]:
    """(offset, code) of every capitalised word or two-word name in `text` naming a country."""
    found: list[tuple[int, str]] = []
    for match in re.finditer(r"[A-Z][\w'’\-]+(?:\s[A-Z][\w'’\-]+)?", text):
        words = match.group(0)
        code = country_code_for(words)
        if code is None and " " in words:
            first = words.split(" ", 1)[0]
            code = country_code_for(first)
        if code is None:
            for part in re.split(r"[-–]", words.split(" ", 1)[0]):
                part_code = country_code_for(part)
                if part_code:
                    found.append((match.start(), part_code))
            continue
        found.append((match.start(), code))
    return found
