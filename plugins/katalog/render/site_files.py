"""Every file Katalog adds to the site, as plain data; the MkDocs adapter turns each into a File."""

from __future__ import annotations

import functools
import json
import posixpath
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..core.entries import Entry
from ..exports.field_reference import field_reference_markdown
from .addresses import extra_pages, reference_src
from .assets import ASSETS, bundle
from .feeds import Feeds
from .images import image_files
from .listing_data import CARDS_FILE, listing_data
from .listings import Listings
from .pages import GeneratedPage, PageRenderer, fixed
from .site_search import SiteSearch

STYLESHEET = "katalog/katalog.css"
PORTAL_STYLESHEET = "katalog/katalog-portal.css"  # front page, breadcrumbs, footer links, 404
PRINT_STYLESHEET = "katalog/katalog-print.css"  # linked with media="print" by theme/main.html
SCRIPT = "katalog/katalog-filter.js"
SEARCH_SCRIPT = "katalog/katalog-search.js"  # joined from its files by render/site_search.py
COLORS = "katalog/colors.css"
SEARCH_WORKER = "katalog/katalog-search-worker.js"
# The search worker's files, in the order they are joined; each file's header says its job.
SEARCH_WORKER_PARTS = (
    "katalog-common.js",
    "katalog-search-worker-index.js",
    "katalog-search-worker-match.js",
    "katalog-search-worker-rank.js",
    "katalog-search-worker-passages.js",
    "katalog-search-worker-facets.js",
    "katalog-search-worker.js",
)


class MissingLogo(Exception):
    """site.yml names a logo file that is not in site_config/."""


Content = str | bytes | Callable[[], str]  # a function: made when the page is read


@dataclass
class SiteFile:
    src: str
    content: Content
    in_nav: bool = False


@dataclass
class SitePlan:
    entry_pages: dict[str, Entry]  # src -> entry, content/ articles included
    generated_pages: dict[str, GeneratedPage]  # HTML pages: terms, overviews, the statement
    reference_page: GeneratedPage
    files: list[SiteFile] = field(default_factory=list)
    statement: GeneratedPage | None = None


def plan_site(
    renderer: PageRenderer,
    search: SiteSearch,
    nav_paths: Collection[str] | None,
    colors_css: str,
    lunr: Mapping[str, str],
) -> SitePlan:
    """nav_paths: the pages mkdocs.yml's nav names, or None when it has no nav."""
    model = renderer.model
    config = model.catalogue.config
    entry_pages = {model.entry_src(entry): entry for entry in model.catalogue.entries.values()}
    files = [
        SiteFile(src, functools.partial(renderer.entry_body, entry))
        for src, entry in entry_pages.items()
        if not model.is_content_page(entry)
    ]
    reference_title = config.tr("reference.title")
    reference = GeneratedPage(reference_src(model), reference_title, fixed(""))
    listings = Listings(renderer)
    overviews = listings.overview_pages(search.docs_name)
    # Generated pages the navigation names are part of it; MkDocs keeps quiet about the rest.
    # Without a nav in mkdocs.yml, the first page of each overview is.
    listed = (
        set(nav_paths)
        if nav_paths is not None
        else {page.src_uri for page in overviews if page.src_uri.endswith("/index.md")}
    )
    files.append(SiteFile(reference.src_uri, field_reference_markdown(config), reference.src_uri in listed))
    extra = extra_pages(renderer)
    statement = extra[0] if config.statement is not None else None  # extra_pages lists it first
    generated = {page.src_uri: page for page in [*listings.term_pages(search.docs_name), *overviews, *extra]}
    # Atom feeds of the newest entries, beside the overviews and term pages they follow (feeds.py).
    feeds = Feeds(model, renderer.views)
    planned_feeds = feeds.plan()
    renderer.feed_links = {feed.page_src: feed.path for feed in planned_feeds}
    # The Markdown stays empty: the page is HTML, made when MkDocs asks for its content. A page with a
    # feed names it in its metadata, for theme/main.html's <link rel="alternate"> in the page's head.
    files.extend(SiteFile(src, _feed_meta(renderer.feed_links.get(src)), src in listed) for src in generated)
    files.extend(SiteFile(feed.path, feeds.atom(feed)) for feed in planned_feeds)
    # Material takes every <link rel="alternate"> of a page for another language of the site and
    # fetches sitemap.xml beside it: beside each feed, an empty one answers instead of a 404.
    folders = sorted({posixpath.dirname(feed.path) for feed in planned_feeds} - {""})
    files.extend(SiteFile(f"{folder}/sitemap.xml", EMPTY_SITEMAP) for folder in folders)
    if colors_css:
        files.append(SiteFile(COLORS, colors_css))
    files.extend(
        SiteFile(name, (ASSETS / Path(name).name).read_text(encoding="utf-8"))
        for name in (STYLESHEET, PORTAL_STYLESHEET, PRINT_STYLESHEET)
    )
    files.append(SiteFile(SCRIPT, bundle("katalog-common.js", "katalog-cards.js", "katalog-filter.js")))
    files.append(SiteFile(SEARCH_WORKER, bundle(*SEARCH_WORKER_PARTS)))
    files.append(SiteFile(SEARCH_SCRIPT, ""))  # its text once the search files exist
    files.append(SiteFile(CARDS_FILE, listing_data(renderer.views)))
    files.extend(SiteFile(f"katalog/lunr/{name}", text) for name, text in lunr.items())
    files.extend(SiteFile(path, data) for path, data in image_files(model.catalogue))  # entry images, resized
    logo = config.settings.logo
    if logo:
        # core/config/settings.py checked it (inside the repository, an image); this only guards the copy.
        path = config.root / "site_config" / logo
        if not path.is_file() or not path.resolve().is_relative_to(config.root.resolve()):
            raise MissingLogo(f"site_config/site.yml: logo: site_config/{logo} does not exist")
        files.append(SiteFile(f"katalog/{path.name}", path.read_bytes()))
    return SitePlan(entry_pages, generated, reference, files, statement)


EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
)


def _feed_meta(path: str | None) -> str:
    """Front-matter MkDocs reads into page.meta: the feed's site path (slugs and / only, quoted anyway)."""
    return f"---\nkatalog_feed: {json.dumps(path)}\n---\n" if path else ""


def nav_paths(nav: object) -> list[str]:
    """Every page path named in mkdocs.yml's nav, however nested."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in nav_paths(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in nav_paths(item)]
    return []
