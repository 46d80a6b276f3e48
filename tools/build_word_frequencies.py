"""Build the recogniser's word-frequency evidence: how common a word is in lower case, and how
common a word is as a given name. Writes geomap/data/frequency/ (see its NOTICE.md).

    pip install wordfreq==3.1.1 names==0.3.0
    apt-get install wamerican wbritish
    python tools/build_word_frequencies.py              # writes geomap/data/frequency/*.tsv
    python tools/build_word_frequencies.py --out /tmp/f  # somewhere else

Sources (all from package registries; nothing is fetched from anywhere else):
- `wordfreq` (PyPI; its data CC BY-SA 4.0): the Zipf frequency of each word in English text
  (log10 of occurrences per billion words). It folds case, so "paris" is as frequent as the
  city's name makes it; the frequency alone cannot tell a common word from a name.
- SCOWL size 50 as Debian ships it (`wamerican`, `wbritish`; Kevin Atkinson's word lists,
  permissive licence): it writes proper nouns capitalised and common words in lower case. A word
  is a common word here when SCOWL lists it in lower case ("reading", "mobile", "chad"), and its
  weight is then wordfreq's frequency; names SCOWL only capitalises ("Paris", "Jordan", "Mali")
  get none.
- the US Census Bureau's 1990 given-name frequencies (public domain), as shipped in the `names`
  package (PyPI, MIT): each given name with the share of people who bear it, male and female
  added, so a name's evidence is graded (Mary 2.6%, Georgia 0.09%, Paris 0.007%); and the
  surnames of the same census borne by at least 0.001% of people (Davis 0.48%, Moody 0.028%).

Only numbers per word are written; the files are sorted so a rebuild diffs cleanly.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "geomap" / "data" / "frequency"
SCOWL = (Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english"))
MIN_ZIPF = 2.5  # rarer than about 3 in a million words: no reader takes it for a common word
CENSUS_FILES = ("dist.male.first", "dist.female.first")
CENSUS_SURNAMES = "dist.all.last"
MIN_SURNAME_SHARE = 0.001  # per cent of people; rarer surnames are not worth shipping


def lower_case_dictionary(paths: tuple[Path, ...] = SCOWL) -> set[str]:
    words: set[str] = set()
    for path in paths:
        if not path.exists():
            raise SystemExit(f"build_word_frequencies: {path} missing (apt-get install wamerican)")
        for line in path.read_text(encoding="utf-8").split():
            if line.isalpha() and line.islower() and line.isascii():
                words.add(line)
    return words


def common_words(dictionary: set[str], min_zipf: float = MIN_ZIPF) -> list[tuple[str, float]]:
    from wordfreq import zipf_frequency

    rows = []
    for word in sorted(dictionary):
        zipf = zipf_frequency(word, "en", wordlist="best")
        if zipf >= min_zipf:
            rows.append((word, zipf))
    return rows


def census_names(files: tuple[str, ...], min_share: float = 0.0) -> list[tuple[str, float]]:
    shares: dict[str, float] = {}
    package = resources.files("names")
    for name in files:
        for line in package.joinpath(name).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0].isalpha():
                word = parts[0].capitalize()
                shares[word] = shares.get(word, 0.0) + float(parts[1])
    return sorted((n, s) for n, s in shares.items() if s >= min_share)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    words = common_words(lower_case_dictionary())
    (args.out / "en_common_words.tsv").write_text(
        "".join(f"{w}\t{z:.2f}\n" for w, z in words), encoding="utf-8"
    )
    names = census_names(CENSUS_FILES)
    (args.out / "en_given_names.tsv").write_text(
        "".join(f"{n}\t{s:.3f}\n" for n, s in names), encoding="utf-8"
    )
    surnames = census_names((CENSUS_SURNAMES,), MIN_SURNAME_SHARE)
    (args.out / "en_surnames.tsv").write_text(
        "".join(f"{n}\t{s:.3f}\n" for n, s in surnames), encoding="utf-8"
    )
    print(
        f"{len(words)} common words, {len(names)} given names, {len(surnames)} surnames"
        f" -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
