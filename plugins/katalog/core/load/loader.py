"""Loading the catalogue: find its files and turn each into an entry or a page, collecting every
problem on the way; in one process or many, reusing what a FileCache kept."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from ..config.siteconfig import SiteConfig
from .discovery import discover
from .filecache import FileCache, load_cached
from .loaded import Loaded
from .pool import load_found


@contextmanager
def collection_paused() -> Iterator[None]:
    """Loading allocates millions of small objects that hold no reference cycles. Python's cyclic
    collector would walk all of them again and again, while loading (half its time at 10,000 files)
    and in every later step; so it pauses while we load, and what we loaded is then frozen out of
    its sight. Reference counting still frees all of it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def load(
    config: SiteConfig, workers: int = 1, *, bodies: bool = True, cache: FileCache | None = None, token: object = None
) -> Loaded:
    """Every file, in a stable order; with workers > 1, parsed and validated in that many processes.

    bodies=False is for checking only: bodies are checked as they are read and then left out
    (entries and pages carry an empty body), which spares sending them back from the workers.
    cache: reuse what an unchanged file gave last time (token: what the results depend on besides
    the files, e.g. site_config/'s state).
    """
    with collection_paused():
        return _load(config, workers, bodies, cache, token)


def _load(config: SiteConfig, workers: int, bodies: bool, cache: FileCache | None, token: object) -> Loaded:
    found = discover(config)
    if cache is None:
        loaded = load_found(config, found.jobs, workers, bodies)
    else:
        loaded = load_cached(config, found.jobs, workers, bodies, cache, token)
    loaded.problems.extend(found.problems)
    loaded.files += found.files
    return loaded
