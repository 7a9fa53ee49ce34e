"""Reading the files in forked worker processes: each takes a share of them, this process the first,
and sends back what it loaded packed (transfer.py)."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from ..config.siteconfig import SiteConfig
from ..parallel import fork_context, worth_spreading
from .discovery import Job
from .loaded import Loaded, merged
from .readfile import load_jobs
from .transfer import pack, unpack


def load_each(config: SiteConfig, todo: list[Job], workers: int, bodies: bool) -> list[Loaded]:
    """What each file gives on its own, in order (to be kept per file)."""
    if not worth_spreading(len(todo), workers):
        return [load_jobs(config, [job], bodies) for job in todo]
    global _worker_config, _worker_bodies
    _worker_config, _worker_bodies = config, bodies
    size = -(-len(todo) // workers)
    shares = [todo[i : i + size] for i in range(0, len(todo), size)]
    context = fork_context()
    with ProcessPoolExecutor(len(shares) - 1, mp_context=context) as pool:
        others = [pool.submit(_load_chunk_each, share) for share in shares[1:]]
        each = [load_jobs(config, [job], bodies) for job in shares[0]]
        for other in others:
            each.extend(unpack(packed) for packed in other.result())
    return each


def load_found(config: SiteConfig, todo: list[Job], workers: int, bodies: bool) -> Loaded:
    if not worth_spreading(len(todo), workers):
        return load_jobs(config, todo, bodies)
    global _worker_config, _worker_bodies
    _worker_config, _worker_bodies = config, bodies  # forked workers inherit them; nothing is pickled
    # This process takes the first share itself: it would otherwise sit idle, and its share
    # needs no pickling back.
    size = -(-len(todo) // workers)
    shares = [todo[i : i + size] for i in range(0, len(todo), size)]
    context = fork_context()
    with ProcessPoolExecutor(len(shares) - 1, mp_context=context) as pool:
        others = [pool.submit(_load_chunk, share) for share in shares[1:]]
        parts = [load_jobs(config, shares[0], bodies)]
        parts.extend(unpack(other.result()) for other in others)
    return merged(parts)


_worker_config: SiteConfig | None = None
_worker_bodies = True


def _load_chunk(chunk: list[Job]) -> bytes:
    assert _worker_config is not None
    return pack(load_jobs(_worker_config, chunk, _worker_bodies))


def _load_chunk_each(chunk: list[Job]) -> list[bytes]:
    assert _worker_config is not None
    return [pack(load_jobs(_worker_config, [job], _worker_bodies)) for job in chunk]
