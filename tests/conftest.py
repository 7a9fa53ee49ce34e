"""Shared fixtures: a small catalogue site in tmp_path, with the repository's site_config/ and theme.

`make_site({relative path: text or bytes})` writes a site; `entry(kind, ...)` gives a minimal VALID
initiative/case/unit with only the lines a test cares about added or replaced.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
import yaml

from katalog.cli import main as cli_main
from katalog.core.catalogue import build_catalogue
from katalog.core.report import text_line

REPO = Path(__file__).resolve().parents[1]

INDEX_MD = "# Forside\n\nEn lille testside.\n"

# Minimal valid entries. Line numbers matter to the tests: in all three, line 1 is `---`, the last
# front-matter line is line 9, and a line added with `add=` becomes line 10.
INITIATIVE = """\
---
title: "Et lille initiativ"
summary: "Et initiativ, der kun findes i testene af kataloget."
municipality: aarhus
status: running
themes: [samskabelse]
contacts:
  - name: "Test Testesen"
    email: test@example.org
---

Brødtekst.
"""

CASE = """\
---
title: "En lille case"
summary: "En case, der kun findes i testene af kataloget."
municipality: aarhus
year: 2024
themes: [samskabelse]
citizen_roles: [volunteer]
learnings:
  - "Man lærer noget."
---

Brødtekst.
"""

UNIT = """\
---
title: "En lille enhed"
summary: "En enhed, der kun findes i testene af kataloget."
municipality: aarhus
kind: department
expertise: [test]
contacts:
  - name: "Test Testesen"
    email: test@example.org
---

Brødtekst.
"""

VALID = {"initiative": INITIATIVE, "case": CASE, "unit": UNIT}

# Where each type lives (folders from site_config/schema.yml).
FOLDERS = {"initiative": "catalogue/initiatives", "case": "catalogue/cases", "unit": "catalogue/units"}


def entry(kind: str, *, add: str = "", replace: Mapping[str, str] | None = None, body: str | None = None) -> str:
    """A valid entry of `kind` ("initiative", "case" or "unit"), changed as asked.

    replace: {start of an existing front-matter line: new line(s)}; "" deletes the line.
    add: line(s) appended at the end of the front-matter (the first one is line 10).
    body: the body, written after the closing `---` and one blank line (so its first line is line 12).
    """
    head, rest = VALID[kind].split("\n---\n", 1)
    lines = head.split("\n")
    for prefix, new in (replace or {}).items():
        matches = [i for i, line in enumerate(lines) if line.startswith(prefix)]
        assert len(matches) == 1, f"{prefix!r} matches {len(matches)} lines of the {kind}"
        if new:
            lines[matches[0]] = new
        else:
            del lines[matches[0]]
    if add:
        lines.append(add.rstrip("\n"))
    return "\n".join(lines) + "\n---\n" + (rest if body is None else "\n" + body)


def mkdocs_yml_for_tests() -> str:
    """The repository's mkdocs.yml (same theme, plugins, extensions) without the knowledge-bank nav."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = [  # the generated pages; hand-written ones (vejledning.md) are not in test sites
        item for item in config["nav"] if isinstance(item, str) and item.endswith("index.md")
    ]
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


class Site:
    """A catalogue root in tmp_path. Call it (or .write) with {relative path: str | bytes} to add files."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, files: Mapping[str, str | bytes]) -> Site:
        for relative, content in files.items():
            path = self.root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return self

    def __call__(self, files: Mapping[str, str | bytes] | None = None) -> Site:
        return self.write(files or {})

    def __truediv__(self, other: str) -> Path:
        return self.root / other


def copy_example_config(target: Path) -> None:
    """The repository's site_config/ for a test site: without `featured:`, whose ids are the example's."""
    shutil.copytree(REPO / "site_config", target)
    settings = target / "site.yml"
    lines = settings.read_text(encoding="utf-8").split("\n")
    settings.write_text("\n".join(line for line in lines if not line.startswith("featured:")), encoding="utf-8")


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Site]:
    """make_site({relative path: text or bytes}) -> Site with site_config/, mkdocs.yml and content/index.md."""
    copy_example_config(tmp_path / "site_config")
    (tmp_path / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    site = Site(tmp_path)

    def make(files: Mapping[str, str | bytes] | None = None) -> Site:
        return site.write(files or {})

    return make


def problem_lines(root: Path | Site) -> list[str]:
    """Every problem of the catalogue as `katalog check` prints it (PATH:LINE:COL: error: MESSAGE)."""
    catalogue = build_catalogue(root.root if isinstance(root, Site) else root)
    return [text_line(problem, catalogue.config.tr) for problem in catalogue.problems]


@pytest.fixture
def run_check(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, list[str], str]]:
    """run_check(root, *options) -> (exit code, stdout lines, stderr text) of `katalog check root ...`."""

    def run(root: Path | Site | str, *options: str) -> tuple[int, list[str], str]:
        capsys.readouterr()
        path = root.root if isinstance(root, Site) else root
        code = cli_main(["check", str(path), *options])
        captured = capsys.readouterr()
        return code, captured.out.splitlines(), captured.err

    return run


def mkdocs(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs` in cwd; its output (stdout + stderr) is in .stdout."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
