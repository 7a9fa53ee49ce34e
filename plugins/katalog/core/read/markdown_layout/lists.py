"""Lists: items, and indented blocks that continue an item."""

from __future__ import annotations

import re

from .block_lines import Block, block_of, loose_detab
from .block_tree import Element, Parser, last_of
from .lines import TAB, Line

_CHILD = re.compile(r"[ ]{0,3}(?:\d+\.|[*+-])[ ]+")
_INDENTED_CHILD = re.compile(r"[ ]{4,7}(?:\d+\.|[*+-])[ ]+")


def list_indent(parser: Parser, parent: Element, stack: list[Block]) -> None:
    lines, start, end = stack.pop()
    first = lines.items[start].s
    indent_level = (len(first) - len(first.lstrip(" "))) // TAB
    level = 1 if parser.is_state("list") else 0
    sibling = parent
    while indent_level > level:
        child = last_of(sibling)
        if child is not None and child.tag in ("ul", "ol", "li"):
            if child.tag in ("ul", "ol"):
                level += 1
            sibling = child
        else:
            break
    block = block_of(loose_detab(lines.items[start:end], level))
    parser.state.append("detabbed")
    if parent.tag == "li":
        if parent.kids and parent.kids[-1].tag in ("ul", "ol"):
            parser.parse_blocks(parent.kids[-1], [block])
        else:
            parser.parse_blocks(parent, [block])
    elif sibling.tag == "li":
        parser.parse_blocks(sibling, [block])
    elif sibling.kids and sibling.kids[-1].tag == "li":
        item = sibling.kids[-1]
        if item.text:
            paragraph = Element("p")
            paragraph.text, item.text = item.text, None
            item.kids.insert(0, paragraph)
        parser.parse_chunk(item, block)
    else:
        item = Element("li")
        sibling.kids.append(item)
        parser.parse_blocks(item, [block])
    parser.state.pop()


def list_block(parser: Parser, parent: Element, stack: list[Block], tag: str) -> None:
    lines, start, end = stack.pop()
    items: list[list[Line]] = []
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
    sibling = last_of(parent)
    if sibling is not None and sibling.tag in ("ol", "ul"):
        lst = sibling
        item = lst.kids[-1]
        if item.text:
            paragraph = Element("p")
            paragraph.text, item.text = item.text, None
            item.kids.insert(0, paragraph)
        child_ = last_of(item)
        if child_ is not None and child_.tail:
            paragraph = Element("p")
            paragraph.text, child_.tail = child_.tail, None
            item.kids.append(paragraph)
        new = Element("li")
        lst.kids.append(new)
        parser.state.append("looselist")
        parser.parse_blocks(new, [block_of(items.pop(0))])
        parser.state.pop()
    elif parent.tag in ("ol", "ul"):
        lst = parent
    else:
        lst = Element(tag)
        parent.kids.append(lst)
    parser.state.append("list")
    for item_lines in items:
        if item_lines[0].s.startswith(" " * TAB) and lst.kids:
            parser.parse_blocks(lst.kids[-1], [block_of(item_lines)])
        else:
            new = Element("li")
            lst.kids.append(new)
            parser.parse_blocks(new, [block_of(item_lines)])
    parser.state.pop()
