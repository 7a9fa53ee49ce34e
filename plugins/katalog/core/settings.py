"""The site's settings from site_config/site.yml, typed and checked once."""

from __future__ import annotations

import datetime
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

CONTACT_MODES = ("full", "role_only")


class SettingError(Exception):
    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.message = message


@dataclass(frozen=True)
class SiteSettings:
    name: str = "Katalog"
    owner: str = ""
    language: str = "da"
    description: str = ""
    repository: str = ""
    logo: str = ""
    colors: Mapping[str, str] = field(default_factory=dict)
    page_size: int = 50
    sanitize_html: bool = True
    # "full" keeps names, e-mails and phones (an intranet build); "role_only" publishes role and unit.
    contacts: str = "full"
    # An entry reviewed longer ago than this shows a notice; 0 turns the notice off.
    stale_after_months: int = 24
    # Words of body text in the search index, shared by all entries: a small catalogue is
    # searched in full, a huge one by the start of each body.
    search_body_words: int = 150_000


def _int(data: Mapping[str, Any], key: str, default: int, minimum: int) -> int:
    value = data.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise SettingError(key, f"expected a whole number of at least {minimum}, found {value!r}")
    return value


def _text(data: Mapping[str, Any], key: str, default: str = "") -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise SettingError(key, f"expected text, found {value!r}")
    return value


def parse_settings(data: Mapping[str, Any]) -> SiteSettings:
    contacts = _text(data, "contacts", "full")
    if contacts not in CONTACT_MODES:
        raise SettingError("contacts", f"expected one of {', '.join(CONTACT_MODES)}, found {contacts!r}")
    sanitize = data.get("sanitize_html", True)
    if not isinstance(sanitize, bool):
        raise SettingError("sanitize_html", f"expected true or false, found {sanitize!r}")
    colors = data.get("colors") or {}
    if not isinstance(colors, Mapping) or not all(isinstance(v, str) for v in colors.values()):
        raise SettingError("colors", "expected e.g. {primary: teal, accent: deep orange}")
    return SiteSettings(
        name=_text(data, "name", "Katalog"),
        owner=_text(data, "owner"),
        language=_text(data, "language", "da"),
        description=_text(data, "description"),
        repository=_text(data, "repository"),
        logo=_text(data, "logo"),
        colors=dict(colors),
        page_size=_int(data, "page_size", 50, 1),
        sanitize_html=sanitize,
        contacts=contacts,
        stale_after_months=_int(data, "stale_after_months", 24, 0),
        search_body_words=_int(data, "search_body_words", 150_000, 0),
    )


def build_date() -> datetime.date:
    """Today, or SOURCE_DATE_EPOCH's day, so a build can be reproduced byte for byte later."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.date.today()


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months
