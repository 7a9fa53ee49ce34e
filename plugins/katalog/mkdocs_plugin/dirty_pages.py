"""The plugin's share of `mkdocs serve --dirty` (incremental.py): what changes every page, the last
build's files taken up, which pages this build renders again, and the site brought up to date."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from ..core.catalogue import Catalogue
from ..render.model import SiteModel
from ..render.site_search import SiteSearch
from .entry_edit import content_assets
from .fingerprints import digest, folder_state, today
from .incremental import Preview
from .katalog_file import KatalogFile, as_katalog_file
from .options import KatalogConfig
from .page_events import SitePages
from .signatures import ALWAYS, Signatures
from .site_dir import written

log = get_plugin_logger(__name__)


def world(
    config: MkDocsConfig,
    nav: list[str] | None,
    config_state: object,
    content_dir: str,
    root: Path,
    options: KatalogConfig,
) -> tuple[object, ...]:
    """What, when changed, changes every page (but the set of pages, which the caller adds)."""
    in_nav = [f"{content_dir}/{path}" for path in nav or ()]
    return (
        config_state,
        folder_state(config.config_file_path, config.theme.custom_dir, *[root / path for path in in_nav]),
        today(),
        sorted((key, repr(value)) for key, value in options.items()),
    )


def rebuild_all(preview: Preview, files: Files) -> Files:
    """With site_config/ broken: every page is rebuilt to show the panel; what Katalog generated is deleted."""
    files = Files([as_katalog_file(f) if f.is_documentation_page() else f for f in files])
    preview.start("site_config/ is broken")
    return files


def take_up_files(preview: Preview, files: Files, config: MkDocsConfig) -> Files:
    """content/'s pages as KatalogFile, the last build's where they may be taken up (Preview.take_up)."""
    preview.take_up((today(), folder_state(config.config_file_path, config.theme.custom_dir)))
    # In the same order: the order of pages shows in sitemap.xml.
    reusable = preview.reusable
    return Files([as_katalog_file(f, reusable) if f.is_documentation_page() else f for f in files])


def decide_pages(
    preview: Preview,
    files: Files,
    model: SiteModel,
    pages: SitePages,
    search: SiteSearch,
    world: tuple[object, ...],
    nav: list[str] | None,
) -> None:
    """Which pages this dirty build renders again (see incremental.py)."""
    # Without a nav in mkdocs.yml, MkDocs lists every page in the navigation: the set of pages is the world's.
    listed = nav is None and digest(sorted(f.src_uri for f in files.documentation_pages()))
    preview.start((*world, listed))
    documentation_pages = files.documentation_pages()
    page_set = digest(sorted(f.src_uri for f in documentation_pages))
    signatures = Signatures(model, page_set, search.docs_name(), preview.card_lists())
    reference = pages.reference_page.src_uri if pages.reference_page is not None else None
    preview.sign_entries(signatures)
    for file in documentation_pages:
        if not isinstance(file, KatalogFile):
            continue
        src = file.src_uri
        entry = pages.entry_pages.get(src)
        signature: object = ALWAYS  # ordinary pages of content/ (few)
        if entry is not None:
            signature = preview.entry_signature(src, entry)
        elif src in pages.generated_pages:
            signature = signatures.generated(pages.generated_pages[src])
        elif src == reference:
            signature = "made of site_config/ only"
        preview.decide(file, signature)


def remember_plan(
    preview: Preview, catalogue: Catalogue, files: Files, fresh: dict[str, str | None], docs_dir: str
) -> None:
    """What the next build takes up when only entries' files changed (entry_edit.py)."""
    preview.catalogue, preview.order, preview.fresh = catalogue, [f.src_uri for f in files], fresh
    preview.docs_dir = docs_dir
    preview.assets = content_assets(docs_dir)


def finish_dirty_build(preview: Preview, files: Files, config: MkDocsConfig, panel: str) -> None:
    """After a good build: the site brought up to date and this build remembered (Preview.finish)."""
    dests = written(files, config)
    preview.finish(config.site_dir, dests, panel, lambda path: False, files)
    kept = len(preview.kept)
    if preview.entry_first:
        log.info(f"Katalog rebuilt the edited entries' {len(preview.previous) - kept} page(s) first; the rest follows")
    else:
        log.info(f"Katalog rebuilt {len(preview.previous) - kept} page(s), kept {kept}")
