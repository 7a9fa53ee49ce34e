"""FileCache: what each file gave when last read, so that a long-running preview reads again only the
files that changed."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..config.siteconfig import SiteConfig
from .discovery import Job
from .loaded import Loaded, merged
from .pool import load_each

FileKey = tuple[int, int, int, int]  # (mtime in ns, size, inode, ctime in ns)


@dataclass
class FileCache:
    """What each file gave when last read, kept between loads by a long-running process (`mkdocs
    serve`): a file whose key is unchanged is not read again. What a file gives also depends on
    site_config/; the caller passes a token of it, and a new token empties the cache."""

    token: object = None
    results: dict[str, tuple[FileKey, Loaded]] = field(default_factory=dict)
    read: int = 0  # files read (not reused) by the last load


def _file_key(path: str) -> FileKey | None:
    try:
        info = os.stat(path)
    except OSError:
        return None  # read it, and report what the file system says
    return (info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns)


def load_cached(
    config: SiteConfig, todo: list[Job], workers: int, bodies: bool, cache: FileCache, token: object
) -> Loaded:
    if cache.token != token:
        cache.results.clear()
        cache.token = token
    keys = [_file_key(job[0]) for job in todo]
    parts: list[Loaded | None] = []
    missing: list[int] = []
    for index, (job, key) in enumerate(zip(todo, keys, strict=True)):
        kept = cache.results.get(job[1])
        if key is not None and kept is not None and kept[0] == key:
            parts.append(kept[1])
        else:
            parts.append(None)
            missing.append(index)
    for index, part in zip(missing, load_each(config, [todo[i] for i in missing], workers, bodies), strict=True):
        parts[index] = part
        key = keys[index]
        if key is not None:
            cache.results[todo[index][1]] = (key, part)
    relatives = {job[1] for job in todo}
    for gone in [relative for relative in cache.results if relative not in relatives]:
        del cache.results[gone]
    cache.read = len(missing)
    loaded = [part for part in parts if part is not None]
    assert len(loaded) == len(parts)
    return merged(loaded)
