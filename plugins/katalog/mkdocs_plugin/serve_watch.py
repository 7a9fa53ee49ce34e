"""What `mkdocs serve` watches besides content/ and mkdocs.yml: the catalogue, site_config/ and a
fork's template overrides, so that an edit there shows in the browser too."""

from __future__ import annotations

from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from ..core.config.siteconfig import CONFIG_DIR
from .watcher import StampWatcher


def watch_sources(
    server: LiveReloadServer, watcher: StampWatcher, root: Path, catalogue_dir: str, custom_dir: str | None
) -> bool:
    """Whether the system's file events are watched: then watcher.poke() has MkDocs build again."""
    folders = [str(root / folder) for folder in (catalogue_dir, CONFIG_DIR) if (root / folder).is_dir()]
    # MkDocs would poll each of 10,000 files twice a second; the system's events tell instead.
    stamp = watcher.start(folders) if folders else None
    for folder in [stamp] if stamp else folders:
        server.watch(folder)
    if custom_dir:
        server.watch(custom_dir)
    return stamp is not None
