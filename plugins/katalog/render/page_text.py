"""The text of a page Katalog renders from a template (the accessibility statement), for the search: what
a reader sees, in parts at its headings, as core/search/build.py body_sections makes a Markdown page's."""

from __future__ import annotations

from html.parser import HTMLParser

_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# Elements whose text is a block of its own: apart from the text before and after it.
_BLOCKS = frozenset({"p", "li", "ul", "ol", "div", "section", "dt", "dd", "tr", "br"}) | _HEADINGS
_SKIPPED = frozenset({"h1", "script", "style", "template"})  # the title is the document's title already

_BREAK = "\0"  # between blocks (a line break in the HTML is white space; a NUL in a text only ends a block)
Part = tuple[str, str, str]  # (heading, its id: the anchor a passage links to, "" for none; text)


class _Parts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[tuple[str, str, list[str]]] = [("", "", [])]
        self.heading: list[str] | None = None  # the words of the heading being read
        self.anchor = ""
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _HEADINGS:
            self.heading, self.anchor = [], dict(attrs).get("id") or ""
        elif tag in _BLOCKS:
            self.parts[-1][2].append(_BREAK)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _HEADINGS and self.heading is not None:
            self.parts.append((" ".join("".join(self.heading).split()), self.anchor, []))
            self.heading = None
        elif tag in _BLOCKS:
            self.parts[-1][2].append(_BREAK)

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        (self.heading if self.heading is not None else self.parts[-1][2]).append(data)


def rendered_sections(html: str) -> list[Part]:
    """The page's parts: the text before its first heading, then each heading's; a part's blocks end with
    a full stop where their own text does not, so that a passage across them reads as sentences."""
    parser = _Parts()
    parser.feed(html)
    parser.close()
    out = []
    for heading, anchor, chunks in parser.parts:
        blocks = [" ".join(block.split()) for block in "".join(chunks).split(_BREAK)]
        text = " ".join(_ended(block) for block in blocks if block)
        if heading or text:
            out.append((heading, anchor, text))
    return out


def _ended(block: str) -> str:
    return block if block[-1] in ".!?:;…" else block + "."
