"""Where a generated page lands and how pages link to each other, the way MkDocs lays them out."""

from __future__ import annotations

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
    """A link to `target` from the page at `current` (both site-relative page URLs)."""
    base = current if current.endswith("/") or current == "" else posixpath.dirname(current) + "/"
    result = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") and not result.endswith("/"):
        result += "/"
    return "./" if result in (".", "./") else result
