"""The MkDocs adapter: run the core at the right events, add generated pages, report problems."""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from ..core import parallel
from ..core.catalogue import Catalogue, build_from_config, sanitising
from ..core.config.i18n import Translator
from ..core.config.siteconfig import CONFIG_DIR, ConfigError, SiteConfig, load_site_config
from ..core.entries import Entry
from ..core.load.loader import withheld
from ..core.problems import Problem, Severity
from ..core.report import explain, visible
from ..core.search.language import analysis_for
from ..core.slugs import heading_slug
from ..render.addresses import address_clashes
from ..render.booklet import BookletError, plan_booklets
from ..render.booklet_pdf import PdfUnavailable
from ..render.images import ImageBuildError, image_originals
from ..render.linear_markdown import LinearMarkdownExtension
from ..render.model import SiteModel
from ..render.pages import PageRenderer
from ..render.problem_panel import panel_html, with_panel
from ..render.producer import ForkedProducer, InlineProducer, Jobs, Producer, ProducerError
from ..render.safety import SafetyExtension
from ..render.site_files import (
    COLORS,
    PORTAL_STYLESHEET,
    PRINT_STYLESHEET,
    SCRIPT,
    SEARCH_SCRIPT,
    STYLESHEET,
    Content,
    MissingLogo,
    SiteFile,
    nav_paths,
    plan_site,
)
from ..render.site_search import SearchFiles, SiteSearch
from .body_edit import body_edit, content_assets, fresh_state
from .colors import palette_and_css
from .incremental import ALWAYS, KatalogFile, Preview, Signatures, as_katalog_file, digest, folder_state, today
from .lunr_assets import lunr_scripts
from .navcache import THEME_DIR, NavigationCache, theme_dir_position
from .page_events import SitePages
from .preview_search import BackgroundSearch
from .theme_context import ThemeContext
from .watcher import StampWatcher

log = get_plugin_logger(__name__)


class KatalogConfig(Config):  # type: ignore[no-untyped-call]
    root = config_options.Optional(config_options.Dir(exists=True))
    """The catalogue's root folder (holding site_config/ and catalogue/); default: beside mkdocs.yml."""
    navigation_cache = config_options.Type(bool, default=True)
    """Render the theme's navigation once for all pages outside it that show the same one."""
    workers = config_options.Type(int, default=0)
    """Processes for loading and rendering; 0: every core for `mkdocs build`, one for `mkdocs serve`."""
    booklets = config_options.ListOfItems(config_options.Type(dict), default=[])
    """PDF booklets written into the site (render/booklet.py), e.g. [{type: case, file: medborgerskabskatalog.pdf}],
    with the keys type, theme, municipality, title and file; each linked from its listing's first page."""
    help = config_options.ListOfItems(config_options.Type(str), default=[])
    """Pages of content/ linked from every page's footer (e.g. the editors' guide), before Katalog's own
    field reference and accessibility statement."""


class KatalogPlugin(BasePlugin[KatalogConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.site_config: SiteConfig | None = None
        self.renderer: PageRenderer | None = None
        self.pages = SitePages()  # what each page of this build is (page_events.py)
        self.sanitize = True
        self.colors_css = ""
        self.destinations: dict[str, str] = {}
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
        self.site_config_state: object = None  # the state of site_config/ it was read in (incremental.folder_state)

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
            self.log_problems(error.problems, error.tr)
            if self.previewing:
                # The server keeps running: every page shows the problems until site_config/ is fixed.
                self.panel = panel_html(error.problems, error.tr)
                return config
            raise PluginError(error.tr("report.build_failed", errors=len(error.problems))) from error
        settings = self.site_config.settings
        # Material prints the site's name and description as they are, as it does page titles.
        config.site_name = html.escape(settings.name)
        if settings.owner and not config.copyright:
            config.copyright = html.escape(self.site_config.tr("ui.published_by", owner=settings.owner))
        if settings.description and not config.site_description:
            config.site_description = html.escape(settings.description)
        palette, self.colors_css = palette_and_css(settings.colors)
        if palette:
            config.theme["palette"] = palette
        if self.colors_css:
            config.extra_css.append(COLORS)
        if settings.logo:
            config.theme["logo"] = f"katalog/{Path(settings.logo).name}"
        config.theme["language"] = self.site_config.language
        config.extra_css.append(STYLESHEET)
        config.extra_css.append(PORTAL_STYLESHEET)
        if not self.previewing:  # `mkdocs serve` gives the preview's own address
            config.site_url = settings.site_url or config.site_url
        toc = config.mdx_configs.setdefault("toc", {})
        if isinstance(toc, dict):
            if toc.get("permalink"):
                toc["permalink_title"] = self.site_config.tr("ui.permalink")
            # Headings' anchors spelled as Katalog's addresses are: #laeringer, not #lringer.
            toc.setdefault("slugify", heading_slug)
        config.extra_javascript.append(SCRIPT)
        config.extra_javascript.append(SEARCH_SCRIPT)
        # MkDocs passes this list to Markdown, which takes extension instances as well as names.
        self.sanitize = sanitising(self.site_config)
        config.markdown_extensions.append(SafetyExtension(sanitize=self.sanitize))  # type: ignore[arg-type]
        config.markdown_extensions.append(LinearMarkdownExtension())  # type: ignore[arg-type]
        self.navigation.enabled = self.config.navigation_cache
        if THEME_DIR not in config.theme.dirs:
            config.theme.dirs.insert(theme_dir_position(config.theme.custom_dir), THEME_DIR)
        return config

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
        if self.background is not None and self.search is not None:
            made = None
            if self.background.index is None:  # the first build: the producer makes the search files
                _ = self.search.documents  # made here meanwhile
                made = self.search_files()
            text = self.background.script(self.search, self.site_config.tr, made)
            if self.search_script is not None:
                self.search_script.content_string = text
            return env
        search = self.search_files()
        if self.search_script is not None and search is not None:
            assert self.site_config is not None
            self.search_script.content_string = search.script(self.site_config.tr)
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        log.debug(f"navigation partials rendered {self.navigation.renders} time(s), reused for the other pages")
        if self.background is not None and self.search is not None:
            self.background.after_build(self.search, Path(config.site_dir))
        else:
            search = self.search_files()
            if search is not None:
                search.write(Path(config.site_dir))
        if self.producer is not None:
            self.producer.close()
            self.producer = None
        if self.incremental and self.preview is not None and self.files is not None:
            dests = written(self.files, config)
            self.preview.finish(config.site_dir, dests, self.panel, lambda path: False, self.files)
            kept = len(self.preview.kept)
            log.info(f"Katalog rebuilt {len(self.preview.previous) - kept} page(s), kept {kept}")

    def on_build_error(self, *, error: Exception) -> None:
        if self.producer is not None:
            self.producer.close(cancel=True)
            self.producer = None
        if self.preview is not None:
            self.preview.failed()
        if self.background is not None:
            self.background.build_failed()

    def on_shutdown(self) -> None:
        if self.background is not None:
            self.background.close()
        self.watcher.stop()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        """MkDocs watches content/ and mkdocs.yml; the build also reads the catalogue, site_config/
        and a fork's template overrides, so an edit there must show in the browser too."""
        catalogue_dir = self.site_config.catalogue_dir if self.site_config else "catalogue"
        folders = [str(self.root / folder) for folder in (catalogue_dir, CONFIG_DIR) if (self.root / folder).is_dir()]
        # MkDocs would poll each of 10,000 files twice a second; the system's events tell instead.
        stamp = self.watcher.start(folders) if folders else None
        for folder in [stamp] if stamp else folders:
            server.watch(folder)
        if config.theme.custom_dir:
            server.watch(config.theme.custom_dir)
        return server

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

    def workers(self) -> int:
        """Processes to use (core/parallel.py): `mkdocs serve` runs threads, so it works alone but
        for its first build, which runs before the server starts them."""
        return parallel.workers(int(self.config.workers))

    @property
    def previewing(self) -> bool:
        return self.command == "serve"

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.site_config is None:  # previewing with a broken site_config/: content/ only, and the panel
            self.renderer, self.producer = None, None
            self.pages = SitePages()
            self.search = None
            if self.incremental and self.preview is not None:
                # Every page is rebuilt to show the panel; what Katalog generated is deleted.
                files = Files([as_katalog_file(f) if f.is_documentation_page() else f for f in files])
                self.files = files
                self.preview.start("site_config/ is broken")
            return files
        preview = self.preview
        config_state = self.site_config_state  # stated once a build, when on_config read site_config/
        nav = nav_paths(config.nav) if config.nav else None
        fresh = fresh_state(files)
        if self.incremental and preview is not None and self.renderer is not None:
            edited = body_edit(
                preview,
                files,
                self.renderer,
                config_state,
                lambda: self.world(config, nav, config_state),
                self.search_script,
            )
            if edited is not None:
                return self.take_up_body_edit(edited, preview)
        self.destinations = {}
        workers = self.workers()
        if preview is None:
            catalogue = build_from_config(self.site_config, workers)
        else:
            catalogue = build_from_config(self.site_config, workers, cache=preview.cache, token=config_state)
            log.debug(f"{preview.cache.read} file(s) read, the others unchanged since the last build")
        model = SiteModel(catalogue, directory_urls=config.use_directory_urls)
        address_clashes(catalogue, config.use_directory_urls, model)
        # MkDocs lists content/ on its own: what Katalog skipped or refused there (a FIFO, a link out
        # of the project or to a page read already, an unreadable file) it must neither open nor publish.
        refused = withheld(catalogue.problems)
        content_dir = catalogue.config.content_dir
        for file in [f for f in files if f.src_dir == config.docs_dir and refused(f"{content_dir}/{f.src_uri}")]:
            files.remove(file)
        # An entry image's original in content/ is published only as its resized copies (no EXIF, no GPS).
        originals = image_originals(catalogue)
        for file in [f for f in files if f.src_dir == config.docs_dir and f"{content_dir}/{f.src_uri}" in originals]:
            files.remove(file)
        self.report(catalogue)
        renderer = self.renderer = PageRenderer(model, config.theme.dirs)
        if preview is not None:
            renderer.env.bytecode_cache = preview.templates
        search = SiteSearch(model, preview.remember(model, config_state) if self.incremental and preview else None)
        if self.incremental and preview is not None:
            renderer.views.cards.faces = preview.card_faces
        lunr = lunr_scripts(analysis_for(self.site_config.language).lunr_code)
        try:
            plan = plan_site(renderer, search, nav, self.colors_css, lunr)
        except (MissingLogo, ImageBuildError) as error:
            raise PluginError(str(error)) from error
        if self.config.booklets and not self.previewing:
            # Printing takes seconds a booklet: `mkdocs build` writes them, the preview does not.
            try:
                booklets = plan_booklets(renderer, self.config.booklets)
            except (BookletError, PdfUnavailable) as error:
                raise PluginError(str(error)) from error
            plan.files.extend(SiteFile(path, pdf) for path, pdf in booklets.files)
        content_prefix = f"{catalogue.config.content_dir}/"
        self.pages = SitePages(
            renderer,
            plan.entry_pages,
            plan.generated_pages,
            {page.path.removeprefix(content_prefix): page for page in catalogue.pages},
            plan.reference_page,
            plan.statement,
        )
        self.theme.plan(model, plan.entry_pages, {src: page.title for src, page in plan.generated_pages.items()})
        # Every file is read once: MkDocs gets content/ pages from what the core already read.
        if self.incremental and preview is not None:
            preview.take_up((today(), folder_state(config.config_file_path, config.theme.custom_dir)))
            # In the same order: the order of pages shows in sitemap.xml.
            reusable = preview.reusable
            files = Files([as_katalog_file(f, reusable) if f.is_documentation_page() else f for f in files])
        for file in files.documentation_pages():
            text = catalogue.texts.get(f"{catalogue.config.content_dir}/{file.src_uri}")
            if text is not None:
                file.content_string = text
        for planned in plan.files:
            added = self.add(files, config, planned.src, planned.content, in_nav=planned.in_nav)
            if planned.src == SEARCH_SCRIPT:
                self.search_script = added
        self.search = search
        self.files = files
        if self.incremental and preview is not None:
            pages = nav is None and digest(sorted(f.src_uri for f in files.documentation_pages()))
            self.decide_pages(files, model, preview, (*self.world(config, nav, config_state), pages))
            preview.catalogue, preview.order, preview.fresh = catalogue, [f.src_uri for f in files], fresh
            preview.docs_dir = config.docs_dir
            preview.assets = content_assets(config.docs_dir)
        self.start_producer(files, renderer, search, workers)
        return files

    def world(self, config: MkDocsConfig, nav: list[str] | None, config_state: object) -> tuple[object, ...]:
        """What, when changed, changes every page (but the set of pages, which the caller adds)."""
        assert self.site_config is not None
        in_nav = [f"{self.site_config.content_dir}/{path}" for path in nav or ()]
        return (
            config_state,
            folder_state(config.config_file_path, config.theme.custom_dir, *[self.root / path for path in in_nav]),
            today(),
            sorted((key, repr(value)) for key, value in self.config.items()),
        )

    def take_up_body_edit(self, edited: tuple[Files, list[Entry]], preview: Preview) -> Files:
        """The last build's site, with the edited entries' pages to render again (body_edit.py)."""
        files, changed = edited
        renderer, catalogue = self.renderer, preview.catalogue
        assert renderer is not None and catalogue is not None
        log.debug(f"only the body of {len(changed)} entr(y/ies) changed: the last build's plan holds")
        self.report(catalogue)
        self.search = SiteSearch(renderer.model, preview.search)
        self.files = files
        self.start_producer(files, renderer, self.search, 1)
        return files

    def decide_pages(self, files: Files, model: SiteModel, preview: Preview, world: object) -> None:
        """Which pages this dirty build renders again (see incremental.py)."""
        preview.start(world)
        assert self.search is not None
        pages = files.documentation_pages()
        page_set = digest(sorted(f.src_uri for f in pages))
        signatures = Signatures(model, page_set, self.search.docs_name(), preview.card_lists())
        reference = self.pages.reference_page.src_uri if self.pages.reference_page is not None else None
        preview.sign_entries(signatures)
        for file in pages:
            if not isinstance(file, KatalogFile):
                continue
            src = file.src_uri
            entry = self.pages.entry_pages.get(src)
            signature: object = ALWAYS  # ordinary pages of content/ (few)
            if entry is not None:
                signature = preview.entry_signature(src, entry)
            elif src in self.pages.generated_pages:
                signature = signatures.generated(self.pages.generated_pages[src])
            elif src == reference:
                signature = "made of site_config/ only"
            preview.decide(file, signature)

    def start_producer(self, files: Files, renderer: PageRenderer, search: SiteSearch, workers: int) -> None:
        """Katalog's share of every page, in the order MkDocs will ask for it (see render/producer.py)."""
        jobs: Jobs = []
        # A dirty build asks for the few pages an edit changed: rendering all of them ahead is waste.
        rebuilding = self.incremental and self.preview is not None and not self.preview.full
        for file in files.documentation_pages():
            if rebuilding and isinstance(file, KatalogFile) and not file.changed:
                continue  # kept as the last build wrote it: MkDocs will not ask
            src = file.src_uri
            entry = self.pages.entry_pages.get(src)
            if entry is not None:
                jobs.append((src, functools.partial(renderer.entry_frame, entry)))
            elif src in self.pages.generated_pages:
                jobs.append((src, self.pages.generated_pages[src].render))
        if self.producer is not None:
            self.producer.close()
        asked = self.config.workers > 1
        spread = not rebuilding and parallel.worth_spreading(len(jobs), workers, asked=asked)
        # Under `mkdocs serve --dirty` the search files are made apart (see preview_search.py).
        last = search.files if self.background is None or self.background.index is None else _nothing
        self.producer = (ForkedProducer if spread else InlineProducer)(jobs, last)
        log.debug(f"{len(jobs)} pages rendered {'ahead, in a second process' if spread else 'in place'}")

    def search_files(self) -> SearchFiles | None:
        if self.producer is None:
            return None
        try:
            search = self.producer.last()
        except ProducerError as error:
            raise PluginError(f"Katalog could not make the search files:\n{error}") from error
        assert isinstance(search, SearchFiles)
        return search

    def produced(self, src: str) -> object:
        assert self.producer is not None
        try:
            return self.producer.get(src)
        except ProducerError as error:
            raise PluginError(f"Katalog could not render {src}:\n{error}") from error

    def add(self, files: Files, config: MkDocsConfig, src: str, content: Content, in_nav: bool = False) -> File:
        inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
        made = "" if callable(content) else content
        reused = self.preview.generated(src, made, inclusion) if self.incremental and self.preview else None
        file = reused or KatalogFile.generated(config, src, content=made, inclusion=inclusion)
        if callable(content) and isinstance(file, KatalogFile):
            file.make = content
        if not self.destinations:
            self.destinations = {f.dest_uri: f.src_uri for f in files}
        taken = self.destinations.get(file.dest_uri)
        if taken is not None:
            # Two pages at one address would overwrite each other without a word.
            raise PluginError(f"Katalog would write {file.dest_uri} twice: for {taken} and for {src}; rename one")
        self.destinations[file.dest_uri] = src
        files.append(file)
        return file

    def report(self, catalogue: Catalogue) -> None:
        tr = catalogue.config.tr
        self.log_problems(catalogue.problems, tr)
        if self.previewing:
            # A file with errors must not stop the preview: the pages show the problems instead.
            self.panel = panel_html(catalogue.problems, tr)
        elif catalogue.errors:
            raise PluginError(tr("report.build_failed", errors=len(catalogue.errors)))

    @staticmethod
    def log_problems(problems: list[Problem], tr: Translator) -> None:
        for problem in problems:
            line = f"{visible(problem.path)}:{problem.line}:{problem.column}: {explain(problem, tr)}"
            if problem.severity is Severity.ERROR:
                log.error(line)
            else:
                log.warning(line)

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        if isinstance(page.file, KatalogFile):
            page.file.ready()
        return page

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self.theme.finish_page()
        return with_panel(output, self.panel)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.pages.page_markdown(markdown, page)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.pages.page_content(html, page, self.produced, self.sanitize)

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


def _nothing() -> None:
    return None


def written(files: Files, config: MkDocsConfig) -> set[str]:
    """What a build writes in site_dir, relative to it: every file, and the theme's templates."""
    dests = {file.dest_uri for file in files}
    dests.update(config.theme.static_templates)
    if "sitemap.xml" in dests:
        dests.add("sitemap.xml.gz")
    return dests
