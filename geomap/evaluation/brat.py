"""brat standoff NER corpora (`ID.txt` + `ID.ann`): their location spans as gold toponyms.

An entity line is `T1<TAB>LOC 82 89<TAB>surface` (NER-UK writes `T1<TAB>LOC<TAB>82<TAB>89<TAB>
surface`); offsets are character offsets into the `.txt` read as it is (no newline translation),
end exclusive. A surface that spans a line break continues on the next line of the `.ann`. Location
types are LOC and GPE, and NEREL's fine types (COUNTRY, CITY, STATE_OR_PROVINCE, LOCATION,
DISTRICT); NEREL's FACILITY is not a location. The spans carry no coordinates: they score
recognition only.

Scored flat, as the corpora's own IOB conversions do: a location span inside a longer one
("Сибирского" in "Сибирского федерального округа") and a discontinuous one ("Архангельской …
областях") are not scored, and counted (`GoldDocument.not_scored`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from geomap.errors import InputError
from geomap.evaluation.align import aligned_document
from geomap.evaluation.gold import LOCATION, GoldDocument, GoldToponym

LOCATION_TYPES = frozenset(
    {"LOC", "GPE", "LOCATION", "COUNTRY", "CITY", "STATE_OR_PROVINCE", "DISTRICT"}
)
NESTED = "nested in a longer location span"
DISCONTINUOUS = "discontinuous"
# Annotation ids: T (text-bound), R (relation), E (event), A/M (attribute), N (normalisation),
# # (note), * (equivalence). Any other line continues the previous surface.
_ANNOTATION_LINE = re.compile(r"^(?:[TREAMN]\d+|#\d*|\*)\t")
_OFFSETS = re.compile(r"^\d+ \d+(?:;\d+ \d+)*$")


def _entities(ann: Path) -> Iterator[tuple[str, list[tuple[int, int]], str]]:
    """(type, fragments, surface) of each text-bound annotation."""
    entity: list = []  # [type, fragments, surface] of the entity being read
    for number, line in enumerate(ann.read_text(encoding="utf-8").split("\n"), 1):
        if not _ANNOTATION_LINE.match(line):
            if entity and line:
                entity[2] += "\n" + line
            continue
        if entity:
            yield entity[0], entity[1], entity[2]
            entity = []
        if not line.startswith("T"):
            continue
        fields = line.split("\t")
        if len(fields) >= 5 and fields[2].isdigit() and fields[3].isdigit():
            kind, offsets, surface = fields[1], f"{fields[2]} {fields[3]}", "\t".join(fields[4:])
        elif len(fields) >= 3 and " " in fields[1]:
            kind, offsets = fields[1].split(" ", 1)
            surface = "\t".join(fields[2:])
        else:
            raise InputError(f"{ann}:{number}: not a brat entity line")
        if not _OFFSETS.match(offsets):
            raise InputError(f"{ann}:{number}: offsets {offsets!r} are not 'start end'")
        fragments = [(int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))]
        entity = [kind, fragments, surface]
    if entity:
        yield entity[0], entity[1], entity[2]


def _inside(inner: GoldToponym, outer: GoldToponym) -> bool:
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and (outer.start, outer.end) != (inner.start, inner.end)
    )


def read_brat(folder: str | Path) -> Iterator[GoldDocument]:
    """Every `.ann` under `folder` (sorted by path) with the `.txt` beside it."""
    folder = Path(folder)
    for ann in sorted(folder.rglob("*.ann")):
        txt = ann.with_suffix(".txt")
        try:
            with open(txt, encoding="utf-8", newline="") as fh:
                text = fh.read()
        except FileNotFoundError:
            raise InputError(f"{ann}: no {txt.name} beside it") from None
        except UnicodeDecodeError:
            raise InputError(f"{txt}: not UTF-8 text") from None
        spans: dict[tuple[int, int], str] = {}
        not_scored: Counter[str] = Counter()
        for kind, fragments, surface in _entities(ann):
            if kind not in LOCATION_TYPES:
                continue
            if len(fragments) > 1:
                not_scored[DISCONTINUOUS] += 1
                continue
            spans.setdefault(fragments[0], surface)
        toponyms = [
            GoldToponym(start, end, surface, None, gold_type=LOCATION)
            for (start, end), surface in spans.items()
        ]
        doc = aligned_document(str(ann.relative_to(folder).with_suffix("")), text, toponyms)
        # Two types on one span (or two spans aligned onto one) are one location.
        unique = list({(t.start, t.end): t for t in doc.toponyms}.values())
        flat = [t for t in unique if not any(_inside(t, o) for o in unique)]
        if len(flat) < len(unique):
            not_scored[NESTED] += len(unique) - len(flat)
        doc.toponyms = flat
        doc.not_scored = dict(not_scored)
        yield doc
