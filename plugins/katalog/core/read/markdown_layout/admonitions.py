"""Admonitions (`!!! note`) and the indented blocks that continue them, also inside their lists."""

from __future__ import annotations

from .block_lines import ADMONITION, Block, block_of, detab
from .block_tree import Element, Parser, last_of
from .lines import EMPTY, TAB, Line


def admonition(parser: Parser, parent: Element, stack: list[Block]) -> bool:
    block = stack[-1]
    lines, start, end = block
    at = lines.first("admonition", start, end)
    sibling: Element | None = None
    content: list[Line] = []
    rest: Block | None = None
    if at < 0:
        sibling, content, rest = _admonition_content(parent, block)
        if sibling is None:
            return False
    stack.pop()
    if at >= 0:
        if at > start:
            parser.parse_blocks(parent, [(lines, start, at)])
        content, rest = detab((lines, at + 1, end), TAB)
        heading = ADMONITION.fullmatch(lines.items[at].s)
        assert heading is not None
        div = Element("div", "admonition")
        if heading.group(2):
            line = lines.items[at]
            div.kids.append(Element("p"))
            div.kids[-1].text = parser.text([line.slice(heading.start(2), heading.end(2))])
        parent.kids.append(div)
    else:
        assert sibling is not None
        if sibling.tag in ("li", "dd") and sibling.text:
            paragraph = Element("p")
            paragraph.text, sibling.text = sibling.text, None
            sibling.kids.append(paragraph)
        div = sibling
    parser.parse_chunk(div, block_of(content) if content else block_of([EMPTY]))
    if rest is not None:
        stack.append(rest)
    return True


def _admonition_content(parent: Element, block: Block) -> tuple[Element | None, list[Line], Block | None]:
    """An indented block continuing the admonition before it (also from inside its lists)."""
    lines, start, _ = block
    sibling = last_of(parent)
    if sibling is None or sibling.tag != "div" or sibling.klass != "admonition":
        return None, [], None
    text = lines.items[start].s
    last_child = last_of(sibling)
    indent = 0
    current: Element | None = sibling
    while last_child is not None:
        if current is not None and text.startswith(" " * TAB * 2) and last_child.tag in ("ul", "ol", "dl"):
            current = last_of(last_child)
            last_child = last_of(current)
            text = text[TAB:]
            indent += TAB
        else:
            last_child = None
    if current is None or not text.startswith(" " * TAB):
        return None, [], None
    indent += TAB
    content, rest = detab(block, indent)
    return current, content, rest
