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

from typing import cast

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.tables import TableProcessor
from markdown.inlinepatterns import BacktickInlineProcessor, InlineProcessor

from .linear_blocks import (
    AdmonitionMarker,
    QuickAdmonition,
    QuickFences,
    QuickTable,
    RestoreLessThan,
    UnclosableLessThan,
)
from .linear_inline import LINK_PATTERNS, BracketPairs, QuickBackticks


class LinearMarkdownExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        pairs = BracketPairs()
        if "backtick" in md.inlinePatterns:
            backticks = md.inlinePatterns["backtick"]
            if type(backticks) is BacktickInlineProcessor:
                md.inlinePatterns.register(QuickBackticks(backticks.pattern), "backtick", 190)
        for cls, pattern, name, priority in LINK_PATTERNS:
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
