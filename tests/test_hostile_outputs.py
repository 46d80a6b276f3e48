"""Hostile input reaching the outputs (issue 10): file names, the console, and failed runs.

- slugs never escape the output folder and are never reserved device names, for any title and
  any file name;
- the console summary and the CLI's error line show control characters, ANSI escape sequences
  and bidi overrides as visible escapes, never raw;
- a run that fails leaves existing outputs exactly as they were, with no temporary files.
HTML escaping of article text is checked in a browser by test_render_browser.py.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.cli import main
from geomap.fsutil import atomic_write_text, atomic_writer, slugify
from geomap.records import Article, LatLon, Mention, Place, Report, Resolution
from geomap.summary import summarize, terminal_safe

RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{i}" for d in ("com", "lpt") for i in range(10)}
HOSTILE_NAMES = st.one_of(
    st.text(max_size=120),
    st.sampled_from(
        [
            "", ".", "..", "../../etc/passwd", "/etc/passwd", "C:\\Windows\\x", "CON", "nul",
            "Com1", "LPT9", "con.txt", "ＣＯＮ", "\x00", "\u202egnp.exe", "~", "-", "--help",
            "a" * 500, "Київ", "مرحبا", "🎉", "\x1b[31m",
        ]
    ),
)  # fmt: skip


@settings(derandomize=True, max_examples=100, deadline=None)
@given(HOSTILE_NAMES, HOSTILE_NAMES)
def test_slug_is_a_plain_name_inside_the_folder(tmp_path_factory, title: str, fallback: str):
    slug = slugify(title, fallback=fallback or "article")
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug
    assert slug not in RESERVED and len(slug) <= 80
    out = tmp_path_factory.getbasetemp() / "out"
    assert (out / f"{slug}.html").resolve().parent == out.resolve()


# Characters that act on a terminal: C0/C1 controls and the bidi overrides/isolates.
_ACTIVE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@settings(derandomize=True, max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_terminal_safe_leaves_nothing_active_and_keeps_the_rest(text: str) -> None:
    safe = terminal_safe(text)
    assert not _ACTIVE.search(safe)
    # Ordinary characters, RTL script and emoji are shown as they are.
    for ch in text:
        if not _ACTIVE.match(ch):
            assert ch in safe


def _hostile_report() -> Report:
    text = "Shelling hit Kharkiv\x1b[2J overnight.\u202e Officials said\rnothing."
    article = Article(id="x", title="Title\x1b]0;owned\x07 \u202eevil", text=text)
    mention = Mention(
        text="Kharkiv\x1b[2J", start=13, end=24, sentence=text, sentence_start=0
    )  # fmt: skip
    place = Place(
        place_id="test:1", name="Kharkiv\x1b[31m", point=LatLon(49.98, 36.25),
        kind="populated_place", country_code="UA", admin1="Kharkiv\u2066", source="test",
    )  # fmt: skip
    unresolved = Mention(text="Nowhere\r\nville", start=0, end=5, sentence=text, sentence_start=0)
    return Report(
        article=article,
        mentions=[mention, unresolved],
        resolutions=[
            Resolution(mention, place, 0.9, "test"),
            Resolution(unresolved, None, 0.0, "not in gazetteer\x1b[0m"),
        ],
        warnings=["provider said \x1b[5mblink"],
    )


def test_summary_shows_control_characters_escaped() -> None:
    summary = summarize(_hostile_report())
    assert not _ACTIVE.search(summary.replace("\n", ""))
    assert "\\x1b[2J" in summary and "\\u202e" in summary
    # One line per item: a CR/LF inside a name cannot start a line of its own.
    assert any("Nowhere\\x0d\\x0aville" in line for line in summary.splitlines())


def test_cli_error_line_is_escaped(tmp_path: Path, capsys) -> None:
    name = tmp_path / "evil\x1b[31mname.txt"
    code = main(["map", str(name), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "\x1b" not in err and "\\x1b[31m" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("file_name", "title"),
    [("CON.txt", None), ("...txt", None), ("article.txt", "../../escape"), ("x.txt", "NUL")],
)
def test_map_writes_only_inside_the_output_folder(
    gazetteer, tmp_path: Path, file_name: str, title: str | None, monkeypatch
) -> None:
    monkeypatch.setenv("GEOMAP_GAZETTEER", str(gazetteer.path))
    article = tmp_path / "in" / file_name
    article.parent.mkdir()
    article.write_text("Russian forces shelled Kharkiv on Monday, officials said.\n")
    out = tmp_path / "out"
    args = ["map", str(article), "-o", str(out), "-q", "--date", "2025-07-23"]
    assert main([*args, *(["--title", title] if title else [])]) == 0
    written = sorted(
        p.name for p in tmp_path.rglob("*") if p.is_file() and p.parent != article.parent
    )
    assert written and all((out / n).exists() for n in written), written
    stems = {Path(n).stem.lower() for n in written}
    assert not stems & RESERVED and all(not s.startswith(".") for s in stems)


def test_failed_run_keeps_existing_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    previous = out / "article.html"
    previous.write_text("<p>the good map</p>")
    binary = tmp_path / "article.txt"
    binary.write_bytes(b"\x00\x01\x02garbage" * 100)
    assert main(["map", str(binary), "-o", str(out)]) == 2
    assert previous.read_text() == "<p>the good map</p>"
    assert [p.name for p in out.iterdir()] == ["article.html"]


def test_atomic_write_interrupted_midway_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "map.geojson"
    atomic_write_text(target, '{"old": true}')
    with pytest.raises(RuntimeError), atomic_writer(target) as fh:
        fh.write('{"half": ')
        raise RuntimeError("disk full, say")
    assert target.read_text() == '{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["map.geojson"]


def test_reserved_title_with_a_long_fallback_stays_within_the_length() -> None:
    # Found by tools/fuzz.py: "CON" with an 80-character fallback gave an 84-character slug.
    slug = slugify("CON", fallback="a" * 500)
    assert len(slug) <= 80 and slug.endswith("-con") and "--" not in slug


def test_unicode_lookalike_of_a_reserved_name_is_folded_then_refused() -> None:
    # Fullwidth "ＣＯＮ" folds to "con" under NFKD: still refused.
    assert unicodedata.normalize("NFKD", "ＣＯＮ").lower() == "con"
    assert slugify("ＣＯＮ") == "article-con"
