"""Cheap fingerprints of what a build reads: files' stamps, digests of texts, the date."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

FileState = tuple[tuple[str, int, int], ...]


def folder_state(*paths: Path | str | None, skip: Callable[[str], bool] | None = None) -> FileState:
    """(path, mtime, size) of every file under the paths (files or folders) but those whose name skip()
    takes: cheap, and any edit changes it."""
    state: list[tuple[str, int, int]] = []
    for top in paths:
        if top is None:
            continue
        top = str(top)
        if os.path.isfile(top):
            info = os.stat(top)
            state.append((top, info.st_mtime_ns, info.st_size))
            continue
        for folder, subfolders, names in os.walk(top):
            subfolders.sort()
            for name in sorted(names):
                if skip is not None and skip(name):
                    continue
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                state.append((path, info.st_mtime_ns, info.st_size))
    return tuple(state)


def digest(texts: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8", "surrogateescape")).hexdigest()


def today() -> str:
    return date.today().isoformat()
