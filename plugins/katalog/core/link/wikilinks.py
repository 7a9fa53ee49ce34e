"""`[[id]]` and `[[id|text]]` in Markdown bodies, found with their line and column outside code.

Wiki links are Katalog's own syntax, replaced before Python-Markdown renders a body, so they must be
found (and replaced, and checked) exactly where Markdown does not show code. `layout(body)` works out,
the way Python-Markdown does with the site's extensions (fenced_code, md_in_html, admonition, tables,
attr_list), which characters of a body are code, which are raw HTML passed to the page as written, and
which are text that Markdown renders inline. It follows Python-Markdown's preprocessors and block
processors step by step, on lines instead of strings, so it agrees on the odd cases as well: a fence
starts in column 0 and ends with the very same fence; an indented block after a list belongs to the
list, and is code only when indented once more; an indented fence in a list item is an inline code
span; a block-level tag at the start of a line starts raw HTML up to its end tag, blank lines and all.

Every step is linear (or n log n) in the length of the body, also on hostile text: searches that
Python-Markdown repeats per line or per bracket are done once, with the results kept.
"""

from __future__ import annotations

import functools
import gc
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..problems import Position
from ..validate.htmlscan import scan_markup
from ..validate.htmltags import read_markup

WIKILINK = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")

TAB = 4  # Python-Markdown's tab_length, which MkDocs does not change
MAX_DEPTH = 40  # nesting (lists, quotes, admonitions) followed; Python-Markdown stops near the recursion limit


@dataclass(frozen=True)
class WikiLink:
    target: str
    text: str | None
    pos: Position


# --- the layout of a body ------------------------------------------------------------------------

Segment = tuple[int, int, int]  # row (0-based line of the body), start column, end column (0-based, end excluded)


@dataclass(frozen=True)
class Span:
    """Text Python-Markdown handles as one piece: a paragraph, heading, list item or table row; or a raw HTML block."""

    segments: tuple[Segment, ...]
    heading: bool = False  # a heading or table row: an attribute list at its end applies to it
    moved: bool = False  # raw HTML Python-Markdown moves to the end of the page


@dataclass
class Layout:
    rows: list[str]
    code: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # Markdown code, per row
    html_code: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # inside <pre> and <code>
    inline: list[Span] = field(default_factory=list)  # rendered inline: links, tags, attribute lists
    raw: list[Span] = field(default_factory=list)  # raw HTML blocks, passed on as written
    references: list[tuple[int, int, str]] = field(default_factory=list)  # `[label]: url` definitions
    fence_attributes: list[tuple[int, int, str]] = field(default_factory=list)  # ``` {attributes}

    def masked(self, row: int, *, html_code: bool = True) -> str:
        """The row with code (and the content of <pre> and <code> elements) replaced by spaces."""
        text = self.rows[row]
        ranges = self.code.get(row, [])
        if html_code:
            ranges = ranges + self.html_code.get(row, [])
        if not ranges:
            return text
        pieces, last = [], 0
        for start, end in sorted(ranges):
            start = max(start, last)
            if end > start:
                pieces.append(text[last:start])
                pieces.append(" " * (end - start))
                last = end
        pieces.append(text[last:])
        return "".join(pieces)

    def text_of(self, span: Span, *, html_code: bool = False) -> tuple[str, list[tuple[int, int, int]]]:
        """The span's text with code blanked, and where each of its lines starts: (offset, row, column)."""
        pieces, starts, offset = [], [], 0
        for row, start, end in span.segments:
            starts.append((offset, row, start))
            piece = self.masked(row, html_code=html_code)[start:end]
            pieces.append(piece)
            offset += len(piece) + 1
        return "\n".join(pieces), starts


def position_in(starts: list[tuple[int, int, int]], offset: int) -> tuple[int, int]:
    """(row, column) of an offset into text_of's text."""
    index = bisect_right(starts, (offset, 1 << 62, 0)) - 1
    begin, row, column = starts[index]
    return row, column + offset - begin


# --- lines as Python-Markdown sees them ----------------------------------------------------------


class _Line:
    """A line of the text as Markdown sees it (tabs expanded), and where it comes from in the body.

    `s` starts at expanded column `col` of body row `row` (-1: made by Markdown); its first `n`
    characters are the body's. When Markdown joined pieces of the body into one line (it moves some
    raw HTML away), `extra` says where the others come from: (offset in s, length, row, column).
    """

    __slots__ = ("col", "extra", "n", "row", "s")

    def __init__(
        self, s: str, row: int, col: int, n: int | None = None, extra: tuple[tuple[int, int, int, int], ...] = ()
    ) -> None:
        self.s = s
        self.row = row
        self.col = col
        self.n = len(s) if n is None else n
        self.extra = extra

    def slice(self, start: int, end: int | None = None) -> _Line:
        end = len(self.s) if end is None else min(end, len(self.s))
        if start == 0 and end == len(self.s):
            return self
        extra = tuple(
            (max(offset - start, 0), min(offset + length, end) - max(offset, start), row, col + max(0, start - offset))
            for offset, length, row, col in self.extra
            if offset + length > start and offset < end
        )
        return _Line(self.s[start:end], self.row, self.col + start, max(0, min(end, self.n) - start), extra)

    def cut(self, k: int) -> _Line:
        return self.slice(k) if k else self

    def sources(self, start: int = 0, end: int | None = None) -> Iterator[Segment]:
        """Where s[start:end] is in the body: (row, start column, end column) pieces."""
        end = len(self.s) if end is None else end
        if self.row >= 0 and min(end, self.n) > start:
            yield self.row, self.col + start, self.col + min(end, self.n)
        for offset, length, row, col in self.extra:
            low, high = max(start, offset), min(end, offset + length)
            if row >= 0 and high > low:
                yield row, col + low - offset, col + high - offset


def _placeholder(index: int) -> str:
    return f"\x02wzxhzdk:{index}\x03"


_PLACEHOLDER = re.compile("\x02wzxhzdk:([0-9]+)\x03")
_EMPTY = _Line("", -1, 0)


class _Collect:
    """What the steps find, in expanded columns; converted to the body's columns at the end."""

    def __init__(self) -> None:
        self.code: list[Segment] = []
        self.inline: list[tuple[list[_Line], bool]] = []
        self.raw: list[list[Segment]] = []
        self.moved: list[list[Segment]] = []
        self.references: list[tuple[int, int, str]] = []
        self.fence_attributes: list[tuple[int, int, str]] = []
        # placeholder -> ("block"/"span", content, whether it starts in a raw block's tail)
        self.md_blocks: dict[int, tuple[str, list[_Line], bool]] = {}
        self.placeholders = 0

    def new_placeholder(self) -> tuple[int, str]:
        self.placeholders += 1
        return self.placeholders, _placeholder(self.placeholders)

    def mark_code(self, line: _Line, start: int = 0, end: int | None = None) -> None:
        self.code.extend(line.sources(start, end))


@functools.lru_cache(maxsize=16)
def layout(body: str) -> Layout:
    """Where Python-Markdown sees code, raw HTML and inline text in `body` (cached: check and render ask twice)."""
    # Many small objects and no reference cycles: the cycle collector would only make it slower, and
    # on long bodies more than linearly so.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _layout(body)
    finally:
        if collecting:
            gc.enable()


def _layout(body: str) -> Layout:
    rows = body.split("\n")
    found = _Collect()
    lines = []
    for row, text in enumerate(rows):
        s = text.expandtabs(TAB) if "\t" in text else text
        if row and s and not s.strip(" "):
            s = ""  # Markdown empties lines of spaces, except the first
        lines.append(_Line(s, row, 0))
    lines += [_EMPTY, _EMPTY]  # Markdown adds "\n\n"
    lines = _fenced_code(lines, found)
    _parse_document(lines, found, 0)
    for _, content, _ in found.md_blocks.values():  # Markdown-in-HTML Markdown did not get to: passed on as HTML
        found.raw.append([segment for line in content for segment in line.sources()])
    return _finish(rows, found)


# --- fenced code (the fenced_code preprocessor) ---------------------------------------------------

_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})[ ]*(?:\{(.*)\}|\.?[\w#.+-]*[ ]*(?:hl_lines=([\"'])(.*?)\3[ ]*)?)")
_FENCE_CLOSE = re.compile(r"(`{3,}|~{3,})[ ]*")


def _fenced_code(lines: list[_Line], found: _Collect) -> list[_Line]:
    """A fence in column 0 up to the first line with exactly the same fence; unclosed fences are text."""
    closers: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if line.s[:3] in ("```", "~~~"):
            match = _FENCE_CLOSE.fullmatch(line.s)
            if match:
                closers.setdefault(match.group(1), []).append(index)
    out: list[_Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        opener = _FENCE_OPEN.fullmatch(line.s) if line.s[:3] in ("```", "~~~") else None
        if opener is not None:
            candidates = closers.get(opener.group(1), [])
            at = bisect_right(candidates, index)
            attributes = opener.group(2)
            if at < len(candidates) and (attributes is None or not attribute_remainder(attributes)):
                close = candidates[at]
                for inner in lines[index : close + 1]:
                    found.mark_code(inner)
                if attributes is not None and line.row >= 0:
                    found.fence_attributes.append((line.row, opener.start(2), attributes))
                _, placeholder = found.new_placeholder()
                out += [_EMPTY, _Line(placeholder, -1, 0), _EMPTY]
                index = close + 1
                continue
        out.append(line)
        index += 1
    return out


_ATTRIBUTE_TOKEN = re.compile(r"""[^ =}]+=".*?"|[^ =}]+='.*?'|[^ =}]+=[^ =}]+|[^ =}]+| """)


def attribute_tokens(text: str) -> tuple[list[tuple[str, str | None, int]], int]:
    """attr_list's reading of `{...}` content: (key, value or None, offset) per token, and where reading stopped.

    Keys: "." for a class, "id" for #id, else the attribute name (a word alone is a valueless attribute).
    """
    tokens: list[tuple[str, str | None, int]] = []
    position = 0
    while position < len(text):
        match = _ATTRIBUTE_TOKEN.match(text, position)
        if match is None:
            break
        token = match.group()
        if token != " ":
            if "=" in token:
                key, value = token.split("=", 1)
                tokens.append((key, value.strip("\"'") if value[:1] in "\"'" else value, position))
            elif token.startswith("."):
                tokens.append((".", token[1:], position))
            elif token.startswith("#"):
                tokens.append(("id", token[1:], position))
            else:
                tokens.append((token, None, position))
        position = match.end()
    return tokens, position


def attribute_remainder(text: str) -> bool:
    """Whether attr_list finds text after a "}" it could not read (fenced_code then ignores the fence)."""
    _, stop = attribute_tokens(text)
    return "}" in text[stop:]


# --- raw HTML blocks (md_in_html's HtmlBlockPreprocessor) -----------------------------------------

BLOCK_LEVEL = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "canvas",
        "center",
        "colgroup",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "group",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "iframe",
        "legend",
        "li",
        "main",
        "map",
        "math",
        "menu",
        "nav",
        "noscript",
        "object",
        "ol",
        "option",
        "output",
        "p",
        "pre",
        "progress",
        "script",
        "section",
        "style",
        "summary",
        "table",
        "tbody",
        "td",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "video",
    ]
)
_SPAN_TAGS = frozenset(
    ["address", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "li", "p", "summary", "td", "th"]
)
_RAW_TAGS = frozenset(["canvas", "math", "option", "pre", "script", "style", "textarea"])
_BLANK_AFTER = re.compile(r"([ ]*\n){2}")
_PARSER_NAME = re.compile(r"[a-zA-Z][^`\t\n\r\x0c />\x00]*")
_MARKUP_START = re.compile(r"<[a-zA-Z/!?]")
_PARSER_NAME_STOP = re.compile(r"[`\t\n\r\x0c />\x00]")
_PARSER_SPACE = re.compile(r"[\s/]*")
_PARSER_ATTRIBUTE = re.compile(r"[^`\s/>][^\s/=>]*")
_PARSER_EQUALS = re.compile(r"\s*=+\s*")
_PARSER_BARE = re.compile(r"[^`>\s]*")
_END_TAG = re.compile(r"</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>")
_COMMENT_CLOSE = re.compile(r"--!?>")
_INCOMPLETE = -1


class _Finder:
    """str.find for one needle, remembering answers so that repeated searches stay linear."""

    def __init__(self, text: str, needle: str) -> None:
        self.text, self.needle = text, needle
        self.asked, self.answer = len(text) + 1, -1

    def __call__(self, position: int) -> int:
        if self.asked <= position and (self.answer < 0 or position <= self.answer):
            return self.answer
        self.asked, self.answer = position, self.text.find(self.needle, position)
        return self.answer


class _Extractor:
    """Python-Markdown's HTML block extraction (an html.parser walk over the text), linear.

    The result is the text as the block parser then sees it: each raw block replaced by a placeholder
    line with a blank line after it; `<div markdown="1">` blocks are parsed as Markdown of their own.
    """

    def __init__(self, lines: list[_Line], found: _Collect, depth: int, tail: bool = False) -> None:
        self.lines, self.found, self.depth, self.tail = lines, found, depth, tail
        self.doc = "\n".join(line.s for line in lines)
        self.starts = [0]
        for line in lines:
            self.starts.append(self.starts[-1] + len(line.s) + 1)
        self.gt = _Finder(self.doc, ">")
        self.name_stop = len(self.doc) + 1, -1  # asked from, answer: where the last name search stopped
        self.lt = _Finder(self.doc, "<")
        self.tag_ends: dict[int, int] = {}  # attribute scan from a position -> end of tag or _INCOMPLETE
        self.self_closing: set[int] = set()  # ends of tags written <x ... />
        self.pending: list[Segment] = []  # moved raw HTML: it goes with the next raw block, or to the end
        self.no_comment_close = len(self.doc) + 1
        self.no_pi_close = len(self.doc) + 1
        self.pieces: list[tuple[int, int] | str] = []  # body text (start, end) of self.doc, or made text
        self.emitted = 0
        self.out_ends_with = "\n\n"

    # -- output ------------------------------------------------------------------------------------

    def emit_source(self, end: int) -> None:
        if end > self.emitted:
            self.pieces.append((self.emitted, end))
            text = self.doc[max(self.emitted, end - 2) : end]
            self.out_ends_with = (self.out_ends_with + text)[-2:]
        self.emitted = max(self.emitted, end)

    def emit(self, text: str) -> None:
        if text:
            self.pieces.append(text)
            self.out_ends_with = (self.out_ends_with + text)[-2:]

    def raw_block(
        self,
        start: int,
        end: int,
        kind: str = "raw",
        content: tuple[int, int] | None = None,
        pending: bool = False,
        tail: bool = False,
    ) -> None:
        """Replace doc[start:end] (already announced with "\\n" for a raw block) by a placeholder."""
        number, placeholder = self.found.new_placeholder()
        if kind == "raw":
            moved, self.pending = (self.pending, []) if pending else ([], self.pending)
            self.found.raw.append(moved + self.segments(start, end))
        else:
            a, b = content or (end, end)
            self.found.raw.append(self.segments(start, a))
            self.found.raw.append(self.segments(b, end))
            self.found.md_blocks[number] = (kind, self.lines_between(a, b), tail)
        self.emit(placeholder)
        self.emitted = end

    # -- positions -----------------------------------------------------------------------------------

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def at_line_start(self, offset: int) -> bool:
        begin = self.starts[self.line_of(offset)]
        return offset - begin <= 3 and not self.doc[begin:offset].strip()

    def segments(self, start: int, end: int) -> list[Segment]:
        result: list[Segment] = []
        index = self.line_of(start)
        while start < end and index < len(self.lines):
            line, begin = self.lines[index], self.starts[index]
            result.extend(line.sources(start - begin, min(end, begin + len(line.s)) - begin))
            index += 1
            start = self.starts[index] if index < len(self.starts) else end
        return result

    def lines_between(self, start: int, end: int) -> list[_Line]:
        result = []
        index = self.line_of(start)
        while index < len(self.lines) and self.starts[index] <= end:
            line, begin = self.lines[index], self.starts[index]
            result.append(line.slice(max(start - begin, 0), min(end - begin, len(line.s))))
            index += 1
        return result

    # -- html.parser's reading of a start tag ----------------------------------------------------------

    def start_tag_end(self, i: int) -> tuple[int, str, bool]:
        """End of a start tag at doc[i], its name and whether it ends "/>"; end _INCOMPLETE or -2 - end for text."""
        name_end = self.name_end(i + 2)
        end = self.attributes_end(name_end)
        if end >= 0:
            # "/>" closes the tag unless the "/" ends a bare value (`<a b=c/>` is `b="c/"`)
            return end, self.doc[i + 1 : name_end].lower(), end in self.self_closing
        return end, "", False

    def name_end(self, position: int) -> int:
        """Where html.parser's tag name from `position` on stops (names may hold `<`: the search is kept)."""
        asked, answer = self.name_stop
        if not (asked <= position <= answer):
            match = _PARSER_NAME_STOP.search(self.doc, position)
            answer = match.start() if match else len(self.doc)
            self.name_stop = position, answer
        return answer

    def attributes_end(self, position: int) -> int:
        """html.parser's reading of attributes from `position` on: the tag's end, _INCOMPLETE, or -2 - end of text.

        Results are kept per position, so `<a <a <a ...` is read once, not once per `<`.
        """
        doc, visited = self.doc, []
        result = _INCOMPLETE
        while True:
            known = self.tag_ends.get(position)
            if known is not None:
                result = known
                break
            visited.append(position)
            start = _PARSER_SPACE.match(doc, position).end()  # type: ignore[union-attr]
            char = doc[start : start + 1]
            previous = doc[start - 1]
            if char and char not in ">`" and not char.isspace() and (previous in "'\"/" or previous.isspace()):
                name = _PARSER_ATTRIBUTE.match(doc, start)
                assert name is not None
                position = name.end()
                equals = _PARSER_EQUALS.match(doc, position)
                if equals is not None:
                    value = equals.end()
                    quote = doc[value : value + 1]
                    if quote in ("'", '"') and quote:
                        close = doc.find(quote, value + 1)
                        if close < 0:
                            break  # an unclosed quote: html.parser waits for more text
                        position = close + 1
                    else:
                        position = _PARSER_BARE.match(doc, value).end()  # type: ignore[union-attr]
                continue
            if char == ">":
                result = start + 1
                if doc[position:start].endswith("/"):
                    self.self_closing.add(result)
            elif not char or (char.isascii() and char.isalpha()) or char in "=/":
                result = _INCOMPLETE
            else:
                result = -2 - start  # text up to here
            break
        for seen in visited:
            self.tag_ends[seen] = result
        return result

    # -- the walk -------------------------------------------------------------------------------------

    def run(self) -> list[_Line]:
        doc, n = self.doc, len(self.doc)
        i = 0
        in_raw = False
        in_tail = self.tail
        raw_start = 0
        stack: list[str] = []
        counts: dict[str, int] = {}
        cdata: str | None = None

        def data(start: int, end: int) -> None:
            nonlocal in_tail
            if in_tail and "\n" in doc[start:end]:
                in_tail = False

        def incomplete(start: int) -> int:
            end = self.gt(start + 1)
            if end < 0:
                end = self.lt(start + 1)
                end = start + 1 if end < 0 else end
            else:
                end += 1
            data(start, end)
            return end

        def standalone(start: int, end: int, block: bool = True) -> None:
            """A comment, declaration or empty block tag at the start of a line: a raw block of its own.

            After a raw block on the same line (its "tail") Python-Markdown moves such a piece to the
            next raw block or the end of the text; it is raw HTML all the same, but not where it stood.
            """
            nonlocal in_tail
            if in_raw:
                return
            if in_tail:
                self.emit_source(start)
                self.pending += self.segments(start, end)
                self.emitted = end
                return
            if not block or not self.at_line_start(start):
                return
            blank = _BLANK_AFTER.match(doc, end) is not None
            self.emit_source(start)
            if self.out_ends_with[-1:] == "\n" and self.out_ends_with != "\n\n":
                self.emit("\n")
            self.raw_block(start, end)
            self.emit("\n\n")
            in_tail = not blank

        interesting = _MARKUP_START.search
        while i < n:
            if cdata is not None:  # <script> or <style> in a raw block: text up to its end tag
                j = doc.find("</", i)
                if j < 0:
                    break
                close = _END_TAG.match(doc, j)
                if close is not None and close.group(1).lower() == cdata:
                    cdata = None
                    i = self.end_tag(close.group(1).lower(), close.end(), stack, counts, j)
                    if not stack and in_raw:
                        in_raw, in_tail = False, self.close_raw(raw_start, i)
                else:
                    i = j + 2
                continue
            found = interesting(doc, i)  # a "<" that is not followed by one of these is text
            if found is None:
                data(i, n)
                break
            j = found.start()
            data(i, j)
            i = j
            after = doc[i + 1 : i + 2]
            if after.isascii() and after.isalpha():
                end, name, self_closing = self.start_tag_end(i)
                if end == _INCOMPLETE:
                    i = incomplete(i)
                    continue
                if end < -1:
                    data(i, -2 - end)
                    i = -2 - end
                    continue
                if self_closing or name == "hr":
                    standalone(i, end, block=name in BLOCK_LEVEL)
                    i = end
                    continue
                if name in BLOCK_LEVEL and not in_raw and (in_tail or self.at_line_start(i)):
                    state = self.markdown_state(i, end, name)
                    if state in ("block", "span") and self.depth < MAX_DEPTH:
                        close_start, close_end = self.md_element_end(name, end)
                        blank = _BLANK_AFTER.match(doc, close_end) is not None
                        self.emit_source(i)
                        if self.out_ends_with[-1:] == "\n" and self.out_ends_with != "\n\n":
                            self.emit("\n")
                        self.raw_block(i, close_end, state, (end, close_start), tail=in_tail)
                        self.emit("\n\n")
                        in_tail = not blank
                        i = close_end
                        continue
                    in_raw, raw_start = True, i
                    self.emit_source(i)
                    self.emit("\n")
                if in_raw:
                    stack.append(name)
                    counts[name] = counts.get(name, 0) + 1
                    if name in ("script", "style"):
                        cdata = name
                else:
                    data(i, end)  # md_in_html passes inline tags on as text: a line break in one ends a tail
                i = end
                continue
            if after == "/":
                third = doc[i + 2 : i + 3]
                if not (third.isascii() and third.isalpha()):
                    i += 2
                    continue
                gt = self.gt(i + 1)
                if gt < 0:
                    i = incomplete(i)
                    continue
                close = _END_TAG.match(doc, i)
                if close is not None:
                    name, end = close.group(1).lower(), close.end()
                else:
                    named = _PARSER_NAME.match(doc, i + 2)
                    assert named is not None
                    name = named.group().lower()
                    end = doc.find(">", named.end()) + 1
                    end = end if end > 0 else n
                if in_raw:
                    i = self.end_tag(name, end, stack, counts, i)
                    if not stack:
                        in_raw, in_tail = False, self.close_raw(raw_start, i)
                else:
                    data(i, end)
                    i = end
                continue
            if doc.startswith("<!--", i):
                close_match = None
                if i + 4 < self.no_comment_close:
                    close_match = _COMMENT_CLOSE.search(doc, i + 4)
                    if close_match is None:
                        self.no_comment_close = i + 4
                if close_match is None:
                    i += 1
                    continue
                standalone(i, close_match.end())
                i = close_match.end()
                continue
            if after in ("?", "!"):
                if not (self.at_line_start(i) or in_tail):
                    i += 2
                    continue
                if after == "?":
                    end = doc.find("?>", i + 2) if i + 2 < self.no_pi_close else -1
                    if end < 0:
                        self.no_pi_close = min(self.no_pi_close, i + 2)
                        i = incomplete(i)
                        continue
                    end += 2
                elif doc.startswith("<![CDATA[", i):
                    end = doc.find("]]>", i + 9)
                    end = end + 3 if end >= 0 else -1
                elif doc[i : i + 9].lower() == "<!doctype":
                    end = self.gt(i + 9)
                    end = end + 1 if end >= 0 else -1
                else:  # a bogus comment: Python-Markdown passes it on as text (or moves it, in a tail)
                    end = self.gt(i + 2)
                    if end < 0:
                        i += 1
                        continue
                    if not in_raw:
                        standalone(i, end + 1, block=False)
                    i = end + 1
                    continue
                if end < 0:
                    i = incomplete(i)
                    continue
                if not in_raw:
                    standalone(i, end)
                i = end
                continue
            i += 1
        if in_raw:
            self.emit_source(raw_start)
            self.raw_block(raw_start, n, pending=True)
        self.emit_source(n)
        if self.pending:
            self.found.moved.append(self.pending)
        return self.to_lines()

    def end_tag(self, name: str, end: int, stack: list[str], counts: dict[str, int], _start: int) -> int:
        if counts.get(name):
            while stack:
                popped = stack.pop()
                counts[popped] -= 1
                if popped == name:
                    break
        return end

    def close_raw(self, start: int, end: int) -> bool:
        """End the raw block doc[start:end]; whether text follows on its line (Markdown's "tail")."""
        blank = _BLANK_AFTER.match(self.doc, end) is not None
        self.raw_block(start, end, pending=True)
        self.emit("\n\n")
        return not blank

    def markdown_state(self, start: int, end: int, name: str) -> str:
        markup = read_markup(self.doc, start, end)
        value = None
        if markup is not None:
            for attribute in markup.attributes:
                if attribute.name == "markdown":
                    value = attribute.value if attribute.value is not None else "1"
        if value is None or value == "0":
            return "off"
        if value == "markdown":
            value = "1"
        if name in _RAW_TAGS:
            return "off"
        if (value == "1" and name not in _SPAN_TAGS) or value == "block":
            return "block"
        if value in ("1", "span"):
            return "span"
        return "off"

    def md_element_end(self, name: str, position: int) -> tuple[int, int]:
        """Where a Markdown-in-HTML element's content ends (its end tag), counting nested elements of its name."""
        pattern = _element_pattern(name)
        depth = 1
        for match in pattern.finditer(self.doc, position):
            if match.group(1):
                depth -= 1
                if depth == 0:
                    return match.start(), match.end()
            else:
                depth += 1
        return len(self.doc), len(self.doc)

    def to_lines(self) -> list[_Line]:
        """The pieces as lines, each knowing where in the body its parts come from."""
        lines: list[_Line] = []
        current: list[str] = []
        parts: list[tuple[int, _Line]] = []  # (offset in the line, part of a line of the body)
        width = 0
        for piece in self.pieces:
            if isinstance(piece, str):
                for number, text in enumerate(piece.split("\n")):
                    if number:
                        lines.append(self.made_line(current, parts))
                        current, parts, width = [], [], 0
                    current.append(text)
                    width += len(text)
                continue
            start, end = piece
            index = self.line_of(start)
            while start < end:
                line, begin = self.lines[index], self.starts[index]
                part = line.slice(start - begin, min(end - begin, len(line.s)))
                if part.s:
                    parts.append((width, part))
                current.append(part.s)
                width += len(part.s)
                if begin + len(line.s) < end:
                    lines.append(self.made_line(current, parts))
                    current, parts, width = [], [], 0
                index += 1
                start = self.starts[index] if index < len(self.starts) else end
        lines.append(self.made_line(current, parts))
        return lines

    @staticmethod
    def made_line(texts: list[str], parts: list[tuple[int, _Line]]) -> _Line:
        text = "".join(texts)
        if not parts:
            return _Line(text, -1, 0, 0)
        extra: list[tuple[int, int, int, int]] = []
        row, col, n = -1, 0, 0
        for offset, part in parts:
            if offset == 0:
                row, col, n = part.row, part.col, part.n
            elif part.n:
                extra.append((offset, part.n, part.row, part.col))
            extra.extend((offset + o, length, r, c) for o, length, r, c in part.extra)
        return _Line(text, row, col, n, tuple(extra))


@functools.lru_cache(maxsize=64)
def _element_pattern(name: str) -> re.Pattern[str]:
    return re.compile(f"<(/?){re.escape(name)}(?=[\\s/>])[^>]*>", re.IGNORECASE)


# --- blocks (Python-Markdown's block parser) ------------------------------------------------------


class _Lines:
    """A list of lines with the searches the block processors make, each done once over the list."""

    __slots__ = ("items", "next")

    def __init__(self, items: list[_Line]) -> None:
        self.items = items
        self.next: dict[str, list[int]] = {}

    def first(self, kind: str, start: int, end: int) -> int:
        """The first index in [start, end) whose line is of `kind`, or -1."""
        table = self.next.get(kind)
        if table is None:
            test = _LINE_KINDS[kind]
            table = [0] * (len(self.items) + 1)
            following = len(self.items)
            table[following] = following
            for index in range(len(self.items) - 1, -1, -1):
                if test(self.items[index].s):
                    following = index
                table[index] = following
            self.next[kind] = table
        found = table[start] if start < len(table) else len(self.items)
        return found if found < end else -1


_SETEXT = re.compile(r"(?:=+|-+)[ ]*")
_QUOTE = re.compile(r"[ ]{0,3}>[ ]?")
_ADMONITION = re.compile(r'!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *')
_REFERENCE_START = re.compile(r"[ ]{0,3}\[[^\[\]]*\]:")
_REFERENCE = re.compile(r"""[ ]{0,3}\[([^\[\]]*)\]:[ ]*(\S+)?[ ]*(?:(["'])(.*)\3[ ]*|\((.*)\)[ ]*)?""")
_REFERENCE_NEXT = re.compile(r"""[ ]*(\S+)[ ]*(?:(["'])(.*)\2[ ]*|\((.*)\)[ ]*)?""")
_TITLE_LINE = re.compile(r"""[ ]*(?:(["'])(.*)\1|\((.*)\))[ ]*""")
_OLIST = re.compile(r"[ ]{0,3}\d+\.[ ]+")
_ULIST = re.compile(r"[ ]{0,3}[*+-][ ]+")
_CHILD = re.compile(r"[ ]{0,3}(?:\d+\.|[*+-])[ ]+")
_INDENTED_CHILD = re.compile(r"[ ]{4,7}(?:\d+\.|[*+-])[ ]+")


def _is_hr(s: str) -> bool:
    body = s.lstrip(" ")
    if len(s) - len(body) > 3 or not body or body[0] not in "-_*":
        return False
    char, count, spaces = body[0], 0, 0
    for c in body.rstrip(" "):
        if c == char:
            count += 1
            spaces = 0
        elif c == " " and spaces < 2:
            spaces += 1
        else:
            return False
    return count >= 3


def _heading_line(s: str) -> bool:
    if not s.startswith("#"):
        return False
    index = len(s) - len(s.lstrip("#"))
    while index < len(s):  # a backslash takes the next character; a lone one at the end spoils the heading
        if s[index] == "\\":
            if index + 1 >= len(s):
                return False
            index += 2
        else:
            index += 1
    return True


def _heading_text(s: str) -> tuple[int, int]:
    """Where a heading's text is on its line: after up to six #, before a closing run of # (not escaped)."""
    level = min(6, len(s) - len(s.lstrip("#")))
    index, end = level, len(s)
    while index < len(s):
        if s[index] == "\\":
            index += 2
        elif s[index] == "#":
            run = index
            while index < len(s) and s[index] == "#":
                index += 1
            if index == len(s):
                end = run
        else:
            index += 1
    return level, end


_LINE_KINDS: dict[str, Callable[[str], bool]] = {
    "hash": _heading_line,
    "hr": _is_hr,
    "quote": lambda s: _QUOTE.match(s) is not None,
    "admonition": lambda s: s.startswith("!!!") and _ADMONITION.fullmatch(s) is not None,
    "reference": lambda s: _REFERENCE_START.match(s) is not None,
}

Block = tuple[_Lines, int, int]


class _El:
    __slots__ = ("kids", "klass", "tag", "tail", "text")

    def __init__(self, tag: str, klass: str = "") -> None:
        self.tag, self.klass = tag, klass
        self.kids: list[_El] = []
        self.text: list[_Line] | None = None
        self.tail: list[_Line] | None = None


def _last(element: _El | None) -> _El | None:
    return element.kids[-1] if element is not None and element.kids else None


def _empty(block: Block) -> bool:
    lines, start, end = block
    return end - start == 1 and not lines.items[start].s


def _split(lines: _Lines, start: int, end: int) -> list[Block]:
    """str.split("\\n\\n") on lines."""
    blocks: list[Block] = []
    begin, index = start, start + 1
    while index < end:
        if not lines.items[index].s and index + 1 < end:
            blocks.append((lines, begin, index))
            begin = index + 1
            index += 2
        else:
            index += 1
    blocks.append((lines, begin, end))
    return blocks


def _block(items: list[_Line]) -> Block:
    return (_Lines(items), 0, len(items))


class _BlockParser:
    def __init__(self, found: _Collect, depth: int) -> None:
        self.found = found
        self.depth = depth
        self.state: list[str] = []

    def is_state(self, state: str) -> bool:
        return bool(self.state) and self.state[-1] == state

    def text(self, items: list[_Line], heading: bool = False) -> list[_Line]:
        self.found.inline.append((items, heading))
        return items

    def parse_chunk(self, parent: _El, block: Block) -> None:
        lines, start, end = block
        self.parse_blocks(parent, _split(lines, start, end))

    def parse_blocks(self, parent: _El, blocks: list[Block]) -> None:
        self.depth += 1
        stack = blocks[::-1]
        try:
            while stack:
                self.step(parent, stack)
        finally:
            self.depth -= 1

    def step(self, parent: _El, stack: list[Block]) -> None:
        block = stack[-1]
        lines, start, end = block
        first = lines.items[start].s
        match = _PLACEHOLDER.fullmatch(first) if first.startswith("\x02") else None
        if match and end - start == 1 and int(match.group(1)) not in self.found.md_blocks:
            self.paragraph(parent, stack)  # a placeholder alone: no other processor takes it
            return
        deep = self.depth > MAX_DEPTH
        if not deep and self.admonition(parent, stack):
            return
        if match and int(match.group(1)) in self.found.md_blocks:
            stack.pop()
            kind, content, tail = self.found.md_blocks.pop(int(match.group(1)))
            if kind == "block":
                _parse_document(content, self.found, self.depth + 1, tail)
            else:
                self.text(content)
            if end - start > 1:
                stack.append((lines, start + 1, end))
            return
        if not first or _empty(block):  # empty block, or one starting with a blank line
            stack.pop()
            if end - start > 1 and (end - start > 2 or lines.items[start + 1].s):
                stack.append((lines, start + 1, end))
            return
        indented = first.startswith(" " * TAB)
        if (
            indented
            and not deep
            and not self.is_state("detabbed")
            and (parent.tag == "li" or (parent.kids and parent.kids[-1].tag in ("ul", "ol")))
        ):
            self.list_indent(parent, stack)
            return
        if indented:
            stack.pop()
            index = start
            while index < end and (lines.items[index].s.startswith(" " * TAB) or not lines.items[index].s.strip()):
                self.found.mark_code(lines.items[index], TAB if lines.items[index].s.strip() else 0)
                index += 1
            if index < end:
                stack.append((lines, index, end))
            if not (_last(parent) is not None and _last(parent).tag == "pre"):  # type: ignore[union-attr]
                parent.kids.append(_El("pre"))
            return
        if end - start > 1 and self.table(block):
            stack.pop()
            for index in range(start, end):
                if index != start + 1:
                    self.text([lines.items[index]], heading=True)
            parent.kids.append(_El("table"))
            return
        at = lines.first("hash", start, end)
        if at >= 0:
            stack.pop()
            if at > start:
                self.parse_blocks(parent, [(lines, start, at)])
            line = lines.items[at]
            element = _El("h")
            begin, end_ = _heading_text(line.s)
            element.text = self.text([line.slice(begin, end_)], True)
            parent.kids.append(element)
            if at + 1 < end:
                after = (lines, at + 1, end)
                if self.is_state("looselist") and end - at < 1000:  # (repeated per heading: bounded)
                    after = _block(_loose_detab(lines.items[at + 1 : end], 1))
                stack.append(after)
            return
        if end - start > 1 and _SETEXT.fullmatch(lines.items[start + 1].s):
            stack.pop()
            element = _El("h")
            element.text = self.text([lines.items[start]], True)
            parent.kids.append(element)
            if end - start > 2:
                stack.append((lines, start + 2, end))
            return
        at = lines.first("hr", start, end)
        if at >= 0:
            stack.pop()
            head = at
            while head > start and not lines.items[head - 1].s:
                head -= 1
            if head > start:
                self.parse_blocks(parent, [(lines, start, head)])
            parent.kids.append(_El("hr"))
            rest = at + 1
            while rest < end and not lines.items[rest].s:
                rest += 1
            if rest < end:
                stack.append((lines, rest, end))
            return
        for pattern, tag in ((_OLIST, "ol"), (_ULIST, "ul")):
            if pattern.match(first):
                self.list_block(parent, stack, tag)
                return
        at = lines.first("quote", start, end)
        if at >= 0 and not deep:
            stack.pop()
            if at > start:
                self.parse_blocks(parent, [(lines, start, at)])
            cleaned = []
            for line in lines.items[at:end]:
                quote = _QUOTE.match(line.s)
                if line.s.strip() == ">":
                    cleaned.append(_Line("", line.row, line.col + len(line.s)))
                elif quote:
                    cleaned.append(line.cut(quote.end()))
                else:
                    cleaned.append(line)
            sibling = _last(parent)
            if sibling is None or sibling.tag != "blockquote":
                sibling = _El("blockquote")
                parent.kids.append(sibling)
            self.state.append("blockquote")
            self.parse_chunk(sibling, _block(cleaned))
            self.state.pop()
            return
        if self.reference(stack):
            return
        self.paragraph(parent, stack)

    # -- processors -------------------------------------------------------------------------------------

    def admonition(self, parent: _El, stack: list[Block]) -> bool:
        block = stack[-1]
        lines, start, end = block
        at = lines.first("admonition", start, end)
        sibling: _El | None = None
        content: list[_Line] = []
        rest: Block | None = None
        if at < 0:
            sibling, content, rest = self.admonition_content(parent, block)
            if sibling is None:
                return False
        stack.pop()
        if at >= 0:
            if at > start:
                self.parse_blocks(parent, [(lines, start, at)])
            content, rest = _detab((lines, at + 1, end), TAB)
            heading = _ADMONITION.fullmatch(lines.items[at].s)
            assert heading is not None
            div = _El("div", "admonition")
            if heading.group(2):
                line = lines.items[at]
                div.kids.append(_El("p"))
                div.kids[-1].text = self.text([line.slice(heading.start(2), heading.end(2))])
            parent.kids.append(div)
        else:
            assert sibling is not None
            if sibling.tag in ("li", "dd") and sibling.text:
                paragraph = _El("p")
                paragraph.text, sibling.text = sibling.text, None
                sibling.kids.append(paragraph)
            div = sibling
        self.parse_chunk(div, _block(content) if content else _block([_EMPTY]))
        if rest is not None:
            stack.append(rest)
        return True

    def admonition_content(self, parent: _El, block: Block) -> tuple[_El | None, list[_Line], Block | None]:
        """An indented block continuing the admonition before it (also from inside its lists)."""
        lines, start, _ = block
        sibling = _last(parent)
        if sibling is None or sibling.tag != "div" or sibling.klass != "admonition":
            return None, [], None
        text = lines.items[start].s
        last_child = _last(sibling)
        indent = 0
        current: _El | None = sibling
        while last_child is not None:
            if current is not None and text.startswith(" " * TAB * 2) and last_child.tag in ("ul", "ol", "dl"):
                current = _last(last_child)
                last_child = _last(current)
                text = text[TAB:]
                indent += TAB
            else:
                last_child = None
        if current is None or not text.startswith(" " * TAB):
            return None, [], None
        indent += TAB
        content, rest = _detab(block, indent)
        return current, content, rest

    def list_indent(self, parent: _El, stack: list[Block]) -> None:
        lines, start, end = stack.pop()
        first = lines.items[start].s
        indent_level = (len(first) - len(first.lstrip(" "))) // TAB
        level = 1 if self.is_state("list") else 0
        sibling = parent
        while indent_level > level:
            child = _last(sibling)
            if child is not None and child.tag in ("ul", "ol", "li"):
                if child.tag in ("ul", "ol"):
                    level += 1
                sibling = child
            else:
                break
        block = _block(_loose_detab(lines.items[start:end], level))
        self.state.append("detabbed")
        if parent.tag == "li":
            if parent.kids and parent.kids[-1].tag in ("ul", "ol"):
                self.parse_blocks(parent.kids[-1], [block])
            else:
                self.parse_blocks(parent, [block])
        elif sibling.tag == "li":
            self.parse_blocks(sibling, [block])
        elif sibling.kids and sibling.kids[-1].tag == "li":
            item = sibling.kids[-1]
            if item.text:
                paragraph = _El("p")
                paragraph.text, item.text = item.text, None
                item.kids.insert(0, paragraph)
            self.parse_chunk(item, block)
        else:
            item = _El("li")
            sibling.kids.append(item)
            self.parse_blocks(item, [block])
        self.state.pop()

    def list_block(self, parent: _El, stack: list[Block], tag: str) -> None:
        lines, start, end = stack.pop()
        items: list[list[_Line]] = []
        for line in lines.items[start:end]:
            child = _CHILD.match(line.s)
            if child:
                items.append([line.cut(child.end())])
            elif _INDENTED_CHILD.match(line.s):
                if items[-1][0].s.startswith(" " * TAB):
                    items[-1].append(line)
                else:
                    items.append([line])
            else:
                items[-1].append(line)
        sibling = _last(parent)
        if sibling is not None and sibling.tag in ("ol", "ul"):
            lst = sibling
            item = lst.kids[-1]
            if item.text:
                paragraph = _El("p")
                paragraph.text, item.text = item.text, None
                item.kids.insert(0, paragraph)
            child_ = _last(item)
            if child_ is not None and child_.tail:
                paragraph = _El("p")
                paragraph.text, child_.tail = child_.tail, None
                item.kids.append(paragraph)
            new = _El("li")
            lst.kids.append(new)
            self.state.append("looselist")
            self.parse_blocks(new, [_block(items.pop(0))])
            self.state.pop()
        elif parent.tag in ("ol", "ul"):
            lst = parent
        else:
            lst = _El(tag)
            parent.kids.append(lst)
        self.state.append("list")
        for item_lines in items:
            if item_lines[0].s.startswith(" " * TAB) and lst.kids:
                self.parse_blocks(lst.kids[-1], [_block(item_lines)])
            else:
                new = _El("li")
                lst.kids.append(new)
                self.parse_blocks(new, [_block(item_lines)])
        self.state.pop()

    def table(self, block: Block) -> bool:
        lines, start, end = block
        rows = [lines.items[start].s.strip(" "), lines.items[start + 1].s.strip(" ")]
        header = rows[0]
        border = header.startswith("|") or _ends_with_pipe(header)
        cells = _table_cells(header, border)
        is_table = cells > 1
        if not is_table and cells == 1 and border:
            for index in range(start + 1, end):
                row = lines.items[index].s.strip(" ")
                is_table = row.startswith("|") or _ends_with_pipe(row)
                if not is_table:
                    break
        if is_table:
            separator = rows[1]
            is_table = _table_cells(separator, border) == cells and not set(separator) - set("|:- ")
        return is_table

    def reference(self, stack: list[Block]) -> bool:
        lines, start, end = stack[-1]
        at = lines.first("reference", start, end)
        while at >= 0:
            consumed = self.reference_at(lines, at, end)
            if consumed:
                stack.pop()
                after = at + consumed
                while after < end:  # more definitions on the lines that follow
                    more = self.reference_at(lines, after, end, single=True)
                    if not more:
                        break
                    after += more
                while after < end and not lines.items[after].s:
                    after += 1
                if after < end and any(line.s.strip() for line in lines.items[after:end]):
                    stack.append((lines, after, end))
                before = at
                while before > start and not lines.items[before - 1].s:
                    before -= 1
                if any(line.s.strip() for line in lines.items[start:before]):
                    stack.append((lines, start, before))
                return True
            at = lines.first("reference", at + 1, end)
        return False

    def reference_at(self, lines: _Lines, at: int, end: int, single: bool = False) -> int:
        """How many lines a link reference definition at lines[at] takes (0: none there)."""
        line = lines.items[at]
        match = _REFERENCE.fullmatch(line.s)
        if match is None:
            return 0
        if match.group(2) is None:
            if single or at + 1 >= end:
                return 0
            following = lines.items[at + 1]
            url = _REFERENCE_NEXT.fullmatch(following.s)
            if url is None:
                return 0
            self.add_reference(following, url.start(1), url.group(1))
            return 2
        self.add_reference(line, match.start(2), match.group(2))
        titled = match.group(3) is not None or match.group(5) is not None
        if not single and not titled and at + 1 < end and _TITLE_LINE.fullmatch(lines.items[at + 1].s):
            return 2
        return 1

    def add_reference(self, line: _Line, start: int, url: str) -> None:
        for row, column, _ in line.sources(start, start + 1):
            self.found.references.append((row, column, url))

    def paragraph(self, parent: _El, stack: list[Block]) -> None:
        lines, start, end = stack.pop()
        items = lines.items[start:end]
        if not any(line.s.strip() for line in items):
            return
        if self.is_state("list"):
            sibling = _last(parent)
            if sibling is not None:
                if sibling.tail:
                    sibling.tail.extend(items)
                else:
                    sibling.tail = self.text(list(items))
            elif parent.text:
                parent.text.extend(items)
            else:
                parent.text = self.text(list(items))
        else:
            element = _El("p")
            element.text = self.text(list(items))
            parent.kids.append(element)


def _detab(block: Block, length: int) -> tuple[list[_Line], Block | None]:
    """The indented lines at the start of the block, less the indent; the rest of the block, if any."""
    lines, start, end = block
    content: list[_Line] = []
    for line in lines.items[start:end] if end - start < 64 else _lines_of(lines, start, end):
        if line.s.startswith(" " * length):
            content.append(line.cut(length))
        elif not line.s.strip():
            content.append(_Line("", line.row, line.col))
        else:
            break
    rest = start + len(content)
    return content, ((lines, rest, end) if rest < end else None)


def _lines_of(lines: _Lines, start: int, end: int) -> Iterator[_Line]:
    for index in range(start, end):
        yield lines.items[index]


def _loose_detab(items: list[_Line], level: int) -> list[_Line]:
    width = TAB * level
    return [line.cut(width) if line.s.startswith(" " * width) else line for line in items]


_END_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|$")
_TABLE_TOKEN = re.compile(r"(\\\\)|(\\`+)|(`+)|(\\\|)|(\|)")


def _ends_with_pipe(row: str) -> bool:
    return row.endswith("|") and _END_PIPE.search(row) is not None


def _table_cells(row: str, border: bool) -> int:
    """How many cells the tables extension splits a row into (pipes in code spans do not split)."""
    if border:
        if row.startswith("|"):
            row = row[1:]
        row = _END_PIPE.sub("", row)
    ticks: list[tuple[int, int, int]] = []  # size, start, end
    pipes: list[int] = []
    for match in _TABLE_TOKEN.finditer(row):
        if match.group(2):
            ticks.append((len(match.group(2)) - 1, match.start(2), match.end(2) - 1))
        elif match.group(3):
            ticks.append((len(match.group(3)), match.start(3), match.end(3) - 1))
        elif match.group(5):
            pipes.append(match.start(5))
    sizes: dict[int, list[int]] = {}
    for index, (size, _, _) in enumerate(ticks):
        sizes.setdefault(size, []).append(index)
    regions: list[tuple[int, int]] = []
    index = 0
    while index < len(ticks):
        size = ticks[index][0] - (1 if row[ticks[index][1]] == "\\" else 0)
        later = sizes.get(size, [])
        at = bisect_right(later, index)
        if size and at < len(later):
            regions.append((ticks[index][1], ticks[later[at]][2]))
            index = later[at] + 1
        else:
            index += 1
    starts = [region[0] for region in regions]
    good = 0
    for pipe in pipes:
        at = bisect_right(starts, pipe) - 1
        if at < 0 or pipe > regions[at][1]:
            good += 1
    return good + 1


# --- a document: raw HTML, then blocks, then inline code -------------------------------------------


def _parse_document(lines: list[_Line], found: _Collect, depth: int, tail: bool = False) -> None:
    lines = _Extractor(lines, found, depth, tail).run()
    parser = _BlockParser(found, depth)
    parser.parse_chunk(_El("div"), _block(lines))


def _code_spans(text: str) -> Iterator[tuple[int, int]]:
    """Inline code as Python-Markdown finds it: (start, end) of each span, backticks included.

    n backticks (not escaped by an odd number of backslashes) open a span that ends at the next run of
    exactly n; failing that, at the first of the longest later runs if it is shorter than n. Failing
    both, the backticks are text and, as in Python-Markdown, the search goes on n characters after them
    (which may be in the middle of a later run of backticks).
    """
    runs = [(match.start(), match.end()) for match in re.finditer("`+", text)]
    if not runs:
        return
    ends = [end for _, end in runs]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    longest = [(0, -1)] * (len(runs) + 1)  # over runs[index:]: (length, first index with it)
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        longest[index] = (length, index) if length >= longest[index + 1][0] else longest[index + 1]
    position = 0
    while True:
        index = bisect_right(ends, position)
        if index >= len(runs):
            return
        run_start, run_end = runs[index]
        opener = max(position, run_start)
        if opener == run_start:
            slashes = 0
            while opener - slashes > 0 and text[opener - slashes - 1] == "\\":
                slashes += 1
            if slashes % 2:
                opener += 1
                if opener == run_end:
                    position = run_end
                    continue
        ticks = run_end - opener
        same = by_length.get(ticks, [])
        at = bisect_right(same, index)
        if at < len(same):
            yield opener, runs[same[at]][1]
            position = runs[same[at]][1]
            continue
        length, where = longest[index + 1]
        if 0 < length < ticks:
            yield opener, runs[where][1]
            position = runs[where][1]
            continue
        position = run_end + ticks


def _chunk_marks(items: list[_Line], found: _Collect) -> None:
    """Inline code in one piece of inline text."""
    text = "\n".join(line.s for line in items)
    if "`" not in text:
        return
    starts = []
    offset = 0
    for line in items:
        starts.append(offset)
        offset += len(line.s) + 1
    for start, end in _code_spans(text):
        index = bisect_right(starts, start) - 1
        while start < end and index < len(items):
            line, begin = items[index], starts[index]
            found.code.extend(line.sources(start - begin, min(end - begin, len(line.s))))
            index += 1
            start = starts[index] if index < len(starts) else end


# --- inline HTML as Python-Markdown finds it ---------------------------------------------------------

_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>")


@dataclass(frozen=True)
class InlineMarkup:
    kind: str  # "tag", "comment" (also <?...?> and CDATA) or "autolink"
    start: int
    end: int


# Python-Markdown's inline tag: `<`, `/`?, a letter and name characters (no space, quote, `<`, `>`, `@`);
# attributes, each after white space: a name, then optionally `=` and a quoted or bare value; `/`? `>`.
# Possessive throughout, so a failed start costs no more than reading up to where it fails.
_MD_TAG = re.compile(
    r"</?[a-zA-Z][^\s\"'<>@]*+"
    r"(?:\s++[^\s\"'=<>]++(?:\s*+=\s*+(?:\"[^\"]*+\"|'[^']*+'|[^\s\"'=<>]++))?+)*+"
    r"\s*+/?>"
)
_MD_START = re.compile(r"<(?:[a-zA-Z]|/[a-zA-Z]|!--|\?|!\[CDATA\[)")


def markdown_tags(text: str) -> list[InlineMarkup]:
    """The raw HTML and autolinks Python-Markdown finds in inline text, left to right, each once."""
    found: list[InlineMarkup] = []
    finders = {needle: _Finder(text, needle) for needle in ("-->", "<!--", "?>", "<?", "]]>", "<![CDATA[")}
    position = 0
    search = _MD_START.search
    while True:
        start = search(text, position)
        if start is None:
            return found
        position = start.start()
        opener = start.group()
        end = -1
        kind = "tag"
        if opener == "<!--":
            kind, end = "comment", _delimited(finders["-->"], finders["<!--"], position + 4, 3)
        elif opener == "<?":
            kind, end = "comment", _delimited(finders["?>"], finders["<?"], position + 2, 2)
        elif opener == "<![CDATA[":
            kind, end = "comment", _delimited(finders["]]>"], finders["<![CDATA["], position + 9, 3)
        else:
            autolink = _AUTOLINK.match(text, position) if opener[1] != "/" else None
            if autolink is not None:
                kind, end = "autolink", autolink.end()
            else:
                tag = _MD_TAG.match(text, position)
                end = tag.end() if tag is not None else -1
        if end < 0:
            position += 1
            continue
        found.append(InlineMarkup(kind, position, end))
        position = end


def _delimited(close: _Finder, reopen: _Finder, start: int, width: int) -> int:
    end = close(start)
    if end < 0:
        return -1
    again = reopen(start)
    if 0 <= again < end:
        return -1
    return end + width


def _html_code(result: Layout) -> None:
    """The content of <pre> and <code> elements, raw or inline, as a browser reads it: from the start tag
    to the matching end tag, across paragraphs if need be (a browser keeps an unclosed <code> open)."""
    events: list[tuple[int, int, int, int, int, str, str]] = []  # start row, column; end row, column; kind, name
    for span, raw in [(span, False) for span in result.inline] + [(span, True) for span in result.raw]:
        text, starts = result.text_of(span)
        lowered = text.lower()
        if "<pre" not in lowered and "<code" not in lowered and "</pre" not in lowered and "</code" not in lowered:
            continue
        if raw:
            markups = list(scan_markup(text))
        else:
            markups = [
                markup
                for tag in markdown_tags(text)
                if tag.kind == "tag" and (markup := read_markup(text, tag.start, tag.end)) is not None
            ]
        for markup in markups:
            if markup.name in ("pre", "code") and markup.kind in ("start", "end"):
                row, column = position_in(starts, markup.start)
                end_row, end_column = position_in(starts, markup.end)
                events.append((row, column, end_row, end_column, 0 if markup.kind == "start" else 1, markup.name, ""))
    events.sort()
    stack: list[str] = []  # open <pre> and <code>; an end tag closes the ones opened after its own
    content = (0, 0)
    ranges: list[tuple[int, int, int, int]] = []
    for row, column, end_row, end_column, kind, name, _ in events:
        if kind == 0:
            if not stack:
                content = (end_row, end_column)
            stack.append(name)
        elif name in stack:
            while stack.pop() != name:
                pass
            if not stack:
                ranges.append((*content, row, column))
    if stack:
        ranges.append((*content, len(result.rows) - 1, len(result.rows[-1])))
    for start_row, start_column, end_row, end_column in ranges:
        for row in range(start_row, end_row + 1):
            begin = start_column if row == start_row else 0
            end = end_column if row == end_row else len(result.rows[row])
            if end > begin:
                result.html_code.setdefault(row, []).append((begin, end))


# --- back to the body's own columns ------------------------------------------------------------------


class _Columns:
    """Expanded columns (tabs to 4) to the body's columns, per row."""

    def __init__(self, rows: list[str]) -> None:
        self.rows = rows
        self.tables: dict[int, list[int] | None] = {}

    def table(self, row: int) -> list[int] | None:
        """Expanded column of each character of the row, or None for a row without tabs (asked once per row)."""
        if row in self.tables:
            return self.tables[row]
        text = self.rows[row]
        table: list[int] | None = None
        if "\t" in text:
            table, column = [], 0
            for char in text:
                table.append(column)
                column = column + TAB - column % TAB if char == "\t" else column + 1
            table.append(column)
        self.tables[row] = table
        return table

    def start(self, row: int, column: int) -> int:
        table = self.table(row)
        return min(column, len(self.rows[row])) if table is None else bisect_right(table, column) - 1

    def end(self, row: int, column: int) -> int:
        table = self.table(row)
        if table is None:
            return min(column, len(self.rows[row]))
        return bisect_left(table, column) if column in table else bisect_right(table, column - 1)

    def segment(self, segment: Segment) -> Segment:
        row, start, end = segment
        return row, self.start(row, start), self.end(row, end)


def _finish(rows: list[str], found: _Collect) -> Layout:
    columns = _Columns(rows)
    result = Layout(rows)

    def add(target: dict[int, list[tuple[int, int]]], segment: Segment) -> None:
        row, start, end = columns.segment(segment)
        if end > start:
            target.setdefault(row, []).append((start, end))

    for items, _ in found.inline:
        _chunk_marks(items, found)
    for segment in found.code:
        add(result.code, segment)
    for items, heading in found.inline:
        segments = tuple(columns.segment(segment) for line in items for segment in line.sources())
        if segments:
            result.inline.append(Span(segments, heading))
    for raw in found.raw:
        if raw:
            result.raw.append(Span(tuple(columns.segment(segment) for segment in raw)))
    for raw in found.moved:
        if raw:
            result.raw.append(Span(tuple(columns.segment(segment) for segment in raw), moved=True))
    result.references = [(row, columns.start(row, column), url) for row, column, url in found.references]
    result.fence_attributes = [(row, columns.start(row, column), text) for row, column, text in found.fence_attributes]
    if any("<" in row for row in rows):
        _html_code(result)
    return result


# --- wiki links ----------------------------------------------------------------------------------------


def _may_hold_code(body: str) -> bool:
    return "`" in body or "~~~" in body or "<" in body or "\t" in body or "    " in body


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """Lines that are not all code, with code (and <pre>/<code> content) blanked out: same length, so columns hold."""
    if not _may_hold_code(body):
        yield from enumerate(body.split("\n"))
        return
    shape = layout(body)
    for row, text in enumerate(shape.rows):
        if row not in shape.code and row not in shape.html_code:
            yield row, text
            continue
        masked = shape.masked(row)
        if masked.strip() or not text.strip():
            yield row, masked


def find_wikilinks(body: str, first_line: int) -> list[WikiLink]:
    if "[[" not in body:
        return []
    if not _may_hold_code(body):
        return _links_outside_code(body, first_line)
    return links_by_line(body, first_line)


def _links_in(prose: str, original: str) -> Iterator[tuple[re.Match[str], str, str | None]]:
    """Wiki links in a line with code blanked: not where code hides part of the target; text as written."""
    for match in WIKILINK.finditer(prose):
        target = original[match.start(1) : match.end(1)]
        if target != match.group(1):
            continue
        text = original[match.start(2) : match.end(2)].strip() if match.group(2) else None
        yield match, target.strip(), text


def links_by_line(body: str, first_line: int) -> list[WikiLink]:
    links = []
    rows = body.split("\n")
    for index, line in prose_lines(body):
        if "[[" not in line:
            continue
        for match, target, text in _links_in(line, rows[index]):
            links.append(WikiLink(target, text, Position(first_line + index, match.start() + 1)))
    return links


def _links_outside_code(body: str, first_line: int) -> list[WikiLink]:
    """A body without code: every match is a link. One search of the whole text instead of one per line."""
    links = []
    line, line_start = first_line, 0
    for match in WIKILINK.finditer(body):
        start = match.start()
        newlines = body.count("\n", line_start, start)
        if newlines:
            line += newlines
            line_start = body.rfind("\n", 0, start) + 1
        text = match.group(2).strip() if match.group(2) else None
        links.append(WikiLink(match.group(1).strip(), text, Position(line, start - line_start + 1)))
    return links


def replace_wikilinks(body: str, render: Callable[[str, str | None], str]) -> str:
    """Body with every wiki link outside code replaced by render(target, text).

    Markdown expands tabs by column; on a line with a tab after a link, the rest of the line is written
    with its tabs expanded as they were, so that code after the link keeps its exact spacing.
    """
    if "[[" not in body:
        return body
    lines = body.split("\n")
    for index, prose in prose_lines(body):
        if "[[" not in prose:
            continue
        original = lines[index]
        piece = _pieces_of(original)
        pieces, last = [], 0
        for match, target, text in _links_in(prose, original):
            pieces.append(piece(last, match.start()))
            pieces.append(render(target, text))
            last = match.end()
        if last:
            pieces.append(piece(last, len(original)))
            lines[index] = "".join(pieces)
    return "\n".join(lines)


def _pieces_of(line: str) -> Callable[[int, int], str]:
    if "\t" not in line:
        return lambda start, end: line[start:end]
    table = _Columns([line]).table(0)
    assert table is not None
    expanded = line.expandtabs(TAB)
    return lambda start, end: expanded[table[start] : table[end]] if start else line[:end]
