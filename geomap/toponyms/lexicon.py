"""The recogniser's view of the word lists: titles, cue words, head nouns, weekdays, names.

The short lists are closed grammatical classes (weekdays, titles, cue nouns, head nouns), kept as
data under geomap/data/lexicon/ (one file per class, read by geomap.lexicon, which every stage
shares); the names below are the recogniser's and the resolver's handles on them.

How common a word is, in lower case or as a given name, is graded evidence kept apart in
`geomap.toponyms.frequency` (built from wordfreq, SCOWL and the US census by
tools/build_word_frequencies.py); `common_words()` and `first_names()` are its word sets.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection

from geomap import lexicon as word_lists
from geomap.toponyms.frequency import common_word_zipf, given_name_share
from geomap.toponyms.index import match_key

WEEKDAYS = frozenset(word_lists.weekdays())
# "Mar" is also the Spanish "sea" that opens and closes place names (Mar del Plata, Del Mar):
# the recogniser does not take it for March.
MONTHS = frozenset(word_lists.month_numbers()) - {"mar"}

PERSON_TITLES = word_lists.words("person_titles")
SENTENCE_OPENERS = word_lists.words("sentence_openers")
ORGANISATION_WORDS = word_lists.words("organisation_words")
KINSHIP_NOUNS = word_lists.words("kinship_nouns")
SPEECH_VERBS = word_lists.words("speech_verbs")
ORG_NOUNS_AFTER = word_lists.words("org_nouns_after")
CONTACT_BEFORE = word_lists.entries("contact_before")
MEDIA_ON_BEFORE = word_lists.entries("media_on_before")
REPORTING_AFTER = word_lists.words("reporting_after")
TITLE_MINOR_WORDS = word_lists.words("title_minor_words")
MILITARY_ABBREVIATIONS = word_lists.words("military_abbreviations")
NAME_FUNCTION_WORDS = word_lists.words("name_function_words")

REGION_GENERICS = word_lists.table("region_generics")
PLACE_CONTINUATIONS = frozenset(REGION_GENERICS) | word_lists.words("place_continuations")
GENERIC_WORDS = word_lists.words("generic_words")

# Keyed as the recogniser keys a name (lower case, accents folded): "élysée" is "elysee".
SEATS_OF_POWER = {
    match_key(form): (city, country) for form, city, country in word_lists.rows("seats_of_power")
}
LOCATIVE_BEFORE = word_lists.words("locative_before")
NOT_PLACE_PHRASES = word_lists.words("not_place_phrases")

FEATURE_HEADS = word_lists.table("feature_heads")
WATER_HEADS = word_lists.words("water_heads")
FACILITY_HEADS = word_lists.words("facility_heads")
FACILITY_COMPOUND_HEADS = word_lists.words("facility_compound_heads")
FEATURE_PREFIXES = word_lists.table("feature_prefixes")
FEATURE_NOUNS = word_lists.table("feature_nouns")
PLACE_PREPOSITIONS = word_lists.words("place_prepositions")
RELATIVE_POSITION_WORDS = word_lists.words("relative_position_words")
DIRECTION_ADJECTIVES = word_lists.words("direction_adjectives")


def is_facility_name(name: str, heads: Collection[str] = FACILITY_HEADS) -> bool:
    """Whether a name of two or more words ends in a facility head noun ("Canal Street") or, of
    three or more, in a compound one ("Ashford Town Hall")."""
    words = [w.lower().strip(".,") for w in name.split()]
    if len(words) > 2 and " ".join(words[-2:]) in FACILITY_COMPOUND_HEADS:
        return True
    return len(words) > 1 and words[-1] in heads


@functools.cache
def period_abbreviations() -> frozenset[str]:
    """Short abbreviations written with a period ("Calif.", "Ga.", "Wash."), from the
    gazetteer's abbreviations table, without the period: after a comma or bracket the period
    belongs to them, while after "Maidstone, Kent" it ends the sentence."""
    from geomap.gazetteer.tables import read_table

    return frozenset(
        row[0][:-1]
        for _, row in read_table("abbreviations.tsv")
        if row and re.fullmatch(r"[A-Z][a-z]{1,4}\.", row[0])
    )


@functools.cache
def first_names() -> frozenset[str]:
    """Given names as written ("Mary"), from the census frequencies in `frequency`."""
    return frozenset(given_name_share())


@functools.cache
def common_words() -> frozenset[str]:
    """Lower-case common English words, from the frequency list in `frequency`."""
    return frozenset(common_word_zipf())


@functools.cache
def conflict_cues() -> dict[str, frozenset[str]]:
    """Conflict-reporting words that cue a place, by use (conflict_cues.tsv: "shelling hit X",
    "fighting near X and Y")."""
    uses: dict[str, set[str]] = {}
    for word, listed in word_lists.table("conflict_cues").items():
        for use in listed.split("|"):
            uses.setdefault(use, set()).add(word)
    return {use: frozenset(found) for use, found in uses.items()}
