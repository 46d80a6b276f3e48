"""Name normalisation and the romanisations that make every common spelling findable.

`normalize_name` is the one key both the store's name index and every query go through, so a
variant is found as long as both sides fold to the same string. It folds case, diacritics,
apostrophes, hyphens, dots and spaces, and gives the many words for a first-level region
("oblast", "province", "governorate", "region") one canonical form, so "Sumy Oblast", "Sumy
region" and "Sums'ka oblast'" meet the names the store keeps for the oblast.

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
import unicodedata
from functools import lru_cache

import iuliia
from unidecode import unidecode

# Every word news and official lists use for a first-level region, folded into one token so
# "Sumy Oblast" and "Sumy region" are the same key. "obl" is the common abbreviation.
REGION_WORDS = (
    "region", "oblast", "obl", "province", "governorate", "oblasti", "область", "обл",
)  # fmt: skip
REGION_TOKEN = "region"

_APOSTROPHES = "'’ʼ‘`´ʹ′"
_DROP = str.maketrans("", "", _APOSTROPHES + ".")
# Latin letters that Unicode does not decompose into base + mark.
_LATIN_EXTRA = str.maketrans(
    {"ø": "o", "đ": "d", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th", "ħ": "h"}
)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/,;:()\[\]\"“”«»]+")
_REGION_SUFFIX = re.compile(r" (?:" + "|".join(re.escape(w) for w in REGION_WORDS) + r")$")


# Combining marks (accents, diaeresis, breve...) left after NFKD decomposition.
_COMBINING = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


@lru_cache(maxsize=1 << 17)
def normalize_name(text: str) -> str:
    """The lookup key of a place name: casefolded, without diacritics, apostrophes or dots,
    hyphens and runs of spaces turned into one space, a leading "the" dropped, and a trailing
    region word ("oblast", "province", "governorate", "region") made "region".

    >>> normalize_name("Sums’ka Oblast")
    'sumska region'
    >>> normalize_name("Zaporizhzhia-Oblast")
    'zaporizhzhia region'
    >>> normalize_name("U.S.")
    'us'
    """
    folded = text.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded)).translate(_LATIN_EXTRA)
    folded = _SEPARATORS.sub(" ", folded.translate(_DROP)).strip()
    if folded.startswith("the ") and len(folded) > 4:
        folded = folded[4:]
    if " " in folded:
        folded = _REGION_SUFFIX.sub(" " + REGION_TOKEN, folded)
    return folded


def strip_region_word(key: str) -> str | None:
    """For a normalised key ending in the region token, the key without it ("sumy region" ->
    "sumy"); None when the key carries no region word."""
    suffix = " " + REGION_TOKEN
    if key.endswith(suffix) and len(key) > len(suffix):
        return key[: -len(suffix)]
    return None


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
_UK_SILENT = set(_APOSTROPHES)


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


def romanize_ru(text: str) -> str:
    """Russian Cyrillic romanised by BGN/PCGN (Харьков -> Khar'kov), through iuliia."""
    return iuliia.BGN_PCGN.translate(text)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def ukrainian_variants(uk_name: str) -> dict[str, str]:
    """All spellings under which a Ukrainian (Cyrillic) name is indexed, keyed by normalised form,
    with the scheme each came from: the Cyrillic itself, the national romanisation, a naive
    transliteration (unidecode), and Russian-style readings romanised by BGN/PCGN."""
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
    return variants


def ascii_fold(text: str) -> str:
    """Latin text without accents, for display fallbacks and sort keys."""
    return unidecode(text)
