"""What editors' HTML and links may contain: one allow-list for checking and for sanitising.

Also how a browser (and so nh3, which parses like one) reads markup and URLs, so that the body
check and the sanitiser agree on what is a tag, an attribute, a comment and a link's scheme.
"""

from __future__ import annotations

import functools
import html
import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
# Removed with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template", "noscript"})
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir"})
TAG_ATTRIBUTES = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "ol": frozenset({"start"}),
}
URL_ATTRIBUTES = frozenset({"href", "src"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
IMAGE_SCHEMES = frozenset({"http", "https"})


# Elements whose content a browser reads as text up to their end tag, not as markup.
RAW_TEXT_ELEMENTS = frozenset(
    {"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"}
)


def attribute_allowed(tag: str, name: str) -> bool:
    return name in GLOBAL_ATTRIBUTES or name in TAG_ATTRIBUTES.get(tag, frozenset())


_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


def url_allowed(url: str, *, image: bool = False) -> bool:
    """Relative URLs and anchors always; absolute ones only with an allowed scheme and, for web links,
    a host the sanitiser can parse (nh3 drops `https://exa mple.org`).

    Character references count as what they stand for (`&#106;avascript:` is `javascript:`).
    """
    decoded = html.unescape(url) if "&" in url else url
    text = "".join(decoded.split()).lower()  # browsers ignore whitespace inside "java script:"
    try:
        scheme = urlsplit(text).scheme
    except ValueError:
        return False
    if not scheme:
        return not text.startswith("//") or not image
    if scheme not in (IMAGE_SCHEMES if image else LINK_SCHEMES):
        return False
    if scheme in ("http", "https"):
        # As the sanitiser reads it: tabs and line breaks removed, outer spaces and controls trimmed.
        strict = re.sub("[\t\n\r]", "", decoded).strip(_C0_AND_SPACE)
        head = re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", strict)
        if head is not None and head.group().lower() in ("http:", "https:"):
            return _web_host_parses(strict[head.end() :])
    return True


_HOST_END = re.compile(r"[/\\?#]")
_FORBIDDEN_IN_DOMAIN = re.compile("[\x00-\x20#%/:<>?@\\[\\\\\\]^|\x7f]")


def _web_host_parses(rest: str) -> bool:
    """Whether the authority of an http(s) URL (what follows `https:`) has a host and port a URL parser accepts."""
    rest = rest.lstrip("/\\")
    end = _HOST_END.search(rest)
    authority = rest[: end.start()] if end else rest
    host_port = authority.rpartition("@")[2]
    if host_port.startswith("["):
        close = host_port.find("]")
        if close < 0 or "%" in host_port[:close]:
            return False
        try:
            ipaddress.IPv6Address(host_port[1:close])
        except ValueError:
            return False
        port = host_port[close + 1 :]
        if port and not port.startswith(":"):
            return False
        return _port_parses(port[1:])
    host, _, port = host_port.partition(":")
    return _port_parses(port) and _domain_parses(unquote(host))


def _port_parses(port: str) -> bool:
    return not port or (port.isascii() and port.isdigit() and int(port) <= 65535)


def _domain_parses(host: str) -> bool:
    if not host:
        return False
    if not host.isascii():
        try:
            host = ".".join(label.encode("idna").decode("ascii") if label else "" for label in host.split("."))
        except UnicodeError:
            return False
    host = host.lower()
    if _FORBIDDEN_IN_DOMAIN.search(host):
        return False
    labels = host.split(".")
    for label in labels:
        if label.startswith("xn--"):
            try:
                decoded = label[4:].encode("ascii").decode("punycode")
            except (UnicodeError, ValueError):
                return False
            if not decoded or decoded.isascii():
                return False
            try:
                decoded.encode("idna")
            except UnicodeError:
                return False
    last = labels[-1] if labels[-1] or len(labels) == 1 else labels[-2]
    if last.isdigit() or re.fullmatch("0x[0-9a-f]*", last):
        return _ipv4_parses(labels)
    return True


def _ipv4_parses(labels: list[str]) -> bool:
    """The WHATWG IPv4 parser: up to four numbers (decimal, 0octal or 0xhex), the last may fill the rest."""
    if len(labels) > 1 and not labels[-1]:
        labels = labels[:-1]
    if len(labels) > 4:
        return False
    numbers = []
    for label in labels:
        if not label:
            return False
        if label.startswith("0x"):
            digits, base = label[2:] or "0", 16
        elif len(label) > 1 and label.startswith("0"):
            digits, base = label[1:], 8
        else:
            digits, base = label, 10
        try:
            numbers.append(int(digits, base))
        except ValueError:
            return False
    if any(number > 255 for number in numbers[:-1]):
        return False
    return bool(numbers[-1] < 256 ** (5 - len(numbers)))


def is_external(url: str) -> bool:
    return urlsplit(url.strip()).scheme in ("http", "https") or url.strip().startswith("//")


# --- how a browser reads markup ------------------------------------------------------------------
# nh3 parses the rendered page with html5ever, an HTML5 parser; these follow the HTML5 tokenizer
# closely enough to find every tag, attribute and comment it finds. Each is linear in the text read.


@dataclass(frozen=True)
class Attribute:
    name: str  # lower-case, as the parser stores it
    value: str | None  # as written, character references not decoded; None without `=`
    start: int  # index of the name in the text


@dataclass(frozen=True)
class Markup:
    """One tag or comment: kind "start", "end" or "comment" (also `<!...>`, `<?...>` and CDATA sections)."""

    kind: str
    name: str  # lower-case tag name; for comments "!--", "!" or "?" as written
    start: int  # index of "<"
    end: int  # index after ">", or the end of the text read when it never closed
    attributes: tuple[Attribute, ...] = ()
    closed: bool = True
    self_closing: bool = False


_SPACE = "\t\n\x0c\r "
_TAG_NAME = re.compile(r"[^\t\n\x0c\r />]*")
_ATTRIBUTE_NAME = re.compile(r"[^\t\n\x0c\r />=]*")
_SPACES = re.compile(r"[\t\n\x0c\r ]*")
_UNQUOTED = re.compile(r"[^\t\n\x0c\r >]*")


def read_markup(text: str, i: int, end: int | None = None) -> Markup | None:
    """The tag or comment a browser reads at text[i] == "<" (reading no further than `end`); None if it is text."""
    end = len(text) if end is None else end
    after = text[i + 1 : i + 2] if i + 1 < end else ""
    if after.isascii() and after.isalpha():
        return _read_tag(text, i, i + 1, end, "start")
    if after == "/":
        name = text[i + 2 : i + 3] if i + 2 < end else ""
        if name.isascii() and name.isalpha():
            return _read_tag(text, i, i + 2, end, "end")
        if name == ">":
            return Markup("end", "", i, i + 3)
        if not name:
            return None
        return _to_gt(text, i, end, "!")
    if after == "!":
        if text.startswith("<!--", i) and i + 4 <= end:
            return _comment(text, i, end)
        return _to_gt(text, i, end, "!")
    if after == "?":
        return _to_gt(text, i, end, "?")
    return None


def _to_gt(text: str, i: int, end: int, name: str) -> Markup:
    close = text.find(">", i + 2, end)
    return Markup("comment", name, i, end if close < 0 else close + 1, closed=close >= 0)


def _comment(text: str, i: int, end: int) -> Markup:
    if text.startswith(">", i + 4, end):
        return Markup("comment", "!--", i, i + 5)
    if text.startswith("->", i + 4, end):
        return Markup("comment", "!--", i, i + 6)
    close = text.find("-->", i + 4, end)
    bang = text.find("--!>", i + 4, close if close >= 0 else end)
    if bang >= 0:
        return Markup("comment", "!--", i, bang + 4)
    return Markup("comment", "!--", i, end if close < 0 else close + 3, closed=close >= 0)


def _read_tag(text: str, i: int, name_start: int, end: int, kind: str) -> Markup:
    match = _TAG_NAME.match(text, name_start, end)
    assert match is not None
    name = match.group().lower()
    j = match.end()
    attributes: list[Attribute] = []
    seen: set[str] = set()
    slash = False  # a "/" right before ">" makes <x/> self-closing (not one that ends a value)
    while j < end:
        char = text[j]
        if char in _SPACE:
            j = _SPACES.match(text, j, end).end()  # type: ignore[union-attr]
            slash = False
            continue
        if char == ">":
            return Markup(kind, name, i, j + 1, tuple(attributes), self_closing=slash)
        if char == "/":
            j += 1
            slash = True
            continue
        slash = False
        start = j
        match = _ATTRIBUTE_NAME.match(text, j + 1, end)  # a first "=" belongs to the name
        assert match is not None
        j = match.end()
        value: str | None = None
        k = _SPACES.match(text, j, end).end()  # type: ignore[union-attr]
        if k < end and text[k] == "=":
            k = _SPACES.match(text, k + 1, end).end()  # type: ignore[union-attr]
            quote = text[k] if k < end else ""
            if quote in ("'", '"') and quote:
                close = text.find(quote, k + 1, end)
                value = text[k + 1 : end if close < 0 else close]
                j = end if close < 0 else close + 1
            else:
                unquoted = _UNQUOTED.match(text, k, end)
                assert unquoted is not None
                value, j = unquoted.group(), unquoted.end()
        attribute = text[start : match.end()].lower()
        if attribute not in seen:  # the parser keeps the first of two attributes of the same name
            seen.add(attribute)
            attributes.append(Attribute(attribute, value, start))
    return Markup(kind, name, i, end, tuple(attributes), closed=False)


# SVG and MathML: inside them <script> and <style> are ordinary elements, not text; these HTML tags end them.
FOREIGN_ELEMENTS = frozenset({"svg", "math"})
_BREAKOUT = frozenset(
    [
        "b",
        "big",
        "blockquote",
        "body",
        "br",
        "center",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "hr",
        "i",
        "img",
        "li",
        "listing",
        "menu",
        "meta",
        "nobr",
        "ol",
        "p",
        "pre",
        "ruby",
        "s",
        "small",
        "span",
        "strong",
        "strike",
        "sub",
        "sup",
        "table",
        "tt",
        "u",
        "ul",
        "var",
    ]
)


class ForeignContent:
    """Whether the markup read so far leaves the parser inside <svg> or <math>."""

    def __init__(self) -> None:
        self.depth = 0

    def see(self, markup: Markup) -> None:
        if markup.kind == "start":
            if markup.name in FOREIGN_ELEMENTS and not markup.self_closing:
                self.depth += 1
            elif self.depth and (
                markup.name in _BREAKOUT
                or (markup.name == "font" and any(a.name in ("color", "face", "size") for a in markup.attributes))
            ):
                self.depth = 0
        elif markup.kind == "end" and self.depth:
            if markup.name in FOREIGN_ELEMENTS:
                self.depth -= 1
            elif markup.name in ("br", "p"):
                self.depth = 0

    @property
    def inside(self) -> bool:
        return self.depth > 0


@functools.lru_cache(maxsize=32)
def _raw_text_end(name: str) -> re.Pattern[str]:
    return re.compile(f"</{re.escape(name)}[\t\n\x0c\r />]", re.IGNORECASE)


class MarkupState:
    """Where a browser is between pieces of one page: inside <script> or the like (their text is not
    markup up to the end tag), or inside <svg> or <math> (where <script> is an ordinary element)."""

    def __init__(self) -> None:
        self.raw_text: str | None = None
        self.foreign = ForeignContent()

    def take(self, markup: Markup) -> bool:
        """Whether the browser reads `markup` as markup (not text inside <script>); note what it opens."""
        if self.raw_text is not None:
            if markup.kind == "end" and markup.name == self.raw_text:
                self.raw_text = None
            return False
        self.foreign.see(markup)
        opens_text = markup.name in RAW_TEXT_ELEMENTS or markup.name == "plaintext"
        if markup.kind == "start" and not self.foreign.inside and opens_text:
            self.raw_text = markup.name
        return True


def scan_markup(
    text: str, start: int = 0, end: int | None = None, state: MarkupState | None = None
) -> Iterator[Markup]:
    """Every tag and comment a browser reads in text[start:end], in order; text inside <script>,
    <textarea> and the like is skipped up to their end tag, as a browser reads it (but not in SVG or
    MathML). `state` carries over from the page's earlier pieces and on to the next."""
    end = len(text) if end is None else end
    state = MarkupState() if state is None else state
    i = start
    while True:
        if state.raw_text is not None:
            if state.raw_text == "plaintext":
                return
            close = _raw_text_end(state.raw_text).search(text, i, end)
            if close is None:
                return
            i = close.start()
        i = text.find("<", i, end)
        if i < 0:
            return
        markup = read_markup(text, i, end)
        if markup is None:
            i += 1
            continue
        if state.take(markup) or markup.kind == "end":
            yield markup
        i = markup.end
