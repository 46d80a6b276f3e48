"""Build the Ukrainian and Russian names of countries and first-level regions the recogniser reads.

    python tools/build_cyrillic_lexicon.py     # writes geomap/data/lexicon/{uk,ru}/countries.tsv

Sources, both registry packages: the ISO 3166-1 and 3166-2 names translated by the Debian
iso-codes project (shipped inside `pycountry`, a dependency of `iso3166-2`; LGPL-2.1), and the
Unicode CLDR territory names (shipped inside `babel`; Unicode licence), which add the continents
and world regions and the everyday short forms (Німеччина beside Федеративна Республіка
Німеччина). Each row is `Cyrillic name<TAB>the English name the gazetteer knows<TAB>kind`.
The English side is the CLDR English name for countries and regions and the ISO 3166-2 name
for subdivisions, which the store holds as admin-1 names.
"""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

import babel
import pycountry

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "geomap" / "data" / "lexicon"
LANGUAGES = ("uk", "ru")
# CLDR's world regions worth naming in news (numeric UN M.49 codes), as the store names them.
REGIONS = {
    "002": "Africa",
    "019": "Americas",
    "142": "Asia",
    "150": "Europe",
    "009": "Oceania",
    "021": "North America",
    "005": "South America",
    "145": "Middle East",
    "151": "Eastern Europe",
    "155": "Western Europe",
    "039": "Southern Europe",
    "154": "Northern Europe",
    "035": "Southeast Asia",
    "030": "East Asia",
    "034": "South Asia",
    "143": "Central Asia",
    "013": "Central America",
    "029": "Caribbean",
    "015": "North Africa",
    "EU": "European Union",
}
# Subdivisions of the countries whose news these languages carry.
SUBDIVISION_COUNTRIES = ("UA", "RU", "BY", "MD", "PL", "GE", "KZ")


def rows(lang: str) -> list[tuple[str, str, str]]:
    english = babel.Locale("en").territories
    local = babel.Locale(lang).territories
    iso1 = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    iso2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
    out: dict[str, tuple[str, str, str]] = {}

    def add(name: str, target: str, kind: str) -> None:
        name = name.strip()
        if name and not name.isascii() and name.lower() not in out:
            out[name.lower()] = (name, target, kind)

    for country in pycountry.countries:
        target = english.get(country.alpha_2, country.name)
        add(local.get(country.alpha_2, ""), target, "country")
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                translated = iso1.gettext(value)
                if translated != value:
                    add(translated, target, "country")
    for code, target in REGIONS.items():
        add(local.get(code, ""), target, "region")
    for country in SUBDIVISION_COUNTRIES:
        for sub in pycountry.subdivisions.get(country_code=country) or ():
            if sub.parent_code:
                continue  # first-level units only
            translated = iso2.gettext(sub.name)
            if translated != sub.name:
                add(translated, sub.name, "admin1")
    return sorted(out.values())


# Cities whose relational adjective news uses (московский, київський), as seeds for the
# derivation below; English names as the gazetteer knows them.
CITIES = {
    "uk": {"Київ": "Kyiv", "Москва": "Moscow", "Харків": "Kharkiv", "Львів": "Lviv",
           "Одеса": "Odesa", "Дніпро": "Dnipro", "Донецьк": "Donetsk", "Луганськ": "Luhansk",
           "Херсон": "Kherson", "Запоріжжя": "Zaporizhzhia", "Суми": "Sumy",
           "Лондон": "London", "Париж": "Paris", "Берлін": "Berlin", "Вашингтон": "Washington",
           "Варшава": "Warsaw", "Мінськ": "Minsk", "Бєлгород": "Belgorod", "Курськ": "Kursk"},
    "ru": {"Москва": "Moscow", "Киев": "Kyiv", "Петербург": "Saint Petersburg",
           "Харьков": "Kharkiv", "Львов": "Lviv", "Одесса": "Odesa", "Донецк": "Donetsk",
           "Луганск": "Luhansk", "Херсон": "Kherson", "Белгород": "Belgorod", "Курск": "Kursk",
           "Брянск": "Bryansk", "Лондон": "London", "Париж": "Paris", "Берлин": "Berlin",
           "Вашингтон": "Washington", "Варшава": "Warsaw", "Минск": "Minsk",
           "Нью-Йорк": "New York City", "Токио": "Tokyo", "Пекин": "Beijing", "Рим": "Rome",
           "Новосибирск": "Novosibirsk", "Екатеринбург": "Yekaterinburg", "Казань": "Kazan",
           "Самара": "Samara", "Тамбов": "Tambov", "Сочи": "Sochi"},
}  # fmt: skip
# Adjectives no suffix rule derives (a fact of each language, not a pattern).
IRREGULAR = {
    "uk": {"німецький": "Germany", "французький": "France", "чеський": "Czechia",
           "англійський": "United Kingdom", "британський": "United Kingdom",
           "турецький": "Turkey", "шведський": "Sweden", "грецький": "Greece",
           "польський": "Poland", "данський": "Denmark", "радянський": "Soviet Union",
           "американський": "United States", "італійський": "Italy", "кримський": "Crimea",
           "донбаський": "Donbas", "європейський": "Europe", "московський": "Moscow"},
    "ru": {"немецкий": "Germany", "французский": "France", "чешский": "Czechia",
           "английский": "United Kingdom", "британский": "United Kingdom",
           "турецкий": "Turkey", "шведский": "Sweden", "греческий": "Greece",
           "польский": "Poland", "датский": "Denmark", "советский": "Soviet Union",
           "американский": "United States", "итальянский": "Italy", "крымский": "Crimea",
           "донбасский": "Donbas", "европейский": "Europe", "петербургский": "Saint Petersburg",
           "московский": "Moscow"},
}  # fmt: skip
_SUFFIXES = {
    "uk": (
        "ський",
        "йський",
        "ійський",
        "инський",
        "анський",
        "янський",
        "івський",
        "ейський",
        "цький",
    ),
    "ru": (
        "ский",
        "йский",
        "ийский",
        "инский",
        "анский",
        "янский",
        "овский",
        "евский",
        "ейский",
        "цкий",
    ),
}
_DROP_ENDINGS = ("ія", "ея", "а", "я", "о", "е", "и", "і", "ь", "й")


def adjectives(lang: str, seeds: dict[str, str]) -> dict[str, str]:
    """Relational adjective -> place, derived from each seed name by the suffix rules and kept
    only where the language's dictionary (pymorphy3) knows the adjective."""
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang=lang)
    out: dict[str, str] = {}
    for name, target in seeds.items():
        lower = name.lower()
        if " " in lower:
            continue
        stems = [lower] + [lower[: -len(e)] for e in _DROP_ENDINGS if lower.endswith(e)]
        # The most regular derivation the dictionary knows, one per name (Куба -> кубинский,
        # not the кубанский of the Kuban).
        found = next(
            (
                stem + suffix
                for suffix in _SUFFIXES[lang]
                for stem in stems
                if morph.word_is_known(stem + suffix)
                and any(
                    p.normal_form == stem + suffix and p.tag.POS == "ADJF"
                    for p in morph.parse(stem + suffix)
                )
            ),
            None,
        )
        if found and found not in out:
            out[found] = target
    out.update(IRREGULAR[lang])
    return out


def main() -> int:
    for lang in LANGUAGES:
        path = OUT / lang / "countries.tsv"
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [
            "# Built by tools/build_cyrillic_lexicon.py from pycountry (iso-codes translations)",
            f"# and babel {babel.__version__} (CLDR); see NOTICE.md.",
            "# name\tthe gazetteer's name\tkind",
        ]
        lines = lines[:1] + lines[1:]
        lines += ["\t".join(row) for row in rows(lang)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {path} ({len(lines) - 2} names)")
        seeds = {name: target for name, target, kind in rows(lang) if kind in ("country", "region")}
        seeds.update(CITIES[lang])
        derived = adjectives(lang, seeds)
        path = OUT / lang / "adjectives.tsv"
        lines = [
            "# Built by tools/build_cyrillic_lexicon.py: relational adjectives of countries,",
            "# regions and cities (suffix rules checked against pymorphy3's dictionary, and the",
            "# irregular ones).",
            "# adjective lemma\tthe gazetteer's name",
        ]
        lines += [f"{adj}\t{target}" for adj, target in sorted(derived.items())]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {path} ({len(derived)} adjectives)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
