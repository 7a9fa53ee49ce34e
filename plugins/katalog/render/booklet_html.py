"""The booklet as one HTML document for WeasyPrint: the template (katalog/booklet.html, through the
theme) filled with each entry's view, text and image, and the stylesheet with the site's colour and
page numbers in the site's words."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup

from ..core.catalogue import sanitising
from ..core.config.rules import is_hex_colour
from ..core.entries import Entry
from .booklet_text import BodyRenderer
from .entry_view import EntryView
from .images import DEFAULT_WIDTH, ImageStore, entry_image, picture_sources
from .pages import PageRenderer

ASSETS = Path(__file__).resolve().parent.parent / "assets"
STYLESHEET = ASSETS / "katalog-booklet.css"
TEMPLATE = "katalog/booklet.html"
DEFAULT_ACCENT = "#263238"  # when site.yml gives a Material palette name rather than a hex colour
_PLACEHOLDER = re.compile(r"\{(page|pages)\}")


def booklet_html(renderer: PageRenderer, title: str, entries: Sequence[Entry]) -> str:
    """The whole booklet as one HTML document for WeasyPrint."""
    model = renderer.model
    config = model.catalogue.config
    settings = config.settings
    tr = renderer.tr
    body = BodyRenderer(renderer, sanitising(config))
    images = ImageStore(config.root)
    sections = []
    for entry in entries:
        src = model.entry_src(entry)
        page = urljoin(settings.site_url, model.url(src))
        view = _absolute_links(renderer.views.view(entry, src), page)
        sections.append(
            {
                "id": f"post-{entry.id}",
                "view": view,
                "url": page,
                "body": Markup(body.html(entry, page)),
                "image": _image(images, model.entry_type(entry).fields, entry.data),
            }
        )
    css = STYLESHEET.read_text(encoding="utf-8") + _page_css(tr("booklet.page"), settings.colors.get("primary", ""))
    template = renderer.env.get_template(TEMPLATE)
    return template.render(
        language=tr.language,
        title=title,
        site_name=settings.name,
        owner=tr("ui.published_by", owner=settings.owner) if settings.owner else "",
        description=settings.description,
        site_url=settings.site_url,
        count_text=renderer.formats.count("entries", len(entries)),
        mixed=len({entry.type for entry in entries}) > 1,  # the contents name each entry's type
        entries=sections,
        css=Markup(css),
    )


def _image(store: ImageStore, fields: dict[str, Any], data: dict[str, Any]) -> dict[str, Any] | None:
    """The entry's image as its page's default copy (resized, without EXIF), inline as a data: URL."""
    image = entry_image(fields, data)
    if image is None:
        return None
    store.add(image)
    sources = picture_sources(image)
    chosen = next((one for one in sources if one.width >= DEFAULT_WIDTH), sources[-1])
    encoded = base64.b64encode(store.files[chosen.path]).decode("ascii")
    return {"src": f"data:image/webp;base64,{encoded}", "alt": str(image["alt"])}


def _absolute_links(view: EntryView, base: str) -> EntryView:
    """Every link of the view made from the entry's place on the site (facts, contacts, sections)."""
    items = [item for group in [*view.facts, *view.contact] for item in group.items]
    items += [item for record in view.people for group in record for item in group.items]
    items += [item for section in view.sections for item in section.items]
    items += [item for section in view.sections for line in section.lines for item in line]
    for item in items:
        if item.href is not None:
            item.href = urljoin(base, item.href)
    return view


def css_string(text: str) -> str:
    """A CSS string that shows exactly `text`: everything but letters, digits and spaces escaped."""
    return '"' + "".join(c if (c.isalnum() and c.isascii()) or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _page_css(page_text: str, primary: str) -> str:
    """The page number as the site's texts word it ("Side {page} af {pages}"), and the site's colour."""
    parts = []
    for n, piece in enumerate(_PLACEHOLDER.split(page_text)):
        if n % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    number = " ".join(parts) or "counter(page)"
    accent = primary.strip() if is_hex_colour(primary.strip()) else DEFAULT_ACCENT
    return (
        f"\n:root {{ --katalog-accent: {accent}; }}\n@page :first {{ background: {accent}; }}\n"
        f"@page {{ @bottom-right {{ content: {number}; }} }}\n"
    )
