"""The typed protocol the stages ask of a gazetteer: the store, the online wrapper, a table."""

from __future__ import annotations

from geomap.gazetteer.protocol import GazetteerProtocol
from geomap.records import Article, LatLon, Place
from geomap.resolve import resolve_mentions
from geomap.toponyms import find_mentions


class TableGazetteer:
    """A gazetteer of two places, held in a dict: enough for the recogniser and the resolver."""

    def __init__(self) -> None:
        self.places = {
            "zolotonosha": Place(
                place_id="t:1", name="Zolotonosha", point=LatLon(49.668, 32.040),
                kind="populated_place", country_code="UA", population=27_000,
            ),
            "ukraine": Place(
                place_id="t:2", name="Ukraine", point=LatLon(49.0, 32.0), kind="country",
                country_code="UA", population=41_000_000,
            ),
        }  # fmt: skip

    def candidates(self, name, *, country=None, admin1=None, limit=25):
        found = self.places.get(name.casefold())
        if found is None or (country and found.country_code != country):
            return []
        return [found][:limit]

    def iter_names(self):
        for key in sorted(self.places):
            place = self.places[key]
            yield key, place.kind, place.population


def test_the_store_and_a_table_both_satisfy_the_protocol(gazetteer):
    assert isinstance(gazetteer, GazetteerProtocol)
    assert isinstance(TableGazetteer(), GazetteerProtocol)
    assert not isinstance(object(), GazetteerProtocol)


def test_the_stages_run_on_any_object_with_the_protocol():
    table = TableGazetteer()
    text = "Shelling hit Zolotonosha in central Ukraine overnight."
    article = Article(id="a", title="", text=text)
    mentions = find_mentions(article, table)
    assert [m.text for m in mentions] == ["Zolotonosha", "Ukraine"]
    resolutions = resolve_mentions(mentions, table, article)
    assert [r.place.place_id for r in resolutions if r.place] == ["t:1", "t:2"]
