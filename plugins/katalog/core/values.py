"""Checks of single values by kind: text, dates, e-mail, URL, ... Pure functions, no YAML."""

from __future__ import annotations

import datetime
import re
import unicodedata
from urllib.parse import urlsplit

# [0-9], not \d: \d also matches other scripts' digits (e.g. full-width "２０２６"), which int() reads
# but datetime.date.fromisoformat() and every reader after us reject.
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"\+?[0-9][0-9 ()\-]{5,22}")

YEAR_RANGE = (1800, 2200)
# The key that says when an entry's content was last confirmed: never after the build's day.
REVIEWED_KEY = "reviewed"

# Control characters (a YAML escape such as "\e" makes them) and the bidirectional overrides and
# isolates, which make text display in another order than it is stored ("Trojan Source").
ODD_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})


def is_invisible(text: str) -> bool:
    """True for text that shows nothing: only spaces, zero-width and combining characters."""
    if text[:1].isalnum():  # a letter or a digit (never of those categories) shows
        return False
    return all(unicodedata.category(ch) in _INVISIBLE for ch in text)


def parse_date(text: str) -> datetime.date | str | None:
    """A date, None when not of the form YYYY-MM-DD, or "impossible" for e.g. 2025-02-30."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return "impossible"


def parse_partial_date(text: str) -> tuple[int, ...] | str | None:
    """(year,), (year, month) or (year, month, day); None if malformed, "impossible" if no such date."""
    match = _PARTIAL_DATE.fullmatch(text.strip())
    if not match:
        return None
    parts = tuple(int(p) for p in match.groups() if p is not None)
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return "impossible"
    return parts


def is_before(later: tuple[int, ...], earlier: tuple[int, ...]) -> bool:
    """True when `later` is certainly before `earlier`, compared at their common precision."""
    common = min(len(later), len(earlier))
    return later[:common] < earlier[:common]


def is_email(text: str) -> bool:
    return _EMAIL.fullmatch(text.strip()) is not None


def is_phone(text: str) -> bool:
    return _PHONE.fullmatch(text.strip()) is not None


_SPACE = re.compile(r"\s")  # for str patterns, exactly what str.isspace() calls a space


def is_web_url(text: str) -> bool:
    if _SPACE.search(text.strip()):
        return False
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and "." in parts.netloc
