"""Under `mkdocs serve --dirty`: the search index is made in another process, after the pages.

An edit's pages show as soon as MkDocs has built them; the lunr index takes far longer at 10,000
entries (most of a full build's search time), so it is made in a second process and written when
done. Until then the search box keeps using the previous docs and index files, which stay on disk;
the overview pages already use the new docs file. Nothing reloads the browser when the index
arrives: the next page opened searches the new one. An edit that leaves the indexed text as it was
(a term, a date, or a body when the catalogue is too big to index bodies) reuses the index at once.

The first build keeps the index of the full build (made by render/producer.py).
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ..core.i18n import Translator
from ..core.search.build import SearchDocument
from ..render.site_files import SEARCH_SCRIPT
from ..render.site_search import SearchFiles, SiteSearch, index_for, index_inputs, search_script

Inputs = tuple[tuple[str, ...], ...]


class BackgroundSearch:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pool: ProcessPoolExecutor | None = None
        self.index: tuple[str, str] | None = None  # (name, text) of the newest index made
        self.inputs: Inputs | None = None  # what self.index was made of
        self.wanted: Inputs | None = None  # what the index being made is made of
        self.latest: Inputs | None = None  # what the last build's index should be made of
        self.docs: tuple[str, str] = ("", "")  # the last build's docs file (name, text)
        self.documents: list[SearchDocument] = []
        self.language = ""
        self.live: tuple[str, str] | None = None  # (docs, index) the script in site_dir names
        self.on_disk: set[str] = set()  # search files written in site_dir
        self.site_dir: Path | None = None
        self.tr: Translator | None = None
        self.building = False
        self.settled = threading.Event()  # nothing is being made
        self.settled.set()

    def script(self, search: SiteSearch, tr: Translator, made: SearchFiles | None) -> str:
        """In on_env: the search script's text for this build. made: the full build's files."""
        inputs = index_inputs(search.documents)
        with self.lock:
            self.building = True
            self.tr = tr
            self.latest = inputs
            self.documents = search.documents
            self.language = search.model.catalogue.config.language
            if made is not None:
                self.index, self.inputs = (made.index_name, made.index_text), inputs
            self.docs = search.docs
            pair = self.ready_pair() or self.live
            assert pair is not None, "the first build makes the index"
            return search_script(*pair, tr)

    def ready_pair(self) -> tuple[str, str] | None:
        if self.index is not None and self.inputs == self.latest:
            return (self.docs[0], self.index[0])
        return None

    def after_build(self, search: SiteSearch, site_dir: Path) -> None:
        with self.lock:
            self.building = False
            self.site_dir = site_dir
            self.write(*self.docs)
            if self.ready_pair() is None and self.wanted != self.latest:
                self.wanted = self.latest
                self.settled.clear()
                if self.pool is None:
                    # Spawned, not forked: the server runs threads.
                    self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
                future = self.pool.submit(index_for, self.language, self.documents)
                future.add_done_callback(functools.partial(self.made, inputs=self.wanted))
            self.settle()

    def made(self, future: Future[tuple[str, str]], *, inputs: Inputs | None) -> None:
        with self.lock:
            if inputs != self.wanted:
                return  # a newer edit wants another index, on its way
            self.wanted = None
            if future.cancelled() or future.exception() is not None:
                self.settled.set()
                return
            self.index, self.inputs = future.result(), inputs
            if not self.building:
                self.settle()

    def settle(self) -> None:
        """With the lock held and no build running: make the site's search files what this state says."""
        assert self.site_dir is not None and self.tr is not None
        pair = self.ready_pair()
        if pair is not None and self.index is not None:
            self.write(*self.index)
            if pair != self.live:
                path = self.site_dir / SEARCH_SCRIPT
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(search_script(*pair, self.tr), encoding="utf-8")
            self.live = pair
        keep = {self.docs[0], *(self.live or ())}
        for name in sorted(self.on_disk - keep):
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.site_dir / name)
        self.on_disk &= keep
        if self.wanted is None:
            self.settled.set()

    def write(self, name: str, text: str) -> None:
        assert self.site_dir is not None
        path = self.site_dir / name
        if name not in self.on_disk or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self.on_disk.add(name)

    def build_failed(self) -> None:
        with self.lock:
            self.building = False

    def wait(self, timeout: float | None = None) -> bool:
        """Until the newest index is on disk (tests and benchmarks)."""
        return self.settled.wait(timeout)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
