"""Readers for the gold formats of news geoparsing, and the sniffing that picks one.

GeoWebNews XML, LGL-style XML, the generic `<article><text><locations><location>` XML, the
`name,,surface,,lat,,lon,,start,,end||...` one-article-a-line files with a JSONL texts file, and
brat NER folders (`geomap.evaluation.brat`). Every reader aligns the gold offsets to the text
(`geomap.evaluation.align`) before it yields a document; coordinate patch files fix gold points.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

from geomap.errors import InputError
from geomap.evaluation.align import aligned_document
from geomap.evaluation.brat import read_brat
from geomap.evaluation.gold import LOCATION, UNGEOCODED, GoldDocument, GoldToponym
from geomap.records import LatLon


def _parse_xml(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except ET.ParseError as exc:
        raise InputError(f"{path}: not well-formed XML ({exc})") from None


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    value = _float(text.strip() if text else text)
    return int(value) if value is not None and value == int(value) else None


def _point(lat: float | None, lon: float | None) -> LatLon | None:
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return LatLon(lat, lon)


def read_geowebnews(path: str | Path) -> Iterator[GoldDocument]:
    """GeoWebNews `GWN.xml`: <article file><title><text><toponyms><toponym><type>..."""
    root = _parse_xml(Path(path))
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for top in article.iter("toponym"):
            toponyms.append(
                GoldToponym(
                    start=_int(top.findtext("start")) or 0,
                    end=_int(top.findtext("end")) or 0,
                    text=top.findtext("extractedName") or "",
                    point=_point(
                        _float(top.findtext("latitude")), _float(top.findtext("longitude"))
                    ),
                    gold_type=top.findtext("type") or "Literal",
                    geonameid=top.findtext("geonamesID") or "",
                )
            )
        yield aligned_document(
            str(article.get("file", "")), text, toponyms, article.findtext("title") or ""
        )


def read_lgl(path: str | Path) -> Iterator[GoldDocument]:
    """LGL-style XML: <article docid><text><toponyms><toponym><start><end><phrase><gaztag>..."""
    root = _parse_xml(Path(path))
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for top in article.iter("toponym"):
            start, end = _int(top.findtext("start")) or 0, _int(top.findtext("end")) or 0
            phrase = top.findtext("phrase") or ""
            gaztag = top.find("gaztag")
            if gaztag is None:
                # Annotated as a toponym but not geocoded (mostly streets and roads): not
                # scored, and a prediction there is no false positive.
                toponyms.append(GoldToponym(start, end, phrase, None, gold_type=UNGEOCODED))
                continue
            toponyms.append(
                GoldToponym(
                    start=start,
                    end=end,
                    text=phrase,
                    point=_point(_float(gaztag.findtext("lat")), _float(gaztag.findtext("lon"))),
                    geonameid=gaztag.get("geonameid", ""),
                    feature_code=gaztag.findtext("fcode") or "",
                )
            )
        yield aligned_document(
            article.get("docid", ""), text, toponyms, article.findtext("title") or ""
        )


def _first_text(element: ET.Element, *tags: str) -> str | None:
    for tag in tags:
        value = element.findtext(tag)
        if value is not None and value.strip():
            return value.strip()
    return None


def read_locations_xml(path: str | Path) -> Iterator[GoldDocument]:
    """The generic format `<article><text>…</text><locations><location><name><start><end><lat>
    <lon>` under any root. Coordinates are optional (a location without them is scored for
    recognition only); a location without offsets is placed at the next occurrence of its name
    after the previous one so placed, and counted as realigned."""
    root = _parse_xml(Path(path))
    for number, article in enumerate(root.iter("article"), 1):
        text = article.findtext("text") or ""
        doc_id = (
            article.get("id") or article.get("docid") or _first_text(article, "id", "docid")
        ) or str(number)
        toponyms: list[GoldToponym] = []
        searched_from: dict[str, int] = {}
        located_by_name = 0
        for location in article.iter("location"):
            name = _first_text(location, "name", "phrase", "surface") or ""
            start, end = _int(location.findtext("start")), _int(location.findtext("end"))
            if start is None or end is None:
                if not name:
                    continue
                start = text.find(name, searched_from.get(name, 0))
                if start < 0:
                    start = end = -1  # reported as unmatched by the alignment
                else:
                    end = start + len(name)
                    searched_from[name] = end
                    located_by_name += 1
            toponyms.append(
                GoldToponym(
                    start=start,
                    end=end,
                    text=name,
                    point=_point(
                        _float(_first_text(location, "lat", "latitude")),
                        _float(_first_text(location, "lon", "lng", "long", "longitude")),
                    ),
                    gold_type=LOCATION,
                    geonameid=_first_text(location, "geonameid", "geonamesID", "geonameId") or "",
                )
            )
        doc = aligned_document(doc_id, text, toponyms, article.findtext("title") or "")
        doc.realigned += located_by_name
        yield doc


def read_gold_lines(path: str | Path, texts: str | Path | list[str]) -> Iterator[GoldDocument]:
    """`gazetteer_name,,surface,,lat,,lon,,start,,end||...`, one article a line, with its texts.

    `texts` is a JSONL file of {"id", "text"} objects in the same order as the gold lines (or a
    list of texts). A toponym whose span lies outside its text (gwn_full.txt has two, with
    negative offsets) is unmatched by the alignment and reported, not scored.
    """
    if isinstance(texts, list):
        rows = [{"id": str(i), "text": t} for i, t in enumerate(texts)]
    else:
        rows = []
        try:
            with open(texts, encoding="utf-8") as fh:
                for number, line in enumerate(fh, 1):
                    if line.strip():
                        try:
                            rows.append(json.loads(line))
                        except json.JSONDecodeError as exc:
                            raise InputError(f"{texts}:{number}: not JSON ({exc.msg})") from None
        except FileNotFoundError:
            raise InputError(f"{texts}: no such file") from None
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(rows):
        raise InputError(f"{path}: {len(lines)} gold lines but {len(rows)} texts")
    for number, (line, row) in enumerate(zip(lines, rows, strict=True), 1):
        toponyms = []
        for item in filter(None, line.split("||")):
            parts = item.split(",,")
            if len(parts) != 6:
                raise InputError(f"{path}:{number}: expected 6 ',,'-separated fields in {item!r}")
            _name, surface, lat, lon, start, end = parts
            start_i, end_i = _int(start), _int(end)
            if start_i is None or end_i is None:
                raise InputError(f"{path}:{number}: offsets {start!r}, {end!r} are not numbers")
            toponyms.append(GoldToponym(start_i, end_i, surface, _point(_float(lat), _float(lon))))
        yield aligned_document(str(row.get("id", number)), row["text"], toponyms)


def read_patches(path: str | Path) -> dict[tuple[str, float, float], LatLon]:
    """`toponym \\t lat , lon (in dataset) \\t lat , lon (corrected)` -> corrections."""
    patches: dict[tuple[str, float, float], LatLon] = {}
    try:
        with open(path, encoding="utf-8") as fh:
            lines = list(fh)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.rstrip("\n").split("\t")]
        try:
            name, old, new = fields
            old_lat, old_lon = (float(x) for x in old.split(","))
            new_lat, new_lon = (float(x) for x in new.split(","))
        except ValueError:
            raise InputError(
                f"{path}:{number}: expected 'name<TAB>lat , lon<TAB>lat , lon'"
            ) from None
        patches[(name, round(old_lat, 2), round(old_lon, 2))] = LatLon(new_lat, new_lon)
    return patches


def apply_patches(
    docs: Iterable[GoldDocument], patches: dict[tuple[str, float, float], LatLon]
) -> Iterator[GoldDocument]:
    for doc in docs:
        fixed = []
        for top in doc.toponyms:
            if top.point is not None:
                key = (top.text, round(top.point.lat, 2), round(top.point.lon, 2))
                if key in patches:
                    top = GoldToponym(
                        top.start, top.end, top.text, patches[key], top.gold_type,
                        top.geonameid, top.feature_code,
                    )  # fmt: skip
            fixed.append(top)
        doc.toponyms = fixed
        yield doc


def sniff_format(path: Path) -> str:
    """The format of a corpus, from the file (or folder) itself: "brat", "locations", "gwn",
    "lgl" or "lines"."""
    if path.is_dir():
        if next(path.rglob("*.ann"), None) is not None:
            return "brat"
        raise InputError(f"{path}: a folder without brat .ann files, not a corpus")
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(20000)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    if "<location>" in head or "<locations>" in head:
        return "locations"
    if "<toponym>" in head or "<articles" in head:
        return "gwn" if "<extractedName>" in head or "<type>" in head else "lgl"
    if ",," in head and "||" in head:
        return "lines"
    raise InputError(
        f"{path}: not a GeoWebNews/LGL/<locations> XML file, a '..,,..||' gold file "
        "or a brat folder"
    )


def read_corpus(
    path: Path, texts: Path | None = None, patches: Path | None = None
) -> Iterator[GoldDocument]:
    """The documents of a corpus in any format `sniff_format` recognises."""
    fmt = sniff_format(path)
    if fmt == "brat":
        docs = read_brat(path)
    elif fmt == "locations":
        docs = read_locations_xml(path)
    elif fmt == "gwn":
        docs = read_geowebnews(path)
    elif fmt == "lgl":
        docs = read_lgl(path)
    else:
        if texts is None:
            raise InputError(f"{path}: this gold format needs --texts JSONL with the article texts")
        docs = read_gold_lines(path, texts)
    if patches is not None:
        docs = apply_patches(docs, read_patches(patches))
    return docs
