"""Blocks: Python-Markdown's block parser on lines (headings, code, quotes, paragraphs), and a whole document."""

from __future__ import annotations

import re

from .admonitions import admonition
from .block_lines import QUOTE, Block, block_of, heading_text, is_empty, loose_detab, split_blocks
from .block_tree import Element, last_of
from .html_blocks import Extractor
from .lines import MAX_DEPTH, PLACEHOLDER, TAB, Collect, Line
from .lists import list_block, list_indent
from .reference_definitions import reference
from .tables import is_table

_SETEXT = re.compile(r"(?:=+|-+)[ ]*")
_OLIST = re.compile(r"[ ]{0,3}\d+\.[ ]+")
_ULIST = re.compile(r"[ ]{0,3}[*+-][ ]+")


class BlockParser:
    """Python-Markdown's block parser, on lines: each block goes to the first processor that takes it."""

    def __init__(self, found: Collect, depth: int) -> None:
        self.found = found
        self.depth = depth
        self.state: list[str] = []

    def is_state(self, state: str) -> bool:
        return bool(self.state) and self.state[-1] == state

    def text(self, items: list[Line], heading: bool = False) -> list[Line]:
        self.found.inline.append((items, heading))
        return items

    def parse_chunk(self, parent: Element, block: Block) -> None:
        lines, start, end = block
        self.parse_blocks(parent, split_blocks(lines, start, end))

    def parse_blocks(self, parent: Element, blocks: list[Block]) -> None:
        self.depth += 1
        stack = blocks[::-1]
        try:
            while stack:
                self.step(parent, stack)
        finally:
            self.depth -= 1

    def step(self, parent: Element, stack: list[Block]) -> None:
        block = stack[-1]
        lines, start, end = block
        first = lines.items[start].s
        match = PLACEHOLDER.fullmatch(first) if first.startswith("\x02") else None
        if match and end - start == 1 and int(match.group(1)) not in self.found.md_blocks:
            self.paragraph(parent, stack)  # a placeholder alone: no other processor takes it
            return
        deep = self.depth > MAX_DEPTH
        if not deep and admonition(self, parent, stack):
            return
        if match and int(match.group(1)) in self.found.md_blocks:
            stack.pop()
            kind, content, tail = self.found.md_blocks.pop(int(match.group(1)))
            if kind == "block":
                parse_document(content, self.found, self.depth + 1, tail)
            else:
                self.text(content)
            if end - start > 1:
                stack.append((lines, start + 1, end))
            return
        if not first or is_empty(block):  # empty block, or one starting with a blank line
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
            list_indent(self, parent, stack)
            return
        if indented:
            stack.pop()
            index = start
            while index < end and (lines.items[index].s.startswith(" " * TAB) or not lines.items[index].s.strip()):
                self.found.mark_code(lines.items[index], TAB if lines.items[index].s.strip() else 0)
                index += 1
            if index < end:
                stack.append((lines, index, end))
            if not (last_of(parent) is not None and last_of(parent).tag == "pre"):  # type: ignore[union-attr]
                parent.kids.append(Element("pre"))
            return
        if end - start > 1 and is_table(block):
            stack.pop()
            for index in range(start, end):
                if index != start + 1:
                    self.text([lines.items[index]], heading=True)
            parent.kids.append(Element("table"))
            return
        at = lines.first("hash", start, end)
        if at >= 0:
            stack.pop()
            if at > start:
                self.parse_blocks(parent, [(lines, start, at)])
            line = lines.items[at]
            element = Element("h")
            begin, end_ = heading_text(line.s)
            element.text = self.text([line.slice(begin, end_)], True)
            parent.kids.append(element)
            if at + 1 < end:
                after = (lines, at + 1, end)
                if self.is_state("looselist") and end - at < 1000:  # (repeated per heading: bounded)
                    after = block_of(loose_detab(lines.items[at + 1 : end], 1))
                stack.append(after)
            return
        if end - start > 1 and _SETEXT.fullmatch(lines.items[start + 1].s):
            stack.pop()
            element = Element("h")
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
            parent.kids.append(Element("hr"))
            rest = at + 1
            while rest < end and not lines.items[rest].s:
                rest += 1
            if rest < end:
                stack.append((lines, rest, end))
            return
        for pattern, tag in ((_OLIST, "ol"), (_ULIST, "ul")):
            if pattern.match(first):
                list_block(self, parent, stack, tag)
                return
        at = lines.first("quote", start, end)
        if at >= 0 and not deep:
            stack.pop()
            if at > start:
                self.parse_blocks(parent, [(lines, start, at)])
            cleaned = []
            for line in lines.items[at:end]:
                quote = QUOTE.match(line.s)
                if line.s.strip() == ">":
                    cleaned.append(Line("", line.row, line.col + len(line.s)))
                elif quote:
                    cleaned.append(line.cut(quote.end()))
                else:
                    cleaned.append(line)
            sibling = last_of(parent)
            if sibling is None or sibling.tag != "blockquote":
                sibling = Element("blockquote")
                parent.kids.append(sibling)
            self.state.append("blockquote")
            self.parse_chunk(sibling, block_of(cleaned))
            self.state.pop()
            return
        if reference(self.found, stack):
            return
        self.paragraph(parent, stack)

    def paragraph(self, parent: Element, stack: list[Block]) -> None:
        lines, start, end = stack.pop()
        items = lines.items[start:end]
        if not any(line.s.strip() for line in items):
            return
        if self.is_state("list"):
            sibling = last_of(parent)
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
            element = Element("p")
            element.text = self.text(list(items))
            parent.kids.append(element)


def parse_document(lines: list[Line], found: Collect, depth: int, tail: bool = False) -> None:
    lines = Extractor(lines, found, depth, tail).run()
    parser = BlockParser(found, depth)
    parser.parse_chunk(Element("div"), block_of(lines))
