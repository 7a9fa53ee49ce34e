"""Atom feeds of the newest entries: the whole catalogue, each type, each theme and each municipality.

A feed lives beside the page it follows (`temaer/klima/feed.xml` beside `temaer/klima/`), holds that
page's newest entries by the date below, and shows of each entry what every visitor may see of it on
a card: title, summary, type, themes and places, never a contact (with `contacts: role_only` a field
marked personal is left out here as on the pages). Every text is XML-escaped, and characters XML 1.0
cannot carry at all (control characters) are left out.
"""

from __future__ import annotations

import datetime
import heapq
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ..core.config.settings import build_date
from ..core.entries import Entry
from ..core.hints import fold
from ..core.link.taxonomy import CATALOGUE_FILTERS, Taxonomy
from .model import SiteModel
from .views import EntryViews

FEED_FILE = "feed.xml"
FEED_ENTRIES = 20  # entries per feed, newest first
ATOM_TYPE = "application/atom+xml"
DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
# What XML 1.0 cannot hold (C0 controls but tab and newlines, lone surrogates, U+FFFE/U+FFFF), and the
# C1 controls and DEL, which it can but which no title means.
_NOT_XML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


def xml_attribute(text: str) -> str:
    """A quoted attribute value."""
    return quoteattr(_NOT_XML.sub("", text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _day(value: object) -> str | None:
    """YYYY-MM-DD of a date, a partial date (its first day) or a year; None when it is none of them."""
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    match = DATE.fullmatch(str(value).strip()) if value not in (None, "") else None
    if match is None:
        return None
    year, month, day = match.groups()
    return f"{year}-{month or '01'}-{day or '01'}"


@dataclass(frozen=True)
class Feed:
    path: str  # the feed file's site path, e.g. temaer/klima/feed.xml
    page_src: str  # the page it follows
    title: str  # that page's heading
    entries: tuple[Entry, ...]


def feed_path(page_src: str) -> str:
    """Beside the page: `temaer/klima/index.md` -> `temaer/klima/feed.xml`."""
    folder = posixpath.dirname(page_src)
    return f"{folder}/{FEED_FILE}" if folder else FEED_FILE


class Feeds:
    def __init__(self, model: SiteModel, views: EntryViews) -> None:
        self.model = model
        self.views = views
        self.config = model.catalogue.config
        self.tr = model.tr
        self._updated: dict[str, str | None] = {}
        self._keys: dict[str, tuple[int, str, str]] | None = None
        self._categories: dict[tuple[str, str], str] = {}  # (vocabulary or "", key) -> <category/>

    def updated(self, entry: Entry) -> str | None:
        """Atom's <updated> of an entry: the latest of `reviewed` (when its content was last confirmed
        correct) and an article's `date` (when it was published). An entry with neither is dated by
        when it happened, the date the site's lists sort it by: its period's start, or a case's year.
        An entry with no date at all (a visitkort never reviewed) cannot be placed among the newest
        and is in no feed. Fields hidden by the privacy setting are not read."""
        known = self._updated.get(entry.id, "")
        if known != "":
            return known
        fields = self.model.entry_type(entry).fields
        data = entry.data

        def value(name: str) -> object:
            field_ = fields.get(name)
            return data.get(name) if field_ is not None and self.views.published(field_) else None

        confirmed = [day for day in (_day(value("reviewed")), _day(value("date"))) if day]
        day: str | None = max(confirmed) if confirmed else None
        if day is None:
            period = value("period")
            start = period.get("start") if isinstance(period, dict) else None
            day = _day(start) or _day(value("year"))
        self._updated[entry.id] = day
        return day

    def sort_keys(self) -> dict[str, tuple[int, str, str]]:
        """Each dated entry's place in a feed: newest first, then by title and id. Made once for all
        feeds (an entry is in four or five); an undated entry has none."""
        if self._keys is None:
            self._keys = {}
            for entry in self.model.catalogue.entries.values():
                day = self.updated(entry)
                if day is not None:
                    self._keys[entry.id] = (-int(day.replace("-", "")), fold(entry.title), entry.id)
        return self._keys

    def newest(self, entries: Iterable[Entry]) -> tuple[Entry, ...]:
        keys = self.sort_keys()
        dated = ((keys[entry.id], entry) for entry in entries if entry.id in keys)
        return tuple(entry for _, entry in heapq.nsmallest(FEED_ENTRIES, dated, key=lambda one: one[0]))

    def plan(self) -> list[Feed]:
        """Every feed: the whole catalogue, each type, each term of the catalogue's filters (themes and
        municipalities) that has a page."""
        model = self.model
        entries = list(model.catalogue.entries.values())
        whole = model.overview_src(None)
        feeds = [Feed(feed_path(whole), whole, self.tr("ui.catalogue"), self.newest(entries))]
        for entry_type in self.config.schema.types.values():
            src = model.overview_src(entry_type.name)
            title = self.tr.pick(entry_type.plural, entry_type.name)
            own = (entry for entry in entries if entry.type == entry_type.name)
            feeds.append(Feed(feed_path(src), src, title, self.newest(own)))
        for name in CATALOGUE_FILTERS:
            taxonomy = model.taxonomies.get(name)
            if taxonomy is None:
                continue
            for info in taxonomy.sorted_terms():
                src = model.term_src(taxonomy, info.slug)
                title = f"{taxonomy.singular}: {info.label}"
                feeds.append(Feed(feed_path(src), src, title, self.newest(info.entries)))
        return feeds

    # --- Atom ---------------------------------------------------------------------------------

    def absolute(self, path: str) -> str:
        return self.config.settings.site_url + path

    def page_address(self, src: str) -> str:
        return self.absolute(self.model.url(src))

    def atom(self, feed: Feed) -> str:
        settings = self.config.settings
        site = settings.name
        days = [day for day in (self.updated(entry) for entry in feed.entries) if day]
        updated = max(days) if days else self.catalogue_updated()
        lines = [
            '<?xml version="1.0" encoding="utf-8"?>',
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={xml_attribute(self.tr.language)}>',
            f"<id>{xml_text(self.absolute(feed.path))}</id>",
            f"<title>{xml_text(self.tr('ui.feed_title', site=site, title=feed.title))}</title>",
            f"<updated>{updated}T00:00:00Z</updated>",
            f'<link rel="self" type="{ATOM_TYPE}" href={xml_attribute(self.absolute(feed.path))}/>',
            f'<link rel="alternate" type="text/html" href={xml_attribute(self.page_address(feed.page_src))}/>',
            f"<author><name>{xml_text(settings.owner or site)}</name></author>",
            "<generator>Katalog</generator>",
        ]
        lines.extend(self.entry_xml(entry) for entry in feed.entries)
        lines.append("</feed>")
        return "\n".join(lines) + "\n"

    def catalogue_updated(self) -> str:
        days = [day for day in (self.updated(e) for e in self.model.catalogue.entries.values()) if day]
        return max(days) if days else build_date().isoformat()

    def entry_xml(self, entry: Entry) -> str:
        address = self.page_address(self.model.entry_src(entry))
        categories = [self.type_category(entry)]
        for name in CATALOGUE_FILTERS:
            taxonomy = self.model.taxonomies.get(name)
            if taxonomy is not None:
                categories.extend(self.categories(entry, taxonomy))
        parts = [
            "<entry>",
            f"<id>{xml_text(address)}</id>",
            f'<title type="text">{xml_text(entry.title)}</title>',
            f'<link rel="alternate" type="text/html" href={xml_attribute(address)}/>',
            f"<updated>{self.updated(entry)}T00:00:00Z</updated>",
            f'<summary type="text">{xml_text(entry.summary)}</summary>',
            *categories,
            "</entry>",
        ]
        return "\n".join(parts)

    def type_category(self, entry: Entry) -> str:
        made = self._categories.get(("", entry.type))
        if made is None:
            label = self.tr.pick(self.model.entry_type(entry).label, entry.type)
            scheme = self.page_address(self.model.overview_src(entry.type))
            made = self._categories[("", entry.type)] = _category(entry.type, label, scheme)
        return made

    def categories(self, entry: Entry, taxonomy: Taxonomy) -> list[str]:
        """The entry's terms of one vocabulary, from the fields the privacy setting publishes."""
        fields = self.model.entry_type(entry).fields
        found: dict[str, str] = {}
        for name in taxonomy.fields:
            field_ = fields.get(name)
            if field_ is None or not self.views.published(field_):
                continue
            value = entry.data.get(name)
            for key in value if isinstance(value, list) else [value] if value is not None else []:
                info = taxonomy.terms.get(str(key))
                if info is None or info.key in found:
                    continue
                made = self._categories.get((taxonomy.name, info.key))
                if made is None:
                    scheme = self.page_address(self.model.taxonomy_src(taxonomy))
                    made = self._categories[(taxonomy.name, info.key)] = _category(info.key, info.label, scheme)
                found[info.key] = made
        return list(found.values())


def _category(term: str, label: str, scheme: str) -> str:
    return f"<category term={xml_attribute(term)} scheme={xml_attribute(scheme)} label={xml_attribute(label)}/>"
