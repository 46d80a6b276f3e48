"""The unit of resolution: one name with one stated context, and the candidate lookups."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from geomap.records import Place
from geomap.toponyms.index import match_key

if TYPE_CHECKING:
    from geomap.gazetteer.protocol import GazetteerProtocol

MAX_ALTERNATIVES = 3
CANDIDATE_LIMIT = 100  # Ukraine alone has 81 places called Novoselivka


@dataclass(slots=True)
class Group:
    """Mentions of one name with the same explicit context: resolved once, together."""

    key: str
    mentions: list[int]
    surface: str
    kind: str
    context_country: str = ""
    context_admin1: str = ""
    hint: str = ""
    candidates: list[Place] = field(default_factory=list)
    constraint: str = ""  # which hard constraint filtered the candidates
    fallback: Place | None = None  # the stated container when the name itself is unknown
    fallback_note: str = ""  # how the fallback was found, when not by a stated container
    features: np.ndarray | None = None  # one row of named features per candidate
    scores: list[float] = field(default_factory=list)
    chosen: int = -1
    claim_note: str = ""  # set when a spatial claim in the article agreed with the choice

    @property
    def place(self) -> Place | None:
        return self.candidates[self.chosen] if self.chosen >= 0 else None


class Lookup:
    """Candidate lookups, cached per (name, country, admin1) within one gazetteer."""

    _shared: dict[tuple, list[Place]] = {}

    def __init__(self, gazetteer: GazetteerProtocol) -> None:
        self.gazetteer = gazetteer
        self.build = str(getattr(gazetteer, "build_id", "") or id(gazetteer))
        if len(self._shared) > 100_000:
            self._shared.clear()

    def __call__(self, name: str, country: str = "", admin1: str = "") -> list[Place]:
        cache_key = (self.build, match_key(name), country, admin1)
        found = self._shared.get(cache_key)
        if found is None:
            found = list(
                self.gazetteer.candidates(
                    name, country=country or None, admin1=admin1 or None, limit=CANDIDATE_LIMIT
                )
            )
            self._shared[cache_key] = found
        return found
