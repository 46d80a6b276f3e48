#!/usr/bin/env python3
"""Build geomap/data/countries/countries.tsv, the one country table, from the countryinfo package.

    python tools/build_country_table.py           # write the table
    python tools/build_country_table.py --check   # exit 1 when the shipped table differs

The rows are countryinfo's country records (MIT; Factbook-derived names, alternative spellings,
demonyms, capitals, populations, points and areas) in the order the package itself loads them:
its `data/` files and then its `data_no_iso/` files, each sorted by file name, one row per
distinct name (a later file of the same name replaces the earlier one in place). Records without
an ISO alpha-2 code are kept with an empty code: their capitals are still capitals.

Reproducible: the output depends only on the installed countryinfo version, which the header
records.
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "geomap" / "data" / "countries" / "countries.tsv"
COLUMNS = (
    "code", "name", "demonym", "capitals", "alt_spellings", "population", "lat", "lon",
    "area_km2", "native_name",
)  # fmt: skip


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _listed(value: object) -> str:
    if value is None:
        return ""
    items = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    return "|".join(str(item) for item in items)


def rows() -> list[list[str]]:
    from countryinfo._cache import load_countries

    out = []
    for record in load_countries()["countries"].values():
        latlng = record.get("latlng") or None
        lat, lon = (latlng[0], latlng[1]) if latlng and len(latlng) == 2 else ("", "")
        out.append(
            [
                _text((record.get("ISO") or {}).get("alpha2")),
                _text(record.get("name")),
                _text(record.get("demonym")),
                _listed(record.get("capital") or None),
                _listed(record.get("altSpellings")),
                _text(record.get("population")),
                _text(lat),
                _text(lon),
                _text(record.get("area")),
                _text(record.get("nativeName")),
            ]
        )
    for row in out:
        for field in row:
            if "\t" in field or "\n" in field:
                raise SystemExit(f"countryinfo field with a tab or line break: {field!r}")
    return out


def render() -> str:
    version = metadata.version("countryinfo")
    header = [
        f"# Countries as the countryinfo package {version} ships them (MIT; see NOTICE.md).",
        "# Written by tools/build_country_table.py; do not edit by hand. Lists are |-separated.",
        "# " + "\t".join(COLUMNS),
    ]
    return "\n".join(header + ["\t".join(row) for row in rows()]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.relative_to(REPO)}: {'up to date' if same else 'DIFFERS'}")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}: {text.count(chr(10)) - 3} countries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
