"""Under `mkdocs serve --dirty`: the search index is made in another process, after the pages.

An edit's pages show as soon as MkDocs has built them; the search index takes far longer at 10,000
entries, so it is made in a second process and its files written when done. Until then the search box
keeps using the previous index files, which stay on disk; the overview pages already use the new docs
file. Nothing reloads the browser when the index arrives: the next page opened searches the new one.
An edit that leaves what the index is made of as it was (a date, a related entry) reuses it as soon
as a thread has compared the two, after the build: the build itself does no work for the index.

The first build keeps the index of the full build (made by render/producer.py).
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ..core import parallel
from ..core.i18n import Translator
from ..core.search.build import SearchDocument
from ..core.search.index import IndexFiles
from ..render.site_files import SEARCH_SCRIPT
from ..render.site_search import SearchFiles, SiteSearch, index_for, index_inputs, search_script

Inputs = tuple[object, ...]


class BackgroundSearch:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pool: ProcessPoolExecutor | None = None
        self.index: IndexFiles | None = None  # the newest index made
        self.inputs: Inputs | None = None  # what self.index was made of
        self.wanted: Inputs | None = None  # what the index being made is made of
        self.latest: Inputs | None = None  # what the last build's index should be made of
        self.docs: tuple[str, str] = ("", "")  # the last build's docs file (name, text)
        self.documents: list[SearchDocument] = []
        self.labels: dict[str, Any] = {}
        self.language = ""
        self.live: tuple[str, str] | None = None  # (docs, index) the script in site_dir names
        self.live_files: set[str] = set()  # the files of those
        self.on_disk: set[str] = set()  # search files written in site_dir
        self.site_dir: Path | None = None
        self.tr: Translator | None = None
        self.building = False
        self.generation = 0  # builds begun: a thread of an older one leaves the index to the newer
        self.pending = 0  # threads of finished builds (index_later) not yet run
        self.settled = threading.Event()  # nothing is being made
        self.settled.set()

    def script(self, search: SiteSearch, tr: Translator, made: SearchFiles | None) -> str:
        """In on_env: the search script's text for this build. made: the full build's files. Until
        after the build knows whether its index is the one on disk, the script names that one."""
        documents = search.documents
        with self.lock:
            self.building = True
            self.generation += 1
            self.tr = tr
            self.documents = documents
            self.labels = search.labels
            self.language = search.model.catalogue.config.language
            self.latest = None
            if made is not None:
                self.index = made.index
                self.inputs = self.latest = index_inputs(documents, self.labels)
            self.docs = search.docs
            pair = self.ready_pair() or self.live
            assert pair is not None, "the first build makes the index"
            return search_script(*pair, tr)

    def ready_pair(self) -> tuple[str, str] | None:
        if self.index is not None and self.latest is not None and self.inputs == self.latest:
            return (self.docs[0], self.index.meta_name)
        return None

    def after_build(self, site_dir: Path) -> None:
        """The docs file now (this build's pages name it); the index after the build, in a thread: what
        it is made of takes a while to compare, and to send to the other process."""
        with self.lock:
            self.building = False
            self.site_dir = site_dir
            self.write({self.docs[0]: self.docs[1]})
            self.settled.clear()
            self.pending += 1
            later = (self.generation, self.documents, self.labels)
        threading.Thread(target=self.index_later, args=later, daemon=True).start()

    def index_later(self, generation: int, documents: list[SearchDocument], labels: dict[str, Any]) -> None:
        inputs = index_inputs(documents, labels)
        with self.lock:
            self.pending -= 1
            if generation != self.generation:  # a newer build's thread does it
                self.check_settled()
                return
            self.latest = inputs
            submit = self.ready_pair() is None and self.wanted != inputs
            if submit:
                self.wanted = inputs
                if self.pool is None:
                    self.pool = parallel.background_process()  # spawned: the server runs threads
            pool = self.pool
            if not self.building:
                self.settle()
        if submit and pool is not None:
            with contextlib.suppress(RuntimeError):  # the server shut down meanwhile
                future = pool.submit(index_for, self.language, documents, labels)
                future.add_done_callback(functools.partial(self.made, inputs=inputs))

    def made(self, future: Future[IndexFiles], *, inputs: Inputs | None) -> None:
        with self.lock:
            if inputs != self.wanted:
                return  # a newer edit wants another index, on its way
            self.wanted = None
            if future.cancelled() or future.exception() is not None:
                self.check_settled()
                return
            self.index, self.inputs = future.result(), inputs
            if not self.building:
                self.settle()

    def settle(self) -> None:
        """With the lock held and no build running: make the site's search files what this state says."""
        assert self.site_dir is not None and self.tr is not None
        pair = self.ready_pair()
        if pair is not None and self.index is not None:
            self.write(self.index.files)
            if pair != self.live:
                path = self.site_dir / SEARCH_SCRIPT
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(search_script(*pair, self.tr), encoding="utf-8")
            self.live = pair
            self.live_files = {pair[0], *self.index.files}
        keep = {self.docs[0], *self.live_files}
        for name in sorted(self.on_disk - keep):
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.site_dir / name)
        for folder in sorted({os.path.dirname(name) for name in self.on_disk - keep}, reverse=True):
            with contextlib.suppress(OSError):
                os.rmdir(self.site_dir / folder)  # a results folder of an older index, now empty
        self.on_disk &= keep
        self.check_settled()

    def check_settled(self) -> None:
        """With the lock held: nothing is being made, and no finished build's thread is still to run."""
        if self.wanted is None and self.pending == 0:
            self.settled.set()

    def write(self, files: dict[str, str]) -> None:
        """Files not on disk yet; a name hashes its content (an index's results folder, all of them)."""
        assert self.site_dir is not None
        folders: set[Path] = set()
        for name, text in files.items():
            path = self.site_dir / name
            if name not in self.on_disk or not path.is_file():
                if path.parent not in folders:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(path.parent)
                path.write_text(text, encoding="utf-8")
                self.on_disk.add(name)

    def build_failed(self) -> None:
        with self.lock:
            self.building = False
            self.check_settled()

    def wait(self, timeout: float | None = None) -> bool:
        """Until the newest index is on disk (tests and benchmarks)."""
        return self.settled.wait(timeout)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
