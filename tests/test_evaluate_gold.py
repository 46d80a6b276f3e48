"""Reading gold: drifted offsets realigned, the generic <locations> XML, brat NER folders, and
corpora with nothing to score refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, shared_path

from geomap import evaluation as ev
from geomap.errors import InputError
from geomap.records import LatLon

SAMPLE = REPO / "tests" / "data" / "locations_sample.xml"


def _top(text: str, phrase: str, start: int) -> ev.GoldToponym:
    return ev.GoldToponym(start, start + len(phrase), phrase, None, gold_type=ev.LOCATION)


# ------------------------------------------------------------------ offsets that drift


def test_spans_on_their_phrase_are_kept_as_they_are() -> None:
    text = "Shelling hit Kherson and Mykolaiv."
    tops = [_top(text, "Kherson", 13), _top(text, "Mykolaiv", 25)]
    aligned = ev.align_toponyms(text, tops)
    assert aligned.toponyms == tops and aligned.realigned == 0 and not aligned.unmatched


def test_a_document_wide_shift_is_preferred_to_the_nearest_occurrence() -> None:
    # Every offset is 3 characters early. "Izium" occurs twice near its given offset: once 3
    # characters on (the document's shift), once 1 character back; the shift wins.
    text = "Izium Izium and Kupiansk, then Balakliia."
    kupiansk, balakliia = text.index("Kupiansk"), text.index("Balakliia")
    tops = [
        _top(text, "Izium", 6 - 3),
        _top(text, "Kupiansk", kupiansk - 3),
        _top(text, "Balakliia", balakliia - 3),
    ]
    aligned = ev.align_toponyms(text, tops)
    assert [(t.text, t.start) for t in aligned.toponyms] == [
        ("Izium", 6),
        ("Kupiansk", kupiansk),
        ("Balakliia", balakliia),
    ]
    assert aligned.realigned == 3 and not aligned.unmatched


def test_a_lone_drifted_span_goes_to_the_nearest_occurrence_not_inside_a_word() -> None:
    text = "The BUS left US soil for the US base."
    first_us = text.index(" US ") + 1
    # Given 5 characters early: the "US" of "BUS" is nearer, but inside a word.
    aligned = ev.align_toponyms(text, [_top(text, "US", first_us - 5)])
    (top,) = aligned.toponyms
    assert (top.start, top.end) == (first_us, first_us + 2)  # not "BUS", not the farther one


def test_a_phrase_not_near_its_offsets_is_unmatched_not_scored() -> None:
    text = "Strikes on Odesa port." + " " * 40 + "Later, Odesa again."
    # Kherson is not in the text; the offsets of this Odesa are 50 characters before it.
    tops = [_top(text, "Kherson", 11), _top(text, "Odesa", -50)]
    aligned = ev.align_toponyms(text, tops)
    assert aligned.toponyms == [] and [t.text for t in aligned.unmatched] == ["Kherson", "Odesa"]


# ------------------------------------------------------------------ the generic XML format


def test_the_locations_xml_reader_is_lenient_on_optional_fields(tmp_path: Path) -> None:
    assert ev.sniff_format(SAMPLE) == "locations"
    docs = {d.id: d for d in ev.read_locations_xml(SAMPLE)}
    assert list(docs) == ["paris-texas", "london-ontario", "springfield", "kharkiv", "georgia"]
    lamar, paris = docs["paris-texas"].toponyms
    assert lamar.point is None and lamar.scored_for_recognition  # no coordinates: recognition only
    assert paris.point == LatLon(33.66094, -95.55551) and paris.scored_for_recognition
    # A location without offsets is placed at its name, and counted as realigned.
    chuhuiv = docs["kharkiv"].toponyms[1]
    text = docs["kharkiv"].text
    assert text[chuhuiv.start : chuhuiv.end] == "Chuhuiv" and docs["kharkiv"].realigned == 1
    # Any root; `latitude`/`lng` spellings; an article id from an attribute or nothing.
    other = tmp_path / "c.xml"
    other.write_text(
        "<corpus><article><text>Flooding in Lviv.</text><locations><location><name>Lviv</name>"
        "<start>12</start><end>16</end><latitude>49.84</latitude><lng>24.02</lng></location>"
        "</locations></article></corpus>",
        encoding="utf-8",
    )
    assert ev.sniff_format(other) == "locations"
    (doc,) = ev.read_corpus(other)
    assert doc.id == "1" and doc.toponyms[0].point == LatLon(49.84, 24.02)


def test_cli_shows_realigned_and_unmatched_spans_in_the_table_and_json(
    gazetteer, tmp_path: Path, capsys
) -> None:
    from geomap.cli import main

    text = "Officials in Kharkiv said Izium was shelled."
    izium = text.index("Izium")
    corpus = tmp_path / "drift.xml"
    corpus.write_text(
        f"<articles><article id='a'><text>{text}</text><locations>"
        # Kharkiv 2 characters late, Izium on its phrase, Mariupol nowhere in the text.
        f"<location><name>Kharkiv</name><start>15</start><end>22</end>"
        f"<lat>49.98</lat><lon>36.25</lon></location>"
        f"<location><name>Izium</name><start>{izium}</start><end>{izium + 5}</end>"
        f"<lat>49.21</lat><lon>37.26</lon></location>"
        f"<location><name>Mariupol</name><start>30</start><end>38</end>"
        f"<lat>47.1</lat><lon>37.55</lon></location>"
        f"</locations></article></articles>",
        encoding="utf-8",
    )
    out_json = tmp_path / "r.json"
    code = main(["eval", str(corpus), "--gold-spans", "-q", "--json", str(out_json),
                 "--gazetteer", str(gazetteer.path)])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    header, _, row = out.splitlines()[:3]
    cells = dict(zip(header.split(), row.split(), strict=False))
    assert (cells["gold"], cells["moved"], cells["lost"], cells["topo"]) == ("2", "1", "1", "2")
    assert "a: 'Mariupol' at 30..38" in out
    result = json.loads(out_json.read_text())["results"][0]
    assert result["gold"]["realigned"] == 1 and result["gold"]["unmatched"] == 1
    assert result["resolution"]["toponyms"] == 2  # Mariupol is reported, not a silent miss
    assert result["resolution"]["accuracy_161km"] == 1.0


# ------------------------------------------------------------------ nothing to score


def test_a_corpus_without_gold_toponyms_is_an_error_not_zeros(
    gazetteer, tmp_path: Path, capsys, monkeypatch
) -> None:
    from geomap.cli import main

    empty = tmp_path / "empty.xml"
    empty.write_text(
        "<articles><article docid='1'><text>Nothing here.</text><toponyms/></article></articles>",
        encoding="utf-8",
    )
    evaluated: list[str] = []
    monkeypatch.setattr(ev, "evaluate", lambda docs, gz, **kw: evaluated.append(kw["corpus"]))
    code = main(["eval", str(SAMPLE), str(empty), "-q", "--gazetteer", str(gazetteer.path)])
    captured = capsys.readouterr()
    assert evaluated == []  # every corpus is checked before any is scored
    assert code == 2 and captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("geomap: error: empty: no gold toponym read from 1 documents")
    monkeypatch.undo()
    with pytest.raises(InputError, match="no gold toponym"):
        ev.evaluate(ev.read_lgl(empty), gazetteer)


def test_gold_spans_without_coordinates_are_an_error_in_gold_span_mode(gazetteer, tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "a.txt").write_text("Обстріл Харкова.", encoding="utf-8")
    (folder / "a.ann").write_text("T1\tLOC 8 15\tХаркова\n", encoding="utf-8")
    with pytest.raises(InputError, match="no gold toponym with coordinates"):
        ev.evaluate(ev.read_brat(folder), gazetteer, gold_spans=True)


# ------------------------------------------------------------------ brat NER folders

# Sentences written for this test. The .ann files use both layouts seen in public corpora
# (brat's "TYPE START END", NER-UK's tab-separated fields), a surface broken over two lines, a
# nested location, a discontinuous one, a facility and a person (not locations).
UK_TEXT = "Уранці росіяни обстріляли Харків. Постраждав Київський район\nХаркова."
RU_TEXT = (
    "В Белгородской и Курской областях\nобъявили тревогу. Губернатор Гладков прибыл в Белгород."
)


def _write_brat(folder: Path) -> None:
    (folder / "uk").mkdir(parents=True)
    (folder / "uk" / "a.txt").write_text(UK_TEXT, encoding="utf-8")
    (folder / "uk" / "a.ann").write_text(
        "T1\tLOC\t26\t32\tХарків\n"
        "T2\tLOC\t45\t68\tКиївський район\nХаркова\n"  # the surface spans a line break
        "T3\tLOC\t61\t68\tХаркова\n"  # nested in T2
        "T4\tPERS\t0\t6\tУранці\n",
        encoding="utf-8",
    )
    (folder / "ru.txt").write_text(RU_TEXT, encoding="utf-8")
    start = RU_TEXT.index("Белгород.")
    (folder / "ru.ann").write_text(
        "T1\tSTATE_OR_PROVINCE 2 14;33 41\tБелгородской областях\n"  # discontinuous
        "T2\tPERSON 63 70\tГладков\n"
        f"T3\tCITY {start} {start + 8}\tБелгород\n"
        "#1\tAnnotatorNotes T3\tгород\n",
        encoding="utf-8",
    )


def test_brat_reader_reads_location_spans_flat(tmp_path: Path) -> None:
    _write_brat(tmp_path)
    assert ev.sniff_format(tmp_path) == "brat"
    docs = {d.id: d for d in ev.read_brat(tmp_path)}
    assert set(docs) == {"ru", "uk/a"}
    assert [t.text for t in docs["uk/a"].toponyms] == ["Харків", "Київський район\nХаркова"]
    assert docs["uk/a"].not_scored == {"nested in a longer location span": 1}
    assert [t.text for t in docs["ru"].toponyms] == ["Белгород"]
    assert docs["ru"].not_scored == {"discontinuous": 1}
    assert all(t.scored_for_recognition and t.point is None for d in docs.values()
               for t in d.toponyms)  # fmt: skip


def test_brat_reader_names_a_broken_line(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Київ", encoding="utf-8")
    (tmp_path / "x.ann").write_text("T1\tLOC 0 four\tКиїв\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.ann:1: offsets"):
        list(ev.read_brat(tmp_path))


def test_cli_scores_loc_recognition_of_a_brat_folder(gazetteer, tmp_path: Path, capsys) -> None:
    from geomap.cli import main

    folder = tmp_path / "corpus"
    _write_brat(folder)
    out_json = tmp_path / "r.json"
    code = main(["eval", str(folder), "-q", "--json", str(out_json),
                 "--gazetteer", str(gazetteer.path)])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "corpus " in out and "not scored, nested in a longer location span: 1" in out
    assert "resolution not scored" in out
    result = json.loads(out_json.read_text())["results"][0]
    recognition = result["recognition"]
    assert recognition["gold"] == 3  # Харків, Київський район Харкова, Белгород
    for kind in ("exact", "overlap"):
        for metric in ("precision", "recall", "f1"):
            assert 0.0 <= recognition[f"{metric}_{kind}"] <= 1.0
    assert recognition["recall_overlap"] >= recognition["recall_exact"]
    assert result["resolution"]["toponyms"] == 0


@pytest.mark.shared
@pytest.mark.parametrize(
    ("folder", "least"),
    [("multilingual/ner-uk-2.0-dev", 2000), ("multilingual/nerel-v1.1-dev", 7000)],
)
def test_shared_brat_corpora_are_read_whole(folder: str, least: int) -> None:
    docs = list(ev.read_brat(shared_path(folder)))
    spans = sum(len(d.toponyms) for d in docs)
    assert spans > least
    # Their offsets fall on their surfaces, including NER-UK's surfaces that run over a line
    # break (written on two lines of the .ann): nothing to move, nothing lost.
    assert sum(d.realigned for d in docs) == 0
    assert sum(len(d.unmatched) for d in docs) == 0
