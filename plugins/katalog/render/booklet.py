"""A booklet of part of the catalogue as a tagged, accessible PDF: a cover, the contents with page
numbers, then each entry as a section of its own (its facts, contacts, text, quotes and learnings).

The entry's parts come from the same views as its page (render/views.py, with the schema's
`display` settings and the rule that keeps staff's personal data out when the site publishes roles
only); the HTML is made by a Jinja template with autoescaping (katalog/booklet.html, which a fork
overrides like the other templates) and printed by WeasyPrint. WeasyPrint is imported only when a
PDF is made: `katalog pdf` and the `booklets` option of the MkDocs plugin need it, nothing else.

Every link in the booklet points at the published site (site.yml's site_url), since a PDF handed out
has no site around it; WeasyPrint reads nothing from the network or the disk while printing.

Here the booklet is made and the site's booklets planned; the parts are booklet_selection.py,
booklet_html.py (with booklet_text.py for each entry's text) and booklet_pdf.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.entries import Entry
from ..core.slugs import slugify
from .booklet_html import booklet_html
from .booklet_pdf import print_pdf
from .booklet_selection import Selection, default_title, listing_src, select, selection_problem
from .pages import PageRenderer

SITE_FOLDER = "katalog"  # where the site's booklets are written: Katalog's own folder
BOOKLET_KEYS = ("type", "theme", "municipality", "title", "file")
_FILE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}\.pdf")


class BookletError(Exception):
    """A booklet that cannot be made as asked; the message is in the site's language."""


@dataclass
class Booklet:
    title: str
    entries: list[Entry]
    html: str = ""


@dataclass
class BookletPlan:
    """The site's booklets: the PDF files, and the links from the listings they were made from."""

    files: list[tuple[str, bytes]] = field(default_factory=list)  # (path in the site, the PDF)
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # listing src -> (PDF path, title)


def make_booklet(renderer: PageRenderer, selection: Selection, title: str | None = None) -> Booklet:
    """The selected entries as a booklet's HTML; BookletError when the selection is unknown or empty."""
    problem = selection_problem(renderer, selection)
    if problem is not None:
        raise BookletError(problem)
    entries = select(renderer, selection)
    title = title or default_title(renderer, selection)
    if not entries:
        raise BookletError(renderer.tr("booklet.empty", title=title))
    return Booklet(title, entries, booklet_html(renderer, title, entries))


# --- the site's booklets (the plugin's `booklets` option) ----------------------------------------


def plan_booklets(renderer: PageRenderer, settings: Sequence[Mapping[str, Any]]) -> BookletPlan:
    """Each booklet mkdocs.yml's `booklets` option names, printed into katalog/<file>, and a link to it
    on the first page of the listing it was made from (the type's overview, the term's page, or the
    whole catalogue's overview; the renderer's listings show them from then on). BookletError names the
    first setting that cannot be used."""
    tr = renderer.tr
    plan = BookletPlan()
    seen: set[str] = set()
    for index, one in enumerate(settings):
        where = f"booklets[{index}]"
        if not isinstance(one, Mapping):
            raise BookletError(tr("booklet.setting_not_mapping", where=where))
        unknown = [str(key) for key in one if key not in BOOKLET_KEYS]
        if unknown:
            raise BookletError(tr("booklet.setting_key", where=where, key=unknown[0], known=", ".join(BOOKLET_KEYS)))
        values = {key: one.get(key) for key in BOOKLET_KEYS}
        for key, value in values.items():
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise BookletError(tr("booklet.setting_text", where=where, key=key))
        selection = Selection(values["type"], values["theme"], values["municipality"])
        try:
            booklet = make_booklet(renderer, selection, values["title"])
        except BookletError as error:
            raise BookletError(f"{where}: {error}") from error
        name = values["file"] or f"{slugify(booklet.title) or 'katalog'}.pdf"
        if not _FILE_NAME.fullmatch(name):
            raise BookletError(tr("booklet.setting_file", where=where, value=name))
        path = f"{SITE_FOLDER}/{name}"
        if path in seen:
            raise BookletError(tr("booklet.setting_twice", where=where, file=name))
        seen.add(path)
        printed = print_pdf(booklet.html, tr)
        plan.files.append((path, printed.pdf))
        plan.links.setdefault(listing_src(renderer, selection), []).append((path, booklet.title))
    renderer.booklet_links = plan.links
    return plan
