"""Which addresses Katalog's own pages take, and which files of content/ would land on one of them.

MkDocs writes a page's HTML to one address; two pages at one address overwrite each other. The build
refuses that (plugin.add), but an editor should hear it from `katalog check`, at the file, first.
"""

from __future__ import annotations

from typing import Any

from ..core.catalogue import Catalogue
from ..core.collector import Collector
from ..core.problems import Position
from ..core.slugs import slugify
from .listings import Listings
from .model import SiteModel
from .pages import GeneratedPage, PageRenderer
from .statistics import Statistics
from .urls import page_url
from .who_knows import WhoKnows

# Katalog's static files (render/site_files.py) live under this folder of the site.
STATIC_FOLDER = "katalog/"


def extra_pages(renderer: PageRenderer) -> list[GeneratedPage]:
    """Katalog's pages besides entries, terms and overviews: the accessibility statement (when the
    site has one), who knows what, the search results and the statistics page."""
    pages = [
        renderer.statement_page(),
        WhoKnows(renderer).who_knows_page(),
        renderer.search_page(),
        Statistics(renderer).page(),
    ]
    return [page for page in pages if page is not None]


def searched_pages(renderer: PageRenderer) -> list[GeneratedPage]:
    """The pages of extra_pages whose text the search holds: the accessibility statement (the others
    show entries, which the search holds already, or are the search)."""
    statement = renderer.statement_page()
    return [statement] if statement is not None else []


def reference_src(model: SiteModel) -> str:
    """The field reference's page (made of site_config/ alone, exports/field_reference.py)."""
    return f"{slugify(model.tr('reference.title'))}/index.md"


def generated_addresses(model: SiteModel) -> dict[str, str]:
    """URL -> src of every page Katalog adds: entries of catalogue/, term pages, overviews, ..."""
    renderer = PageRenderer(model)
    srcs = [model.entry_src(entry) for entry in model.catalogue.entries.values() if not model.is_content_page(entry)]
    listings = Listings(renderer)
    srcs.extend(page.src_uri for page in listings.term_pages())
    srcs.extend(page.src_uri for page in listings.overview_pages(lambda: ""))
    srcs.extend(page.src_uri for page in extra_pages(renderer))
    srcs.append(reference_src(model))
    return {model.url(src): src for src in srcs}


def address_clashes(catalogue: Catalogue, directory_urls: bool = True, model: SiteModel | None = None) -> None:
    """Add a located problem for every content/ file whose page or file lands where Katalog writes.
    model: the build's own, when it has one (its entries are sorted once)."""
    model = model or SiteModel(catalogue, directory_urls=directory_urls)
    taken = generated_addresses(model)
    content = catalogue.config.root / catalogue.config.content_dir
    prefix = f"{catalogue.config.content_dir}/"
    documents = [page.path for page in catalogue.pages]
    documents.extend(e.path for e in catalogue.entries.values() if model.is_content_page(e))
    for path in sorted(documents):
        src = path.removeprefix(prefix)
        url = page_url(src, directory_urls)
        if url in taken:
            _report(catalogue, path, "address_clash", url=url or "/")
    if content.is_dir() and (content / STATIC_FOLDER).is_dir():
        _report(catalogue, f"{prefix}{STATIC_FOLDER}", "reserved_folder", folder=STATIC_FOLDER)
    catalogue.problems.sort(key=lambda p: (p.path, p.line, p.column))


def _report(catalogue: Catalogue, path: str, code: str, **args: Any) -> None:
    tr = catalogue.config.tr
    Collector(path, tr, catalogue.problems).add(code, Position(1, 1), hint=tr("hints.address_clash"), **args)
