"""`geomap batch`: broken inputs recorded and skipped, resume after a real SIGKILL, and the same
merged outputs from one process, a pool of two and a two-worker Dask cluster."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geomap.batch import BatchOptions, run_batch, safe_key
from geomap.batch.layout import BatchDir
from geomap.batch.progress import Progress
from geomap.cli import main

REPO = Path(__file__).resolve().parents[1]
MERGED = ("events.csv", "places.csv", "claims.csv", "unresolved.csv", "errors.csv")

# Short articles written for these tests from the kind of facts the wires report; each template
# has places, an event and sometimes a distance claim, so every merged table gets rows.
CITIES = ["Kharkiv", "Kherson", "Sumy", "Zaporizhzhia", "Odesa", "Dnipro", "Mykolaiv", "Poltava"]
TEMPLATES = [
    "Russian forces shelled {city} overnight, killing {k} people and injuring {i} others, "
    "the regional governor said on Telegram.",
    "A Russian missile strike hit an apartment block in the Ukrainian city of {city} on "
    "Tuesday, killing {k} civilians. {city} lies about {d}km from the front line.",
    "Ukrainian and Russian delegations met in Istanbul on Wednesday for talks on a prisoner "
    "exchange, while drones struck {city}, injuring {i} people.",
    "Russian troops captured a village near {city} in eastern Ukraine, the Russian defence "
    "ministry said, while Ukrainian officials said the fighting continued.",
]


def make_articles(n: int, seed: int = 7) -> list[dict[str, str]]:
    rnd = random.Random(seed)
    rows = []
    for number in range(n):
        city = CITIES[number % len(CITIES)]
        text = TEMPLATES[number % len(TEMPLATES)].format(
            city=city, k=rnd.randint(1, 9), i=rnd.randint(2, 30), d=rnd.randint(5, 60)
        )
        rows.append(
            {
                "id": f"art-{number:03d}",
                "title": f"Attack on {city}",
                "date": f"2024-05-{1 + number % 28:02d}",
                "text": text,
            }
        )
    return rows


def write_jsonl(
    path: Path, rows: list[dict[str, str]], extra_lines: tuple[bytes, ...] = ()
) -> Path:
    with path.open("wb") as fh:
        for row in rows:
            fh.write(json.dumps(row).encode() + b"\n")
        for line in extra_lines:
            fh.write(line + b"\n")
    return path


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def sorted_rows(path: Path) -> list[tuple]:
    return sorted(tuple(sorted(row.items())) for row in read_rows(path))


def sorted_features(path: Path) -> list[str]:
    document = json.loads(path.read_text(encoding="utf-8"))
    return sorted(json.dumps(f, sort_keys=True) for f in document["features"])


def assert_same_outputs(a: Path, b: Path) -> None:
    for name in MERGED:
        assert sorted_rows(a / name) == sorted_rows(b / name), name
    assert sorted_features(a / "merged.geojson") == sorted_features(b / "merged.geojson")


def geomap_env(gazetteer_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "GEOMAP_GAZETTEER": str(gazetteer_path)}


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> Path:
    """40 good rows, a row with empty text, one whitespace-only, one invalid JSON, one
    non-UTF-8 line."""
    folder = tmp_path_factory.mktemp("feed")
    return write_jsonl(
        folder / "feed.jsonl",
        make_articles(40),
        extra_lines=(
            b'{"id": "empty-row", "text": ""}',
            b'{"id": "blank-row", "text": "   \\n  "}',
            b'{"id": "broken-json", "text": "Kyiv',
            b'{"id": "latin1-row", "text": "Kyiv \xe9t\xe9 \xff\xfe"}',
        ),
    )


@pytest.fixture(scope="module")
def reference(feed, gazetteer, tmp_path_factory) -> Path:
    """An uninterrupted single-process run over the feed: what every other run must match."""
    out = tmp_path_factory.mktemp("reference") / "out"
    run_batch(feed, out, BatchOptions(gazetteer_path=gazetteer.path, quiet=True))
    return out


# ---------------------------------------------------------------- bad input is recorded


def test_folder_batch_records_broken_empty_and_non_utf8_files(tmp_path, gazetteer):
    articles = tmp_path / "articles"
    articles.mkdir()
    for row in make_articles(6):
        (articles / f"{row['id']}.txt").write_text(f"{row['title']}\n\n{row['text']}\n")
    (articles / "cp1251.txt").write_bytes(
        "Attack on Kharkiv\n\nRussian forces shelled Kharkiv overnight, killing 3 people.".encode(
            "cp1251"
        )
    )
    (articles / "empty.txt").write_bytes(b"")
    (articles / "binary.txt").write_bytes(bytes(range(256)) * 8)
    rnd = random.Random(3)
    (articles / "garbage.txt").write_bytes(bytes(rnd.randrange(128, 256) for _ in range(3000)))
    (articles / "broken.html").write_bytes(b"<html><body><div><p>")
    out = tmp_path / "out"

    summary = run_batch(
        articles, out, BatchOptions(gazetteer_path=gazetteer.path, date=None, quiet=True)
    )

    errors = {row["article_id"]: row["reason"] for row in read_rows(out / "errors.csv")}
    assert set(errors) == {"empty", "binary", "garbage", "broken"}
    assert "empty" in errors["empty"]
    assert "binary" in errors["binary"]
    assert "UTF-8" in errors["garbage"]
    good = {f"art-{n:03d}" for n in range(6)} | {"cp1251"}
    assert {row["article_id"] for row in read_rows(out / "places.csv")} == good
    assert summary.merged.articles == 7 and summary.merged.failed == 4
    for article_id in good:
        document = json.loads((out / "articles" / f"{article_id}.geojson").read_text())
        assert document["type"] == "FeatureCollection"
        assert all(f["properties"]["article_id"] == article_id for f in document["features"])
    merged = json.loads((out / "merged.geojson").read_text())
    assert {f["properties"]["article_id"] for f in merged["features"]} == good
    assert {a["id"] for a in merged["articles"]} == good
    places = read_rows(out / "places.csv")
    kharkiv = [p for p in places if p["article_id"] == "cp1251" and p["name"] == "Kharkiv"]
    assert kharkiv and abs(float(kharkiv[0]["latitude"]) - 49.99) < 0.3


def test_jsonl_empty_invalid_and_non_utf8_rows_are_errors_and_the_rest_is_mapped(reference):
    errors = {row["article_id"]: row["reason"] for row in read_rows(reference / "errors.csv")}
    assert {"empty-row", "blank-row"} <= set(errors)
    assert len(errors) == 4, errors
    reasons = " | ".join(errors.values())
    assert "JSON" in reasons and "UTF-8" in reasons
    events = read_rows(reference / "events.csv")
    assert {e["article_id"] for e in events} == {f"art-{n:03d}" for n in range(40)}
    # The row's date field dates the events ("overnight", "on Tuesday" resolve against it).
    first = [e for e in events if e["article_id"] == "art-000"]
    assert first and first[0]["event_date"].startswith("2024-0")
    assert sum(1 for _ in (reference / "articles").glob("*.geojson")) == 40
    summary = json.loads((reference / "summary.json").read_text())
    assert summary["articles"] == 40 and summary["failed"] == 4


def test_csv_input_with_custom_field_names(tmp_path, gazetteer):
    source = tmp_path / "feed.csv"
    with source.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["uid", "headline", "published", "body"])
        for row in make_articles(5):
            writer.writerow([row["id"].upper(), row["title"], row["date"], row["text"]])
        writer.writerow(["NO-TEXT", "Nothing here", "2024-05-01", ""])
    out = tmp_path / "out"
    code = main(
        ["batch", str(source), "--out", str(out), "--text-field", "body", "--id-field", "uid",
         "--date-field", "published", "--title-field", "headline",
         "--gazetteer", str(gazetteer.path), "-q"]
    )  # fmt: skip
    assert code == 0
    ids = {f"ART-{n:03d}" for n in range(5)}
    assert {row["article_id"] for row in read_rows(out / "places.csv")} == ids
    assert [row["article_id"] for row in read_rows(out / "errors.csv")] == ["NO-TEXT"]
    merged = json.loads((out / "merged.geojson").read_text())
    assert {a["title"] for a in merged["articles"]} >= {"Attack on Kharkiv", "Attack on Kherson"}
    # Upper-case ids are not plain file names (case-insensitive file systems): slug + hash.
    assert (out / "articles" / f"{safe_key('ART-000')}.geojson").exists()


def test_default_date_applies_to_rows_without_one(tmp_path, gazetteer):
    rows = make_articles(2)
    for row in rows:
        del row["date"]
    source = write_jsonl(tmp_path / "undated.jsonl", rows)
    out = tmp_path / "out"
    assert main(["batch", str(source), "--out", str(out), "--date", "2023-03-15",
                 "--gazetteer", str(gazetteer.path), "-q"]) == 0  # fmt: skip
    dates = {e["event_date"] for e in read_rows(out / "events.csv")}
    assert dates and all(d.startswith("2023-03") for d in dates), dates


def test_maps_option_writes_one_html_map_per_article(tmp_path, gazetteer):
    source = write_jsonl(tmp_path / "two.jsonl", make_articles(2))
    out = tmp_path / "out"
    run_batch(source, out, BatchOptions(gazetteer_path=gazetteer.path, maps=True, quiet=True))
    for article_id, city in (("art-000", "Kharkiv"), ("art-001", "Kherson")):
        html = (out / "articles" / f"{article_id}.html").read_text(encoding="utf-8")
        assert "leaflet" in html.lower() and city in html


# ---------------------------------------------------------------- never clobber, resume


def test_refuses_a_non_empty_output_folder_without_resume_or_overwrite(tmp_path, feed, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert main(["batch", str(feed), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "not empty" in err and "--resume" in err
    # --overwrite only replaces a previous batch, never a folder of someone else's files.
    assert main(["batch", str(feed), "--out", str(out), "--overwrite", "-q"]) == 2
    assert (out / "notes.txt").read_text() == "mine"


def test_resume_refuses_a_batch_of_another_input(tmp_path, feed, reference, capsys):
    other = write_jsonl(tmp_path / "other.jsonl", make_articles(2))
    assert main(["batch", str(other), "--out", str(reference), "--resume", "-q"]) == 2
    assert "holds a batch of" in capsys.readouterr().err


def test_resume_after_sigkill_gives_the_same_outputs_without_duplicates(
    tmp_path, feed, reference, gazetteer
):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "geomap", "batch", str(feed), "--out", str(out), "-q"]
    process = subprocess.Popen(
        command, cwd=tmp_path, env=geomap_env(gazetteer.path),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    batch = BatchDir(out)
    deadline = time.monotonic() + 120
    while sum(1 for _ in batch.iter_parts()) < 3:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "no article finished in 120 s"
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    done_before = {ref.key for ref in batch.iter_parts()}
    assert 3 <= len(done_before) < 44, "the kill came too late to test resuming"
    assert not (out / "events.csv").exists()

    assert main(["batch", str(feed), "--out", str(out), "--resume",
                 "--gazetteer", str(gazetteer.path), "-q"]) == 0  # fmt: skip

    parts = [ref.key for ref in batch.iter_parts()]
    assert len(parts) == len(set(parts)) == 44  # every row once: 40 articles + 4 errors
    summary = json.loads((out / "summary.json").read_text())
    assert summary["last_run"]["skipped"] == len(done_before)
    assert summary["last_run"]["processed"] == 44 - len(done_before)
    assert_same_outputs(out, reference)
    assert not list(out.rglob(".*.tmp"))


def test_resume_of_a_finished_batch_redoes_nothing(tmp_path, feed, gazetteer):
    out = tmp_path / "out"
    source = write_jsonl(tmp_path / "small.jsonl", make_articles(3))
    options = BatchOptions(gazetteer_path=gazetteer.path, quiet=True)
    run_batch(source, out, options)
    before = (out / "places.csv").read_bytes()
    again = run_batch(source, out, BatchOptions(gazetteer_path=gazetteer.path, quiet=True,
                                                resume=True))  # fmt: skip
    assert again.processed == 0 and again.skipped == 3
    assert (out / "places.csv").read_bytes() == before


# ---------------------------------------------------------------- engines agree


def test_two_worker_processes_give_the_same_outputs_as_one(tmp_path, feed, reference, gazetteer):
    out = tmp_path / "out"
    run_batch(feed, out, BatchOptions(gazetteer_path=gazetteer.path, jobs=2, quiet=True))
    # Merged in input order, so the files are identical, not just the same rows.
    for name in (*MERGED, "merged.geojson"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


def test_dask_local_cluster_of_two_processes_gives_the_same_outputs(
    tmp_path, feed, reference, gazetteer
):
    pytest.importorskip("distributed", reason="geomap[dask] not installed")
    out = tmp_path / "out"
    options = BatchOptions(gazetteer_path=gazetteer.path, jobs=2, engine="dask", quiet=True)
    run_batch(feed, out, options)
    for name in (*MERGED, "merged.geojson"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


def test_dask_engine_reports_an_unreachable_scheduler_in_one_line(tmp_path, feed, capsys):
    pytest.importorskip("distributed", reason="geomap[dask] not installed")
    code = main(["batch", str(feed), "--out", str(tmp_path / "out"), "--engine", "dask",
                 "--scheduler", "tcp://127.0.0.1:9", "-q"])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Dask scheduler" in err[0]


# ---------------------------------------------------------------- small parts


def test_safe_keys_are_file_names_and_distinct_for_distinct_ids():
    ids = ["art-001", "ART-001", "a/b", "a-b", "../etc/passwd", "con", "2025/07/kherson", "é", ""]
    keys = [safe_key(i) for i in ids]
    assert len(set(keys)) == len(ids)
    assert safe_key("art-001") == "art-001"
    for key in keys:
        assert "/" not in key and ".." not in key and key not in ("con", "") and key.isascii()


def test_progress_writes_sparse_log_lines_when_not_a_terminal():
    stream = io.StringIO()
    progress = Progress(10, stream=stream, every_articles=4, every_seconds=3600, tty=False)
    for n in range(10):
        progress.update(ok=n != 3)
    final = progress.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2  # after 4 and 8 articles, not one per article
    assert lines[0].startswith("geomap: batch: 4/10 articles (3 ok, 1 failed)")
    assert "ETA" in lines[0] and "/s" in lines[0]
    assert final.startswith("10 articles in") and "9 ok, 1 failed" in final
