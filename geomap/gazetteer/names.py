"""The romanisations that make every common spelling of a name findable.

Each spelling is indexed under its key (geomap.gazetteer.normalise, the one name normaliser),
so a variant is found as long as some indexed spelling folds to the same key.

Ukrainian names are romanised by the national system of 2010 (Cabinet of Ministers resolution
No. 55, the one Ukrainian road signs, passports and the UN use: Київ -> Kyiv, Варачине ->
Varachyne). No well-kept registry library implements that system (iuliia ships only Russian
schemes, cyrtranslit and unidecode use other conventions), and the official table is short and
positional, so it is written out here. Russian-style spellings of Ukrainian names (Varachino,
Kharkov) come from a Russian reading of the name romanised with iuliia's BGN/PCGN scheme, the
convention of English-language news and older maps.
"""

from __future__ import annotations

import re
from functools import lru_cache

import iuliia
from unidecode import unidecode

from geomap.gazetteer.normalise import APOSTROPHES, normalize_name

# Countries where Arabic is an official language: GeoNames writes their places with the
# article ("Al Qāmishlī", "Ar Raqqah", "Ad Dīwānīyah"), English news mostly without it.
ARABIC_SPEAKING = frozenset(
    [
        "AE",
        "BH",
        "DJ",
        "DZ",
        "EG",
        "EH",
        "IQ",
        "JO",
        "KM",
        "KW",
        "LB",
        "LY",
        "MA",
        "MR",
        "OM",
        "PS",
        "QA",
        "SA",
        "SD",
        "SO",
        "SY",
        "TD",
        "TN",
        "YE",
    ]
)
_ARABIC_ARTICLE = re.compile(
    r"^(?:al|el|ad|adh|ar|as|ash|at|ath|az|an)[\s\-‐‑]+(?=\S{4,})", re.IGNORECASE
)


def without_arabic_article(name: str) -> str | None:
    """ "Al Qāmishlī" -> "Qāmishlī": the name without a romanised Arabic article (with its
    assimilated forms ad-, ar-, as-, ash-...), or None when it has none."""
    stripped = _ARABIC_ARTICLE.sub("", name, count=1)
    return stripped if stripped != name else None


# --- Ukrainian national romanisation (KMU No. 55, 2010) -------------------------------------

# Letters whose romanisation differs at the start of a word: (initial, elsewhere).
_UK_POSITIONAL = {
    "є": ("ye", "ie"),
    "ї": ("yi", "i"),
    "й": ("y", "i"),
    "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
}
_UK_PLAIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ъ": "", "ы": "y", "э": "e", "ё": "io",
}  # fmt: skip
_UK_SILENT = set(APOSTROPHES)


def _uk_letter(prev: str, ch: str, nxt: str) -> str:
    lower = ch.lower()
    if lower in _UK_SILENT:
        return ""
    initial = not prev.isalpha() and prev not in _UK_SILENT
    if lower in _UK_POSITIONAL:
        latin = _UK_POSITIONAL[lower][0 if initial else 1]
    elif lower == "г" and prev.lower() == "з":
        latin = "gh"  # the one digraph rule: зг -> zgh (Zghurivka), to keep it apart from ж
    elif lower in _UK_PLAIN:
        latin = _UK_PLAIN[lower]
    else:
        return ch
    if ch.isupper() and latin:
        # Title-case a digraph at the start of a capitalised word (Щ -> Shch), upper otherwise.
        return latin.upper() if nxt.isupper() else latin[0].upper() + latin[1:]
    return latin


# Cached: the codifier repeats names (Ukraine has ~40 Novoselivkas) and every name is romanised
# for several of its spellings.
@lru_cache(maxsize=1 << 16)
def romanize_uk(text: str) -> str:
    """Ukrainian Cyrillic in the national romanisation of 2010: Варачине -> Varachyne,
    Згурівка -> Zghurivka, Знам'янка -> Znamianka, Київ -> Kyiv. Other characters pass through."""
    out = []
    padded = f" {text} "
    for i in range(1, len(padded) - 1):
        out.append(_uk_letter(padded[i - 1], padded[i], padded[i + 1]))
    return "".join(out)


def russian_reading(uk: str) -> list[str]:
    """Russian-style spellings of a Ukrainian name, as Russian-language maps and older English
    sources write it: the Ukrainian letters that Russian lacks (і, ї, є, ґ) replaced by their
    Russian counterparts, and the neuter place-name endings -ине/-ове/-еве by -ино/-ово/-ево.
    Ukrainian і in a closed final syllable is often Russian о (Харків -> Харьков), so that
    reading is given as a second form. Returns Cyrillic strings, most likely first."""
    base = uk.lower().replace("’", "").replace("'", "").replace("ʼ", "")
    base = base.replace("ї", "и").replace("є", "е").replace("ґ", "г")
    base = re.sub(r"(ин|ов|ев)е\b", lambda m: m.group(1) + "о", base)
    with_i = base.replace("і", "и")
    forms = [with_i]
    closed = re.sub(r"і([бвгджзклмнпрстфхцчшщ]ь?)\b", r"о\1", base)
    if closed != base:
        forms.append(closed.replace("і", "и"))
    return forms


@lru_cache(maxsize=1 << 16)
def romanize_ru(text: str) -> str:
    """Russian Cyrillic romanised by BGN/PCGN (Харьков -> Khar'kov), through iuliia."""
    return iuliia.BGN_PCGN.translate(text)


def ukrainian_variants(uk_name: str) -> dict[str, str]:
    """All spellings under which a Ukrainian (Cyrillic) name is indexed, keyed by normalised form,
    with the scheme each came from: the Cyrillic itself, the national romanisation, a naive
    transliteration (unidecode), and Russian-style readings romanised by BGN/PCGN."""
    return dict(_ukrainian_variants(uk_name))


@lru_cache(maxsize=1 << 16)
def _ukrainian_variants(uk_name: str) -> tuple[tuple[str, str], ...]:
    variants: dict[str, str] = {}

    def add(text: str, scheme: str) -> None:
        key = normalize_name(text)
        if key and key not in variants:
            variants[key] = scheme

    add(uk_name, "cyrillic")
    add(romanize_uk(uk_name), "uk-national-2010")
    for form in russian_reading(uk_name):
        add(form, "cyrillic-ru")
        add(romanize_ru(form), "ru-bgn-pcgn")
    add(unidecode(uk_name), "unidecode")
    return tuple(variants.items())
