"""The site of one build: the catalogue read, its pages planned, and MkDocs' files made to match."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from ..core.catalogue import Catalogue, build_from_config
from ..core.config.siteconfig import SiteConfig
from ..core.load.discovery import withheld
from ..core.search.language import analysis_for
from ..render.addresses import address_clashes
from ..render.booklet import BookletError, plan_booklets
from ..render.booklet_pdf import PdfUnavailable
from ..render.images import ImageBuildError, image_originals
from ..render.model import SiteModel
from ..render.pages import PageRenderer
from ..render.site_files import SEARCH_SCRIPT, Content, MissingLogo, SiteFile, SitePlan, plan_site
from ..render.site_search import SiteSearch
from .incremental import Preview
from .katalog_file import KatalogFile
from .lunr_assets import lunr_scripts
from .page_events import SitePages

log = get_plugin_logger(__name__)


def read_catalogue(
    site_config: SiteConfig, config: MkDocsConfig, workers: int, preview: Preview | None, config_state: object
) -> tuple[Catalogue, SiteModel]:
    """The catalogue (under `mkdocs serve`, unchanged files are not read again) and the site's model."""
    if preview is None:
        catalogue = build_from_config(site_config, workers)
    else:
        catalogue = build_from_config(site_config, workers, cache=preview.cache, token=config_state)
        log.debug(f"{preview.cache.read} file(s) read, the others unchanged since the last build")
    model = SiteModel(catalogue, directory_urls=config.use_directory_urls)
    address_clashes(catalogue, config.use_directory_urls, model)
    return catalogue, model


def withhold(files: Files, catalogue: Catalogue, docs_dir: str) -> None:
    """Remove from MkDocs' files what of content/ the site must not publish."""
    # MkDocs lists content/ on its own: what Katalog skipped or refused there (a FIFO, a link out
    # of the project or to a page read already, an unreadable file) it must neither open nor publish.
    refused = withheld(catalogue.problems)
    content_dir = catalogue.config.content_dir
    for file in [f for f in files if f.src_dir == docs_dir and refused(f"{content_dir}/{f.src_uri}")]:
        files.remove(file)
    # An entry image's original in content/ is published only as its resized copies (no EXIF, no GPS).
    originals = image_originals(catalogue)
    for file in [f for f in files if f.src_dir == docs_dir and f"{content_dir}/{f.src_uri}" in originals]:
        files.remove(file)


def plan_pages(
    renderer: PageRenderer,
    search: SiteSearch,
    nav: list[str] | None,
    colors_css: str,
    language: str,
    booklets: Sequence[Mapping[str, Any]],
    previewing: bool,
) -> SitePlan:
    """The site's pages and files (render/site_files.py), with the PDF booklets but while previewing."""
    lunr = lunr_scripts(analysis_for(language).lunr_code)
    try:
        plan = plan_site(renderer, search, nav, colors_css, lunr)
    except (MissingLogo, ImageBuildError) as error:
        raise PluginError(str(error)) from error
    if booklets and not previewing:
        # Printing takes seconds a booklet: `mkdocs build` writes them, the preview does not.
        try:
            made = plan_booklets(renderer, booklets)
        except (BookletError, PdfUnavailable) as error:
            raise PluginError(str(error)) from error
        plan.files.extend(SiteFile(path, pdf) for path, pdf in made.files)
    return plan


def site_pages(renderer: PageRenderer, plan: SitePlan, catalogue: Catalogue) -> SitePages:
    content_prefix = f"{catalogue.config.content_dir}/"
    return SitePages(
        renderer,
        plan.entry_pages,
        plan.generated_pages,
        {page.path.removeprefix(content_prefix): page for page in catalogue.pages},
        plan.reference_page,
        plan.statement,
    )


def add_files(
    files: Files, config: MkDocsConfig, catalogue: Catalogue, plan: SitePlan, preview: Preview | None
) -> File | None:
    """content/'s pages as the core read them and the planned files added; the search script's file.
    preview: under `mkdocs serve --dirty`, whose last build's files are taken up again."""
    # Every file is read once: MkDocs gets content/ pages from what the core already read.
    for file in files.documentation_pages():
        text = catalogue.texts.get(f"{catalogue.config.content_dir}/{file.src_uri}")
        if text is not None:
            file.content_string = text
    destinations: dict[str, str] = {}
    search_script = None
    for planned in plan.files:
        added = add(files, config, planned.src, planned.content, planned.in_nav, destinations, preview)
        if planned.src == SEARCH_SCRIPT:
            search_script = added
    return search_script


def add(
    files: Files,
    config: MkDocsConfig,
    src: str,
    content: Content,
    in_nav: bool,
    destinations: dict[str, str],
    preview: Preview | None,
) -> File:
    inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
    made = "" if callable(content) else content
    reused = preview.generated(src, made, inclusion) if preview else None
    file = reused or KatalogFile.generated(config, src, content=made, inclusion=inclusion)
    if callable(content) and isinstance(file, KatalogFile):
        file.make = content
    if not destinations:
        destinations.update({f.dest_uri: f.src_uri for f in files})
    taken = destinations.get(file.dest_uri)
    if taken is not None:
        # Two pages at one address would overwrite each other without a word.
        raise PluginError(f"Katalog would write {file.dest_uri} twice: for {taken} and for {src}; rename one")
    destinations[file.dest_uri] = src
    files.append(file)
    return file
