"""Where a generated page lands and how pages link to each other, the way MkDocs lays them out."""

from __future__ import annotations

import functools
import posixpath


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """`enheder/x.md` -> `enheder/x/` (or `enheder/x.html`); `index.md` -> `` (site root)."""
    stem = src_uri.rsplit(".", 1)[0]
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target: str, current: str) -> str:
    """A link to `target` from the page at `current` (both site-relative URLs, already normalised).

    Written out rather than with posixpath.relpath: a build computes half a million of these."""
    return relative_from(folders(current), target)


@functools.lru_cache(maxsize=4096)
def folders(current: str) -> tuple[str, ...]:
    """The folders a page's links are relative to: `a/b/` -> (a, b); `a/x.html` -> (a,)."""
    base = current if current.endswith("/") or current == "" else posixpath.dirname(current) + "/"
    return tuple(base.split("/")[:-1])


def relative_from(base_parts: tuple[str, ...], target: str) -> str:
    if not base_parts:
        return target or "./"
    if not target.startswith(base_parts[0] + "/"):  # nothing in common: the usual case
        return "../" * len(base_parts) + target or "./"
    target_parts = target.split("/")
    common = 0
    for here, there in zip(base_parts, target_parts[:-1], strict=False):
        if here != there:
            break
        common += 1
    result = "../" * (len(base_parts) - common) + "/".join(target_parts[common:])
    return result or "./"
