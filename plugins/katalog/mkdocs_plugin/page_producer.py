"""Katalog's share of every page rendered ahead, in the order MkDocs asks for them (render/producer.py)."""

from __future__ import annotations

import functools

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from ..core import parallel
from ..render.pages import PageRenderer
from ..render.producer import ForkedProducer, InlineProducer, Jobs, Producer, ProducerError
from ..render.site_search import SiteSearch
from .katalog_file import KatalogFile
from .page_events import SitePages
from .preview_search import BackgroundSearch

log = get_plugin_logger(__name__)


def new_producer(
    files: Files,
    pages: SitePages,
    renderer: PageRenderer,
    search: SiteSearch | None,
    workers: int,
    last_producer: Producer | None,
    *,
    rebuilding: bool,
    asked: bool,
    background: BackgroundSearch | None,
) -> Producer:
    """A producer of this build's pages (the last build's, if any, closed).

    rebuilding: a dirty build that renders only the pages an edit changed; asked: the site asked for
    more than one worker; background: under `mkdocs serve --dirty`, what makes the search files;
    search None: this build keeps the last build's search files."""
    jobs: Jobs = []
    # A dirty build asks for the few pages an edit changed: rendering all of them ahead is waste.
    for file in files.documentation_pages():
        if rebuilding and isinstance(file, KatalogFile) and not file.changed:
            continue  # kept as the last build wrote it: MkDocs will not ask
        src = file.src_uri
        entry = pages.entry_pages.get(src)
        if entry is not None:
            jobs.append((src, functools.partial(renderer.entry_frame, entry)))
        elif src in pages.generated_pages:
            jobs.append((src, pages.generated_pages[src].render))
    if last_producer is not None:
        last_producer.close()
    spread = not rebuilding and parallel.worth_spreading(len(jobs), workers, asked=asked)
    # Under `mkdocs serve --dirty` the search files are made apart (see preview_search.py).
    last = _nothing if search is None or (background is not None and background.index is not None) else search.files
    producer = (ForkedProducer if spread else InlineProducer)(jobs, last)
    log.debug(f"{len(jobs)} pages rendered {'ahead, in a second process' if spread else 'in place'}")
    return producer


def produced(producer: Producer | None, src: str) -> object:
    assert producer is not None
    try:
        return producer.get(src)
    except ProducerError as error:
        raise PluginError(f"Katalog could not render {src}:\n{error}") from error


def _nothing() -> None:
    return None
