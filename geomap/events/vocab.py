"""The event vocabulary, read from `geomap/data/events/` (one canonical copy of each table; the
word lists every stage shares, such as numerals, months and weekdays, are `geomap.lexicon`'s).

Tables are tab-separated with a header line; word lists have one entry a line; `#` starts a
comment line in both (read by `geomap.datafiles`). Phrases are written in a small notation (see
`triggers.tsv`) that `phrase_pattern` compiles to a regular expression:

    words separated by spaces     "opened fire on"
    a/b       alternatives        "shot/shoot down"
    [a/b]     an optional word    "took [full] control"
    ~N        up to N other words "violated ~2 ceasefire"
    >a/b      followed by a or b  "shells >{Name}/the" (not part of the match)
    {name}    a word list         "{combatant}" (combatants.txt)
    {weapon}  weapons.tsv         "{weapon:drone} attack" (one class of it)
    {Name}    a capitalised word
"""

from __future__ import annotations

import functools
import re

from geomap.datafiles import read_rows

_WORD = r"[\w’'.-]+"


@functools.cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV table under data/events/ as dicts keyed by its header line (missing
    trailing cells are "")."""
    rows = [row for _, row in read_rows("events", name)]
    header = rows[0]
    out = []
    for cells in rows[1:]:
        cells = cells + [""] * (len(header) - len(cells))
        out.append({key: cell.strip() for key, cell in zip(header, cells, strict=False)})
    return tuple(out)


@functools.cache
def words(name: str) -> tuple[str, ...]:
    """A word list under data/events/ (one entry a line), in file order."""
    return tuple(row[0].strip() for _, row in read_rows("events", name) if row[0].strip())


def _escape_words(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


def alternation(phrases: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of plain phrases, longest first (so "air force" beats "air")."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(_escape_words(p) for p in ordered) + ")"


@functools.cache
def weapon_pattern(weapon_class: str = "") -> str:
    """The phrases of weapons.tsv (one class, or all) as one regex (no outer word bounds)."""
    rows = [r for r in table("weapons.tsv") if not weapon_class or r["class"] == weapon_class]
    if not rows:
        raise ValueError(f"no weapon class {weapon_class!r} in weapons.tsv")
    return "(?:" + "|".join(phrase_pattern(r["phrase"], bounded=False) for r in rows) + ")"


def _token(token: str) -> str:
    if "/" in token and "{" in token:
        return "(?:" + "|".join(_token(alt) for alt in token.split("/")) + ")"
    if token == "{Name}":
        return r"(?-i:[A-Z])[\w’'-]*"
    if token.startswith("{") and token.endswith("}"):
        name = token[1:-1]
        if name == "weapon" or name.startswith("weapon:"):
            return weapon_pattern(name.partition(":")[2])
        return alternation(words(f"{name}s.txt"))
    return "(?:" + "|".join(re.escape(alt) for alt in token.split("/")) + ")"


def phrase_pattern(phrase: str, *, bounded: bool = True) -> str:
    """The regex of a phrase in the notation of the module doc."""
    out = ""
    tokens = phrase.split()
    if any(t.startswith(">") for t in tokens[:-1]):
        raise ValueError(f"a lookahead must end the phrase: {phrase!r}")
    # after the start or an optional word that took its trailing space, the next token needs
    # no space before it
    spaced = False
    for token in tokens:
        if re.fullmatch(r"~\d+", token):
            n = int(token[1:])
            out += rf"(?:\s+{_WORD}){{0,{n}}}?" if spaced else rf"(?:{_WORD}\s+){{0,{n}}}?"
        elif token.startswith(">"):
            out += rf"(?=\s+{_token(token[1:])}\b)" if spaced else rf"(?={_token(token[1:])}\b)"
        elif token.startswith("[") and token.endswith("]"):
            inner = _token(token[1:-1])
            out += rf"(?:\s+{inner})?" if spaced else rf"(?:{inner}\s+)?"
        else:
            out += (r"\s+" if spaced else "") + _token(token)
            spaced = True
    return rf"\b{out}\b" if bounded else out


def _token_words(token: str) -> frozenset[str] | None:
    """Lower-case first words a token can start with (None: any word, "{Name}")."""
    if token == "{Name}":
        return None
    if "/" in token and "{" in token:
        found: set[str] = set()
        for alt in token.split("/"):
            words_ = _token_words(alt)
            if words_ is None:
                return None
            found |= words_
        return frozenset(found)
    if token.startswith("{") and token.endswith("}"):
        name = token[1:-1]
        if name == "weapon" or name.startswith("weapon:"):
            wanted = name.partition(":")[2]
            rows = [r for r in table("weapons.tsv") if not wanted or r["class"] == wanted]
            found = set()
            for row in rows:
                anchors = phrase_anchors(row["phrase"])
                if anchors is None:
                    return None
                found |= anchors
            return frozenset(found)
        return frozenset(_first_run(p) for p in words(f"{name}s.txt"))
    return frozenset(_first_run(alt) for alt in token.split("/"))


def _first_run(word: str) -> str:
    """The first run of letters and digits, lower case: how `find_triggers` splits a text into
    words ("booby-trap" -> "booby", "Su-25" -> "su")."""
    return re.split(r"[\W_]+", word.lower(), maxsplit=1)[0]


def phrase_anchors(phrase: str) -> frozenset[str] | None:
    """The lower-case words a match of `phrase` can start with, for a cheap prefilter: a text
    without any of them cannot match (None: no such set, always try the phrase)."""
    found: set[str] = set()
    for token in phrase.split():
        optional = token.startswith("[") and token.endswith("]")
        if token.startswith(("~", ">")):
            return None
        words_ = _token_words(token[1:-1] if optional else token)
        if words_ is None:
            return None
        found |= words_
        if not optional:
            return frozenset(found)
    return None
