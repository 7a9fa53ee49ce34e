"""The build's Markdown is linear on pathological text and writes what Python-Markdown writes.

1. Same output: generated bodies (links, images, references, brackets, parentheses, quotes, raw
   HTML with and without `>`, headings, admonitions, code of every kind) are converted with the
   site's extensions with and without render/linear_markdown.py; the HTML and the table of contents
   must be equal. The thresholds are set to 0 so that every short cut runs on short texts.
2. Linear time: each pattern is converted at N and 8N characters in the same run (CPU time of this
   process); the time may grow about 8 times, not 22 (n^1.5) or 64 (n^2).
"""

from __future__ import annotations

import time

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from katalog.render import linear_blocks, linear_inline
from katalog.render.linear_markdown import LinearMarkdownExtension

EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "md_in_html"]


def convert(text: str, linear: bool) -> tuple[str, object]:
    extensions: list[object] = list(EXTENSIONS)
    if linear:
        extensions.append(LinearMarkdownExtension())
    md = markdown.Markdown(extensions=extensions, extension_configs={"toc": {"permalink": True}})  # type: ignore[arg-type]
    return md.convert(text), md.toc_tokens  # type: ignore[attr-defined]


TOKENS = [
    "a",
    "ord ",
    " ",
    "\n",
    "\n\n",
    "    ",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "[[",
    "]]",
    "|",
    '"',
    "'",
    "<",
    ">",
    "<a ",
    "<a href='x'>",
    "</a>",
    "<div>",
    "</div>",
    "<div markdown>",
    "<!--",
    "-->",
    "<http://x.dk>",
    "`",
    "``",
    "```\n",
    "# ",
    "## x\n",
    "!!! note\n",
    '!!! tip "T"\n',
    "- ",
    "1. ",
    "{: #x }",
    "[ref]: https://example.org\n",
    "[ref]",
    "[x][ref]",
    "[x][]",
    "http://e.dk",
    "\\[",
    "&lt;",
    "*",
    "_",
    "| a | b |\n|---|---|\n",
    "\\<",
    "\\\\<",
    "<<",
    "`<`",
    "[a](x<y)",
    "# a < b\n",
    "~~~\n",
    "````\n",
    "````",
    "```python\n",
    "\\`",
    "\\\\`",
    "| a |\n|---|\n",
    "|x|\n",
    "a | b\n",
    "--- | ---\n",
    "\\<",
    "<<",
    "`<`",
    "[a](x<y)",
    "# a < b\n",
]


def same_with_short_cuts_always(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(linear_blocks, "_FEW_LESS_THAN", 0)
        patch.setattr(linear_inline, "_FAR", 0)
        linear = convert(text, linear=True)
    assert linear == convert(text, linear=False)


@settings(derandomize=True, database=None, deadline=None, max_examples=600)
@given(st.lists(st.sampled_from(TOKENS), max_size=60).map("".join))
def test_same_output_as_python_markdown(text: str) -> None:
    same_with_short_cuts_always(text)


@settings(derandomize=True, database=None, deadline=None, max_examples=200)
@given(st.text(alphabet="[]()<>\"' a\n!`#", max_size=80))
def test_same_output_on_punctuation(text: str) -> None:
    same_with_short_cuts_always(text)


def test_same_output_at_the_real_thresholds() -> None:
    # Above the thresholds, with the defaults: many unclosable `<`, long bracket scans.
    text = "# Om <b>os</b>\n\n" + "a < b " * 100 + "\n\n`x < y` [a](x) " + "[" * 1500 + "\n\n    <kode>\n"
    assert convert(text, linear=True) == convert(text, linear=False)


PATTERNS = {
    "bracket": "[",
    "wikilink_open": "[[",
    "wikilink_pipe": "[[a|",
    "link_open": "[a](",
    "image_open": "![a](",
    "tag": "<a ",
    "tag_attribute": "<a b=",
    "tag_quote": '<a b="',
    "block_tag": "<div ",
    "autolink": "<http:",
    "heading_lines": "# x #\n",
    "nested": "[[[[[]]]]] ",
    "links": "[a](x) ",
    "links_and_brackets": "[a](x) [",
    "fence_lines": "```\n",
    "fence_lines_growing": "",  # ``` then ```` then `````: each opens, none closes
    # Not timed: thousands of code spans in one paragraph ("|a|`b`|" lines, "`` ` ``` "). Python-Markdown
    # copies the paragraph's text once per match (C speed, but quadratic); the 200,000-character limit
    # on a body (core/load/readfile.py, MAX_BODY_CHARS) bounds that.
    "open_links_and_links": "[a]( [a](x) ",
}


MANY_MATCHES = {"links", "links_and_brackets", "open_links_and_links", "fence_lines"}


def pattern_text(pattern: str, size: int) -> str:
    if not pattern:
        pieces, length, ticks = [], 0, 3
        while length < size:
            pieces.append("`" * ticks + "\n")
            length, ticks = length + ticks + 1, ticks + 1
        return "".join(pieces)[:size]
    return (pattern * (size // len(pattern) + 1))[:size]


def cpu_seconds(text: str) -> float:
    start = time.process_time()
    convert(text, linear=True)
    return time.process_time() - start


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_linear_time(name: str) -> None:
    small, large = pattern_text(PATTERNS[name], 4_000), pattern_text(PATTERNS[name], 32_000)
    cpu_seconds(small)  # warm up
    ratio = min(cpu_seconds(large) for _ in range(2)) / max(min(cpu_seconds(small) for _ in range(3)), 1e-3)
    # n^1.5 would be 22 and n^2 64. Where every piece matches, Python-Markdown copies the paragraph
    # once per match (C speed, but quadratic), which a loaded machine shows sooner: allow more there.
    limit = 32 if name in MANY_MATCHES else 16
    assert ratio < limit, f"{name}: {ratio:.1f} times the time for 8 times the text"


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_search_text_is_linear(name: str) -> None:
    """The body's plain words for the search index (core/search/plaintext.py), on the same patterns."""
    from katalog.core.search.plaintext import plain_text

    small, large = pattern_text(PATTERNS[name], 20_000), pattern_text(PATTERNS[name], 160_000)

    def seconds(text: str) -> float:
        start = time.process_time()
        plain_text(text)
        return time.process_time() - start

    ratio = min(seconds(large) for _ in range(2)) / max(min(seconds(small) for _ in range(3)), 1e-3)
    assert ratio < 16, f"{name}: {ratio:.1f} times the time for 8 times the text"
