"""A booklet of part of the catalogue as a tagged, accessible PDF: a cover, the contents with page
numbers, then each entry as a section of its own (its facts, contacts, text, quotes and learnings).

The entry's parts come from the same views as its page (render/views.py, with the schema's
`display` settings and the rule that keeps staff's personal data out when the site publishes roles
only); the HTML is made by a Jinja template with autoescaping (katalog/booklet.html, which a fork
overrides like the other templates) and printed by WeasyPrint. WeasyPrint is imported only when a
PDF is made: `katalog pdf` and the `booklets` option of the MkDocs plugin need it, nothing else.

Every link in the booklet points at the published site (site.yml's site_url), since a PDF handed out
has no site around it; WeasyPrint reads nothing from the network or the disk while printing.
"""

from __future__ import annotations

import base64
import contextlib
import html
import importlib
import io
import logging
import re
import types
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup
from PIL import ImageFile

from ..core.catalogue import sanitising
from ..core.config.rules import is_hex_colour
from ..core.entries import Entry
from ..core.link.taxonomy import PLACES
from ..core.link.wikilinks import replace_wikilinks
from ..core.slugs import slugify
from .collation import Collation
from .entry_view import EntryView
from .escaping import markdown_text
from .images import DEFAULT_WIDTH, ImageStore, entry_image, picture_sources
from .linear_markdown import LinearMarkdownExtension
from .pages import PageRenderer
from .safety import SafetyExtension, sanitize_html

ASSETS = Path(__file__).resolve().parent.parent / "assets"
STYLESHEET = ASSETS / "katalog-booklet.css"
TEMPLATE = "katalog/booklet.html"
SITE_FOLDER = "katalog"  # where the site's booklets are written: Katalog's own folder
# The Debian (and Ubuntu) packages WeasyPrint needs: Pango with its FreeType backend, HarfBuzz's
# subsetter (fonts embedded with only the glyphs used) and a font with every Nordic letter.
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
PDF_VARIANT = "pdf/ua-1"  # tagged, with the document's language and title: PDF/UA-1
DEFAULT_ACCENT = "#263238"  # when site.yml gives a Material palette name rather than a hex colour
# The selection's options and the vocabulary each narrows by (the whole catalogue's filters).
TERM_OPTIONS = {"theme": "themes", "municipality": PLACES}
BOOKLET_KEYS = ("type", "theme", "municipality", "title", "file")
_FILE_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}\.pdf")
_PLACEHOLDER = re.compile(r"\{(page|pages)\}")


class BookletError(Exception):
    """A booklet that cannot be made as asked; the message is in the site's language."""


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs are missing; the message says what to install."""


@dataclass(frozen=True)
class Selection:
    """Which entries a booklet holds: all of them, narrowed by type, theme and municipality (keys)."""

    type_name: str | None = None
    theme: str | None = None
    municipality: str | None = None

    def terms(self) -> list[tuple[str, str]]:
        """(vocabulary, key) of each term the selection narrows by."""
        chosen = {"theme": self.theme, "municipality": self.municipality}
        return [(TERM_OPTIONS[option], key) for option, key in chosen.items() if key is not None]


@dataclass
class Booklet:
    title: str
    entries: list[Entry]
    html: str = ""


@dataclass
class Printed:
    pdf: bytes
    pages: int


@dataclass
class BookletPlan:
    """The site's booklets: the PDF files, and the links from the listings they were made from."""

    files: list[tuple[str, bytes]] = field(default_factory=list)  # (path in the site, the PDF)
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # listing src -> (PDF path, title)


# --- choosing the entries ------------------------------------------------------------------------


def selection_problem(renderer: PageRenderer, selection: Selection) -> str | None:
    """Why the selection names something the catalogue does not have, in the site's language."""
    config = renderer.model.catalogue.config
    tr = renderer.tr
    types_ = config.schema.types
    if selection.type_name is not None and selection.type_name not in types_:
        return tr("booklet.unknown_type", value=selection.type_name, known=", ".join(types_))
    for vocabulary_name, key in selection.terms():
        vocabulary = config.vocabularies.get(vocabulary_name)
        if vocabulary is None or key not in vocabulary.terms:
            known = ", ".join(vocabulary.terms) if vocabulary else ""
            taxonomy = renderer.model.taxonomies.get(vocabulary_name)
            label = taxonomy.singular if taxonomy else vocabulary_name
            return tr("booklet.unknown_term", label=label, value=key, known=_shortened(known, 400))
    return None


def select(renderer: PageRenderer, selection: Selection) -> list[Entry]:
    """The selected entries, by type in the schema's order, then by title as the site's language sorts."""
    model = renderer.model
    entries = list(model.catalogue.entries.values())  # articles of content/ too, as on the listings
    if selection.type_name is not None:
        entries = [entry for entry in entries if entry.type == selection.type_name]
    for vocabulary_name, key in selection.terms():
        taxonomy = model.taxonomies.get(vocabulary_name)
        info = taxonomy.terms.get(key) if taxonomy else None
        ids = {entry.id for entry in info.entries} if info else set()
        entries = [entry for entry in entries if entry.id in ids]
    order = {name: n for n, name in enumerate(model.catalogue.config.schema.types)}
    collation = Collation(renderer.tr.language)
    return sorted(entries, key=lambda e: (order.get(e.type, 0), collation.key(e.title), e.title, e.id))


def default_title(renderer: PageRenderer, selection: Selection) -> str:
    """The type's plural ("Medborgerskabskatalog"), each term as its page is headed ("Tema: Lokalsamfund"),
    or the whole catalogue's name for a booklet of everything."""
    model = renderer.model
    parts = []
    if selection.type_name is not None:
        entry_type = model.catalogue.config.schema.types[selection.type_name]
        parts.append(renderer.tr.pick(entry_type.plural, entry_type.name))
    for vocabulary_name, key in selection.terms():
        taxonomy = model.taxonomies.get(vocabulary_name)
        info = taxonomy.terms.get(key) if taxonomy else None
        if taxonomy is not None and info is not None:
            parts.append(f"{taxonomy.singular}: {info.label}")
    return " – ".join(parts) or renderer.tr("ui.catalogue")


# --- the HTML ------------------------------------------------------------------------------------


def booklet_html(renderer: PageRenderer, title: str, entries: Sequence[Entry]) -> str:
    """The whole booklet as one HTML document for WeasyPrint."""
    model = renderer.model
    config = model.catalogue.config
    settings = config.settings
    tr = renderer.tr
    body = _BodyRenderer(renderer, sanitising(config))
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


class _BodyRenderer:
    """An entry's Markdown as HTML with the site's safety rules, its links absolute (to the published
    site), its headings one level down (the entry's title is the booklet's <h2>, as it is the page's
    <h1>), and without the images it names (the entry's own image is shown under its lead)."""

    def __init__(self, renderer: PageRenderer, sanitize: bool) -> None:
        self.renderer = renderer
        self.sanitize = sanitize
        self.tree = _BookletTree()
        self.md = markdown.Markdown(
            extensions=[
                "admonition",
                "attr_list",
                "md_in_html",
                "tables",
                SafetyExtension(sanitize=sanitize),
                LinearMarkdownExtension(),
                self.tree,
            ]
        )

    def html(self, entry: Entry, base: str) -> str:
        """base: the entry's address on the published site."""
        model = self.renderer.model
        site_url = model.catalogue.config.settings.site_url

        def link(target: str, text: str | None) -> str:
            found = model.catalogue.entries.get(target)
            if found is None:
                return markdown_text(text or target)  # reported as a problem already
            href = urljoin(site_url, model.url(model.entry_src(found)))
            return f'<a href="{html.escape(href)}">{markdown_text(text or found.title)}</a>'

        self.tree.base = base
        made = self.md.reset().convert(replace_wikilinks(entry.body, link))
        return sanitize_html(made) if self.sanitize else made


class _BookletTree(Extension):
    """The element tree of an entry's text made fit for the booklet (see _BodyRenderer)."""

    def __init__(self) -> None:
        super().__init__()
        self.base = ""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After the safety rules (5) have dropped or kept each link.
        md.treeprocessors.register(_BookletElements(md, self), "katalog_booklet", 4)


class _BookletElements(Treeprocessor):
    def __init__(self, md: markdown.Markdown, tree: _BookletTree) -> None:
        super().__init__(md)
        self.tree = tree

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            previous: etree.Element | None = None
            for child in list(parent):
                tag = str(child.tag).lower()
                if tag == "img":
                    _remove_keeping_tail(parent, previous, child)
                    continue
                if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
                    child.tag = f"h{min(int(tag[1]) + 1, 6)}"
                href = child.get("href")
                if tag == "a" and href is not None:
                    child.set("href", urljoin(self.tree.base, href))
                previous = child


def _remove_keeping_tail(parent: etree.Element, previous: etree.Element | None, child: etree.Element) -> None:
    if child.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + child.tail
        else:
            parent.text = (parent.text or "") + child.tail
    parent.remove(child)


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


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(",", 1)[0] + ", …"


# --- the PDF -------------------------------------------------------------------------------------


def weasyprint_module(tr: Callable[..., str]) -> types.ModuleType:
    """WeasyPrint, imported; PdfUnavailable with what to install when it or its libraries are missing."""
    # WeasyPrint prints its own advice to stdout before the error: the message below says it in the
    # site's language instead.
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            weasyprint = importlib.import_module("weasyprint")
        except ImportError as error:
            raise PdfUnavailable(tr("booklet.no_weasyprint")) from error
        except OSError as error:
            detail = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise PdfUnavailable(tr("booklet.no_libraries", detail=detail, packages=SYSTEM_PACKAGES)) from error
        finally:
            # WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when imported;
            # the image checks (core/validate/images.py) must still find a truncated image broken.
            ImageFile.LOAD_TRUNCATED_IMAGES = False
    return weasyprint


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """WeasyPrint's warnings about CSS it ignores are its own business, not an editor's."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def print_pdf(document: str, tr: Callable[..., str]) -> Printed:
    """The booklet's HTML printed as a tagged PDF/UA-1; the same HTML gives the same bytes."""
    weasyprint = weasyprint_module(tr)
    with _quiet("weasyprint"):
        # The booklet carries its stylesheet and images inline (data: URLs); nothing else is read, from
        # the network or the disk, whatever an entry's HTML names.
        fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
        rendered = weasyprint.HTML(string=document, url_fetcher=fetcher).render(pdf_variant=PDF_VARIANT)
        pdf = rendered.write_pdf(pdf_variant=PDF_VARIANT)
    assert isinstance(pdf, bytes)
    return Printed(pdf, len(rendered.pages))


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


def listing_src(renderer: PageRenderer, selection: Selection) -> str:
    """The listing a booklet belongs to: its last term's page, else its type's overview, else the
    whole catalogue's."""
    model = renderer.model
    for vocabulary_name, key in reversed(selection.terms()):
        taxonomy = model.taxonomies.get(vocabulary_name)
        info = taxonomy.terms.get(key) if taxonomy else None
        if taxonomy is not None and info is not None:
            return model.term_src(taxonomy, info.slug)
    return model.overview_src(selection.type_name)
