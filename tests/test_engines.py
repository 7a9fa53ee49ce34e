"""The example site builds the same under ProperDocs (a maintained MkDocs 1.x fork) as under MkDocs.

Material for MkDocs stops security fixes on 2027-05-05 and MkDocs 2 drops plugins, so a fork must be
able to switch engines: both build the example site here, and every file must be byte for byte the
same but for the generator meta tag, which names the engine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(engine: str, root: Path, out: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-q", "-d", str(out)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-3000:]


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_properdocs_builds_what_mkdocs_builds(tmp_path: Path) -> None:
    pytest.importorskip("properdocs", reason="ProperDocs is installed with the test extras")
    root = tmp_path / "site"
    for name in ("content", "catalogue", "site_config"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    build("mkdocs", root, tmp_path / "mkdocs")
    build("properdocs", root, tmp_path / "properdocs")
    mkdocs, properdocs = files(tmp_path / "mkdocs"), files(tmp_path / "properdocs")
    assert sorted(mkdocs) == sorted(properdocs)
    differing = [name for name in mkdocs if GENERATOR.sub(b"", mkdocs[name]) != GENERATOR.sub(b"", properdocs[name])]
    assert differing == []
    assert b"ProperDocs" in properdocs["index.html"]  # it was the other engine
