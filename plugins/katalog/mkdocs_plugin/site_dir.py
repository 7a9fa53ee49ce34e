"""What a build writes in site_dir, and what a dirty build changes there itself: files no longer
written, the problems panel of pages kept."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from ..render.problem_panel import with_panel


def remove_with_folders(site_dir: str, relative: str) -> None:
    path = os.path.join(site_dir, relative)
    try:
        os.remove(path)
    except FileNotFoundError:
        return
    folder = os.path.dirname(path)
    top = os.path.abspath(site_dir)
    while os.path.abspath(folder) != top and folder.startswith(top):
        try:
            os.rmdir(folder)
        except OSError:
            return  # not empty
        folder = os.path.dirname(folder)


def replace_panel(paths: list[str], old: str, new: str) -> None:
    """The problems panel of each kept page, replaced in place (a fraction of re-rendering it)."""

    def one(path: str) -> None:
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except FileNotFoundError:
            return
        changed = text.replace(old, new, 1) if old else with_panel(text, new)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(changed)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(one, paths))


def written(files: Files, config: MkDocsConfig) -> set[str]:
    """What a build writes in site_dir, relative to it: every file, and the theme's templates."""
    dests = {file.dest_uri for file in files}
    dests.update(config.theme.static_templates)
    if "sitemap.xml" in dests:
        dests.add("sitemap.xml.gz")
    return dests
