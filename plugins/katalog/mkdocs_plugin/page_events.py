"""What each page of a build is, for MkDocs' page events: entries, generated pages, content/ pages.

The plugin fills one SitePages per build in on_files (the body-edit preview keeps the last one); the
page events ask it for a page's Markdown, title and HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..core.entries import Entry
from ..core.entries import Page as CorePage
from ..render.escaping import escaped_meta
from ..render.pages import GeneratedPage, PageRenderer
from ..render.portal import HOME, portal_html
from ..render.safety import sanitize_html
from .incremental import Preview
from .katalog_file import KatalogFile

PORTAL_SLOT = '<div class="katalog-portal-slot"></div>'


@dataclass
class SitePages:
    renderer: PageRenderer | None = None
    entry_pages: dict[str, Entry] = field(default_factory=dict)  # src -> entry, content/ articles included
    generated_pages: dict[str, GeneratedPage] = field(default_factory=dict)  # term pages, overviews, ...
    content_pages: dict[str, CorePage] = field(default_factory=dict)  # src -> the core's reading of it
    reference_page: GeneratedPage | None = None
    statement_page: GeneratedPage | None = None

    def titles_of_kept_pages(self, nav: Navigation, preview: Preview | None) -> None:
        """A page in the navigation that this dirty build does not read still needs its title (the
        navigation of the pages it does build shows it): the one on_page_markdown would give it."""
        for page in nav.pages:
            file = page.file
            if not isinstance(file, KatalogFile) or file.changed:
                continue
            src = file.src_uri
            entry = self.entry_pages.get(src)
            generated = self.generated_pages.get(src)
            if generated is None and self.reference_page is not None and src == self.reference_page.src_uri:
                generated = self.reference_page
            if entry is not None:
                page.meta = escaped_meta({"title": entry.title, "description": entry.summary})
            elif generated is not None:
                page.meta = {"title": html.escape(generated.title)}
            else:
                file.changed = True
                if preview is not None:
                    preview.kept.remove(file)
                continue
            page.markdown = ""

    def page_markdown(self, markdown: str, page: Page) -> str:
        """What on_page_markdown gives MkDocs: a page's Markdown and its title."""
        if self.renderer is None:
            return markdown
        src = page.file.src_uri
        entry = self.entry_pages.get(src)
        if entry is not None:
            page.meta = escaped_meta({"title": entry.title, "description": entry.summary})
            if page.file.generated_by is None:  # an article in content/: the body as the core split it
                return self.renderer.entry_body(entry)
            return markdown
        core_page = self.content_pages.get(src)
        if core_page is not None:
            # The core read the front-matter; MkDocs' own reading differs (a block closed at the end
            # of the file, or MultiMarkdown "Key: value" lines, stay in its body).
            page.meta = escaped_meta(core_page.meta)
            markdown = core_page.body
        generated = self.generated_pages.get(src)
        if generated is not None:
            page.meta["title"] = html.escape(generated.title)
            return markdown
        if self.reference_page is not None and src == self.reference_page.src_uri:
            page.meta["title"] = html.escape(self.reference_page.title)
            return markdown
        if "[[" in markdown:
            markdown = self.renderer.resolve_wikilinks(markdown, src)
        if src == HOME:  # the portal's blocks after the editor's introduction (before the first ## heading)
            intro, heading, rest = markdown.partition("\n## ")
            markdown = f"{intro.rstrip()}\n\n{PORTAL_SLOT}\n\n{heading.lstrip()}{rest}"
        return markdown

    def page_content(self, html: str, page: Page, produced: Callable[[str], object], sanitize: bool) -> str:
        """What on_page_content gives MkDocs: Katalog's pages as the producer made them."""
        if self.renderer is None:
            return html
        src = page.file.src_uri
        if src in self.generated_pages:
            made = produced(src)
            assert isinstance(made, str)
            return made
        if sanitize:
            html = sanitize_html(html)
        if src == HOME and src not in self.entry_pages:
            html = html.replace(PORTAL_SLOT, portal_html(self.renderer), 1)
        if src in self.entry_pages:
            frame = produced(src)
            assert isinstance(frame, tuple)
            return self.renderer.entry_html(frame, html)
        return html
