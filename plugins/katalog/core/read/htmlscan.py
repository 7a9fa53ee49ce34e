"""Every tag and comment a browser reads in a page, in order: text inside <script>, <textarea> and
the like is no markup up to their end tag, except inside SVG or MathML."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .htmltags import Markup, read_markup

# Elements whose content a browser reads as text up to their end tag, not as markup.
RAW_TEXT_ELEMENTS = frozenset(
    {"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"}
)


# SVG and MathML: inside them <script> and <style> are ordinary elements, not text; these HTML tags end them.
FOREIGN_ELEMENTS = frozenset({"svg", "math"})
_BREAKOUT = frozenset(
    [
        "b",
        "big",
        "blockquote",
        "body",
        "br",
        "center",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "hr",
        "i",
        "img",
        "li",
        "listing",
        "menu",
        "meta",
        "nobr",
        "ol",
        "p",
        "pre",
        "ruby",
        "s",
        "small",
        "span",
        "strong",
        "strike",
        "sub",
        "sup",
        "table",
        "tt",
        "u",
        "ul",
        "var",
    ]
)


class ForeignContent:
    """Whether the markup read so far leaves the parser inside <svg> or <math>."""

    def __init__(self) -> None:
        self.depth = 0

    def see(self, markup: Markup) -> None:
        if markup.kind == "start":
            if markup.name in FOREIGN_ELEMENTS and not markup.self_closing:
                self.depth += 1
            elif self.depth and (
                markup.name in _BREAKOUT
                or (markup.name == "font" and any(a.name in ("color", "face", "size") for a in markup.attributes))
            ):
                self.depth = 0
        elif markup.kind == "end" and self.depth:
            if markup.name in FOREIGN_ELEMENTS:
                self.depth -= 1
            elif markup.name in ("br", "p"):
                self.depth = 0

    @property
    def inside(self) -> bool:
        return self.depth > 0


@functools.lru_cache(maxsize=32)
def _raw_text_end(name: str) -> re.Pattern[str]:
    return re.compile(f"</{re.escape(name)}[\t\n\x0c\r />]", re.IGNORECASE)


class MarkupState:
    """Where a browser is between pieces of one page: inside <script> or the like (their text is not
    markup up to the end tag), or inside <svg> or <math> (where <script> is an ordinary element)."""

    def __init__(self) -> None:
        self.raw_text: str | None = None
        self.foreign = ForeignContent()

    def take(self, markup: Markup) -> bool:
        """Whether the browser reads `markup` as markup (not text inside <script>); note what it opens."""
        if self.raw_text is not None:
            if markup.kind == "end" and markup.name == self.raw_text:
                self.raw_text = None
            return False
        self.foreign.see(markup)
        opens_text = markup.name in RAW_TEXT_ELEMENTS or markup.name == "plaintext"
        if markup.kind == "start" and not self.foreign.inside and opens_text:
            self.raw_text = markup.name
        return True


def scan_markup(
    text: str, start: int = 0, end: int | None = None, state: MarkupState | None = None
) -> Iterator[Markup]:
    """Every tag and comment a browser reads in text[start:end], in order; text inside <script>,
    <textarea> and the like is skipped up to their end tag, as a browser reads it (but not in SVG or
    MathML). `state` carries over from the page's earlier pieces and on to the next."""
    end = len(text) if end is None else end
    state = MarkupState() if state is None else state
    i = start
    while True:
        if state.raw_text is not None:
            if state.raw_text == "plaintext":
                return
            close = _raw_text_end(state.raw_text).search(text, i, end)
            if close is None:
                return
            i = close.start()
        i = text.find("<", i, end)
        if i < 0:
            return
        markup = read_markup(text, i, end)
        if markup is None:
            i += 1
            continue
        if state.take(markup) or markup.kind == "end":
            yield markup
        i = markup.end
