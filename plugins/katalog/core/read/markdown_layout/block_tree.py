"""The tree the block parser builds (only as far as later blocks look at it), and what processors ask of the parser."""

from __future__ import annotations

from typing import Protocol

from .block_lines import Block
from .lines import Line


class Element:
    __slots__ = ("kids", "klass", "tag", "tail", "text")

    def __init__(self, tag: str, klass: str = "") -> None:
        self.tag, self.klass = tag, klass
        self.kids: list[Element] = []
        self.text: list[Line] | None = None
        self.tail: list[Line] | None = None


def last_of(element: Element | None) -> Element | None:
    return element.kids[-1] if element is not None and element.kids else None


class Parser(Protocol):
    """What the admonition and list processors use of the block parser."""

    state: list[str]

    def is_state(self, state: str) -> bool: ...

    def text(self, items: list[Line], heading: bool = False) -> list[Line]: ...

    def parse_chunk(self, parent: Element, block: Block) -> None: ...

    def parse_blocks(self, parent: Element, blocks: list[Block]) -> None: ...
