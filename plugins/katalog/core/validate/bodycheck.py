"""Find what the sanitiser would remove from a Markdown body, with line and column, before rendering.

`katalog check` and the build report the same problems this way; the renderer then enforces the
same allow-list with nh3 (see render/safety.py). To agree with it, the body is read the way it is
rendered: `layout` (core/read/markdown_layout/) says, as Python-Markdown does, what is code (never HTML), what
is raw HTML passed to the page as written, and what is text Markdown renders inline. Raw HTML is
read as a browser (and nh3) reads it, so a tag split over lines, an attribute without quotes, a
comment or an entity-encoded `javascript:` is found too; inline text is read as Python-Markdown reads
it (its tag pattern, links, autolinks, attribute lists, link reference definitions).

Every step is linear in the size of the body.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from ..problems import Position
from ..read.htmlscan import scan_markup
from ..read.htmltags import Markup, read_markup
from ..read.markdown_layout.attribute_list import attribute_tokens
from ..read.markdown_layout.inline_markup import markdown_tags
from ..read.markdown_layout.layout import layout
from ..read.markdown_layout.model import Layout, Span, position_in
from .htmlpolicy import ALLOWED_TAGS, GLOBAL_ATTRIBUTES, URL_ATTRIBUTES, attribute_allowed
from .urlpolicy import url_allowed


@dataclass(frozen=True)
class Removal:
    code: str  # "html_tag", "html_comment", "html_attribute", "unsafe_link"
    what: str
    pos: Position


_TITLE = re.compile(r"""\s+(?:"[^"]*"|'[^']*')\s*$""")
_ANGLE_URL = re.compile(r"<([^<>\n]*)>")
_SPACE = re.compile(r"\s*")
_SHOWN = 200  # characters of a long URL or name shown in a problem
_URL_READ = 4096  # characters of a URL read: its scheme and host are at the start
_ELEMENT_ENDS = frozenset(")*_]")  # an attribute list right after these belongs to an inline element


def unsafe_parts(body: str, first_line: int) -> Iterator[Removal]:
    """What the sanitiser (or the link policy) removes from the body, in the order it stands."""
    if "<" not in body and "](" not in body and "{" not in body and "]:" not in body:
        return
    shape = layout(body)
    found: list[tuple[int, int, str, str]] = []  # row, column, code, what
    for span in shape.inline:
        _inline(shape, span, found)
    for span in shape.raw:
        text, starts = shape.text_of(span)
        _markup(text, starts, _raw_markup(text), found)
    for row, column, url in shape.references:
        url = url[1:-1] if url.startswith("<") and url.endswith(">") else url
        if not url_allowed(url):
            found.append((row, column, "unsafe_link", url))
    for row, column, text in shape.fence_attributes:
        for key, _, offset in attribute_tokens(text)[0]:
            if key not in (".", "id") and key.lower() not in GLOBAL_ATTRIBUTES:
                found.append((row, column + offset, "html_attribute", key.lower()))
    seen = set()
    for row, column, code, what in sorted(found, key=lambda item: (item[0], item[1])):
        shown = what if len(what) <= _SHOWN else what[:_SHOWN] + "…"  # a megabyte-long URL is not repeated
        if (row, column, code, shown) not in seen:
            seen.add((row, column, code, shown))
            yield Removal(code, shown, Position(first_line + row, column + 1))


def _raw_markup(text: str) -> Iterator[Markup]:
    """Tags in raw HTML: as a browser reads the block on its own, and also each `<` read up to the next
    `<` or `>`. The second reading catches what the first may miss when the page around the block
    changes how it is read (a <script> opened in an earlier paragraph and closed in this block, say);
    it stays out of comments the first reading found."""
    comments: list[tuple[int, int]] = []
    for markup in scan_markup(text):
        if markup.kind == "comment":
            comments.append((markup.start, markup.end))
        yield markup
    bounds = [start for start, _ in comments]
    position = text.find("<")
    close = -2  # the next ">" after position, kept while it lies ahead
    while position >= 0:
        following = text.find("<", position + 1)
        if -1 < close <= position:
            close = -2
        if close == -2:
            close = text.find(">", position + 1)
        limit = len(text) if following < 0 and close < 0 else min(x for x in (following, close + 1) if x > 0)
        at = bisect_right(bounds, position) - 1
        if at < 0 or comments[at][1] <= position:
            alone = read_markup(text, position, limit)
            if alone is not None and alone.kind != "comment":
                yield alone
        position = following


def _inline(shape: Layout, span: Span, found: list[tuple[int, int, str, str]]) -> None:
    text, starts = shape.text_of(span)
    if "<" in text:
        markups: list[Markup] = []
        for tag in markdown_tags(text):
            if tag.kind == "autolink":
                url = text[tag.start + 1 : tag.end - 1]
                if not url_allowed(url):
                    row, column = position_in(starts, tag.start + 1)
                    found.append((row, column, "unsafe_link", url))
                continue
            # Every tag counts here, also inside <script>: Markdown's pattern keeps quotes paired, so
            # nothing is swallowed, and a tag in a link's URL (not a tag at all) must not hide the rest.
            markup = read_markup(text, tag.start, tag.end)
            if markup is not None:
                markups.append(markup)
        _markup(text, starts, iter(markups), found)
    if "](" in text:
        _links(text, starts, found)
    if "{" in text:
        _attribute_lists(shape, text, starts, span.heading, found)


_COMMENTS = {"!--": "<!-- -->", "?": "<?…?>"}


def _markup(
    text: str, starts: list[tuple[int, int, int]], markups: Iterator[Markup], found: list[tuple[int, int, str, str]]
) -> None:
    """Tags the allow-list drops, attributes it drops, URLs the link policy drops; comments (always dropped)."""
    for markup in markups:
        row, column = position_in(starts, markup.start)
        if markup.kind == "comment":
            what = _COMMENTS.get(markup.name, "<![CDATA[…]]>" if text.startswith("<![CDATA[", markup.start) else "<!…>")
            found.append((row, column, "html_comment", what))
            continue
        if markup.kind != "start":
            continue
        tag = markup.name
        if tag not in ALLOWED_TAGS:
            found.append((row, column, "html_tag", f"<{tag}>"))
            continue
        for attribute in markup.attributes:
            name = attribute.name
            if name == "markdown":  # md_in_html's switch; Markdown removes it
                continue
            where = (row, column)
            own = position_in(starts, attribute.start)
            if own[0] != row:  # on a later line of a tag written over several lines: that line
                where = own
            if not attribute_allowed(tag, name):
                found.append((*where, "html_attribute", f"{name} (<{tag}>)"))
            elif name in URL_ATTRIBUTES and attribute.value and not url_allowed(attribute.value, image=tag == "img"):
                found.append((*where, "unsafe_link", attribute.value))


def _links(text: str, starts: list[tuple[int, int, int]], found: list[tuple[int, int, str, str]]) -> None:
    """`[text](url)` and `![alt](url)`: brackets paired as Python-Markdown pairs them; the URL is what is
    between `(` and its matching `)` (less a closing "title"), or `<url>`."""
    closing = _matching_parens(text)
    opened: list[int] = []
    for match in re.finditer(r"[\[\]]", text):
        position = match.start()
        slashes = 0
        while position - slashes > 0 and text[position - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2:
            continue  # an escaped bracket is text
        if match.group() == "[":
            opened.append(position)
            continue
        if not opened:
            continue
        opener = opened.pop()
        if not text.startswith("(", position + 1):
            continue
        start = _SPACE.match(text, position + 2).end()  # type: ignore[union-attr]
        angle = _ANGLE_URL.match(text, start)
        if angle is not None:
            url, url_start = angle.group(1), start + 1
        else:
            end = closing.get(position + 1, -1)
            if end < 0:
                continue
            if end - start > _URL_READ:  # only the start of a URL decides: nested links stay linear
                url, url_start = text[start : start + _URL_READ], start
            else:
                url, url_start = _TITLE.sub("", text[start:end]).strip(), start
        if url and not url_allowed(url, image=opener > 0 and text[opener - 1] == "!"):
            row, column = position_in(starts, url_start)
            found.append((row, column, "unsafe_link", url))


def _matching_parens(text: str) -> dict[int, int]:
    """Each "(" and the ")" that closes it, counting nested ones."""
    pairs: dict[int, int] = {}
    opened: list[int] = []
    for match in re.finditer(r"[()]", text):
        if match.group() == "(":
            opened.append(match.start())
        elif opened:
            pairs[opened.pop()] = match.start()
    return pairs


def _attribute_lists(
    shape: Layout, text: str, starts: list[tuple[int, int, int]], heading: bool, found: list[tuple[int, int, str, str]]
) -> None:
    """`{: key=value}` after a block or an inline element sets attributes; those the allow-list drops.

    A word alone (`{: onclick}`) is an attribute too, but only counted where attr_list reads a list:
    an explicit `{:`, a list on the last line of a paragraph or at the end of a heading, or one right
    after an inline element; elsewhere `{name}` in prose is left alone.
    """
    last_line = text.rfind("\n")
    for match in re.finditer(r"\{:?\s*([^{}\n]*)\}", text):
        tokens, _ = attribute_tokens(match.group(1))
        if not tokens:
            continue
        start = match.start()
        row, column = position_in(starts, start)
        before = shape.rows[row][column - 1 : column] if column else ""
        at_block_end = not text[match.end() :].strip() and (
            heading or (last_line >= 0 and start > last_line and not text[last_line + 1 : start].strip())
        )
        is_list = match.group().startswith("{:") or at_block_end or (before in _ELEMENT_ENDS or before == "`")
        for key, value, _ in tokens:
            name = key.lower()
            if key in (".", "id") or name in GLOBAL_ATTRIBUTES:
                continue
            if value is not None or is_list:
                found.append((row, column, "html_attribute", name))
