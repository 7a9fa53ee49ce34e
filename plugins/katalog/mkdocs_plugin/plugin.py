"""The MkDocs adapter: run the core at the right events, add generated pages, report problems.

Hooks only; each hands its work to a module of this package: the options (options.py), what
site_config/ sets in MkDocs' config (site_settings.py), the site's files (site_plan.py), its pages
(page_events.py, page_producer.py), the search files (search_files.py), the problems
(problem_report.py) and, under `mkdocs serve`, what is watched (serve_watch.py) and what a dirty
build takes up from the last one (dirty_pages.py, entry_edit.py, incremental.py).
"""

from __future__ import annotations

import functools
import html
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from ..core import parallel
from ..core.config.siteconfig import CONFIG_DIR, ConfigError, SiteConfig, load_site_config
from ..render.addresses import searched_pages
from ..render.pages import PageRenderer
from ..render.problem_panel import with_panel
from ..render.producer import Producer
from ..render.site_files import PRINT_STYLESHEET, nav_paths
from ..render.site_search import SiteSearch
from .dirty_pages import decide_pages, finish_dirty_build, rebuild_all, remember_plan, take_up_files, world
from .entry_edit import entry_edit, fresh_state
from .fingerprints import folder_state
from .incremental import Preview
from .katalog_file import KatalogFile
from .navcache import NavigationCache
from .options import KatalogConfig
from .page_events import SitePages
from .page_producer import new_producer, produced
from .preview_search import BackgroundSearch
from .problem_report import report, report_config_error
from .search_files import name_search_files, write_search_files
from .serve_watch import watch_sources
from .site_plan import add_files, plan_pages, read_catalogue, site_pages, withhold
from .site_settings import apply_site_config
from .theme_context import ThemeContext
from .watcher import StampWatcher

log = get_plugin_logger(__name__)

CATCH_UP_DELAY_S = 1.0  # from an "entry first" preview build to the catch-up build (entry_edit.py)


class KatalogPlugin(BasePlugin[KatalogConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.site_config: SiteConfig | None = None
        self.renderer: PageRenderer | None = None
        self.pages = SitePages()  # what each page of this build is (page_events.py)
        self.sanitize = True
        self.colors_css = ""
        self.navigation = NavigationCache()
        self.command = ""
        self.producer: Producer | None = None
        self.search_script: File | None = None
        self.root = Path()
        self.panel = ""  # while previewing: the problems, shown on every page
        self.dirty = False
        self.preview: Preview | None = None  # under `mkdocs serve`: what one build keeps for the next
        self.background: BackgroundSearch | None = None  # under `mkdocs serve --dirty`: the search index
        self.files: Files | None = None
        self.search: SiteSearch | None = None
        self.theme = ThemeContext()  # what theme/ overrides read: texts, trails, og: data
        self.watcher = StampWatcher()  # under `mkdocs serve`: catalogue/ and site_config/
        self.site_config_state: object = None  # the state of site_config/ it was read in (fingerprints.folder_state)
        self.catch_up: Callable[[], None] | None = None  # under `mkdocs serve --dirty`: have MkDocs build again

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if command == "serve":
            # This instance lives as long as the server: files unchanged since the last build are not
            # read again, and with --dirty only the pages an edit changes are rebuilt.
            self.preview = Preview()
            self.background = BackgroundSearch() if dirty else None

    @property
    def incremental(self) -> bool:
        return self.preview is not None and self.dirty

    @property
    def previewing(self) -> bool:
        return self.command == "serve"

    def workers(self) -> int:
        """Processes to use (core/parallel.py): `mkdocs serve` runs threads, so it works alone but
        for its first build, which runs before the server starts them."""
        return parallel.workers(int(self.config.workers))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(self.config.root or Path(config.config_file_path).parent)
        self.root = root
        self.panel = ""
        # While previewing, site_config/ is read again only when a file of it changed.
        state = folder_state(root / CONFIG_DIR)
        try:
            if self.preview is None or state != self.site_config_state or self.site_config is None:
                self.site_config_state = None
                self.site_config = load_site_config(root)
                self.site_config_state = state
        except ConfigError as error:
            self.site_config = None
            self.panel = report_config_error(error, self.previewing)
            return config
        self.colors_css, self.sanitize = apply_site_config(config, self.site_config, self.previewing)
        self.navigation.enabled = self.config.navigation_cache
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.site_config is None:  # previewing with a broken site_config/: content/ only, and the panel
            self.renderer, self.producer = None, None
            self.pages = SitePages()
            self.search = None
            if self.incremental and self.preview is not None:
                files = self.files = rebuild_all(self.preview, files)
            return files
        preview = self.preview
        dirty = preview if self.incremental else None
        config_state = self.site_config_state  # stated once a build, when on_config read site_config/
        nav = nav_paths(config.nav) if config.nav else None
        fresh = fresh_state(files)
        world_now = functools.partial(
            world, config, nav, config_state, self.site_config.content_dir, self.root, self.config
        )
        if dirty is not None and self.renderer is not None:
            first = self.catch_up is not None
            edited = entry_edit(dirty, files, self.renderer, config_state, world_now, self.search_script, first)
            if edited is not None:  # the last build's site, with the edited entries' pages to render again
                catalogue = dirty.catalogue
                assert catalogue is not None
                self.pages.entry_pages.update(edited.entries)
                self.panel = report(catalogue, self.previewing)
                searched = searched_pages(self.renderer)
                self.search = None if edited.first else SiteSearch(self.renderer.model, dirty.search, searched)
                files = self.files = edited.files
                self.start_producer(files, self.renderer, self.search, 1)
                return files
        workers = self.workers()
        catalogue, model = read_catalogue(self.site_config, config, workers, preview, config_state)
        withhold(files, catalogue, config.docs_dir)
        self.panel = report(catalogue, self.previewing)
        renderer = self.renderer = PageRenderer(model, config.theme.dirs)
        if preview is not None:
            renderer.env.bytecode_cache = preview.templates
        search = SiteSearch(model, dirty.remember(model, config_state) if dirty else None, searched_pages(renderer))
        if dirty is not None:
            renderer.views.cards.faces = dirty.card_faces
        booklets, language = self.config.booklets, self.site_config.language
        plan = plan_pages(renderer, search, nav, self.colors_css, language, booklets, self.previewing)
        self.pages = site_pages(renderer, plan, catalogue)
        self.theme.plan(model, plan.entry_pages, {src: page.title for src, page in plan.generated_pages.items()})
        if dirty is not None:
            files = take_up_files(dirty, files, config)
        self.search_script = add_files(files, config, catalogue, plan, dirty)
        self.search = search
        self.files = files
        if dirty is not None:
            decide_pages(dirty, files, model, self.pages, search, world_now(), nav)
            remember_plan(dirty, catalogue, files, fresh, config.docs_dir)
        self.start_producer(files, renderer, search, workers)
        return files

    def start_producer(self, files: Files, renderer: PageRenderer, search: SiteSearch | None, workers: int) -> None:
        # A dirty build asks for the few pages an edit changed: rendering all of them ahead is waste.
        rebuilding = self.incremental and self.preview is not None and not self.preview.full
        asked = self.config.workers > 1
        self.producer = new_producer(
            files,
            self.pages,
            renderer,
            search,
            workers,
            self.producer,
            rebuilding=rebuilding,
            asked=asked,
            background=self.background,
        )

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        theme = config.theme
        extra_urls = [theme.get("logo"), theme.get("favicon"), config.extra.get("homepage")]
        self.navigation.remember_nav(nav, [url for url in extra_urls if isinstance(url, str)])
        self.theme.remember_nav(nav)
        if self.incremental:
            self.pages.titles_of_kept_pages(nav, self.preview)
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.site_config is None:
            return env
        self.navigation.install(env, config.theme.dirs)
        env.globals["katalog_ui"] = self.theme.texts(self.site_config.tr, self.site_config.settings.name)
        env.globals["katalog_print_css"] = PRINT_STYLESHEET
        own = (self.pages.reference_page, self.pages.statement_page)
        help_pages = [*self.config.help, *(page.src_uri for page in own if page)]
        env.globals["katalog_help"] = self.theme.help_links(files, help_pages)
        if self.preview is not None:
            env.bytecode_cache = self.preview.templates
            if self.incremental:
                self.preview.skip_sitemap(config.theme.static_templates, files.documentation_pages())
        # Static files are copied next; the search script must know the search files' names by then.
        name_search_files(self.search_script, self.search, self.producer, self.background, self.site_config.tr)
        return env

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        if isinstance(page.file, KatalogFile):
            page.file.ready()
        return page

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.pages.page_markdown(markdown, page)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.pages.page_content(html, page, functools.partial(produced, self.producer), self.sanitize)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # Breadcrumbs, the active tab and og: data for theme/ (a TypedDict takes no new keys when typed).
        cast(dict[str, Any], context).update(self.theme.page_context(page))
        # Generated pages have no Markdown headings, so Material would render no "skip to content"
        # link; a one-entry table of contents pointing at the page's <h1> gives keyboard users one.
        generated = self.pages.generated_pages.get(page.file.src_uri)
        if generated is not None and not list(page.toc):
            page.toc = get_toc(
                [{"level": 1, "id": "katalog-title", "name": html.escape(generated.title), "children": []}]
            )
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self.theme.finish_page()
        return with_panel(output, self.panel)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        log.debug(f"navigation partials rendered {self.navigation.renders} time(s), reused for the other pages")
        write_search_files(Path(config.site_dir), self.search, self.producer, self.background)
        if self.producer is not None:
            self.producer.close()
            self.producer = None
        if self.incremental and self.preview is not None and self.files is not None:
            finish_dirty_build(self.preview, self.files, config, self.panel)
            if self.preview.entry_first and self.catch_up is not None:
                # After the browser has reloaded the edited page: a build blocks every request while it runs.
                timer = threading.Timer(CATCH_UP_DELAY_S, self.catch_up)
                timer.daemon = True  # a server stopped meanwhile does not wait for it
                timer.start()

    def on_build_error(self, *, error: Exception) -> None:
        if self.producer is not None:
            self.producer.close(cancel=True)
            self.producer = None
        if self.preview is not None:
            self.preview.failed()
        if self.background is not None:
            self.background.build_failed()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        """MkDocs watches content/ and mkdocs.yml; the build also reads the catalogue, site_config/
        and a fork's template overrides, so an edit there must show in the browser too."""
        catalogue_dir = self.site_config.catalogue_dir if self.site_config else "catalogue"
        events = watch_sources(server, self.watcher, self.root, catalogue_dir, config.theme.custom_dir)
        if self.incremental and events:
            self.catch_up = self.watcher.poke
        return server

    def on_shutdown(self) -> None:
        if self.background is not None:
            self.background.close()
        self.watcher.stop()
