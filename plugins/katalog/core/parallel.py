"""How many processes Katalog's work is spread over: the one rule, and the one way to start them.

Work goes to forked processes: a fork inherits the catalogue and the closures over it, so nothing
is pickled on the way out. Forking a process that runs other threads is unsafe (a lock held by
another thread stays held in the child), so a process with threads works alone, with one exception:
`background_process`, a single spawned process for work that must not hold up a threaded server (the
preview's search index). Below PARALLEL_FROM items, starting processes costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import ForkContext

PARALLEL_FROM = 500  # files to load or pages to render


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def fork_context() -> ForkContext:
    return multiprocessing.get_context("fork")


def workers(configured: int = 0, *, idle_only: bool = False) -> int:
    """Processes to use: `configured` when set (mkdocs.yml's `workers`), else every core when this
    process may fork (no other threads; on a system that forks), else one.

    idle_only: only the cores other processes leave idle now. On cores that are busy, a second
    process of ours gains little or no time and costs a fifth more CPU time (it shares caches and
    cores, and what it loads is sent back); `katalog check` then works alone."""
    if configured > 0:
        return configured
    if not fork_available() or threading.active_count() > 1:
        return 1
    cores = os.cpu_count() or 1
    return max(1, cores - busy_cores()) if idle_only else cores


def busy_cores() -> int:
    """How many other tasks are running or waiting to run now (Linux's /proc/loadavg, this process
    not counted); 0 where the system does not say."""
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            running = int(handle.read().split()[3].partition("/")[0])
    except (OSError, ValueError, IndexError):
        return 0
    return max(0, running - 1)


def background_process() -> ProcessPoolExecutor:
    """One process beside a server that runs threads: spawned (a fresh interpreter), never forked, so
    its arguments are pickled; for work that would otherwise hold up the server."""
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))


def worth_spreading(count: int, workers: int, *, asked: bool = False) -> bool:
    """Whether `count` items are worth spreading over `workers` forked processes (asked: the site's
    settings named a number of workers, so even a few items are)."""
    return workers > 1 and (asked or count >= PARALLEL_FROM) and fork_available()
