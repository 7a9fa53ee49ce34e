"""The inline patterns of Python-Markdown made linear: link text and link targets from brackets and
parentheses paired once per text, code spans from a table of the text's backtick runs
(see linear_markdown.py for why)."""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.inlinepatterns import (
    IMAGE_LINK_RE,
    IMAGE_REFERENCE_RE,
    LINK_RE,
    REFERENCE_RE,
    BacktickInlineProcessor,
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)

_BRACKETS = re.compile(r"[\[\]]")
_PARENTHESES = re.compile(r"[()]")
_QUOTES = re.compile(r"['\"]")
_BACKTICK_RUN = re.compile(r"`+")
# A scan for a `]` this long is worth pairing the text's brackets once.
_FAR = 1000


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
LINK_PATTERNS: tuple[tuple[type[_LinearText], str, str, int], ...] = (
    (LinearReference, REFERENCE_RE, "reference", 170),
    (LinearLink, LINK_RE, "link", 160),
    (LinearImage, IMAGE_LINK_RE, "image_link", 150),
    (LinearImageReference, IMAGE_REFERENCE_RE, "image_reference", 140),
    (LinearShortReference, REFERENCE_RE, "short_reference", 130),
    (LinearShortImageReference, IMAGE_REFERENCE_RE, "short_image_ref", 125),
)


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
