"""npm packages for the tests (Decap CMS, ESLint), pinned, installed into a cache outside the repository
(~/.cache/katalog-npm, or $KATALOG_NPM_CACHE). Without node or npm the tests that need them are
skipped with the reason, except in CI (CI=true), where that is a failure."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

CACHE = Path(
    os.environ.get("KATALOG_NPM_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "katalog-npm"
)


def require(program: str) -> str:
    found = shutil.which(program)
    if found:
        return found
    reason = f"{program} not found: install Node.js and npm (`apt-get install nodejs npm`)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " (required in CI)")
    pytest.skip(reason)


def npm(*args: str, cwd: Path) -> None:
    subprocess.run(
        [require("npm"), *args, "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=600,
    )


def installed(folder: str, *packages: str) -> Path:
    """CACHE/folder/node_modules with the packages (name@version) installed once."""
    work = CACHE / folder
    modules = work / "node_modules"
    if not all((modules / package.rsplit("@", 1)[0]).is_dir() for package in packages):
        work.mkdir(parents=True, exist_ok=True)
        (work / "package.json").write_text('{"private": true}\n', encoding="utf-8")
        npm("install", *packages, cwd=work)
    return modules
