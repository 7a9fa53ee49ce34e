"""What Katalog's theme overrides (theme/) read: texts in the site's language, the help links of the
footer, a generated page's breadcrumb trail and active tab, and an entry's og:/twitter: data.

The overrides are documented Material ones (main.html's blocks, partials/path.html, copyright.html,
404.html); this gives them their data through the template context, never through Python-made HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.config.settings import build_date
from ..core.entries import Entry
from ..core.i18n import Translator
from ..render.formats import Formats
from ..render.images import DEFAULT_WIDTH, entry_image, picture_sources
from ..render.model import SiteModel
from ..render.trail import Place, Trails

OG_IMAGE_WIDTH = 1200  # what link previews show best; a smaller copy when the image is smaller


class ThemeContext:
    def __init__(self) -> None:
        self.trails: Trails | None = None
        self.entry_pages: Mapping[str, Entry] = {}
        self.tabs: dict[str, Page] = {}  # src_uri -> page of the navigation
        self.active: Page | None = None  # the tab marked active for the page being rendered
        self.model: SiteModel | None = None

    def plan(self, model: SiteModel, entry_pages: Mapping[str, Entry], titles: Mapping[str, str]) -> None:
        self.trails = Trails(model, entry_pages, titles)
        self.model = model
        self.entry_pages = entry_pages

    def remember_nav(self, nav: Navigation) -> None:
        self.tabs = {page.file.src_uri: page for page in nav.pages}

    @staticmethod
    def texts(tr: Translator, site_name: str) -> dict[str, Any]:
        """The same for every page (and the 404 page): env.globals["katalog_ui"]."""
        formats = Formats(tr)
        names = (
            "home", "breadcrumb", "made_with", "help_links", "not_found_title", "not_found_text", "not_found_links",
            "portal_search_label", "portal_search_button", "portal_search_hint",
        )  # fmt: skip
        texts: dict[str, Any] = {name: tr(f"ui.{name}") for name in names}
        texts["print_date"] = tr("ui.print_date", date=formats.date(build_date()))
        texts["print_address"] = tr("ui.print_address", url="{url}")
        texts["site_name"] = site_name
        texts["language"] = tr.language
        return texts

    @staticmethod
    def help_links(files: Files, paths: Sequence[str]) -> list[dict[str, str]]:
        """The pages named for the footer, in order, that exist: their titles and site-relative URLs."""
        links = []
        for path in paths:
            file = files.get_file_from_path(path)
            if file is None or file.page is None:
                continue
            links.append({"title": file.page.title or path, "url": file.url})
        return links

    def page_context(self, page: Page) -> dict[str, Any]:
        """The breadcrumb trail and og: data of one page; marks its tab active until `finish_page`."""
        src = page.file.src_uri
        place: Place | None = self.trails.place(src) if self.trails is not None else None
        context: dict[str, Any] = {"katalog_trail": None, "katalog_og": None, "katalog_active_tab": ""}
        if place is not None:
            context["katalog_trail"] = [{"title": c.title, "url": c.url} for c in place.crumbs]
            tab = self.tabs.get(place.tab)
            if tab is not None and not tab.active:
                tab.active = True
                self.active = tab
                context["katalog_active_tab"] = place.tab
        entry = self.entry_pages.get(src)
        if entry is not None:
            context["katalog_og"] = {"title": entry.title, "description": entry.summary, **self.og_image(entry)}
        return context

    def og_image(self, entry: Entry) -> dict[str, Any]:
        """The entry's image for link previews: a resized copy's site path, its size and alt text."""
        if self.model is None:
            return {"image": None}
        image = entry_image(self.model.entry_type(entry).fields, entry.data)
        sources = picture_sources(image) if image else []
        if image is None or not sources:
            return {"image": None}
        fitting = [one for one in sources if one.width <= max(OG_IMAGE_WIDTH, DEFAULT_WIDTH)]
        chosen = fitting[-1] if fitting else sources[0]
        return {"image": chosen.path, "width": chosen.width, "height": chosen.height, "alt": str(image["alt"])}

    def finish_page(self) -> None:
        if self.active is not None:
            self.active.active = False
            self.active = None
