"""The site's search files: made by the producer (or, under `mkdocs serve --dirty`, in the background,
see preview_search.py), named in the search script, written after the build."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from ..core.i18n import Translator
from ..render.producer import Producer, ProducerError
from ..render.site_search import SearchFiles, SiteSearch
from .preview_search import BackgroundSearch


def made_search_files(producer: Producer | None) -> SearchFiles | None:
    if producer is None:
        return None
    try:
        search = producer.last()
    except ProducerError as error:
        raise PluginError(f"Katalog could not make the search files:\n{error}") from error
    assert isinstance(search, SearchFiles)
    return search


def name_search_files(
    script: File | None,
    search: SiteSearch | None,
    producer: Producer | None,
    background: BackgroundSearch | None,
    tr: Translator,
) -> None:
    """The search script's text, naming the search files (static files are copied after on_env).
    No search: an "entry first" preview build keeps the last build's (entry_edit.py)."""
    if search is None:
        return
    if background is not None and search is not None:
        made = None
        if background.index is None:  # the first build: the producer makes the search files
            _ = search.documents  # made here meanwhile
            made = made_search_files(producer)
        text = background.script(search, tr, made)
        if script is not None:
            script.content_string = text
        return
    files = made_search_files(producer)
    if script is not None and files is not None:
        script.content_string = files.script(tr)


def write_search_files(
    site_dir: Path, search: SiteSearch | None, producer: Producer | None, background: BackgroundSearch | None
) -> None:
    if search is None:
        return
    if background is not None and search is not None:
        background.after_build(site_dir)
    else:
        files = made_search_files(producer)
        if files is not None:
            files.write(site_dir)
