"""Hand-built places and resolutions for the event tests (no gazetteer, no resolver needed).

Coordinates are the real ones (GeoNames), so the events' locations can be checked by distance.
"""

from __future__ import annotations

import re

from geomap.records import Article, LatLon, Mention, Place, Resolution
from geomap.text import split_sentences

PLACES: dict[str, Place] = {
    "Istanbul": Place("geonames:745044", "Istanbul", LatLon(41.01384, 28.94966), "populated_place",
                      "TR", "PPLA", "Istanbul", "34", population=14804116, uncertainty_km=15.0,
                      precision="settlement", country_name="Turkey"),
    "Ankara": Place("geonames:323786", "Ankara", LatLon(39.91987, 32.85427), "populated_place",
                    "TR", "PPLC", "Ankara", "68", population=3517182, uncertainty_km=12.0,
                    precision="settlement", country_name="Turkey"),
    "Kyiv": Place("geonames:703448", "Kyiv", LatLon(50.45466, 30.5238), "populated_place", "UA",
                  "PPLC", "Kyiv City", "12", population=2797553, uncertainty_km=12.0,
                  precision="settlement", country_name="Ukraine"),
    "Kiev": Place("geonames:703448", "Kyiv", LatLon(50.45466, 30.5238), "populated_place", "UA",
                  "PPLC", "Kyiv City", "12", population=2797553, uncertainty_km=12.0,
                  precision="settlement", country_name="Ukraine"),
    "Ukraine": Place("geonames:690791", "Ukraine", LatLon(49.0, 32.0), "country", "UA", "PCLI",
                     uncertainty_km=600.0, precision="country", country_name="Ukraine"),
    "Russia": Place("geonames:2017370", "Russia", LatLon(60.0, 100.0), "country", "RU", "PCLI",
                    uncertainty_km=3000.0, precision="country", country_name="Russia"),
    "Sumy region": Place("geonames:692196", "Sumy Oblast", LatLon(51.0, 34.0), "admin1", "UA",
                         "ADM1", "Sumy", "21", uncertainty_km=120.0, precision="admin1",
                         country_name="Ukraine"),
    "Kherson": Place("geonames:706448", "Kherson", LatLon(46.65581, 32.6178), "populated_place",
                     "UA", "PPLA", "Kherson", "08", population=320477, uncertainty_km=8.0,
                     precision="settlement", country_name="Ukraine"),
    "Varachyne": Place("postal:UA:Варачине", "Varachyne", LatLon(51.1415, 34.926),
                       "populated_place", "UA", "PPL", "Sumy", "21", uncertainty_km=2.0,
                       precision="settlement", country_name="Ukraine"),
    "Donetsk": Place("geonames:709717", "Donetsk", LatLon(48.023, 37.80224), "populated_place",
                     "UA", "PPLA", "Donetsk", "05", population=929063, uncertainty_km=10.0,
                     precision="settlement", country_name="Ukraine"),
    "Avdiivka": Place("geonames:713174", "Avdiivka", LatLon(48.13989, 37.74255),
                      "populated_place", "UA", "PPL", "Donetsk", "05", population=35826,
                      uncertainty_km=4.0, precision="settlement", country_name="Ukraine"),
    "Donetsk region": Place("geonames:709716", "Donetsk Oblast", LatLon(48.0, 37.8), "admin1",
                            "UA", "ADM1", "Donetsk", "05", uncertainty_km=120.0,
                            precision="admin1", country_name="Ukraine"),
    "Kharkiv": Place("geonames:706483", "Kharkiv", LatLon(49.98081, 36.25272), "populated_place",
                     "UA", "PPLA", "Kharkiv", "07", population=1430885, uncertainty_km=10.0,
                     precision="settlement", country_name="Ukraine"),
    "Kursk region": Place("geonames:538555", "Kursk Oblast", LatLon(51.75, 36.0), "admin1", "RU",
                          "ADM1", "Kursk", "41", uncertainty_km=120.0, precision="admin1",
                          country_name="Russia"),
    "Sudzha": Place("geonames:485660", "Sudzha", LatLon(51.1909, 35.2709), "populated_place",
                    "RU", "PPLA2", "Kursk", "41", population=6000, uncertainty_km=3.0,
                    precision="settlement", country_name="Russia"),
    "Kupiansk": Place("geonames:704147", "Kupiansk", LatLon(49.71055, 37.61517),
                      "populated_place", "UA", "PPLA2", "Kharkiv", "07", population=27000,
                      uncertainty_km=4.0, precision="settlement", country_name="Ukraine"),
    "Odesa": Place("geonames:698740", "Odesa", LatLon(46.47747, 30.73262), "populated_place",
                   "UA", "PPLA", "Odesa", "17", population=1015826, uncertainty_km=10.0,
                   precision="settlement", country_name="Ukraine"),
    "Krynky": Place("geonames:703861", "Krynky", LatLon(46.7331, 33.0807), "populated_place",
                    "UA", "PPL", "Kherson Oblast", "08", population=991, uncertainty_km=2.0,
                    precision="point", country_name="Ukraine"),
    "Vovchansk": Place("geonames:689304", "Vovchansk", LatLon(50.2908, 36.9411),
                       "populated_place", "UA", "PPL", "Kharkiv Oblast", "07", population=17459,
                       uncertainty_km=2.0, precision="point", country_name="Ukraine"),
    "Bilopillia": Place("geonames:712559", "Bilopillia", LatLon(51.1475, 34.3108),
                        "populated_place", "UA", "PPL", "Sumy Oblast", "21", population=15600,
                        uncertainty_km=2.0, precision="point", country_name="Ukraine"),
    "Nikopol": Place("geonames:700051", "Nikopol", LatLon(47.5683, 34.3913), "populated_place",
                     "UA", "PPL", "Dnipropetrovsk Oblast", "04", population=105160,
                     uncertainty_km=3.3, precision="point", country_name="Ukraine"),
    "Izium": Place("geonames:707292", "Izium", LatLon(49.207, 37.2768), "populated_place", "UA",
                   "PPL", "Kharkiv Oblast", "07", population=45884, uncertainty_km=2.2,
                   precision="point", country_name="Ukraine"),
    "Horlivka": Place("geonames:707753", "Horlivka", LatLon(48.2999, 38.0171), "populated_place",
                      "UA", "PPL", "Donetsk Oblast", "05", population=239828, uncertainty_km=5.0,
                      precision="point", country_name="Ukraine"),
    "Pokrovsk": Place("geonames:704422", "Pokrovsk", LatLon(48.2801, 37.1771), "populated_place",
                      "UA", "PPL", "Donetsk Oblast", "05", population=60127, uncertainty_km=2.5,
                      precision="point", country_name="Ukraine"),
    "Belgorod": Place("geonames:578072", "Belgorod", LatLon(50.6034, 36.5809), "populated_place",
                      "RU", "PPL", "Belgorodskaya oblast'", "09", population=345289,
                      uncertainty_km=6.1, precision="point", country_name="Russia"),
    "Krasnohorivka": Place("geonames:704393", "Krasnohorivka", LatLon(48.0046, 37.5069),
                           "populated_place", "UA", "PPL", "Donetsk Oblast", "05",
                           population=14666, uncertainty_km=2.0, precision="point",
                           country_name="Ukraine"),
    "Staromaiorske": Place("geonames:692812", "Staromaiorske", LatLon(47.7527, 36.7934),
                           "populated_place", "UA", "PPL", "Donetsk Oblast", "05",
                           population=839, uncertainty_km=2.0, precision="point",
                           country_name="Ukraine"),
    "Urozhaine": Place("geonames:9114393", "Urozhaine", LatLon(47.7514, 36.8188),
                       "populated_place", "UA", "PPL", "Donetsk Oblast", "05", population=952,
                       uncertainty_km=2.0, precision="point", country_name="Ukraine"),
    "Kurakhove": Place("geonames:695357", "Kurakhove", LatLon(47.9847, 37.2807),
                       "populated_place", "UA", "PPL", "Donetsk Oblast", "05", population=18220,
                       uncertainty_km=2.0, precision="point", country_name="Ukraine"),
    "Kherson region": Place("geonames:706442", "Kherson Oblast", LatLon(46.5422, 33.4079),
                            "admin1", "UA", "ADM1", "Kherson Oblast", "08", uncertainty_km=99.1,
                            precision="admin1", country_name="Ukraine"),
    "Mykolaiv region": Place("geonames:700567", "Mykolaiv Oblast", LatLon(47.3886, 31.9442),
                             "admin1", "UA", "ADM1", "Mykolaiv Oblast", "16",
                             uncertainty_km=110.6, precision="admin1", country_name="Ukraine"),
    "Sevastopol": Place("geonames:694423", "Sevastopol", LatLon(44.608, 33.5213),
                        "populated_place", "UA", "PPL", "Sevastopol", "20", population=547820,
                        uncertainty_km=7.6, precision="point", country_name="Ukraine"),
    "Crimea": Place("region:crimea", "Crimea", LatLon(45.3, 34.4), "region", "UA", "PEN",
                    uncertainty_km=200.0, precision="region", country_name="Ukraine"),
}  # fmt: skip

# A city that the resolver may read as the region named after it ("Sevastopol", "Kherson, Kherson
# region"): the region, with the city among its alternatives.
CITY_OF_REGION = {
    "Sevastopol": (
        Place("geonames:694422", "Sevastopol", LatLon(44.5656, 33.4596), "admin1", "UA", "ADM1",
              "Sevastopol", "20", uncertainty_km=28.7, precision="admin1",
              country_name="Ukraine"),
        Place("geonames:694423", "Sevastopol", LatLon(44.608, 33.5213), "populated_place", "UA",
              "PPL", "Sevastopol", "20", population=547820, uncertainty_km=7.6,
              precision="point", country_name="Ukraine"),
    ),
}  # fmt: skip


def resolutions_for(text: str, names: list[str] | None = None) -> list[Resolution]:
    """A Resolution for every occurrence of a known place name in `text`, as a resolver would."""
    names = names if names is not None else list(PLACES)
    sentences = split_sentences(text)
    out: list[Resolution] = []
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if any(r.mention.start <= m.start() < r.mention.end for r in out):
                continue
            sentence = next(s for s in sentences if s.start <= m.start() < s.end)
            mention = Mention(name, m.start(), m.end(), sentence.text, sentence.start)
            out.append(Resolution(mention, PLACES[name], 0.9, "hand-built test fixture"))
    return sorted(out, key=lambda r: r.mention.start)


def article(text: str, published=None, article_id: str = "test") -> Article:
    return Article(id=article_id, title="test", text=text, published=published)
