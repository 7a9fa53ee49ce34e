"""Hostile and tricky Markdown bodies: the body check stays linear, leaves code alone, and reports what
the sanitiser removes.

1. Linear time: each pathological pattern is checked at two sizes, N and 8N, in the same run; the
   time may grow about 8 times (linear), not 64 (quadratic). No absolute limits, so no flakiness on a
   slow or busy machine (CPU time of the test process is measured); the sizes keep the whole test at a
   few seconds.
2. Code is code: generated bodies mix prose, wiki links and every kind of code Python-Markdown knows
   (fenced, indented, in list items and admonitions, indented fences in lists, inline code with runs
   of backticks, <pre> and <code> blocks). They are rendered with the real Markdown and the site's
   extensions: the text of every <code> and <pre> is the same whether wiki links were replaced or not,
   and the wiki links found are exactly those in the prose, at their line and column.
3. No silent removals: for generated bodies with random HTML (allowed and not, attributes of every
   form, tags over several lines, comments, entity-encoded and split URLs, Markdown links and
   attribute lists), every tag, attribute, URL and comment the sanitiser drops from the rendered page
   was reported by the body check.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser

import markdown
import nh3
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from katalog.core.read.htmlscan import RAW_TEXT_ELEMENTS
from katalog.core.read.markdown_layout.layout import layout
from katalog.core.read.wikilinks import find_wikilinks, replace_wikilinks
from katalog.core.validate.bodycheck import Removal, unsafe_parts
from katalog.core.validate.htmlpolicy import DROPPED_WITH_CONTENT
from katalog.core.validate.urlpolicy import url_allowed
from katalog.render.safety import sanitize_html

from .conftest import REPO

PROPERTIES = settings(derandomize=True, database=None, deadline=None, max_examples=150)
CASES = 150  # generated bodies per property test


def site_markdown() -> markdown.Markdown:
    """Markdown as MkDocs makes it for the site: its built-in extensions, then those of mkdocs.yml."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names = ["toc", "tables", "fenced_code"]
    configs: dict[str, dict[str, object]] = {}
    for item in config["markdown_extensions"]:
        name = next(iter(item)) if isinstance(item, dict) else item
        if isinstance(item, dict):
            configs[name] = item[name]
        if name not in names:
            names.append(name)
    return markdown.Markdown(extensions=names, extension_configs=configs)


_MARKDOWN: list[markdown.Markdown] = []


def render(body: str) -> str:
    if not _MARKDOWN:
        _MARKDOWN.append(site_markdown())
    return _MARKDOWN[0].reset().convert(body)


def link(target: str, text: str | None) -> str:
    """What the site renders a wiki link as (render/pages.py)."""
    return f'<a href="/{html.escape(target)}/" class="katalog-ref">{html.escape(text or target)}</a>'


def check(body: str) -> None:
    """What `katalog check` and the build do with a body."""
    layout.cache_clear()
    list(unsafe_parts(body, 1))
    find_wikilinks(body, 1)
    replace_wikilinks(body, link)


# --- 1. linear time ---------------------------------------------------------------------------------

PATTERNS = {
    "tag": "<a ",
    "tag with =": "<a b=",
    "tag with quote": '<a b="',
    "tag with apostrophe": "<a b='",
    "block tag": "<div ",
    "block tag closed": "<div>",
    "end tag": "</a",
    "lone <": "<",
    "comment": "<!--",
    "processing instruction": "<?",
    "script": "<script>",
    "autolink start": "<http:",
    "bracket": "[",
    "brackets": "[[",
    "wiki link start": "[[a|",
    "link start": "](",
    "link": "[a](b ",
    "nested links": "[a](",  # special: [a]([a]([a]( ... ))) closed at the end
    "backtick": "`",
    "backtick runs": "`` ` ``` ",
    "brace": "{",
    "attribute list": "{:",
    "quotes": "\"'",
    "entity": "&#",
    "fence lines": "```\n",
    "fence lines, growing": "```",  # special: ``` then ```` then ````` ...
    "indented lines": "    x\n",
    "list lines": "- x\n",
    "quote lines": "> ",
    "heading lines": "# x #\n",
    "reference lines": "[a]: ",
    "table lines": "|a|`b`|\n",
    "admonition lines": "!!! note\n    ",
    "tab lines": "\tx\t\n",
}


def hostile(pattern: str, size: int) -> str:
    """A body of about `size` characters: a little normal Markdown, then the pattern over and over."""
    head = "Se [[a]] og <b>fed</b> og [et link](https://example.org).\n\n"
    if pattern == "```":
        pieces, ticks, length = [], 3, 0
        while length < size:
            pieces.append("`" * ticks + "\n")
            length += ticks + 1
            ticks += 1
        return head + "".join(pieces)
    if pattern == "[a](":
        return head + "[a](" * (size // 5) + ")" * (size // 5)
    return head + (pattern * (size // len(pattern) + 1))[:size]


def seconds(work: Callable[[], None]) -> float:
    """CPU time of this process (not wall time: other processes on the machine do not count), best of 3."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("pattern", list(PATTERNS.values()), ids=list(PATTERNS))
def test_checking_time_grows_linearly(pattern: str) -> None:
    small, large = hostile(pattern, 3_000), hostile(pattern, 24_000)
    check(small)  # warm up (regular expressions, caches)
    ratio = seconds(lambda: check(large)) / max(seconds(lambda: check(small)), 1e-4)
    assert ratio < 20, f"8 times the text took {ratio:.0f} times as long"


# --- 2. code is code ----------------------------------------------------------------------------------

IDS = ["a", "b-2", "c3"]
WORDS = ["og", "en", "tekst", "med", "borgere", "kommunen", "Århus", "x"]


@st.composite
def wiki(draw: st.DrawFn) -> tuple[str, str, str | None]:
    target = draw(st.sampled_from(IDS))
    text = draw(st.sampled_from([None, "Tekst", "en tekst"]))
    return (f"[[{target}|{text}]]" if text else f"[[{target}]]"), target, text


@st.composite
def code_content(draw: st.DrawFn, ticks: int = 0) -> str:
    """Text for inside code: wiki links, tags, backticks (never a run of `ticks`), no edge backticks."""
    pieces = ["[[a]]", "[[b-2|T]]", "<script>x</script>", '<img src=x onerror="y">', "x", "[[c3]]", "&lt;"]
    if ticks > 1:
        pieces.append("`")
    if ticks > 2 or ticks == 1:
        pieces.append("``")
    chosen = draw(st.lists(st.sampled_from(pieces), min_size=1, max_size=4))
    return "x " + " ".join(chosen) + " x"


Expected = list[tuple[int, int, str, str | None]]  # row, column (1-based), target, text


@st.composite
def prose_line(
    draw: st.DrawFn, prefix: str = "", plain: bool = False
) -> tuple[str, list[tuple[int, str, str | None]], list[str]]:
    """A line of prose: words, wiki links, inline code; (text, [(column, target, text)], [code texts]).

    plain: words and wiki links only (in raw HTML, backticks are not code).
    """
    line, links, codes = prefix, [], []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(
            st.sampled_from(["word", "word", "wiki"] if plain else ["word", "word", "wiki", "code", "html code"])
        )
        if line and not line.endswith(" "):
            line += " "
        if kind == "word":
            line += draw(st.sampled_from(WORDS))
        elif kind == "wiki":
            written, target, text = draw(wiki())
            links.append((len(line) + 1, target, text))
            line += written
        elif kind == "code":
            ticks = draw(st.integers(1, 3))
            content = draw(code_content(ticks))
            line += "`" * ticks + content + "`" * ticks
            codes.append(content)
        else:
            content = draw(st.sampled_from(["[[a]]", "x [[b-2|T]] y"]))
            line += f"<code>{content}</code>"
            codes.append(content)
    return line, links, codes


@st.composite
def blocks(draw: st.DrawFn) -> tuple[str, Expected, list[str]]:
    """A body of blocks separated by blank lines; where its prose wiki links are; the code it holds."""
    rows: list[str] = []
    expected: Expected = []
    codes: list[str] = []
    previous = ""

    def prose(prefix: str = "", plain: bool = False) -> None:
        text, links, inline = draw(prose_line(prefix, plain))
        expected.extend((len(rows), column, target, label) for column, target, label in links)
        codes.extend(inline)
        rows.append(text)

    kinds = ["paragraph", "heading", "fence", "indented", "list", "quote", "admonition", "pre", "div"]
    for number in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(kinds))
        if number:
            rows.append("")
        if kind == "indented" and previous in ("list", "admonition"):
            prose()  # an indented block right after a list or an admonition would belong to it
            rows.append("")
        previous = kind
        if kind == "paragraph":
            for _ in range(draw(st.integers(1, 3))):
                prose()
        elif kind == "heading":
            prose("## ")
        elif kind == "fence":
            fence = draw(st.sampled_from(["```", "````", "~~~", "~~~~~"]))
            rows.append(fence + draw(st.sampled_from(["", "python", " {.x}"])))
            lines = [draw(code_content()) for _ in range(draw(st.integers(1, 3)))]
            rows.extend(lines)
            rows.append(fence)
            codes.append("\n".join(lines))
        elif kind == "indented":
            indent = draw(st.sampled_from(["    ", "\t"]))
            lines = [draw(code_content()) for _ in range(draw(st.integers(1, 3)))]
            rows.extend(indent + line for line in lines)
            codes.append("\n".join(lines))
        elif kind == "list":
            marker = draw(st.sampled_from(["- ", "* ", "1. "]))
            for _ in range(draw(st.integers(1, 3))):
                prose(marker)
                nested = draw(st.sampled_from(["", "paragraph", "code", "fence"]))
                if nested:
                    rows.append("")
                if nested == "paragraph":
                    prose("    ")
                elif nested == "code":
                    line = draw(code_content())
                    rows.append("        " + line)
                    codes.append(line)
                elif nested == "fence":  # Python-Markdown: inline code of the lines in between
                    line = draw(st.sampled_from(["[[a]]", "x [[b-2|T]] <b>"]))
                    rows.extend(["    ```", "    " + line, "    ```"])
                    codes.append(line)
                if nested:
                    rows.append("")
        elif kind == "quote":
            prose("> ")
            if draw(st.booleans()):
                line = draw(code_content())
                rows.extend([">", ">     " + line])
                codes.append(line)
        elif kind == "admonition":
            rows.append("!!! note")
            prose("    ")
            if draw(st.booleans()):
                line = draw(code_content())
                rows.extend(["", "        " + line])
                codes.append(line)
        elif kind == "pre":
            lines = [draw(st.sampled_from(["[[a]]", "x [[b-2|T]] y", "  [[c3]]"])) for _ in range(2)]
            opener, closer = draw(st.sampled_from([("<pre>", "</pre>"), ("<pre><code>", "</code></pre>")]))
            rows.extend([opener, *lines, closer])
            codes.append("\n".join(lines))
        else:
            rows.append("<div>")
            prose(plain=True)  # raw HTML: a wiki link in it is a link
            rows.append("</div>")
    return "\n".join(rows) + "\n", expected, codes


class _CodeTexts(HTMLParser):
    """The text of each outermost <code> or <pre> element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.texts: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "pre"):
            if not self.open:
                self.current = []
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass
            if not self.open:
                self.texts.append("".join(self.current))

    def handle_data(self, data: str) -> None:
        if self.open:
            self.current.append(data)


def code_texts(rendered: str) -> list[str]:
    parser = _CodeTexts()
    parser.feed(rendered)
    parser.close()
    return parser.texts


@PROPERTIES
@given(blocks(), st.integers(1, 40))
def test_code_is_left_as_written_and_links_are_found_in_prose(
    generated: tuple[str, Expected, list[str]], first: int
) -> None:
    body, expected, codes = generated
    layout.cache_clear()
    found = [(link.pos.line - first, link.pos.column, link.target, link.text) for link in find_wikilinks(body, first)]
    assert found == expected
    before = code_texts(render(body))
    assert code_texts(render(replace_wikilinks(body, link))) == before
    shown = [text.strip() for text in before]
    for code in codes:
        assert code.strip() in shown or any(code.strip() in text for text in shown), code
    assert list(unsafe_parts(body, first)) == []  # the <script> and onerror are in code


@pytest.mark.parametrize(
    ("body", "links"),
    [
        ("Tekst\n\n    [[a]]\n", []),
        ("Tekst\n\n\t[[a]]\n", []),
        ("- punkt\n\n        [[a]]\n", []),
        ("- punkt\n\n    [[a]]\n", [(3, 5)]),
        ("- punkt\n\n    ```\n    [[a]]\n    ```\n", []),
        ("Se ``a `[[a]]` b`` og [[b]]\n", [(1, 23)]),
        ("<pre>\n[[a]]\n</pre>\n", []),
        ("<pre><code>[[a]]\n</code></pre>\n", []),
        ("Se <code>[[a]]</code> og [[b]]\n", [(1, 26)]),
        ("<div>\n[[a]]\n</div>\n", [(2, 1)]),
        ("   ```\n[[a]]\n   ```\n", []),  # indented fence: inline code in Python-Markdown
        ("```\n[[a]]\n", [(2, 1)]),  # an unclosed fence is text
        ("!!! note\n\n        [[a]]\n", []),
        ("> a\n>\n>     [[a]]\n", []),
    ],
)
def test_code_of_every_kind_is_not_a_link(body: str, links: list[tuple[int, int]]) -> None:
    layout.cache_clear()
    assert [tuple(link.pos) for link in find_wikilinks(body, 1)] == links
    before = code_texts(render(body))
    assert code_texts(render(replace_wikilinks(body, link))) == before


# --- 3. no silent removals -----------------------------------------------------------------------------

TAGS = ["b", "i", "span", "div", "p", "a", "img", "script", "style", "iframe", "object", "foo", "SCRIPT", "Img"]
TAGS += ["form", "input", "u", "table", "td", "details", "summary", "svg", "textarea", "embed", "pre", "code"]
ATTRIBUTES = [
    "class=x",
    'title="t"',
    "onclick=alert(1)",
    "onerror='x'",
    'style="color:red"',
    'href="javascript:alert(1)"',
    "href=https://example.org",
    'href="&#106;avascript:x"',
    "src=x",
    'src="data:text/html,x"',
    "id=i",
    "data-x=1",
    "lang=da",
    "HREF=JavaScript:x",
    'href="java\nscript:x"',
    'href="https://exa mple.org"',
    "width=3",
    "colspan=2",
    "onload",
    "href=https://example.org/",
]
PIECES = [
    "</b>",
    "</div>",
    "</script>",
    "</span>",
    "<!-- c -->",
    "<!--\nc\n-->",
    "<![CDATA[x]]>",
    "<?php x ?>",
    "<!DOCTYPE html>",
    "[l](javascript:alert(1))",
    "![i](mailto:x)",
    "[l](https://example.org)",
    "[l](<javascript:x>)",
    "<https://example.org>",
    "<javascript://x>",
    "<tel:123>",
    "{: onclick=x }",
    "\n{: onclick }",
    "{: .c #i }",
    "\n[r]: javascript:x\n",
    "[x][r]",
    "`<script>`",
    "\n```\n<script>x</script>\n```\n",
    "\n    <script>\n",
    "&lt;script&gt;",
    "&#60;b onclick=x&#62;",
    "< script>",
    "x",
    " ",
    "\n",
    "\n\n",
    "- ",
    "> ",
    "[",
    "]",
    "(",
    ")",
    '"',
    "'",
    "=",
    "<",
    ">",
    "`",
    "[a](&#106;avascript:x)",
    "[a](java&#x09;script:x)",
]


@st.composite
def tag(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(TAGS))
    attributes = draw(st.lists(st.sampled_from(ATTRIBUTES), max_size=3, unique=True))
    space = draw(st.sampled_from([" ", "\n", "  ", "\t", "\n  "]))
    return (
        "<" + name + "".join(space + attribute for attribute in attributes) + draw(st.sampled_from([">", "/>", " >"]))
    )


hostile_html = st.lists(st.one_of(tag(), st.sampled_from(PIECES)), min_size=1, max_size=25).map("".join)


class _Elements(HTMLParser):
    """Elements (name, attributes, ancestors) and comments of HTML as nh3 wrote it; raw text as a browser."""

    CDATA_CONTENT_ELEMENTS = tuple(sorted(RAW_TEXT_ELEMENTS))
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None], tuple[str, ...]]] = []
        self.comments = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs), tuple(self.open)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs), tuple(self.open)))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_comment(self, data: str) -> None:
        self.comments += 1


def elements(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    parser.close()
    return parser


def normal(url: str) -> str:
    return "".join(html.unescape(url).split()).lower()


def unreported_removals(body: str) -> list[object]:
    """What the sanitiser drops from the rendered body that the body check did not report."""
    page = render(body)
    names = {match.group(1).lower() for match in re.finditer(r"<([a-zA-Z][^\s/>]*)", page)}
    schemes = {match.group(1).lower() for match in re.finditer(r"([a-zA-Z][a-zA-Z0-9+.-]*):", html.unescape(page))}
    # The same page through nh3 with everything allowed: what a browser would have read.
    kept = nh3.clean(
        page,
        tags=names,
        generic_attribute_prefixes={""},
        url_schemes=schemes | {"http", "https", "mailto", "tel"},
        strip_comments=False,
        link_rel=None,
        clean_content_tags=set(),
    )
    before, after = elements(kept), elements(sanitize_html(page))
    layout.cache_clear()
    reports: list[Removal] = list(unsafe_parts(body, 1))
    what = {report.what for report in reports}
    tags = {report.what for report in reports if report.code == "html_tag"}

    def inside_reported(ancestors: tuple[str, ...]) -> bool:  # dropped together with a reported element
        return any(
            (name in DROPPED_WITH_CONTENT or name in ("svg", "math")) and f"<{name}>" in tags for name in ancestors
        )

    missing: list[object] = []
    for name in Counter(e[0] for e in before.elements) - Counter(e[0] for e in after.elements):
        found = [e for e in before.elements if e[0] == name]
        if f"<{name}>" not in tags and not any(inside_reported(e[2]) for e in found):
            missing.append(("tag", name))
    pairs_before = Counter((e[0], key) for e in before.elements for key in e[1] if key != "markdown")
    pairs_after = Counter((e[0], key) for e in after.elements for key in e[1])
    for name, key in pairs_before - pairs_after:
        found = [e for e in before.elements if e[0] == name and key in e[1]]
        if f"<{name}>" in tags or any(inside_reported(e[2]) for e in found):
            continue
        if f"{key} (<{name}>)" in what or key in what:
            continue
        values = [normal(e[1][key] or "") for e in found]
        if key in ("href", "src") and any(normal(w).endswith(value) for value in values for w in what):
            continue
        missing.append(("attribute", name, key))
    comments = {report.what for report in reports if report.code == "html_comment"}
    if before.comments > after.comments and not comments:
        missing.append(("comment",))
    return missing


@PROPERTIES
@given(hostile_html)
def test_whatever_the_sanitiser_removes_was_reported(body: str) -> None:
    assert unreported_removals(body) == []


@pytest.mark.parametrize(
    ("body", "reported"),
    [
        ('<iframe\n  src="https://example.org">\n</iframe>\n', [("html_tag", "<iframe>", 1, 1)]),
        ("Et billede <img\n  src=x\n  onerror=alert(1)>\n", [("html_attribute", "onerror (<img>)", 3, 3)]),
        ("<SCRIPT>alert(1)</SCRIPT>\n", [("html_tag", "<script>", 1, 1)]),
        ("Tekst < script> og 3 < 4\n", []),
        ('<a href="&#106;avascript:alert(1)">x</a>\n', [("unsafe_link", "&#106;avascript:alert(1)", 1, 1)]),
        ("[x](java&#x09;script:alert(1))\n", [("unsafe_link", "java&#x09;script:alert(1)", 1, 5)]),
        ("<div onclick=alert(1) class=x>y</div>\n", [("html_attribute", "onclick (<div>)", 1, 1)]),
        ("Tekst <!-- en kommentar --> mere\n", [("html_comment", "<!-- -->", 1, 7)]),
        ("<![CDATA[x]]>\n", [("html_comment", "<![CDATA[…]]>", 1, 1)]),
        ("<?php echo 1; ?>\n", [("html_comment", "<?…?>", 1, 1)]),
        ("Afsnit\n{: onclick }\n", [("html_attribute", "onclick", 2, 1)]),
        ("Vi skriver {navn} i teksten\n", []),
        ("[x][r]\n\n[r]: javascript:alert(1)\n", [("unsafe_link", "javascript:alert(1)", 3, 6)]),
        ("```{ .py onclick=x }\nkode\n```\n", [("html_attribute", "onclick", 1, 10)]),
        ("<tel:12345678>\n", [("html_tag", "<tel:12345678>", 1, 1)]),
        ("[x](https://exa mple.org)\n", [("unsafe_link", "https://exa mple.org", 1, 5)]),
        ("`<script>` og\n\n    <script>\n", []),
    ],
)
def test_removed_html_is_reported_where_it_stands(body: str, reported: list[tuple[str, str, int, int]]) -> None:
    layout.cache_clear()
    assert [(r.code, r.what, r.pos.line, r.pos.column) for r in unsafe_parts(body, 1)] == reported
    assert unreported_removals(body) == []


# --- URLs: the check's reading agrees with the sanitiser ------------------------------------------------

URL_PIECES = ["https:", "http:", "//", "javascript:", "JavaScript:", "&#106;", "java", "script:", "&#x09;", "\t"]
URL_PIECES += [" ", "\n", "mailto:", "tel:", "data:", "x", "example.org", ".", ":", "8080", "99999", "[", "]"]
URL_PIECES += ["::1", "%20", "%41", "@", "/", "?", "#", "1.2.3.4", "256", "0x7f", "xn--", "ls8h", "é", "a b"]


@settings(derandomize=True, database=None, deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(URL_PIECES), min_size=1, max_size=6).map("".join))
def test_a_url_the_sanitiser_drops_is_not_allowed(url: str) -> None:
    attribute = html.escape(url, quote=True).replace("&amp;", "&")
    cleaned = sanitize_html(f'<a href="{attribute}">x</a>')
    if "href=" not in cleaned:
        assert not url_allowed(url), cleaned
