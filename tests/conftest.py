"""Shared fixtures: a small catalogue site in tmp_path, built from the repository's site_config/."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
import yaml

from katalog.cli import main as cli_main

REPO = Path(__file__).resolve().parents[1]

INDEX_MD = "# Forside\n\nEn lille testside.\n"

# Minimal valid entries, one per type. Tests replace or add only the line they care about.
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
FOLDERS = {"initiative": "catalogue/initiatives", "case": "catalogue/cases", "unit": "catalogue/units"}


def entry(kind: str, *, add: str = "", replace: Mapping[str, str] | None = None, body: str | None = None) -> str:
    """A valid entry of `kind` with lines added at the end of the front-matter and/or lines replaced.

    `replace` maps the start of an existing front-matter line (e.g. "municipality:") to the new line;
    an empty new line deletes it. `add` is appended just before the closing `---`.
    """
    text = VALID[kind]
    head, rest = text.split("\n---\n", 1)
    lines = head.split("\n")
    for prefix, new in (replace or {}).items():
        matches = [i for i, line in enumerate(lines) if line.startswith(prefix)]
        assert len(matches) == 1, f"{prefix!r} matches {len(matches)} lines"
        if new:
            lines[matches[0]] = new
        else:
            del lines[matches[0]]
    if add:
        lines.append(add.rstrip("\n"))
    if body is not None:
        rest = "\n" + body
    return "\n".join(lines) + "\n---\n" + rest


def mkdocs_yml_for_tests() -> str:
    """The repository's mkdocs.yml with only the generated overview pages in the nav."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = [
        item for item in config["nav"] if isinstance(item, str) and not item.startswith("vidensbank/")
    ]
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, files: Mapping[str, str | bytes]) -> Site:
        for relative, content in files.items():
            path = self.root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_bytes(content.encode("utf-8"))
        return self

    def __call__(self, files: Mapping[str, str | bytes] | None = None) -> Site:
        return self.write(files or {})

    def __truediv__(self, other: str) -> Path:
        return self.root / other


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Site]:
    """make_site({relative path: text or bytes}) -> a Site in tmp_path with site_config/, mkdocs.yml and content/index.md."""
    shutil.copytree(REPO / "site_config", tmp_path / "site_config")
    (tmp_path / "mkdocs.yml").write_text(mkdocs_yml_for_tests(), encoding="utf-8")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    site = Site(tmp_path)

    def make(files: Mapping[str, str | bytes] | None = None) -> Site:
        return site.write(files or {})

    return make


@pytest.fixture
def run_check(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, list[str], str]]:
    """run_check(root, *options) -> (exit code, stdout lines, stderr)."""

    def run(root: Path | Site, *options: str) -> tuple[int, list[str], str]:
        capsys.readouterr()
        path = root.root if isinstance(root, Site) else root
        code = cli_main(["check", str(path), *options])
        captured = capsys.readouterr()
        return code, captured.out.splitlines(), captured.err

    return run
