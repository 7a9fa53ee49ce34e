"""The MkDocs adapter: run the core at the right events, add generated pages, report problems."""

from __future__ import annotations

import html
import json
from pathlib import Path

from jinja2 import Environment
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from ..core.catalogue import Catalogue, build_from_config, sanitising
from ..core.entries import Entry
from ..core.problems import Severity
from ..core.report import explain
from ..core.search.build import (
    SearchDocument,
    body_budget,
    docs_file,
    entry_document,
    index_file,
    ordinary_pages,
    page_document,
)
from ..core.search.language import analysis_for
from ..core.siteconfig import ConfigError, SiteConfig, load_site_config
from ..core.slugs import slugify
from ..exports.field_reference import field_reference_markdown
from ..render.model import SiteModel
from ..render.pages import GeneratedPage, PageRenderer
from ..render.safety import SafetyExtension, sanitize_html
from .colors import palette_and_css
from .lunr_assets import lunr_scripts
from .navcache import THEME_DIR, NavigationCache, theme_dir_position

log = get_plugin_logger(__name__)
SEARCH_TEXTS = ("placeholder", "none", "one", "many", "failed", "all_types", "more")

ASSETS = Path(__file__).resolve().parent.parent / "assets"
STYLESHEET = "katalog/katalog.css"
SCRIPT = "katalog/katalog-filter.js"
SEARCH_SCRIPT = "katalog/katalog-search.js"
COLORS = "katalog/colors.css"
SEARCH_WORKER = "katalog/katalog-search-worker.js"


class KatalogConfig(Config):  # type: ignore[no-untyped-call]
    root = config_options.Optional(config_options.Dir(exists=True))
    """The catalogue's root folder (holding site_config/ and catalogue/); default: beside mkdocs.yml."""
    navigation_cache = config_options.Type(bool, default=True)
    """Render the theme's navigation once for all pages outside it that show the same one."""


class KatalogPlugin(BasePlugin[KatalogConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.site_config: SiteConfig | None = None
        self.renderer: PageRenderer | None = None
        self.entry_pages: dict[str, Entry] = {}
        self.generated_pages: dict[str, GeneratedPage] = {}
        self.sanitize = True
        self.colors_css = ""
        self.reference_page: GeneratedPage | None = None
        self.destinations: dict[str, str] = {}
        self.navigation = NavigationCache()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(self.config.root or Path(config.config_file_path).parent)
        try:
            self.site_config = load_site_config(root)
        except ConfigError as error:
            for problem in error.problems:
                log.error(f"{problem.path}:{problem.line}:{problem.column}: {problem.message}")
            raise PluginError(f"site_config/ has {len(error.problems)} problem(s); see above") from error
        settings = self.site_config.settings
        config.site_name = settings.name
        if settings.owner and not config.copyright:
            config.copyright = html.escape(self.site_config.tr("ui.published_by", owner=settings.owner))
        if settings.description and not config.site_description:
            config.site_description = settings.description
        palette, self.colors_css = palette_and_css(settings.colors)
        if palette:
            config.theme["palette"] = palette
        if self.colors_css:
            config.extra_css.append(COLORS)
        if settings.logo:
            config.theme["logo"] = f"katalog/{Path(settings.logo).name}"
        config.theme["language"] = self.site_config.language
        config.extra_css.append(STYLESHEET)
        config.extra_javascript.append(SCRIPT)
        config.extra_javascript.append(SEARCH_SCRIPT)
        # MkDocs passes this list to Markdown, which takes extension instances as well as names.
        self.sanitize = sanitising(self.site_config)
        config.markdown_extensions.append(SafetyExtension(sanitize=self.sanitize))  # type: ignore[arg-type]
        self.navigation.enabled = self.config.navigation_cache
        if THEME_DIR not in config.theme.dirs:
            config.theme.dirs.insert(theme_dir_position(config.theme.custom_dir), THEME_DIR)
        return config

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        theme = config.theme
        extra_urls = [theme.get("logo"), theme.get("favicon"), config.extra.get("homepage")]
        self.navigation.remember_nav(nav, [url for url in extra_urls if isinstance(url, str)])
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        self.navigation.install(env, config.theme.dirs)
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        log.debug(f"navigation partials rendered {self.navigation.renders} time(s), reused for the other pages")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site_config is not None
        self.destinations = {}
        catalogue = build_from_config(self.site_config)
        self.report(catalogue)
        model = SiteModel(catalogue, directory_urls=config.use_directory_urls)
        renderer = self.renderer = PageRenderer(model)
        self.entry_pages = {model.entry_src(entry): entry for entry in catalogue.entries.values()}
        # Every file is read once: MkDocs gets content/ pages from what the core already read.
        for file in files.documentation_pages():
            text = catalogue.texts.get(f"{catalogue.config.content_dir}/{file.src_uri}")
            if text is not None:
                file.content_string = text
        for src, entry in self.entry_pages.items():
            if not model.is_content_page(entry):
                self.add(files, config, src, renderer.entry_body(entry))
        documents = self.search_documents(model)
        docs_name, docs_text = docs_file(catalogue, documents)
        index_name, index_text = index_file(catalogue, documents)
        self.add(files, config, docs_name, docs_text)
        self.add(files, config, index_name, index_text)
        reference_title = self.site_config.tr("reference.title")
        reference_src = f"{slugify(reference_title)}/index.md"
        self.reference_page = GeneratedPage(reference_src, reference_title, "")
        overviews = renderer.overview_pages(docs_name)
        # Generated pages the navigation names are part of it; MkDocs keeps quiet about the rest.
        # Without a nav in mkdocs.yml, the first page of each overview is.
        listed = (
            set(_nav_paths(config.nav))
            if config.nav
            else {page.src_uri for page in overviews if page.src_uri.endswith("/index.md")}
        )
        self.add(
            files, config, reference_src, field_reference_markdown(self.site_config), in_nav=reference_src in listed
        )
        statement = renderer.statement_page()
        for page in [*renderer.term_pages(), *overviews, *([statement] if statement else [])]:
            # The Markdown stays empty: the page is HTML, set in on_page_content.
            self.generated_pages[page.src_uri] = page
            self.add(files, config, page.src_uri, "", in_nav=page.src_uri in listed)
        if self.colors_css:
            self.add(files, config, COLORS, self.colors_css)
        for name in (STYLESHEET, SCRIPT, SEARCH_WORKER):
            self.add(files, config, name, (ASSETS / Path(name).name).read_text(encoding="utf-8"))
        self.add_search_script(files, config, docs_name, index_name)
        logo = self.site_config.settings.logo
        if logo:
            path = self.site_config.root / "site_config" / logo
            if not path.is_file():
                raise PluginError(f"site_config/site.yml: logo: site_config/{logo} does not exist")
            self.add(files, config, f"katalog/{path.name}", path.read_bytes())
        return files

    def search_documents(self, model: SiteModel) -> list[SearchDocument]:
        """Every entry, newest first (the overviews' order), then every ordinary page."""
        catalogue = model.catalogue
        pages = list(ordinary_pages(catalogue))
        budget = body_budget(catalogue, len(catalogue.entries) + len(pages))
        documents = [entry_document(catalogue, e, model.entry_url(e), budget) for e in model.entries_newest_first()]
        content_prefix = len(catalogue.config.content_dir) + 1
        documents.extend(
            page_document(title, model.url(path[content_prefix:]), body, budget) for path, title, body in pages
        )
        return documents

    def add_search_script(self, files: Files, config: MkDocsConfig, docs_name: str, index_name: str) -> None:
        assert self.site_config is not None
        tr = self.site_config.tr
        search_config = {
            "docs": docs_name.removeprefix("katalog/"),
            "index": index_name.removeprefix("katalog/"),
            "texts": {key: tr(f"search.{key}") for key in SEARCH_TEXTS},
        }
        script = (ASSETS / Path(SEARCH_SCRIPT).name).read_text(encoding="utf-8")
        script = script.replace("__KATALOG_SEARCH_CONFIG__", json.dumps(search_config, ensure_ascii=False))
        self.add(files, config, SEARCH_SCRIPT, script)
        for name, text in lunr_scripts(analysis_for(self.site_config.language).lunr_code).items():
            self.add(files, config, f"katalog/lunr/{name}", text)

    def add(self, files: Files, config: MkDocsConfig, src: str, content: str | bytes, in_nav: bool = False) -> None:
        inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, src, content=content, inclusion=inclusion)
        if not self.destinations:
            self.destinations = {f.dest_uri: f.src_uri for f in files}
        taken = self.destinations.get(file.dest_uri)
        if taken is not None:
            # Two pages at one address would overwrite each other without a word.
            raise PluginError(f"Katalog would write {file.dest_uri} twice: for {taken} and for {src}; rename one")
        self.destinations[file.dest_uri] = src
        files.append(file)

    def report(self, catalogue: Catalogue) -> None:
        tr = catalogue.config.tr
        for problem in catalogue.problems:
            line = f"{problem.path}:{problem.line}:{problem.column}: {explain(problem, tr)}"
            if problem.severity is Severity.ERROR:
                log.error(line)
            else:
                log.warning(line)
        if catalogue.errors:
            raise PluginError(tr("report.build_failed", errors=len(catalogue.errors)))

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.renderer is None:
            return markdown
        src = page.file.src_uri
        entry = self.entry_pages.get(src)
        if entry is not None:
            page.meta["title"] = html.escape(entry.title)
            page.meta["description"] = html.escape(entry.summary)
            if page.file.generated_by is None:  # an article in content/: MkDocs read it
                return self.renderer.entry_body(entry, body=markdown)
            return markdown
        generated = self.generated_pages.get(src)
        if generated is not None:
            page.meta["title"] = html.escape(generated.title)
            return markdown
        if self.reference_page is not None and src == self.reference_page.src_uri:
            page.meta["title"] = html.escape(self.reference_page.title)
            return markdown
        if "[[" in markdown:
            return self.renderer.resolve_wikilinks(markdown, src)
        return markdown

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # Generated pages have no Markdown headings, so Material would render no "skip to content"
        # link; a one-entry table of contents pointing at the page's <h1> gives keyboard users one.
        generated = self.generated_pages.get(page.file.src_uri)
        if generated is not None and not list(page.toc):
            page.toc = get_toc(
                [{"level": 1, "id": "katalog-title", "name": html.escape(generated.title), "children": []}]
            )
        return context

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.renderer is None:
            return html
        src = page.file.src_uri
        generated = self.generated_pages.get(src)
        if generated is not None:
            return generated.content
        if self.sanitize:
            html = sanitize_html(html)
        entry = self.entry_pages.get(src)
        if entry is not None:
            return self.renderer.entry_html(entry, html)
        return html


def _nav_paths(nav: object) -> list[str]:
    """Every page path named in mkdocs.yml's nav, however nested."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in _nav_paths(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in _nav_paths(item)]
    return []
