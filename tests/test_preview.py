"""`mkdocs serve --dirty` rebuilds only what an edit changes, and the site it leaves is the site a
clean build makes, byte for byte, after every edit of a sequence."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from PIL import Image

from katalog.core.catalogue import build_catalogue
from katalog.mkdocs_plugin.plugin import KatalogPlugin

from .conftest import REPO, entry

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import SITE_FOLDERS, generate

URL = "http://127.0.0.1:8000/"

# A clean build as `mkdocs serve` makes it (same site_url, the problems panel), in a fresh process.
CLEAN = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

if __name__ == "__main__":
    config = load_config(sys.argv[1], site_dir=sys.argv[2])
    config.site_url = sys.argv[3]
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url=sys.argv[3], dirty=False)
    finally:
        config.plugins.on_shutdown()
"""


def clean_build(root: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-c", CLEAN, str(root / "mkdocs.yml"), str(site), URL],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def tree(site: Path) -> dict[str, bytes]:
    found = {}
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder, name)
            found[path.relative_to(site).as_posix()] = path.read_bytes()
    return found


def folders(site: Path) -> set[str]:
    return {Path(folder).relative_to(site).as_posix() for folder, _, _ in os.walk(site)}


class DirtyServe:
    """What `mkdocs serve --dirty` does on each change, without the HTTP server: one plugin instance
    for the whole session, a build into the same folder."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=True)
        plugin = config.plugins["katalog"]
        assert isinstance(plugin, KatalogPlugin)
        self.plugin = plugin

    def config(self) -> MkDocsConfig:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = URL
        return config

    def build(self) -> None:
        config = self.config()
        assert config.plugins["katalog"] is self.plugin, "MkDocs keeps a plugin with on_startup between builds"
        build(config, serve_url=URL, dirty=True)
        assert self.plugin.background is not None
        assert self.plugin.background.wait(120), "the search index was not made in time"

    def body_only(self) -> bool:
        assert self.plugin.preview is not None
        return self.plugin.preview.body_only

    def entry_first(self) -> bool:
        assert self.plugin.preview is not None
        return self.plugin.preview.entry_first

    def build_entry_first(self, page: Path, shows: str) -> None:
        """A front-matter edit under a server: the edited page first, alone (it shows `shows`, and a
        catch-up build is asked for), then the catch-up build, as the server makes it when asked."""
        asked: list[int] = []
        self.plugin.catch_up = lambda: asked.append(1)
        try:
            before = self.tree_without(page)
            self.build()
            assert self.entry_first()
            assert shows in page.read_text(encoding="utf-8")
            assert self.tree_without(page) == before, "an entry-first build writes the edited page only"
            deadline = time.monotonic() + 30
            while not asked and time.monotonic() < deadline:
                time.sleep(0.05)
            assert asked == [1]
            self.build()
            assert not self.entry_first()
        finally:
            self.plugin.catch_up = None

    def tree_without(self, page: Path) -> dict[str, bytes]:
        return {name: data for name, data in tree(self.site).items() if self.site / name != page}

    def rebuilt(self) -> int:
        assert self.plugin.preview is not None
        return len(self.plugin.preview.previous) - len(self.plugin.preview.kept)


@contextmanager
def dirty_serve(root: Path, site: Path) -> Iterator[DirtyServe]:
    serve = DirtyServe(root, site)
    try:
        yield serve
    finally:
        serve.plugin.on_shutdown()


def assert_same_as_clean(root: Path, site: Path, clean: Path) -> None:
    clean_build(root, clean)
    dirty_files, clean_files = tree(site), tree(clean)
    assert sorted(dirty_files) == sorted(clean_files)
    different = [name for name in clean_files if dirty_files[name] != clean_files[name]]
    if different:
        first = different[0]
        lines = difflib.unified_diff(
            clean_files[first].decode("utf-8", "replace").splitlines(),
            dirty_files[first].decode("utf-8", "replace").splitlines(),
            "clean/" + first,
            "dirty/" + first,
            lineterm="",
        )
        raise AssertionError(f"{len(different)} file(s) differ: {different[:10]}\n" + "\n".join(list(lines)[:60]))
    assert folders(site) == folders(clean)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def catalogue_root(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    generate(REPO, root, 60, 3)
    return root


def test_a_dirty_preview_equals_a_clean_build_after_every_edit(catalogue_root: Path, tmp_path: Path) -> None:
    root = catalogue_root
    site, clean = tmp_path / "served", tmp_path / "clean"
    catalogue = build_catalogue(root)
    assert not catalogue.errors
    # An initiative others link to, with themes: its edits reach backlinks, term pages and listings.
    linked = max(
        (e for e in catalogue.entries.values() if e.type == "initiative"),
        key=lambda e: (len(catalogue.incoming.get(e.id, [])), e.id),
    )
    assert catalogue.incoming.get(linked.id)
    path = root / linked.path
    other = next(e for e in catalogue.entries.values() if e.type == "case" and e.id != linked.id)
    gone = next(
        e for e in catalogue.entries.values() if e.type == "unit" and catalogue.incoming.get(e.id) and e is not linked
    )
    with dirty_serve(root, site) as serve:
        serve.build()
        assert_same_as_clean(root, site, clean)

        # 1. a body edit: the entry's page only (and the search data), the last build taken up whole
        before = path.read_text(encoding="utf-8")
        path.write_text(before + "\nEn ny sætning om forhåndsvisning.\n", "utf-8")
        serve.build()
        assert serve.body_only()
        assert serve.rebuilt() < 20
        assert_same_as_clean(root, site, clean)

        # 1b. the body as it was: the page must not be taken for the one built two edits ago
        path.write_text(before, "utf-8")
        serve.build()
        assert serve.body_only()
        assert_same_as_clean(root, site, clean)

        # 1c. bodies of an article in content/ and of two entries in one build
        article = next(e for e in catalogue.entries.values() if e.type == "article")
        for edited in (root / article.path, root / other.path, path):
            edited.write_text(edited.read_text(encoding="utf-8") + "\nEndnu et afsnit.\n", "utf-8")
        serve.build()
        assert serve.body_only()
        assert_same_as_clean(root, site, clean)

        # 1d. a body that now links to another entry: backlinks change, the ordinary way
        path.write_text(path.read_text(encoding="utf-8") + f"\nSe også [[{other.id}]].\n", "utf-8")
        serve.build()
        assert not serve.body_only()
        assert_same_as_clean(root, site, clean)

        # 1e. a body with a problem (the panel on every page), then without
        good_body = path.read_text(encoding="utf-8")
        path.write_text(good_body + "\nSe [[findes-ikke-endnu]].\n", "utf-8")
        serve.build()
        assert not serve.body_only()
        assert 'id="katalog-problems"' in (site / "index.html").read_text(encoding="utf-8")
        assert_same_as_clean(root, site, clean)
        path.write_text(good_body, "utf-8")
        serve.build()
        assert_same_as_clean(root, site, clean)

        # 2. a title: its page first, then the pages linking to it, listings and term pages showing its card
        page = site / SITE_FOLDERS["initiative"] / path.stem / "index.html"
        edit(path, f'title: "{linked.title}"', 'title: "Et omdøbt initiativ"')
        serve.build_entry_first(page, "Et omdøbt initiativ")
        assert_same_as_clean(root, site, clean)

        # 3. a term: the entry moves from one theme's page to another's
        themes = re.search(r"^themes: \[.*\]$", path.read_text(encoding="utf-8"), re.MULTILINE)
        assert themes is not None
        edit(path, themes.group(0), 'themes: ["demokrati-og-inddragelse"]')
        serve.build_entry_first(page, "/demokrati-og-inddragelse/")
        assert not build_catalogue(root).problems
        assert_same_as_clean(root, site, clean)

        # 3b. a status: a badge on the entry's cards, in listings it stays on
        status = re.search(r"^status: (\w+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
        assert status is not None
        edit(path, status.group(0), f"status: {'ended' if status.group(1) != 'ended' else 'idea'}")
        serve.build()  # with no server to ask for a catch-up build: the ordinary way at once
        assert not serve.entry_first()
        assert_same_as_clean(root, site, clean)

        # 3c. a unit's expertise: the who-knows-what page, keyword pages
        unit = next(e for e in catalogue.entries.values() if e.type == "unit" and e.data.get("expertise"))
        unit_path = root / unit.path
        expertise = re.search(r"^expertise: \[.*\]$", unit_path.read_text(encoding="utf-8"), re.MULTILINE)
        assert expertise is not None
        edit(unit_path, expertise.group(0), 'expertise: ["forhåndsvisning af ændringer"]')
        serve.build()
        assert 0 < serve.rebuilt() < len(serve.plugin.preview.previous)
        assert "forhåndsvisning af ændringer" in (site / "hvem-ved-noget-om" / "index.html").read_text("utf-8")
        assert_same_as_clean(root, site, clean)

        # 3d. an image: its resized copies come with the site's files, so the ordinary way at once
        Image.new("RGB", (640, 400), "teal").save(path.parent / "forhaandsvisning.png")
        text = path.read_text(encoding="utf-8")
        image = '\nimage:\n  src: forhaandsvisning.png\n  alt: "Et billede til forhåndsvisningen"\n---\n'
        path.write_text(text.replace("\n---\n", image, 1), "utf-8")
        serve.plugin.catch_up = lambda: None
        serve.build()
        serve.plugin.catch_up = None
        assert not serve.entry_first()
        assert "Et billede til forhåndsvisningen" in page.read_text(encoding="utf-8")
        assert_same_as_clean(root, site, clean)

        # 4. a new entry, linking to another
        new = root / "catalogue/initiatives/et-nyt-initiativ.md"
        new.write_text(entry("initiative", body=f"Se [[{other.id}]].\n"), "utf-8")
        serve.build()
        assert_same_as_clean(root, site, clean)

        # 5. a deleted entry that others link to
        (root / gone.path).unlink()
        serve.build()
        assert_same_as_clean(root, site, clean)

        # 6. a broken entry (the panel on every page), then fixed
        good = new.read_text(encoding="utf-8")
        new.write_text(good.replace("status: running", "status: [løber"), "utf-8")
        serve.plugin.catch_up = lambda: None  # as under a server: a problem is never left for later
        serve.build()
        serve.plugin.catch_up = None
        assert not serve.entry_first()
        assert 'id="katalog-problems"' in (site / "index.html").read_text(encoding="utf-8")
        assert_same_as_clean(root, site, clean)
        new.write_text(good.replace("status: running", "status: løbende"), "utf-8")  # valid YAML, no such status
        serve.plugin.catch_up = lambda: None
        serve.build()
        serve.plugin.catch_up = None
        assert not serve.entry_first()
        assert "løbende" in (site / "index.html").read_text(encoding="utf-8")
        assert_same_as_clean(root, site, clean)
        new.write_text(good, "utf-8")
        serve.build()
        assert_same_as_clean(root, site, clean)
