"""The recogniser: a chain of components over one `State`, like spaCy's pipeline components.

Each component is configured in its constructor and called as `component(state) -> state`;
they run in order and each reads what the earlier ones found. The English chain:

    capitals      which capitals say nothing (sentence starts, title-case headlines)
    people        the tokens of person names, and how each is known
    candidates    every capitalised gazetteer name (the name index)
    demonyms      typing: "Polish", "Texan"
    cues          cue words and the places around a name
    evidence      person, organisation and longer-name evidence; facts (months)
    decide        the fitted model's probability per candidate; accepted ones keep a reason
    headed_names  typing: "Lake X", "X River", "X Street" (facilities)
    comma_names   "Washington, D.C." as one name
    compass_parts "West Africa"
    unknown_names "the village of X" for names the gazetteer lacks
    admin_context "X, Y region" / "X in Poland's Y province" for the resolver

Another language swaps the components and word lists that are English (capitals, cues), and
keeps the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from geomap.doc import Doc
from geomap.toponyms.candidates import IndexCandidates
from geomap.toponyms.capitals import EnglishCapitals
from geomap.toponyms.context import AdminContext
from geomap.toponyms.cues import Cues
from geomap.toponyms.decide import Decide
from geomap.toponyms.demonyms import Demonyms
from geomap.toponyms.evidence import Evidence
from geomap.toponyms.headed import HeadedNames
from geomap.toponyms.index import name_index
from geomap.toponyms.model import RecogniserModel
from geomap.toponyms.people import People
from geomap.toponyms.spans import CommaNames, CompassParts
from geomap.toponyms.state import State, Tokens
from geomap.toponyms.unknown import UnknownNames

if TYPE_CHECKING:
    from geomap.gazetteer.protocol import GazetteerProtocol

Component = Callable[[State], State]


def english_components(model: RecogniserModel | None = None) -> list[Component]:
    return [
        EnglishCapitals(),
        People(),
        IndexCandidates(),
        Demonyms(),
        Cues(),
        Evidence(),
        Decide(model),
        HeadedNames(),
        CommaNames(),
        CompassParts(),
        UnknownNames(),
        AdminContext(),
    ]


class Recogniser:
    """Runs its components in order over a Doc."""

    def __init__(self, components: Sequence[Component] | None = None) -> None:
        self.components = list(components) if components is not None else english_components()

    @property
    def names(self) -> list[str]:
        return [getattr(c, "name", type(c).__name__) for c in self.components]

    def state(self, doc: Doc, gazetteer: GazetteerProtocol) -> State:
        return State(doc=doc, index=name_index(gazetteer), gazetteer=gazetteer, tokens=Tokens(doc))

    def __call__(
        self, doc: Doc, gazetteer: GazetteerProtocol, *, until: str | None = None
    ) -> State:
        """The state after every component (or after the ones before `until`)."""
        state = self.state(doc, gazetteer)
        for component in self.components:
            if until is not None and getattr(component, "name", "") == until:
                break
            state = component(state)
        return state
