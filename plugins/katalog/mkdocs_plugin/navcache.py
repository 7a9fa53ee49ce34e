"""Render the theme's navigation once for all the pages that show the same one.

A catalogue of 10,000 entries has 14,000 pages outside the navigation, and Material renders the
sidebar navigation and the tabs for each of them: about 40% of its template time. For a page
outside the navigation no item is active, so what the partials print depends only on the links
they print, relative to the page. The key is those links as this page would write them: pages
whose links read alike get the same HTML, byte for byte (tests/test_build.py checks this against
a build without the cache).

How: theme/partials/{nav,tabs}.html shadow the theme's partials (a documented Material override);
their macro in theme/katalog/cached-partial.html asks for a cached copy, and otherwise includes
the theme's own partial under the prefix SHADOWED.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, pass_context
from jinja2.runtime import Context

THEME_DIR = str(Path(__file__).resolve().parent / "theme")
SHADOWED = "katalog-shadowed"


class Navigation(Protocol):
    """What this needs of MkDocs' Navigation (kept as a protocol: this module does not import MkDocs)."""

    @property
    def pages(self) -> Sequence[Any]: ...

    @property
    def items(self) -> Sequence[Any]: ...

    @property
    def homepage(self) -> Any: ...


class NavigationCache:
    def __init__(self) -> None:
        self.enabled = True
        self.urls: list[str] = []  # every address the navigation partials may print
        self.in_nav: set[str] = set()  # src_uri of pages in the navigation
        self.html: dict[tuple[str, ...], str] = {}
        self.renders = 0  # how often a partial was rendered rather than reused

    def remember_nav(self, nav: Navigation, extra_urls: Iterable[str]) -> None:
        self.html.clear()
        self.renders = 0
        self.in_nav = {page.file.src_uri for page in nav.pages}
        urls = [page.url for page in nav.pages]
        urls.extend(_link_urls(nav.items))
        if nav.homepage is not None:
            urls.append(nav.homepage.url)
        urls.extend(url for url in extra_urls if url)
        self.urls = sorted(set(urls))

    def install(self, env: Environment, theme_dirs: list[str]) -> None:
        """Let our partials reach the ones they shadow, and give them the cache."""
        below = theme_dirs[theme_dirs.index(THEME_DIR) + 1 :]
        loaders: list[BaseLoader] = [PrefixLoader({SHADOWED: FileSystemLoader(below)})]
        if env.loader is not None:
            loaders.insert(0, env.loader)
        env.loader = ChoiceLoader(loaders)
        env.globals["katalog_nav_key"] = self.key_function(env.filters["url"])
        env.globals["katalog_nav_get"] = self.html.get
        env.globals["katalog_nav_put"] = self.put

    def key_function(self, url_filter: Callable[[Context, str], str]) -> Callable[..., tuple[str, ...] | None]:
        @pass_context
        def key(context: Context, partial: str) -> tuple[str, ...] | None:
            page: Any = context.get("page")
            if not self.enabled or page is None or page.file.src_uri in self.in_nav:
                return None  # a page in the navigation marks itself and its section as active
            return (partial, *(url_filter(context, url) for url in self.urls))

        return key

    def put(self, key: tuple[str, ...], html: str) -> str:
        self.renders += 1
        self.html[key] = html
        return html


def _link_urls(items: Iterable[Any]) -> list[str]:
    """Addresses of links and sections' children anywhere in the navigation tree."""
    found: list[str] = []
    for item in items:
        url = getattr(item, "url", None)
        if isinstance(url, str):
            found.append(url)
        found.extend(_link_urls(getattr(item, "children", None) or []))
    return found


def theme_dir_position(custom_dir: str | None) -> int:
    """Right after a fork's own custom_dir (its overrides win), before the theme's directory."""
    return 1 if custom_dir else 0
