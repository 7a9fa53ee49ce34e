"""Python-Markdown, made linear on text that an adversary (or a paste gone wrong) can write.

Python-Markdown is quadratic or worse on a few inputs an editor can type:

- Link text: for every `[` it scans ahead for the matching `]` (`getText`), so a long run of
  `[`, `[[a|` or `[a](` takes minutes, and for every `](` it scans ahead for the `)`. Here the
  brackets and parentheses of a text are paired once, in one pass, and a bracket whose link cannot
  follow is passed over without copying its text. (Where a quote follows, a link title may start,
  and Python-Markdown's own scan still runs: `[a]("` repeated stays quadratic.)
- Raw HTML: for every `<` the HTML block parser (the standard library's html.parser) looks ahead
  to the end of the text for the `>` that would close a tag. A `<` with no `>` anywhere after it
  can never start a tag, comment or autolink, so when there are many they are hidden from that
  parser and put back before the page is written.
- Code spans: from every run of backticks, a run as long is looked for to the end of the text,
  character by character; now in a table of the text's runs.
- Fenced code: from every line that opens a fence, the closing one is looked for to the end of the
  text; fences that no later line closes are now passed over.
- Tables: every line of what is left of a block was split to test whether it starts a table;
  now the first two lines are tested first.
- Admonitions: `!!!` is searched for in what is left of a block after each line is taken from it
  (a block of a thousand headings); a document without `!!!` now skips that search.

The output is the same as Python-Markdown's own: tests compare both on generated text.
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as etree
from typing import Any, cast

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.admonition import AdmonitionProcessor
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.tables import TableProcessor
from markdown.inlinepatterns import (
    IMAGE_LINK_RE,
    IMAGE_REFERENCE_RE,
    LINK_RE,
    REFERENCE_RE,
    BacktickInlineProcessor,
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    InlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

_BRACKETS = re.compile(r"[\[\]]")
_PARENTHESES = re.compile(r"[()]")
_QUOTES = re.compile(r"['\"]")
_BACKTICK_RUN = re.compile(r"`+")
_FENCE_LINE = re.compile(r"^(~{3,}|`{3,})", re.MULTILINE)
_CLOSING_FENCE_LINE = re.compile(r"^(~{3,}|`{3,})[ ]*$", re.MULTILINE)
# A scan for a `]` this long is worth pairing the text's brackets once.
_FAR = 1000
# Below this many, looking ahead for each `<` costs less than hiding them.
_FEW_LESS_THAN = 64
# One character for one, so that every position in the text stays where it was (Python-Markdown's
# code spans skip by counts of characters); a noncharacter, and a text holding it is left alone.
_HIDDEN_LESS_THAN = "\ufdd0"
_UNESCAPED_LESS_THAN = re.compile(r"(?<!\\)((?:\\\\)*)<")


class LearntText:
    """Tables of one text that serve the texts Markdown makes from it: after every match it makes a
    new string, replacing what it matched with a placeholder; the rest of the text is unchanged, so
    tables of positions counted from the end still hold there."""

    def __init__(self) -> None:
        self._learnt = ""  # the text the tables were made of
        self._text: str | None = None  # the text being read now
        self._shift = 0  # its index + shift = the learnt text's index
        self._valid_from = 0  # from here on, its characters are the learnt text's last ones

    def remember(self, text: str) -> None:
        self._learnt = self._text = text
        self._shift, self._valid_from = 0, 0

    def known(self, text: str, index: int) -> bool:
        """Whether the tables hold for `text` from `index` on."""
        if not self._learnt:
            return False
        if text is not self._text:
            self._text, self._shift, self._valid_from = text, len(self._learnt) - len(text), len(text) + 1
        if index >= self._valid_from:
            return True
        if index + self._shift >= 0 and self._learnt.endswith(text[index:]):
            self._valid_from = index
            return True
        return False


class BracketPairs(LearntText):
    """Where each `[` and `(` of one text closes, found in one pass: `{index after "[": index of "]"}`.

    Learnt only for a text on which Python-Markdown's own scan ran to its end (or far): ordinary
    links close after a few characters and never pay for the pass. Learnt pairs serve the texts
    Markdown makes from that one after each match, as far as their ends are the same."""

    def __init__(self) -> None:
        super().__init__()
        self._close: dict[int, int] = {}  # in the learnt text's indices
        self._close_parenthesis: dict[int, int] = {}
        self._last_quote = -1

    def learn(self, text: str) -> None:
        self.remember(text)
        self._close = _pair(_BRACKETS, "[", text)
        self._close_parenthesis = _pair(_PARENTHESES, "(", text)
        quotes = [quote.start() for quote in _QUOTES.finditer(text)]
        self._last_quote = quotes[-1] if quotes else -1

    def close_of(self, start: int) -> int | None:
        """Call after known(text, start)."""
        close = self._close.get(start + self._shift)
        return None if close is None else close - self._shift

    def parenthesis_closes(self, start: int) -> bool | None:
        """Whether the `(` before `start` is closed; None when a quote follows (a link title, where
        Python-Markdown counts differently). Call after known(text, start)."""
        if self._last_quote >= start + self._shift:
            return None
        return start + self._shift in self._close_parenthesis


def _pair(pattern: re.Pattern[str], opening: str, text: str) -> dict[int, int]:
    close: dict[int, int] = {}
    opened: list[int] = []
    for bracket in pattern.finditer(text):
        if bracket.group() == opening:
            opened.append(bracket.end())
        elif opened:
            close[opened.pop()] = bracket.start()
    return close


_Match = tuple[etree.Element | str | None, int | None, int | None]


class _LinearText:
    """`getText` from the paired brackets once a scan has gone far; the text is copied only when
    the caller can use it."""

    pairs: BracketPairs
    md: Markdown

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        if index == 0 or data[index - 1] != "[":
            return super().getText(data, index)  # type: ignore[misc, no-any-return]
        if not self.pairs.known(data, index):
            text, end, handled = super().getText(data, index)  # type: ignore[misc]
            if handled and end - index < _FAR:
                return text, end, handled
            self.pairs.learn(data)
        close = self.pairs.close_of(index)
        if close is None:
            return "", len(data), False  # where Python-Markdown's scan ends; the text is unused
        if not self.text_needed(data, close):
            return "", close + 1, True
        return data[index:close], close + 1, True

    def text_needed(self, data: str, close: int) -> bool:
        return True


class _InlineLink(_LinearText):
    def text_needed(self, data: str, close: int) -> bool:
        return data.startswith("(", close + 1)

    def can_link(self, data: str, start: int) -> bool:
        """False when Python-Markdown's getLink would scan to the end of the text and refuse."""
        if not self.pairs.known(data, start):
            return True
        close = self.pairs.close_of(start)
        if close is None:
            return True  # getText refuses it at once
        if not data.startswith("(", close + 1):
            return False
        return self.pairs.parenthesis_closes(close + 2) is not False

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        href, title, end, handled = super().getLink(data, index)  # type: ignore[misc]
        if not handled and not self.pairs.known(data, index):
            self.pairs.learn(data)  # the scan went to the end: the next `](` is answered at once
        return href, title, end, handled


class _ReferenceLink(_LinearText):
    def text_needed(self, data: str, close: int) -> bool:
        return bool(self.md.references)  # without definitions no id can match, whatever the text


class LinearLink(_InlineLink, LinkInlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> _Match:  # type: ignore[override]
        if not self.can_link(data, m.end(0)):
            return None, None, None
        return super().handleMatch(m, data)


class LinearImage(_InlineLink, ImageInlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> _Match:  # type: ignore[override]
        if not self.can_link(data, m.end(0)):
            return None, None, None
        return super().handleMatch(m, data)


class LinearReference(_ReferenceLink, ReferenceInlineProcessor):
    pass


class LinearImageReference(_ReferenceLink, ImageReferenceInlineProcessor):
    pass


class LinearShortReference(_ReferenceLink, ShortReferenceInlineProcessor):
    pass


class LinearShortImageReference(_ReferenceLink, ShortImageReferenceInlineProcessor):
    pass


# Python-Markdown's names and priorities for these patterns (markdown/inlinepatterns.py).
_LINK_PATTERNS: tuple[tuple[type[_LinearText], str, str, int], ...] = (
    (LinearReference, REFERENCE_RE, "reference", 170),
    (LinearLink, LINK_RE, "link", 160),
    (LinearImage, IMAGE_LINK_RE, "image_link", 150),
    (LinearImageReference, IMAGE_REFERENCE_RE, "image_reference", 140),
    (LinearShortReference, REFERENCE_RE, "short_reference", 130),
    (LinearShortImageReference, IMAGE_REFERENCE_RE, "short_image_ref", 125),
)


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


class BacktickRuns(LearntText):
    """The runs of backticks of one text, found in one pass, with what Python-Markdown's
    find_code_spans asks of them: the first later run of a length, and the longest later run.
    Learnt runs serve the texts Markdown makes after each match, as far as their ends are the same."""

    def __init__(self) -> None:
        super().__init__()
        self._starts: list[int] = []  # run k's start in the learnt text
        self._ends: list[int] = []
        self._by_length: dict[int, list[int]] = {}  # length -> indices of the runs of that length
        self._longest: list[tuple[int, int]] = []  # run k -> (longest length from k on, end of the first one)

    def code_span(self, text: str, after: int, ticks: int) -> tuple[int, int | None]:
        """As find_code_spans, for an opening run of `ticks` backticks that ends at `after`."""
        if not self.known(text, after):
            self._learn(text)
        shift = self._shift
        first = bisect.bisect_left(self._starts, after + shift)
        same = self._by_length.get(ticks, [])
        exact = bisect.bisect_left(same, first)
        if exact < len(same):
            return after, self._starts[same[exact]] - shift
        if first < len(self._starts):
            longest, end = self._longest[first]
            if 0 < longest < ticks:
                return after - (ticks - longest), end - shift - longest
        return after + ticks, None  # as Python-Markdown: past the run, and as far again

    def _learn(self, text: str) -> None:
        self.remember(text)
        runs = [(run.start(), run.end()) for run in _BACKTICK_RUN.finditer(text)]
        self._starts = [start for start, _ in runs]
        self._ends = [end for _, end in runs]
        self._by_length = {}
        for index, (start, end) in enumerate(runs):
            self._by_length.setdefault(end - start, []).append(index)
        longest: list[tuple[int, int]] = [(0, 0)] * len(runs)
        best = (0, 0)
        for index in range(len(runs) - 1, -1, -1):
            start, end = runs[index]
            if end - start >= best[0]:  # the first of the longest: the scan keeps the first it meets
                best = (end - start, end)
            longest[index] = best
        self._longest = longest


class QuickBackticks(BacktickInlineProcessor):
    """Code spans: Python-Markdown looks, from every run of backticks, for a run as long to the end
    of the text, character by character (a text of ``` ```` ````` ...); here from the runs' table."""

    def __init__(self, pattern: str) -> None:
        super().__init__(pattern)
        self.runs = BacktickRuns()

    def find_code_spans(self, start: int, text: str) -> tuple[int, int | None]:  # type: ignore[override]
        run = _BACKTICK_RUN.match(text, start)
        ticks = run.end() - start if run else 0
        return self.runs.code_span(text, start + ticks, ticks)


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


class LinearMarkdownExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        pairs = BracketPairs()
        if "backtick" in md.inlinePatterns:
            backticks = md.inlinePatterns["backtick"]
            if type(backticks) is BacktickInlineProcessor:
                md.inlinePatterns.register(QuickBackticks(backticks.pattern), "backtick", 190)
        for cls, pattern, name, priority in _LINK_PATTERNS:
            processor = cls(pattern, md)  # type: ignore[call-arg]
            processor.pairs = pairs
            md.inlinePatterns.register(cast(InlineProcessor, processor), name, priority)
        # After fenced code (25) has stashed its blocks, before the HTML block parser (20).
        hider = UnclosableLessThan(md)
        md.preprocessors.register(hider, "katalog_unclosable_lt", 22)
        # After the inline patterns (20), before attribute lists (8) and the table of contents (5).
        md.treeprocessors.register(RestoreLessThan(md, hider), "katalog_restore_lt", 15)
        if "fenced_code_block" in md.preprocessors:
            fences = md.preprocessors["fenced_code_block"]
            if type(fences) is FencedBlockPreprocessor:  # not a fork's own kind of fences
                md.preprocessors.register(QuickFences(md, vars(fences)["config"]), "fenced_code_block", 25)
        if "table" in md.parser.blockprocessors:
            table = md.parser.blockprocessors["table"]
            if isinstance(table, TableProcessor):
                md.parser.blockprocessors.register(QuickTable(md.parser, vars(table)["config"]), "table", 75)
        if "admonition" in md.parser.blockprocessors:
            admonition = QuickAdmonition(md.parser)
            md.parser.blockprocessors.register(admonition, "admonition", 105)
            md.preprocessors.register(AdmonitionMarker(md, admonition), "katalog_admonition_marker", 26)
