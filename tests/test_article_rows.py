"""Batch input rows: folders, JSONL and CSV, with bad rows reported instead of raised."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from geomap.article import iter_input_rows
from geomap.errors import InputError

TEXT = "Russian shelling of the southern Ukrainian city of Kherson killed a woman overnight."
OTHER = "Talks between Russia and Ukraine will be held in Istanbul on Wednesday evening."


def test_folder_of_files_with_broken_ones(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Kherson shelled\n\n{TEXT}", encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><article><p>{OTHER}</p></article></body></html>")
    (tmp_path / "c.md").write_text(f"# Talks\n\n{OTHER}", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "cp.txt").write_bytes(b"\x00\x01binary\xff")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.csv.bak").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    rows = list(iter_input_rows(tmp_path))
    assert [r.id for r in rows] == ["a", "b", "c", "cp", "empty", "sub/d"]
    by_id = {r.id: r for r in rows}
    assert by_id["a"].article is not None and by_id["a"].article.title == "Kherson shelled"
    assert by_id["a"].article.id == "a"
    assert by_id["c"].article.title == "Talks"
    assert by_id["empty"].article is None and "empty" in by_id["empty"].error
    assert by_id["cp"].article is None and "binary" in by_id["cp"].error
    assert by_id["sub/d"].ok


def test_folder_ids_unique_when_stems_collide(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.md").write_text(OTHER, encoding="utf-8")
    assert sorted(r.id for r in iter_input_rows(tmp_path)) == ["a.md", "a.txt"]


def test_jsonl_rows_with_errors_and_custom_fields(tmp_path: Path) -> None:
    lines = [
        json.dumps({"uid": "k1", "body": TEXT, "when": "2025-07-23", "headline": "Kherson"}),
        "",
        "{not json",
        json.dumps({"uid": "k2", "body": ""}),
        json.dumps({"uid": "k3", "other": "x"}),
        json.dumps(["a", "list"]),
        json.dumps({"body": OTHER, "when": "not a date"}),
        json.dumps({"body": "<html><body><article><p>" + OTHER + "</p></article></body></html>"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"uid": "k9", "body": "caf\xe9"}\n')
    rows = list(
        iter_input_rows(
            path, text_field="body", id_field="uid", date_field="when", title_field="headline"
        )
    )
    assert len(rows) == 8  # the blank line is not a row
    ok = [r for r in rows if r.ok]
    bad = [r for r in rows if not r.ok]
    assert ok[0].id == "k1" and ok[0].article.title == "Kherson"
    assert ok[0].article.published.isoformat() == "2025-07-23"
    assert ok[1].id.startswith("text-") and ok[1].article.published is None
    assert "<p>" not in ok[2].article.text and "Istanbul" in ok[2].article.text
    errors = {r.location.rsplit(":", 1)[1]: r.error for r in bad}
    assert "not valid JSON" in errors["3"]
    assert "empty" in errors["4"]
    assert "no 'body' field" in errors["5"]
    assert "object" in errors["6"]
    assert "not valid UTF-8" in errors["9"]
    assert {r.id for r in bad} >= {"k2", "k3", "feed-line-3", "k9"}


def test_jsonl_huge_line_is_an_error_row_not_a_memory_spike(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"id": "n", "text": TEXT}) + "\n"
    )
    rows = list(iter_input_rows(path, max_bytes=1000))
    assert "longer than 1000 bytes" in rows[0].error
    assert rows[1].id == "n" and rows[1].ok


def test_jsonl_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": TEXT}) + "\n", encoding="utf-8")
    rows = iter_input_rows(path)
    first = next(rows)
    # Lines appended after the first row was read are still seen: the file is read lazily.
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": OTHER}) + "\n")
    assert first.ok and next(rows).article.text == OTHER


def test_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "title", "date", "text"])
        writer.writerow(
            ["r1", "Kherson", "2025-07-23", TEXT + "\n\nSecond paragraph, with a comma."]
        )
        writer.writerow(["r2", "", "", ""])
        writer.writerow(["r3", "Talks", "", "x" * 200_000 + " " + OTHER])  # over csv's 128 KiB
    with path.open("ab") as fh:
        fh.write(b'r4,T,,"caf\xe9 au lait"\r\n')
    rows = list(iter_input_rows(path))
    assert [r.id for r in rows] == ["r1", "r2", "r3", "r4"]
    assert rows[0].ok and "Second paragraph" in rows[0].article.text
    assert not rows[1].ok and "empty" in rows[1].error
    assert rows[2].ok
    assert not rows[3].ok and "not valid UTF-8" in rows[3].error


def test_csv_cp1252_with_encoding(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_bytes("id;text\nq;Peskov said talks would be “very difficult”.\n".encode("cp1252"))
    rows = list(iter_input_rows(path, encoding="cp1252"))
    assert rows[0].ok and "“very difficult”" in rows[0].article.text


def test_csv_without_text_column_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text("id,body\n1,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="--text-field"):
        list(iter_input_rows(path))


def test_unusable_inputs(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(iter_input_rows(tmp_path / "missing.jsonl"))
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="folder, a .jsonl file or a .csv"):
        list(iter_input_rows(tmp_path / "x.pdf"))
