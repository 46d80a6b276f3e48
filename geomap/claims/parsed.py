"""`ParsedClaim`: one spatial claim as written, before any place or geometry is attached."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from geomap.claims.quantities import Quantity

# distance | direction | containment | descriptor | length | axis ("the Pokrovsk direction":
# parsed so that nothing else reads it as a compass claim, never verified: it states no direction)
ClaimKind = str


@dataclass(frozen=True, slots=True)
class ParsedClaim:
    """One claim as written. Offsets are into the text given to the parser."""

    kind: ClaimKind
    text: str
    start: int
    end: int
    quantity: Quantity | None = None
    conversion: Quantity | None = None
    conversion_ok: bool | None = None
    conversion_note: str = ""
    # border | frontline | coast | place | region | country | area | road | ""
    # ("area": "X, Ohio" -- a first-level region or a country, whichever the name resolves to)
    reference_kind: str = ""
    reference_text: str = ""  # "the Russian border", "the city of Kharkiv"
    reference_name: str = ""  # "Kharkiv", "Sumy" (region name without the noun)
    reference_start: int = -1  # span of reference_name in the text
    reference_end: int = -1
    # The second end of a road ("the Kostiantynivka-Pokrovsk road"): name and span.
    reference2_name: str = ""
    reference2_start: int = -1
    reference2_end: int = -1
    border_names: tuple[str, ...] = ()  # "Russian", "Ukraine" as written next to "border"
    direction: str = ""  # N, NE, ... ; for descriptors also "C" (central)
    # How the place relates to the reference: "compass" (north of), "outskirts" (on the
    # [western] outskirts of), "part" (in the north of), "along" (on the X-Y road); "" otherwise.
    relation: str = ""
    subject_text: str = ""  # when the claim itself names its subject (descriptors)
    subject_start: int = -1
    subject_end: int = -1
    country_text: str = ""  # "Ukrainian", "Ukraine" in descriptors/containment
    noun: str = ""  # "city", "region", "front line", "buffer zone"
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end

    @property
    def reference_span(self) -> tuple[int, int]:
        return self.reference_start, self.reference_end

    def shifted(self, offset: int) -> ParsedClaim:
        """The same claim with every offset moved by `offset` (sentence -> article)."""
        if offset == 0:
            return self

        def moved(value: int) -> int:
            return value + offset if value >= 0 else value

        return replace(
            self, start=self.start + offset, end=self.end + offset,
            reference_start=moved(self.reference_start), reference_end=moved(self.reference_end),
            reference2_start=moved(self.reference2_start),
            reference2_end=moved(self.reference2_end),
            subject_start=moved(self.subject_start), subject_end=moved(self.subject_end),
        )  # fmt: skip
