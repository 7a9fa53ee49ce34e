"""The block-level steps of Python-Markdown made linear: `<`s that cannot open a tag hidden from the
HTML block parser, fenced code, tables and admonitions without their scans to the end of the text
(see linear_markdown.py for why)."""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.tables import TableProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

_FENCE_LINE = re.compile(r"^(~{3,}|`{3,})", re.MULTILINE)
_CLOSING_FENCE_LINE = re.compile(r"^(~{3,}|`{3,})[ ]*$", re.MULTILINE)
# Below this many, looking ahead for each `<` costs less than hiding them.
_FEW_LESS_THAN = 64
# One character for one, so that every position in the text stays where it was (Python-Markdown's
# code spans skip by counts of characters); a noncharacter, and a text holding it is left alone.
_HIDDEN_LESS_THAN = "\ufdd0"
_UNESCAPED_LESS_THAN = re.compile(r"(?<!\\)((?:\\\\)*)<")


class UnclosableLessThan(Preprocessor):
    """Hides the `<`s after the text's last `>` when there are many: none of them can open a tag,
    comment or autolink, and html.parser would look for the end of each all the way to the end of
    the text. A `<` escaped with a backslash is left alone (the escape needs the character)."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.hidden = False

    def run(self, lines: list[str]) -> list[str]:
        self.hidden = False
        text = "\n".join(lines)
        tail_start = text.rfind(">") + 1
        if text.count("<", tail_start) <= _FEW_LESS_THAN or _HIDDEN_LESS_THAN in text:
            return lines
        self.hidden = True
        tail = _UNESCAPED_LESS_THAN.sub(lambda m: m.group(1) + _HIDDEN_LESS_THAN, text[tail_start:])
        return (text[:tail_start] + tail).split("\n")


class RestoreLessThan(Treeprocessor):
    """Puts each hidden `<` back, after the inline patterns and before the table of contents:
    the serializer then escapes it in text and attributes as Python-Markdown would, and raw HTML
    gets it raw."""

    def __init__(self, md: Markdown, hider: UnclosableLessThan) -> None:
        super().__init__(md)
        self.hider = hider

    def run(self, root: etree.Element) -> None:
        if not self.hider.hidden:
            return
        _restore_tree(root)
        blocks = self.md.htmlStash.rawHtmlBlocks
        for index, block in enumerate(blocks):
            if isinstance(block, str):
                blocks[index] = block.replace(_HIDDEN_LESS_THAN, "<")
            else:
                _restore_tree(block)


def _restore_tree(root: etree.Element) -> None:
    for element in root.iter():
        element.text = _restored(element.text)
        element.tail = _restored(element.tail)
        for name, value in element.attrib.items():
            if _HIDDEN_LESS_THAN in value:
                element.set(name, value.replace(_HIDDEN_LESS_THAN, "<"))


def _restored(text: str | None) -> str | None:
    if text is None or _HIDDEN_LESS_THAN not in text:
        return text
    return type(text)(text.replace(_HIDDEN_LESS_THAN, "<"))  # keeps an AtomicString atomic


class QuickAdmonition(AdmonitionProcessor):
    """Skips the search for `!!!` in documents without one (a block can only hold the marker if the
    source does); the search runs on what is left of a block after each line taken from it."""

    marker_in_source = True

    def test(self, parent: etree.Element, block: str) -> bool:
        if self.marker_in_source and self.RE.search(block):
            return True
        return self.parse_content(parent, block)[0] is not None


class AdmonitionMarker(Preprocessor):
    def __init__(self, md: Markdown, admonition: QuickAdmonition) -> None:
        super().__init__(md)
        self.admonition = admonition

    def run(self, lines: list[str]) -> list[str]:
        self.admonition.marker_in_source = any("!!!" in line for line in lines)
        return lines


class FenceSearch:
    """FENCED_BLOCK_RE's `search`, passing over fence lines that nothing closes: Python-Markdown's
    pattern looks for the closing line to the end of the text from every opening one (``` then
    ```` then ````` ...). A fence closes only at a later line of exactly its characters."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._learnt = ""
        self._openings: list[tuple[int, str]] = []  # (distance from the end, fence), first line first
        self._last_close: dict[str, int] = {}  # fence -> distance from the end of its last closing line
        self._text: str | None = None
        self._valid_from = 0
        self._rest = -1  # characters after the last match

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if not self._known(text, pos):
            self._learn(text)
        end = len(text)
        first = bisect.bisect_left(self._openings, -(end - pos), key=lambda opening: -opening[0])
        openings = self._openings
        for index in range(first, len(openings)):
            distance, fence = openings[index]
            close = self._last_close.get(fence)
            if close is None or close >= distance:
                continue  # no line after this one closes it
            match = self.pattern.match(text, end - distance)
            if match:
                self._rest = end - match.end()
                return match
        self._rest = -1
        return None

    def _known(self, text: str, pos: int) -> bool:
        if text is self._text and pos >= self._valid_from:
            return True
        # QuickFences.run replaces the block it got by a newline, a placeholder and a newline, and
        # searches on from that last newline: the rest is the end of the learnt text.
        follows = self._text is not None and len(text) - pos - 1 == self._rest and text.startswith("\n", pos)
        self._text, self._valid_from = text, pos
        return follows

    def _learn(self, text: str) -> None:
        self._learnt = self._text = text
        self._valid_from = 0
        end = len(text)
        self._openings = [(end - line.start(), line.group(1)) for line in _FENCE_LINE.finditer(text)]
        self._last_close = {}
        for line in _CLOSING_FENCE_LINE.finditer(text):
            self._last_close[line.group(1)] = end - line.start()


class QuickFences(FencedBlockPreprocessor):
    """Python-Markdown's fenced code with FenceSearch; one FenceSearch per instance, as it keeps
    the text it read."""

    def __init__(self, md: Markdown, config: dict[str, Any]) -> None:
        super().__init__(md, config)
        self.FENCED_BLOCK_RE = FenceSearch(FencedBlockPreprocessor.FENCED_BLOCK_RE)  # type: ignore[assignment, misc]


class QuickTable(TableProcessor):
    """Tests a block's first two lines before all of it: Python-Markdown splits and strips every line
    of what is left of a block each time one line is taken from it (a block of a thousand headings).
    A table needs its first two lines to be one; only a one-column table depends on the others."""

    def test(self, parent: etree.Element, block: str) -> bool:
        head = block.split("\n", 2)
        if len(head) < 3:
            return super().test(parent, block)
        if not super().test(parent, head[0] + "\n" + head[1]):
            return False
        return len(self.separator) > 1 or super().test(parent, block)
