"""Enforce the HTML allow-list and the link policy on what Markdown made of editors' text.

`sanitize_html` runs nh3 (Ammonia) over a page's whole rendered body: raw HTML is
stashed by Python-Markdown tag by tag, so only the finished fragment can be cleaned
correctly. The Markdown extension applies the link policy in the element tree, which
also holds when a trusted intranet turns sanitising off. Problems were already
reported, with their lines, by the core's body check; this is the enforcement.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import nh3
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..core.validate.htmlpolicy import (
    ALLOWED_TAGS,
    DROPPED_WITH_CONTENT,
    GLOBAL_ATTRIBUTES,
    LINK_SCHEMES,
    TAG_ATTRIBUTES,
    attribute_allowed,
)
from ..core.validate.urlpolicy import is_external, url_allowed

_NH3_ATTRIBUTES = {"*": set(GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}}


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=_NH3_ATTRIBUTES,
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener",
    )


class _ElementPolicy(Treeprocessor):
    def __init__(self, md: Markdown, sanitize: bool) -> None:
        super().__init__(md)
        self.sanitize = sanitize

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                tag = str(child.tag).lower()
                if (self.sanitize and tag not in ALLOWED_TAGS) or (
                    tag == "img" and not url_allowed(child.get("src", ""), image=True)
                ):
                    parent.remove(child)
                else:
                    self.check_attributes(tag, child)

    def check_attributes(self, tag: str, element: etree.Element) -> None:
        for name in list(element.attrib):
            if self.sanitize and not attribute_allowed(tag, name.lower()):
                del element.attrib[name]
        href = element.get("href")
        if tag != "a" or href is None:
            return
        if not url_allowed(href):
            # A link without a usable target is text; MkDocs expects every <a> to have an href.
            del element.attrib["href"]
            element.tag = "span"
        elif is_external(href):
            element.set("rel", "noopener")


class SafetyExtension(Extension):
    def __init__(self, sanitize: bool = True) -> None:
        super().__init__()
        self.sanitize = sanitize

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline patterns (20) have made the links, before MkDocs' relpath (0).
        md.treeprocessors.register(_ElementPolicy(md, self.sanitize), "katalog_element_policy", 5)
