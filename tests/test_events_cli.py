"""`geomap events`: the table on stdout, --csv and --json, and one-line errors."""

from __future__ import annotations

import csv
import json

import pytest

from geomap.cli import main

ARTICLE = """Shelling hits Kharkiv

Russian shelling of the city of Kharkiv killed two civilians and wounded five others overnight,
the regional governor said on Telegram.
"""


@pytest.fixture()
def article_file(tmp_path, gazetteer):  # gazetteer: the store is built before the CLI opens it
    path = tmp_path / "kharkiv.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_events_csv_and_json(article_file, tmp_path, capsys):
    out = tmp_path / "events.csv"
    assert main(["events", str(article_file), "--date", "2024-05-15", "--csv", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    shelling = [r for r in rows if r["sub_event_type"] == "Shelling/artillery/missile attack"]
    assert len(shelling) == 1
    row = shelling[0]
    assert row["event_date"] == "2024-05-14"
    assert (row["fatalities"], row["injured"]) == ("2", "5")
    assert row["actor1"] == "Military Forces of Russia"
    assert abs(float(row["latitude"]) - 49.98) < 0.2 and abs(float(row["longitude"]) - 36.25) < 0.2
    assert "wrote" in capsys.readouterr().out

    assert main(["events", str(article_file), "--date", "2024-05-15", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["location"] for r in records if r["fatalities"] == 2] == [row["location"]]


def test_events_missing_file_is_one_line_error(tmp_path, capsys):
    assert main(["events", str(tmp_path / "missing.txt")]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.txt" in err[0]
