"""Finding place mentions in an article: gazetteer names judged by evidence and fitted weights.

`find_mentions` runs the recogniser (`geomap.toponyms.recogniser`): candidates from the name
index, linguistic evidence (capitals, cues, people, organisations, how common a word is),
typing (demonyms, facilities, names headed by a feature noun), a decision from a feature vector
per candidate with weights fitted on annotated news (`tools/fit_recogniser.py`), and the admin
context the resolver uses ("X in Poland's Y province" puts X in Poland and Y). Every mention
keeps the reason it was accepted.

`mentions_at` gives spans found elsewhere (gold annotations, another recogniser) the same
typing, cues and context.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from geomap.doc import Doc, make_doc
from geomap.records import Article, Mention
from geomap.toponyms.context import attach_context
from geomap.toponyms.cues import find_cue
from geomap.toponyms.index import match_key, name_index
from geomap.toponyms.recogniser import Recogniser
from geomap.toponyms.state import Candidate, State

if TYPE_CHECKING:
    from geomap.gazetteer.protocol import GazetteerProtocol

__all__ = ["find_mentions", "mentions_at", "name_index", "match_key", "Recogniser"]

_DEFAULT: dict[str, Recogniser] = {}


def default_recogniser(lang: str = "en") -> Recogniser:
    """The English chain, or the Ukrainian and Russian one (`geomap.toponyms.cyrillic`)."""
    family = "en" if lang == "en" else "cyrillic"
    if family not in _DEFAULT:
        if family == "en":
            _DEFAULT[family] = Recogniser()
        else:
            from geomap.toponyms.cyrillic import cyrillic_components

            _DEFAULT[family] = Recogniser(cyrillic_components())
    return _DEFAULT[family]


def find_mentions(source: Article | Doc, gazetteer: GazetteerProtocol) -> list[Mention]:
    """Every place-name span of the article's text, in text order: the chain of the article's
    language (`Doc.lang`); a Ukrainian or Russian page with English paragraphs runs both."""
    doc = make_doc(source)
    if not doc.text.strip():
        return []
    if doc.lang == "en":
        state = default_recogniser()(doc, gazetteer)
        return [to_mention(state, c) for c in state.accepted]
    from geomap.toponyms.cyrillic import token_languages

    state = default_recogniser(doc.lang)(doc, gazetteer)
    mentions = [to_mention(state, c) for c in state.accepted]
    if "en" in token_languages(state):
        english = default_recogniser()(doc, gazetteer)
        langs = token_languages(state)
        mentions += [
            to_mention(english, c) for c in english.accepted if langs[c.first_token] == "en"
        ]
        mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def mentions_at(
    source: Article | Doc, spans: Iterable[tuple[int, int]], gazetteer: GazetteerProtocol
) -> list[Mention]:
    """Mentions for spans someone else found, with the typing, cues and context
    `find_mentions` gives its own: "Canadian" is a demonym, "Tacoma, Washington" puts Tacoma
    in the state. The spans are kept as given, in input order."""
    doc = make_doc(source)
    state = default_recogniser()(doc, gazetteer, until="people")
    text = doc.text
    cands: list[Candidate] = []
    for start, end in spans:
        key = match_key(text[start:end])
        entry = state.index.get(key)
        cand = state.new_candidate(start, end, key, entry, origin="given")
        if entry is not None and "demonym" in entry.kinds:
            cand.kind = "demonym"
        last_token = cand.last_token
        if key:
            find_cue(state, cand)
        # A cue may widen the span ("Sumy" + " region"); the caller's span stands, the hint stays.
        cand.end, cand.surface, cand.last_token = end, text[start:end], last_token
        cands.append(cand)
    attach_context(state, sorted(cands, key=lambda c: (c.start, c.end)))
    return [to_mention(state, c) for c in cands]


def to_mention(state: State, cand: Candidate) -> Mention:
    sentence = state.sentences[cand.sentence_index] if state.sentences else None
    return Mention(
        text=cand.surface,
        start=cand.start,
        end=cand.end,
        sentence=sentence.text if sentence else state.text,
        sentence_start=sentence.start if sentence else 0,
        kind=cand.kind if cand.kind in ("demonym", "facility") else "toponym",
        cue=cand.cue,
        context_country=cand.context_country,
        context_admin1=cand.context_admin1,
        feature_hint=cand.hint,
        reason=cand.reason,
        name=cand.name,
    )
