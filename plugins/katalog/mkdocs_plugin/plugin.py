"""The MkDocs adapter: run the core at the right events, add generated pages, report problems."""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..core.catalogue import Catalogue, build_from_config
from ..core.entries import Entry
from ..core.problems import Severity
from ..core.report import explain
from ..core.siteconfig import ConfigError, SiteConfig, load_site_config
from ..render.model import SiteModel
from ..render.pages import PageRenderer

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).resolve().parent.parent / "assets"
STYLESHEET = "katalog/katalog.css"
SCRIPT = "katalog/katalog-filter.js"


class KatalogConfig(Config):  # type: ignore[no-untyped-call]
    root = config_options.Optional(config_options.Dir(exists=True))
    """The catalogue's root folder (holding site_config/ and catalogue/); default: beside mkdocs.yml."""


class KatalogPlugin(BasePlugin[KatalogConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.site_config: SiteConfig | None = None
        self.catalogue: Catalogue | None = None
        self.renderer: PageRenderer | None = None
        self.content_entries: dict[str, Entry] = {}
        self.entry_pages: dict[str, Entry] = {}
        self.titles: dict[str, str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(self.config.root or Path(config.config_file_path).parent)
        try:
            self.site_config = load_site_config(root)
        except ConfigError as error:
            for problem in error.problems:
                log.error(f"{problem.path}:{problem.line}:{problem.column}: {problem.message}")
            raise PluginError(f"site_config/ has {len(error.problems)} problem(s); see above") from error
        site = self.site_config.site
        if isinstance(site.get("name"), str):
            config.site_name = site["name"]
        if isinstance(site.get("description"), str) and not config.site_description:
            config.site_description = site["description"]
        config.theme["language"] = self.site_config.language
        config.extra_css.append(STYLESHEET)
        config.extra_javascript.append(SCRIPT)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site_config is not None
        catalogue = build_from_config(self.site_config)
        model = SiteModel(catalogue, directory_urls=config.use_directory_urls)
        self.report(catalogue)
        self.catalogue = catalogue
        renderer = self.renderer = PageRenderer(model)

        for entry in catalogue.entries.values():
            src = model.entry_src(entry)
            self.entry_pages[src] = entry
            if model.is_content_page(entry):
                self.content_entries[src] = entry
                continue
            self.add(files, config, src, renderer.entry_markdown(entry))
        for page in renderer.term_pages():
            self.titles[page.src_uri] = page.title
            self.add(files, config, page.src_uri, page.content)
        data_uri, data = renderer.filter_data()
        self.add(files, config, data_uri, data)
        for page in renderer.overview_pages(data_uri):
            self.titles[page.src_uri] = page.title
            self.add(files, config, page.src_uri, page.content, in_nav=page.src_uri.endswith("/index.md"))
        for name in (STYLESHEET, SCRIPT):
            self.add(files, config, name, (ASSETS / Path(name).name).read_text(encoding="utf-8"))
        return files

    def add(self, files: Files, config: MkDocsConfig, src: str, content: str, in_nav: bool = False) -> None:
        existing = files.get_file_from_path(src)
        if existing is not None:
            raise PluginError(f"Katalog wants to generate {src}, but content/{src} exists; rename one of them")
        inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src, content=content, inclusion=inclusion))

    def report(self, catalogue: Catalogue) -> None:
        tr = catalogue.config.tr
        for problem in sorted(catalogue.problems):
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
            if src in self.content_entries:
                return self.renderer.entry_markdown(entry, body=markdown)
            return markdown
        if src in self.titles:
            page.meta["title"] = html.escape(self.titles[src])
            return markdown
        if "[[" in markdown:
            return self.renderer.resolve_wikilinks(markdown, src)
        return markdown
