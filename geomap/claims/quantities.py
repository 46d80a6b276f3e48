"""Numbers, ranges, hedge words and units as reporters write distances.

`parse_quantity("about 6km")` -> Quantity(value=6, unit="km", hedge="about", ...). Everything here
is pure text handling: no geometry. The parser is total: odd input ("10e9 km", "-5 km", "⅓ mile",
"1.000 km") yields a Quantity with a `problem` string rather than an exception, so the verifier can
report it as unverifiable instead of producing an absurd verdict.

The precision rule (documented for the tolerance): a stated number is taken to be rounded to its
last significant digit, so "6" means 6 +/- 0.5, "6.2" means 6.2 +/- 0.05, and round numbers are
rounded to their trailing zeros: "20" +/- 5, "1,000" +/- 250 (half the rounding step, capped at a
quarter of the value, because reporters round "about 1,200" to "1,000" but not to "2,000").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from geomap import lexicon
from geomap.claims.patterns import alternation

# Kilometres per unit (km, m, mi, nmi, ft, yd) and the written forms of each unit
# (distance_units.tsv). News style guides write "m" for metres and spell "miles" out.
UNIT_KM: dict[str, float] = {unit: float(km) for _, unit, km in lexicon.rows("distance_units")}
_UNIT_WORDS: dict[str, str] = {word: unit for word, unit, _ in lexicon.rows("distance_units")}
UNIT_RE = alternation(_UNIT_WORDS, hyphen=True) + r"(?![a-zA-Z])"

SMALL_NUMBER_WORDS: dict[str, int] = dict(lexicon.number_words())
# Vague amounts: (low, high) of the count they stand for.
VAGUE_AMOUNTS: dict[str, tuple[float, float]] = {
    words: (float(low), float(high)) for words, low, high in lexicon.rows("vague_amounts")
}

_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125}
_FRACTION_CHARS = "".join(_FRACTIONS)


def _number_words_re() -> str:
    """'seven', 'twenty-five', 'one hundred and fifty': the grammar of English number words
    over the words of number_words.tsv."""
    by_value = {value: word for word, value in SMALL_NUMBER_WORDS.items()}
    units = alternation(by_value[v] for v in range(1, 10))
    teens = alternation(by_value[v] for v in range(10, 20))
    tens = alternation(by_value[v] for v in range(20, 100, 10))
    below_hundred = rf"(?:{tens}(?:[\s-]{units})?|{teens}|{units})"
    zero = by_value[0]
    return (
        rf"(?:{below_hundred}|{zero})"
        rf"(?:[\s-]hundred(?:(?:[\s-]and)?[\s-]{below_hundred}(?![\w-]))?)?"
    )


_WORD_NUMBER_RE = _number_words_re()

# A digit number: thousands with commas or thin/no-break spaces, European "1.000" (ambiguous),
# decimals with "." or ",", scientific notation, unicode fractions, "1/3", "3½".
NUMBER_RE = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+"
    r"|\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?\s?[" + _FRACTION_CHARS + r"]?"
    r"|[" + _FRACTION_CHARS + r"]"
    r"|\d+/\d+)"
)

VAGUE_RE = "|".join(sorted((re.escape(k) for k in VAGUE_AMOUNTS), key=len, reverse=True))
AMOUNT_RE = rf"(?:{NUMBER_RE}|{_WORD_NUMBER_RE}|{VAGUE_RE}|half\s+a|an?)"

# Hedge words and what they do to the stated value: kind of bound (distance_hedges.tsv).
HEDGES: dict[str, str] = dict(lexicon.table("distance_hedges"))
HEDGE_RE = "|".join(sorted((re.escape(k) for k in HEDGES), key=len, reverse=True))

# Relative slack for each hedge kind, applied to the stated value:
# "about 6" covers 6 +/- 20 %; a bare number +/- 10 % (news distances are rounded and often road
# or map estimates); "nearly 6" covers 80-100 %; "just over 6" 100-115 %.
APPROX_SLACK = 0.20
BARE_SLACK = 0.10
NEARLY_SLACK = 0.20
JUST_OVER_SLACK = 0.15

# Longest possible geodesic distance on Earth (half a meridian is 20,004 km; half the equator is
# 20,037 km): a stated distance beyond this is impossible, not merely wrong.
MAX_EARTH_KM = 20_040.0


@dataclass(frozen=True, slots=True)
class Quantity:
    """A stated distance or length, in the stated unit and in km."""

    text: str  # the words, e.g. "about 6km"
    value: float | None  # central value in the stated unit (None for open-ended vague)
    low: float | None  # range or vague bounds in the stated unit (== value for single numbers)
    high: float | None
    unit: str  # km | m | mi | nmi | ft | yd
    hedge: str = ""  # the hedge words as written, lower-cased
    hedge_kind: str = ""  # approx | nearly | max | min | just_over | exact | ""
    precision: float = 0.0  # half the rounding step of the stated number, in the stated unit
    vague: bool = False  # "a few", "several": the number is a word for a rough count
    problem: str = ""  # non-empty when the number cannot be used (negative, absurd, ambiguous)

    @property
    def km_factor(self) -> float:
        return UNIT_KM[self.unit]

    @property
    def km(self) -> float | None:
        return None if self.value is None else self.value * self.km_factor

    @property
    def low_km(self) -> float | None:
        return None if self.low is None else self.low * self.km_factor

    @property
    def high_km(self) -> float | None:
        return None if self.high is None else self.high * self.km_factor

    @property
    def precision_km(self) -> float:
        return self.precision * self.km_factor

    def bounds_km(self) -> tuple[float, float]:
        """The interval the words allow, before tolerance for geometry: (low, high) in km.

        Hedges widen it by the documented slack; "less than" / "within" / "up to" give 0..value,
        "more than" / "at least" value..infinity.
        """
        low = self.low_km if self.low_km is not None else 0.0
        high = self.high_km if self.high_km is not None else math.inf
        kind = self.hedge_kind
        if kind == "max":
            return 0.0, high
        if kind == "min":
            return low, math.inf
        if kind == "nearly":
            return low * (1 - NEARLY_SLACK), high
        if kind == "just_over":
            return low, high * (1 + JUST_OVER_SLACK)
        if kind == "exact":
            return low, high
        slack = APPROX_SLACK if kind == "approx" or self.vague else BARE_SLACK
        return low * (1 - slack), high * (1 + slack)


def normalise_unit(word: str) -> str | None:
    key = re.sub(r"[\s-]+", " ", word.strip().lower().rstrip("."))
    return _UNIT_WORDS.get(key)


def parse_number(text: str) -> tuple[float | None, float, str]:
    """Parse one number as written: (value, precision, problem).

    precision is half the rounding step the writing implies. `problem` says why the value is
    unusable ("1.000" is one in English and one thousand in much of Europe).
    """
    raw = text.strip().replace("\u2212", "-")
    negative = raw.startswith("-")
    raw = raw.lstrip("-+").strip()
    low = raw.lower()
    if low in SMALL_NUMBER_WORDS:
        value = float(SMALL_NUMBER_WORDS[low])
        return _signed(value, negative), _integer_precision(int(value)), ""
    word_value = _parse_word_number(low)
    if word_value is not None:
        return _signed(word_value, negative), _integer_precision(int(word_value)), ""
    if low in ("a", "an"):
        return 1.0, 0.25, ""
    if re.fullmatch(r"half\s+a", low):
        return 0.5, 0.1, ""
    if raw in _FRACTIONS:
        return _FRACTIONS[raw], 0.05, ""
    mixed = re.fullmatch(r"(\d+)\s?([" + _FRACTION_CHARS + r"])", raw)
    if mixed:
        return _signed(int(mixed.group(1)) + _FRACTIONS[mixed.group(2)], negative), 0.05, ""
    ratio = re.fullmatch(r"(\d+)/(\d+)", raw)
    if ratio:
        denominator = int(ratio.group(2))
        if denominator == 0:
            return None, 0.0, f"division by zero in {text.strip()!r}"
        return _signed(int(ratio.group(1)) / denominator, negative), 0.05, ""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw) and not re.fullmatch(r"0\.\d{3}", raw):
        return (
            None,
            0.0,
            f"ambiguous number {raw!r} (a decimal point in English, a thousands separator in "
            "much of Europe)",
        )
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        digits = raw.replace(",", "")
        return _signed(float(digits), negative), _decimal_precision(digits), ""
    spaced = re.fullmatch(r"\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+", raw)
    if spaced:
        digits = re.sub(r"\D", "", raw)
        return _signed(float(digits), negative), _decimal_precision(digits), ""
    if re.fullmatch(r"\d+,\d{1,2}", raw):  # decimal comma: "6,5 km"
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        return None, 0.0, f"not a number: {text.strip()!r}"
    if not math.isfinite(value):
        return None, 0.0, f"not a finite number: {text.strip()!r}"
    if re.search(r"[eE]", raw):
        return _signed(value, negative), abs(value) * 0.05, ""
    return _signed(value, negative), _decimal_precision(raw), ""


def _signed(value: float, negative: bool) -> float:
    return -value if negative else value


def _parse_word_number(text: str) -> float | None:
    """'twenty-five', 'two hundred', 'one hundred and fifty'."""
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if not words or not all(w in SMALL_NUMBER_WORDS or w == "hundred" for w in words):
        return None
    total = 0
    current = 0
    for word in words:
        if word == "hundred":
            current = max(current, 1) * 100
        else:
            current += SMALL_NUMBER_WORDS[word]
    total += current
    return float(total)


def _integer_precision(value: int) -> float:
    return _decimal_precision(str(value))


def _decimal_precision(digits: str) -> float:
    """Half the rounding step implied by how the number is written (see module docstring)."""
    if "." in digits:
        decimals = len(digits.split(".", 1)[1])
        return 0.5 * 10 ** (-decimals)
    stripped = digits.lstrip("0") or "0"
    trailing_zeros = len(stripped) - len(stripped.rstrip("0")) if stripped != "0" else 0
    if trailing_zeros == 0:
        # "15", "25", "150": a final 5 on a 2+ digit number usually means rounding to fives.
        if len(stripped) >= 2 and stripped.endswith("5"):
            return 2.5
        return 0.5
    step_half = 0.5 * 10**trailing_zeros
    return min(step_half, 0.25 * float(stripped))


_QUANTITY_RE = re.compile(
    rf"""(?ix)
    (?:(?P<hedge>{HEDGE_RE})\s+)?
    (?:between\s+)?
    (?P<sign>[-\u2212](?=\d))?
    (?P<a>{AMOUNT_RE})
    (?:\s*(?P<unit_a>{UNIT_RE}))?
    (?:\s*(?:-|–|—|to|and|or)\s*(?P<b>{NUMBER_RE}|{_WORD_NUMBER_RE}))?
    \s*-?\s*(?P<unit>{UNIT_RE})?
    """
)


def parse_quantity(text: str) -> Quantity | None:
    """Parse a whole quantity phrase ("about 6km", "10–15 km", "a few miles") or return None."""
    match = _QUANTITY_RE.fullmatch(text.strip())
    if not match:
        return None
    return quantity_from_match(match.groupdict(), text.strip())


def quantity_from_match(groups: dict[str, str | None], text: str) -> Quantity | None:
    """Build a Quantity from the named groups hedge, sign, a, unit_a, b, unit (see parse.py)."""
    unit_word = groups.get("unit") or groups.get("unit_a")
    if not unit_word:
        return None
    unit = normalise_unit(unit_word)
    if unit is None:
        return None
    hedge = re.sub(r"\s+", " ", (groups.get("hedge") or "").lower())
    hedge_kind = HEDGES.get(hedge, "")
    amount = re.sub(r"\s+", " ", (groups.get("a") or "").strip().lower())
    second = groups.get("b")
    problem = ""
    vague = False
    if amount in VAGUE_AMOUNTS:
        low, high = VAGUE_AMOUNTS[amount]
        value = (low + high) / 2
        precision = 0.5
        vague = True
    else:
        signed = ("-" if groups.get("sign") else "") + (groups.get("a") or "")
        value, precision, problem = parse_number(signed)
        low = high = value
        if second is not None and value is not None and not problem:
            value_b, precision_b, problem = parse_number(second)
            if value_b is not None and not problem:
                low, high = min(value, value_b), max(value, value_b)
                value = (low + high) / 2
                precision = max(precision, precision_b)
    if not problem and value is not None:
        problem = _absurdity(value, low, unit)
    if problem:
        return Quantity(text, None, None, None, unit, hedge, hedge_kind, 0.0, vague, problem)
    return Quantity(text, value, low, high, unit, hedge, hedge_kind, precision, vague, "")


def _absurdity(value: float, low: float | None, unit: str) -> str:
    if value < 0 or (low is not None and low < 0):
        return f"a negative distance ({value:g} {unit}) cannot be checked"
    km = value * UNIT_KM[unit]
    if km > MAX_EARTH_KM:
        return (
            f"{value:g} {unit} is longer than any distance on Earth (at most {MAX_EARTH_KM:,.0f} "
            "km between two points)"
        )
    return ""


def check_conversion(primary: Quantity, converted: Quantity) -> tuple[bool | None, str]:
    """Does the bracketed conversion match? "6 km (3.7 miles)" -> (True, "6 km = 3.73 mi ...").

    The conversion is consistent when the converted value equals the primary value converted,
    within the converted number's own rounding precision plus 2 % (writers convert the number
    they state, then round the result). Returns (None, why) when
    either side has no usable number.
    """
    if primary.km is None or converted.km is None:
        return None, "conversion not checked: " + (primary.problem or converted.problem)
    expected = primary.km / converted.km_factor  # the primary value in the converted unit
    slack = converted.precision + 0.02 * max(expected, converted.value or 0.0)
    difference = abs(expected - (converted.value or 0.0))
    shown = f"{_fmt(primary.value)} {primary.unit} = {_fmt(expected)} {converted.unit}"
    stated = f"stated {_fmt(converted.value)} {converted.unit}"
    if difference <= slack:
        return True, f"{shown}, {stated}: consistent"
    return False, f"{shown}, {stated}: inconsistent (off by {_fmt(difference)} {converted.unit})"


def _fmt(value: float | None) -> str:
    if value is None:
        return "?"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if value < 10 else f"{value:.1f}".rstrip("0").rstrip(".")
