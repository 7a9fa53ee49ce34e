"""The page renderer: Katalog's templates looked up through the theme, entry pages, cards, and the
single pages (accessibility statement, search results). Listings are in listings.py."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape

from ..core.entries import Entry
from ..core.read.wikilinks import replace_wikilinks
from ..core.slugs import slugify
from .card_views import Card
from .entry_view import EntryView
from .escaping import markdown_text
from .formats import Formats
from .model import SiteModel
from .views import EntryViews

if TYPE_CHECKING:
    import jinja2

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# An entry's frame: its header, then each generated section's HTML and whether it goes before the text.
Frame = tuple[str, tuple[tuple[bool, str], ...]]
SEARCH_PAGE = "soeg/index.md"  # the front page's search form sends its query here (?q=...)


@dataclass
class GeneratedPage:
    """A page Katalog adds: where and what it is called now, its HTML when `render()` is called."""

    src_uri: str
    title: str
    render: Callable[[], str]


def fixed(html: str) -> Callable[[], str]:
    return lambda: html


def _environment(theme_dirs: Sequence[str]) -> jinja2.Environment:
    """Templates are looked up in the theme's directories first (a fork's custom_dir, then the theme's),
    then in Katalog's own, as Material's partials are: a fork overrides `katalog/<name>.html` without Python.
    Jinja is imported here, when a page is first rendered: `katalog check` renders none."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([*theme_dirs, str(TEMPLATES)]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def _html_block(html: str) -> str:
    """Raw HTML survives Markdown only as a block without blank lines inside."""
    return "\n".join(line for line in html.splitlines() if line.strip())


def _slot_marker(index: int) -> str:
    """Where a generated section's content goes; an element the sanitiser keeps as it is."""
    return f'<div class="katalog-slot-{index}"></div>'


class PageRenderer:
    def __init__(self, model: SiteModel, theme_dirs: Sequence[str] = ()) -> None:
        """theme_dirs: the MkDocs theme's directories, a fork's custom_dir first."""
        self.model = model
        self.tr = model.tr
        self.formats = Formats(model.tr)
        self.views = EntryViews(model, self.formats)
        self.theme_dirs = theme_dirs
        self._entry_templates: dict[str, jinja2.Template] = {}
        # A listing's first page (src) -> the booklets made from it: (PDF's site path, title); see booklet.py.
        self.booklet_links: dict[str, list[tuple[str, str]]] = {}
        self.feed_links: dict[str, str] = {}  # a listing's first page (src) -> its Atom feed's site path (feeds.py)

    @functools.cached_property
    def env(self) -> jinja2.Environment:
        """The templates' environment, made when a page is first rendered."""
        env = _environment(self.theme_dirs)
        env.globals["tr"] = self.tr
        env.globals["formats"] = self.formats
        env.filters["date"] = self.formats.date
        env.filters["number"] = self.formats.number
        return env

    def render(self, template: str, **context: Any) -> str:
        return _html_block(self.env.get_template(template).render(**context))

    # --- entries -------------------------------------------------------------------------

    def entry_body(self, entry: Entry, body: str | None = None) -> str:
        """The entry's Markdown: its text with `[[id]]` resolved to links showing the target's title, and
        a heading for each generated section (so MkDocs gives it an id and a line in the table of
        contents) with a marker where `entry_html` puts the section's content."""
        src = self.model.entry_src(entry)
        text = self.resolve_wikilinks(entry.body if body is None else body, src)
        slots = self.views.slots(entry)
        if not slots:
            return text
        top = [f"## {markdown_text(s.label)}\n\n{_slot_marker(i)}\n\n" for i, s in enumerate(slots) if s.top]
        after = [f"\n\n## {markdown_text(s.label)}\n\n{_slot_marker(i)}" for i, s in enumerate(slots) if not s.top]
        return "".join(top) + text.rstrip("\n") + "".join(after) + "\n"

    def entry_frame(self, entry: Entry) -> Frame:
        """What goes into and around an entry's rendered text: the header, and each generated section."""
        src = self.model.entry_src(entry)
        view = self.views.view(entry, src)
        template = self.entry_template(entry.type)
        header = self.render_part(template, view, "header")
        parts = []
        for slot in view.slots:
            part, _, name = slot.key.partition(":")
            section = next((s for s in view.sections if s.name == name), None) if name else None
            parts.append((slot.top, self.render_part(template, view, part, section=section)))
        return header, tuple(parts)

    def entry_template(self, type_name: str) -> jinja2.Template:
        """katalog/<type>/entry.html if a theme directory or Katalog has one, else katalog/entry.html."""
        template = self._entry_templates.get(type_name)
        if template is None:
            names = [f"katalog/{type_name}/entry.html", "katalog/entry.html"]
            template = self._entry_templates[type_name] = self.env.select_template(names)
        return template

    def render_part(self, template: jinja2.Template, view: EntryView, part: str, **context: Any) -> str:
        return _html_block(template.render(view=view, part=part, **context))

    @staticmethod
    def entry_html(frame: Frame, body_html: str) -> str:
        """The rendered text with each section's content where its marker is: the first marker of a
        section before the text, the last of one after it (a marker copied into the text stays empty)."""
        header, parts = frame
        html = body_html
        for index, (top, part) in enumerate(parts):
            marker = _slot_marker(index)
            at = html.find(marker) if top else html.rfind(marker)
            if at < 0:  # a Markdown extension lost it: the content still shows
                html = f"{part}\n{html}" if top else f"{html}\n{part}"
            else:
                html = f"{html[:at]}{part}{html[at + len(marker) :]}"
        return f"{header}\n{html}\n"

    def resolve_wikilinks(self, body: str, src: str) -> str:
        entries = self.model.catalogue.entries

        def render(target: str, text: str | None) -> str:
            entry = entries.get(target)
            if entry is None:
                return markdown_text(text or target)  # reported as a problem already
            href = self.model.link(self.model.entry_src(entry), src)
            return f'<a href="{escape(href)}" class="katalog-ref">{markdown_text(text or entry.title)}</a>'

        return replace_wikilinks(body, render)

    # --- cards, pagers and single pages ------------------------------------------------------------------------

    def cards(self, entries: list[Entry], src: str) -> list[Card]:
        return [self.views.cards.card(entry, src) for entry in entries]

    def pager(self, current: int, count: int, src_of: Callable[[int], str], src: str) -> dict[str, Any]:
        pages = [(n, self.model.link(src_of(n), src)) for n in range(1, count + 1)]
        return {"current": current, "label": self.tr("ui.pages"), "pages": pages}

    def statement_page(self) -> GeneratedPage | None:
        """The accessibility statement, from site_config/accessibility.yml and the site's texts."""
        facts = self.model.catalogue.config.statement
        if facts is None:
            return None
        heading = self.tr("statement.title")
        src = f"{slugify(heading)}/index.md"
        compliance = str(facts.get("compliance", "partial"))
        issues = facts.get("known_issues") or []
        content = functools.partial(
            self.render,
            "katalog/statement.html",
            heading=heading,
            facts=facts,
            compliance=self.tr(f"statement.compliance_{compliance}"),
            issues=[str(issue) for issue in issues] if isinstance(issues, list) else [],
            site=self.model.catalogue.config.settings.name,
        )
        return GeneratedPage(src, heading, content)

    def search_page(self) -> GeneratedPage:
        """The full results of a search (/soeg/?q=...): filled in by katalog-search.js."""
        heading = self.tr("search.page_title")
        src = SEARCH_PAGE
        content = functools.partial(
            self.render, "katalog/search_page.html", heading=heading, action=self.model.link(src, src)
        )
        return GeneratedPage(src, heading, content)
