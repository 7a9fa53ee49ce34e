"""Which URLs a link or an image may hold: the allowed schemes, and for web links a host the
sanitiser can parse, read as a browser reads it."""

from __future__ import annotations

import html
import ipaddress
import re
from urllib.parse import unquote, urlsplit

from .htmlpolicy import IMAGE_SCHEMES, LINK_SCHEMES

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
