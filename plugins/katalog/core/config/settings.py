"""The site's settings from site_config/site.yml, typed and checked once.

`read_settings` checks every key and reports each problem where it stands; a value it refuses is
replaced by its default, so the rest of site_config/ can still be checked.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..problems import Position
from .findings import did_you_mean, expected_text, hint_text, listing, shown
from .logo import read_logo
from .rules import NAME, ConfigFile, Item, is_null
from .theme import COLOR_ROLES, colour_name, theme_languages

CONTACT_MODES = ("full", "role_only")
DEFAULT_ARTICLES_FOLDER = "vidensbank"
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class SimilarSettings:
    weights: Mapping[str, float]
    threshold: float = 2.0
    limit: int = 5
    max_postings: int = 100


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
    similar: SimilarSettings = field(default_factory=lambda: SimilarSettings(weights={}))
    # Where Decap CMS writes new articles, under content/.
    articles_folder: str = DEFAULT_ARTICLES_FOLDER
    # Where the site is published (https://kommune.dk/katalog/): the sitemap and canonical links need it.
    site_url: str = ""
    # Entries the front page shows first: (id, where site.yml names it), checked against the catalogue.
    featured: tuple[tuple[str, Position], ...] = ()


# Every key of site.yml; anything else is a typo (e.g. `sanitise_html`) and an error.
SITE_KEYS = (
    "name", "owner", "language", "description", "repository", "logo", "colors", "page_size", "sanitize_html",
    "contacts", "stale_after_months", "search_body_words", "similar", "articles_folder", "site_url", "featured",
)  # fmt: skip
SIMILAR_KEYS = ("threshold", "limit", "max_postings", "weights")
SITE_NUMBERS = {"page_size": 1, "stale_after_months": 0}
# Keys an older Katalog read: an error that says so, rather than a setting quietly ignored.
OBSOLETE_KEYS = ("search_body_words",)


@dataclass(frozen=True)
class SettingsContext:
    root: Path  # the repository: the logo must be inside it
    languages: Collection[str]  # languages with a file in site_config/i18n/


def read_settings(out: ConfigFile, node: Item, context: SettingsContext) -> SiteSettings:
    """The settings of site.yml's root node (None for an empty file: every default)."""
    if is_null(node.node):
        _missing_site_url(out, node)
        return SiteSettings()
    items = out.mapping(node, SITE_KEYS, example="name: Katalog")
    if items is None:
        return SiteSettings()
    values: dict[str, object] = {}

    def given(key: str) -> Item | None:
        item = items.get(key)
        return item if item is not None and not is_null(item.node) else None

    for key in ("owner", "description"):
        if (item := given(key)) is not None and (text := out.text(item)) is not None:
            values[key] = text
    if (item := given("name")) is not None and (text := out.text(item, visible=True)) is not None:
        values["name"] = text
    if (item := given("language")) is not None and (language := _language(out, item, context)) is not None:
        values["language"] = language
    if (item := given("repository")) is not None and (text := out.text(item)) is not None:
        if text and _REPOSITORY.fullmatch(text) is None:
            out.wrong(item, expected_text("repository", example="kommune/katalog"))
        else:
            values["repository"] = text
    if (item := given("logo")) is not None and (logo := read_logo(out, item, context.root)) is not None:
        values["logo"] = logo
    if (item := given("colors")) is not None:
        values["colors"] = _colors(out, item)
    for key in OBSOLETE_KEYS:
        if (item := items.get(key)) is not None:
            out.add("obsolete_setting", item.key_pos, key, hint=hint_text(key), name=key)
    for key, minimum in SITE_NUMBERS.items():
        if (item := given(key)) is not None and (number := out.whole_number(item, minimum)) is not None:
            values[key] = number
    if (item := given("sanitize_html")) is not None and (flag := out.boolean(item)) is not None:
        values["sanitize_html"] = flag
    if (item := given("contacts")) is not None and (mode := out.choice(item, CONTACT_MODES)) is not None:
        values["contacts"] = mode
    if (item := given("similar")) is not None:
        values["similar"] = _similar(out, item)
    if (item := given("articles_folder")) is not None and (folder := _folder(out, item)) is not None:
        values["articles_folder"] = folder
    if (item := given("site_url")) is None:
        _missing_site_url(out, items.get("site_url") or node)
    elif (url := _site_url(out, item)) is not None:
        values["site_url"] = url
    if (item := given("featured")) is not None and (featured := _featured(out, item)) is not None:
        values["featured"] = featured
    return SiteSettings(**values)  # type: ignore[arg-type]


def _language(out: ConfigFile, item: Item, context: SettingsContext) -> str | None:
    language = out.text(item)
    if language is None:
        return None
    available = sorted(context.languages)
    if language not in available:
        out.add(
            "unknown_language",
            item.pos,
            item.key,
            expected=expected_text("language", values=listing(available)),
            hint=did_you_mean(language, available) or hint_text("language", value=language),
            value=language,
        )
        return None
    theme = theme_languages()
    if theme is not None and language not in theme:
        out.add("theme_language", item.pos, item.key, hint=did_you_mean(language, theme) or "", value=language)
        return None
    return language


SITE_URL_EXAMPLE = "https://kommune.dk/katalog/"


def _missing_site_url(out: ConfigFile, item: Item) -> None:
    hint = hint_text("site_url", example=SITE_URL_EXAMPLE)
    if item.key == "site_url":  # `site_url:` with no value
        out.wrong(item, expected_text("site_url", example=SITE_URL_EXAMPLE), hint)
        return
    out.add("missing_key", item.key_pos, "site_url", hint=hint, name="site_url")


def _site_url(out: ConfigFile, item: Item) -> str | None:
    """An absolute http(s) address with a host, ending in / (MkDocs adds page paths to it)."""
    text = out.text(item)
    if text is None:
        return None
    url = normal_site_url(text)
    if url is None:
        out.add(
            "bad_site_url",
            item.pos,
            item.key,
            expected=expected_text("site_url", example=SITE_URL_EXAMPLE),
            hint=hint_text("site_url", example=SITE_URL_EXAMPLE),
            value=shown(text),
        )
        return None
    return url


def normal_site_url(text: str) -> str | None:
    """An absolute http(s) address with a host, ending in / (MkDocs adds page paths to it); None if not."""
    url = text.strip()
    try:
        parts = urlsplit(url)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and not parts.query and not parts.fragment
    except ValueError:
        valid = False
    if not valid or any(char.isspace() or char in '<>"\\' for char in url):
        return None
    return url if url.endswith("/") else url + "/"


def _featured(out: ConfigFile, item: Item) -> tuple[tuple[str, Position], ...] | None:
    """Ids of entries, each once; whether they exist is checked with the catalogue (core/link/featured.py)."""
    items = out.sequence(item, expected_text("id_list", example="[kommune-3-0, faxe-visitkort]"))
    if items is None:
        return None
    featured: list[tuple[str, Position]] = []
    for one in items:
        text = out.text(one)
        if text is None:
            continue
        if text in (known for known, _ in featured):
            out.add("duplicate_featured", one.pos, one.key, hint=hint_text("duplicate_featured"), value=shown(text))
            continue
        featured.append((text, one.pos))
    return tuple(featured)


def _folder(out: ConfigFile, item: Item) -> str | None:
    text = out.text(item)
    if text is None:
        return None
    parts = text.strip("/").split("/")
    if text.startswith("/") or not all(NAME.fullmatch(part) for part in parts):
        out.add(
            "unsafe_name",
            item.pos,
            item.key,
            expected=expected_text("path", example=DEFAULT_ARTICLES_FOLDER),
            hint=hint_text("unsafe_name"),
            value=text,
        )
        return None
    return "/".join(parts)


def _colors(out: ConfigFile, item: Item) -> dict[str, str]:
    items = out.mapping(item, COLOR_ROLES, example="{primary: teal, accent: deep orange}")
    colors: dict[str, str] = {}
    for role, one in (items or {}).items():
        if is_null(one.node):
            continue
        value = out.colour(one, COLOR_ROLES[role], colour_name)
        if value is not None:
            colors[role] = value
    return colors


def _similar(out: ConfigFile, item: Item) -> SimilarSettings:
    default = SimilarSettings(weights={})
    items = out.mapping(item, SIMILAR_KEYS, example="{threshold: 3, limit: 5}")
    if items is None:
        return default
    threshold, limit, max_postings = default.threshold, default.limit, default.max_postings
    if "threshold" in items and (number := out.number(items["threshold"], 0)) is not None:
        threshold = number
    if "limit" in items and (whole := out.whole_number(items["limit"], 1)) is not None:
        limit = whole
    if "max_postings" in items and (whole := out.whole_number(items["max_postings"], 0)) is not None:
        max_postings = whole
    weights: dict[str, float] = {}
    if "weights" in items and not is_null(items["weights"].node):
        for name, one in (out.mapping(items["weights"], example="{themes: 2, tags: 3}") or {}).items():
            if (weight := out.number(one, 0)) is not None:
                weights[name] = weight
    return SimilarSettings(weights=weights, threshold=threshold, limit=limit, max_postings=max_postings)


def build_date() -> datetime.date:
    """Today, or SOURCE_DATE_EPOCH's day, so a build can be reproduced byte for byte later."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
    return datetime.date.today()


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months
