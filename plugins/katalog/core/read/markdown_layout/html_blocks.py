"""Raw HTML blocks: Python-Markdown's HTML block extraction (md_in_html's HtmlBlockPreprocessor), linear."""

from __future__ import annotations

import re

from .finder import Finder
from .html_output import BLANK_AFTER, ExtractorOutput
from .html_start_tags import INCOMPLETE, StartTags
from .lines import MAX_DEPTH, Collect, Line
from .md_in_html import BLOCK_LEVEL, element_end, markdown_state

_PARSER_NAME = re.compile(r"[a-zA-Z][^`\t\n\r\x0c />\x00]*")
_MARKUP_START = re.compile(r"<[a-zA-Z/!?]")
_END_TAG = re.compile(r"</\s*([a-zA-Z][-.a-zA-Z0-9:_]*)\s*>")
_COMMENT_CLOSE = re.compile(r"--!?>")


class Extractor:
    """Python-Markdown's HTML block extraction (an html.parser walk over the text), linear.

    The result is the text as the block parser then sees it: each raw block replaced by a placeholder
    line with a blank line after it; `<div markdown="1">` blocks are parsed as Markdown of their own.
    """

    def __init__(self, lines: list[Line], found: Collect, depth: int, tail: bool = False) -> None:
        self.out = ExtractorOutput(lines, found)
        self.depth, self.tail = depth, tail
        self.doc = self.out.doc
        self.tags = StartTags(self.doc)
        self.gt = Finder(self.doc, ">")
        self.lt = Finder(self.doc, "<")
        self.no_comment_close = len(self.doc) + 1
        self.no_pi_close = len(self.doc) + 1

    def run(self) -> list[Line]:
        doc, n = self.doc, len(self.doc)
        out, tags = self.out, self.tags
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
                out.emit_source(start)
                out.pending += out.segments(start, end)
                out.emitted = end
                return
            if not block or not out.at_line_start(start):
                return
            blank = BLANK_AFTER.match(doc, end) is not None
            out.emit_source(start)
            if out.out_ends_with[-1:] == "\n" and out.out_ends_with != "\n\n":
                out.emit("\n")
            out.raw_block(start, end)
            out.emit("\n\n")
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
                        in_raw, in_tail = False, out.close_raw(raw_start, i)
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
                end, name, self_closing = tags.start_tag_end(i)
                if end == INCOMPLETE:
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
                if name in BLOCK_LEVEL and not in_raw and (in_tail or out.at_line_start(i)):
                    state = markdown_state(doc, i, end, name)
                    if state in ("block", "span") and self.depth < MAX_DEPTH:
                        close_start, close_end = element_end(doc, name, end)
                        blank = BLANK_AFTER.match(doc, close_end) is not None
                        out.emit_source(i)
                        if out.out_ends_with[-1:] == "\n" and out.out_ends_with != "\n\n":
                            out.emit("\n")
                        out.raw_block(i, close_end, state, (end, close_start), tail=in_tail)
                        out.emit("\n\n")
                        in_tail = not blank
                        i = close_end
                        continue
                    in_raw, raw_start = True, i
                    out.emit_source(i)
                    out.emit("\n")
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
                        in_raw, in_tail = False, out.close_raw(raw_start, i)
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
                if not (out.at_line_start(i) or in_tail):
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
            out.emit_source(raw_start)
            out.raw_block(raw_start, n, pending=True)
        out.emit_source(n)
        if out.pending:
            out.found.moved.append(out.pending)
        return out.to_lines()

    def end_tag(self, name: str, end: int, stack: list[str], counts: dict[str, int], _start: int) -> int:
        if counts.get(name):
            while stack:
                popped = stack.pop()
                counts[popped] -= 1
                if popped == name:
                    break
        return end
