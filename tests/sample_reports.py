"""Reports built by hand from records.py, so the output tests need no analysis stage.

The places and numbers are real-world facts written here from general knowledge (GeoNames ids and
approximate coordinates of Kyiv, Kherson, Istanbul...), not copied from any test corpus.
"""

from __future__ import annotations

import datetime as dt

from geomap.records import (
    Article,
    Claim,
    Event,
    LatLon,
    Mention,
    Place,
    Report,
    Resolution,
)

KYIV = Place(
    "geonames:703448",
    "Kyiv",
    LatLon(50.4501, 30.5234),
    "populated_place",
    "UA",
    "PPLC",
    "Kyiv City",
    "12",
    population=2_797_553,
    source="geonames-cities500",
    source_id="703448",
    uncertainty_km=12.0,
    precision="settlement",
    country_name="Ukraine",
)
KHERSON = Place(
    "geonames:706448",
    "Kherson",
    LatLon(46.6354, 32.6169),
    "populated_place",
    "UA",
    "PPLA",
    "Kherson Oblast",
    "08",
    population=320_477,
    source="geonames-cities500",
    source_id="706448",
    uncertainty_km=8.0,
    precision="settlement",
    country_name="Ukraine",
)
KHERSON_US = Place(
    "geonames:4695117",
    "Kherson",
    LatLon(33.0, -96.0),
    "populated_place",
    "US",
    source="geonames-cities500",
    source_id="4695117",
)
ISTANBUL = Place(
    "geonames:745044",
    "Istanbul",
    LatLon(41.01384, 28.94966),
    "populated_place",
    "TR",
    "PPLA",
    "Istanbul",
    "34",
    population=14_804_116,
    source="geonames-cities500",
    source_id="745044",
    uncertainty_km=20.0,
    precision="settlement",
    country_name="Türkiye",
)
SUMY_OBLAST = Place(
    "geonames:692196",
    "Sumy Oblast",
    LatLon(50.9, 34.0),
    "admin1",
    "UA",
    "ADM1",
    "Sumy Oblast",
    "21",
    source="geonames-admin1",
    source_id="692196",
    uncertainty_km=120.0,
    precision="admin1",
    country_name="Ukraine",
)
VARACHYNE = Place(
    "katottg:UA59",
    "Varachyne",
    LatLon(51.14, 34.93),
    "populated_place",
    "UA",
    "PPL",
    "Sumy Oblast",
    "21",
    source="katottg",
    source_id="UA59",
    uncertainty_km=5.0,
    precision="hromada",
    country_name="Ukraine",
)
UKRAINE = Place(
    "geonames:690791",
    "Ukraine",
    LatLon(49.0, 32.0),
    "country",
    "UA",
    "PCLI",
    source="geonames-countries",
    source_id="690791",
    uncertainty_km=600.0,
    precision="country",
    country_name="Ukraine",
)

TEXT = (
    "Russian forces captured the village of Varachyne in Ukraine's northeast Sumy region, about "
    "6km (3.7 miles) from the border, the Russian Defence Ministry said. "
    "Overnight shelling of the southern Ukrainian city of Kherson killed two people and injured "
    "five, officials said. "
    "Delegations from Kyiv and Moscow met in Istanbul on Monday for a second round of talks. "
    "Fighting continues along the 1,000km (620-mile) front line. "
    "Officials in Zzyzxville said nothing."
)


def _mention(text: str, surface: str, nth: int = 0, cue: str = "") -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    sentence_start = (
        max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) >= 0 else 0
    )
    sentence_end = text.find(". ", start)
    sentence_end = len(text) if sentence_end < 0 else sentence_end + 1
    return Mention(
        surface,
        start,
        start + len(surface),
        text[sentence_start:sentence_end],
        sentence_start,
        cue=cue,
    )


def _res(
    text: str,
    surface: str,
    place: Place | None,
    confidence: float = 0.9,
    rule: str = "unique name",
    alternatives: tuple[Place, ...] = (),
    nth: int = 0,
) -> Resolution:
    return Resolution(_mention(text, surface, nth), place, confidence, rule, alternatives)


def _event_span(text: str, res: Resolution) -> tuple[int, int]:
    start = res.mention.sentence_start
    return start, start + len(res.mention.sentence)


def istanbul_report(
    article_id: str = "istanbul-talks",
    text: str = TEXT,
    published: dt.date = dt.date(2025, 6, 2),
    title: str = "Talks in Istanbul",
    unknown_name: str = "Zzyzxville",
) -> Report:
    text = text.replace("Zzyzxville", unknown_name)
    varachyne = _res(text, "Varachyne", VARACHYNE, 0.7, "postal locality in Sumy Oblast")
    sumy = _res(text, "Sumy region", SUMY_OBLAST, 0.95, "admin-1 with country context")
    ukraine = _res(text, "Ukraine", UKRAINE, 0.99, "country name")
    kherson = _res(
        text,
        "Kherson",
        KHERSON,
        0.92,
        "country context: Ukrainian city",
        alternatives=(KHERSON_US,),
    )
    kyiv = _res(text, "Kyiv", KYIV, 0.97)
    istanbul = _res(text, "Istanbul", ISTANBUL, 0.97)
    unknown = _res(text, unknown_name, None, 0.0, "not in the gazetteer")
    resolutions = [varachyne, ukraine, sumy, kherson, kyiv, istanbul, unknown]
    capture = Event(
        "Battles",
        "Non-state actor overtakes territory",
        "captured",
        varachyne.mention.sentence,
        *_event_span(text, varachyne),
        date=published - dt.timedelta(days=1),
        time_precision=1,
        date_text="",
        actor1="Military Forces of Russia",
        actor2="Military Forces of Ukraine",
        location=varachyne,
        geo_precision=1,
        claimed_by="Russian Defence Ministry",
    )
    shelling = Event(
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "shelling",
        kherson.mention.sentence,
        *_event_span(text, kherson),
        date=published - dt.timedelta(days=1),
        time_precision=1,
        date_text="Overnight",
        actor1="Military Forces of Russia",
        fatalities=2,
        injured=5,
        location=kherson,
        geo_precision=1,
    )
    talks = Event(
        "Diplomacy",
        "Peace talks",
        "talks",
        istanbul.mention.sentence,
        *_event_span(text, istanbul),
        date=published,
        time_precision=1,
        date_text="on Monday",
        actor1="Government of Ukraine",
        actor2="Government of Russia",
        location=istanbul,
    )
    front = text.index("Fighting")
    unlocated = Event(
        "Battles",
        "Armed clash",
        "Fighting",
        text[front : text.index(". ", front) + 1],
        front,
        text.index(". ", front) + 1,
    )
    distance = Claim(
        "distance",
        "about 6km (3.7 miles) from the border",
        text.index("about 6km"),
        text.index("about 6km") + len("about 6km (3.7 miles) from the border"),
        varachyne.mention.sentence,
        "border:UA-RU",
        "consistent",
        "5.8 km to the Ukraine–Russia border, within 2 km of the stated 6 km",
        place=varachyne,
        stated_km=6.0,
        hedge="about",
        unit="km",
        stated_value=6.0,
        conversion_check="6 km = 3.73 mi: consistent",
        measured_km=5.8,
        tolerance_km=2.0,
        nearest_point=LatLon(51.175, 35.0),
    )
    frontline = Claim(
        "length",
        "1,000km (620-mile) front line",
        text.index("1,000km"),
        text.index("1,000km") + len("1,000km (620-mile) front line"),
        unlocated.evidence,
        "frontline",
        "unverifiable",
        "no front-line layer loaded (use --layer frontline=FILE)",
        stated_km=1000.0,
        unit="km",
        stated_value=1000.0,
    )
    near_kherson = Claim(
        "distance",
        "Kherson, 1,000 km from Kyiv",
        0,
        10,
        kherson.mention.sentence,
        "place:Kyiv",
        "unverifiable",
        "hand-built: reference not measured",
        place=kherson,
        stated_km=1000.0,
    )
    article = Article(article_id, title, text, published=published, source="sample.txt")
    return Report(
        article,
        [r.mention for r in resolutions],
        resolutions,
        [capture, shelling, talks, unlocated],
        [distance, frontline, near_kherson],
    )


XSS_NAME = '<img src=x onerror="window.__xss=1">Kherson'
XSS_TEXT = (
    f"Shelling hit {XSS_NAME} on Monday <script>window.__xss=2</script> killing 3. "
    "Officials said `${window.__xss=3}` and \"quoted\" 'things' \\ here. "
    'Unknown <b onmouseover="window.__xss=4">Place</b> was mentioned.'
)


def xss_report() -> Report:
    """Article text full of markup and JavaScript that must render as text."""
    kherson = _res(XSS_TEXT, XSS_NAME, KHERSON, 0.8, "rule with <i>markup</i> & ${window.__xss=5}")
    bad = _res(
        XSS_TEXT,
        '<b onmouseover="window.__xss=4">Place</b>',
        None,
        0.0,
        "not in gazetteer <script>window.__xss=6</script>",
    )
    other = _res(XSS_TEXT, "`${window.__xss=3}`", None, 0.0, "`${window.__xss=7}`")
    event = Event(
        "Explosions/Remote violence",
        "<script>window.__xss=8</script>",
        "Shelling",
        kherson.mention.sentence,
        *_event_span(XSS_TEXT, kherson),
        date=dt.date(2025, 6, 2),
        actor1='<img src=y onerror="window.__xss=9">',
        fatalities=3,
        location=kherson,
    )
    claim = Claim(
        "distance",
        "`${window.__xss=10}` 5 km",
        0,
        5,
        kherson.mention.sentence,
        '<img src=z onerror="window.__xss=11">',
        "unverifiable",
        "</script><script>window.__xss=12</script>",
        place=kherson,
        stated_km=5.0,
    )
    article = Article(
        "xss</script>",
        '<script>window.__xss=13</script>Title "q"',
        XSS_TEXT,
        published=dt.date(2025, 6, 2),
        url="javascript:window.__xss=14",
    )
    return Report(
        article,
        [r.mention for r in (kherson, bad, other)],
        [kherson, bad, other],
        [event],
        [claim],
        warnings=['<img src=w onerror="window.__xss=15">'],
    )


def empty_report() -> Report:
    return Report(Article("empty", "Nothing here", "No places at all."))
