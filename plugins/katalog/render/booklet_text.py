"""An entry's Markdown as the booklet's HTML: the site's safety rules, links to the published site,
headings one level down, and no images."""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from urllib.parse import urljoin

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..core.entries import Entry
from ..core.read.wikilinks import replace_wikilinks
from .escaping import markdown_text
from .linear_markdown import LinearMarkdownExtension
from .pages import PageRenderer
from .safety import SafetyExtension, sanitize_html


class BodyRenderer:
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
    """The element tree of an entry's text made fit for the booklet (see BodyRenderer)."""

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
