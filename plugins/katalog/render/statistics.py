"""'Tal og overblik': the catalogue in figures, as SVG bar charts with their data as tables, and the map.

One chart for the types, one for each vocabulary the schema's term fields use (themes, statuses,
target groups, citizen roles, participation, ...; its terms in the vocabulary's order, which a fork
decides and which keeps ladders such as participation in order), and one for the years. The
vocabulary of the map (site_config/places.yml) is shown as the map instead, with its table.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..core.entries import Entry
from ..core.link.taxonomy import sort_date
from ..core.slugs import slugify
from .charts import Bar, bar_chart, chart_colour
from .denmark_map import Place, map_svg, places
from .pages import GeneratedPage, PageRenderer

STATS_PREFIX = "katalog-stats-"
PORTAL_MAP = "katalog-portal-map"


@dataclass
class Chart:
    id: str
    label: str
    bars: list[Bar]
    summary: str
    svg: Markup


class Statistics:
    def __init__(self, renderer: PageRenderer) -> None:
        self.renderer = renderer
        self.model = renderer.model
        self.tr = renderer.tr
        self.formats = renderer.formats
        self.config = self.model.catalogue.config
        self.colour = chart_colour(self.config.settings.colors)

    def src(self) -> str:
        return f"{slugify(self.tr('stats.title')) or 'stats'}/index.md"

    def page(self) -> GeneratedPage:
        src = self.src()
        heading = self.tr("stats.title")
        return GeneratedPage(src, heading, functools.partial(self.html, src, heading))

    def html(self, src: str, heading: str) -> str:
        total = len(self.model.catalogue.entries)
        return self.renderer.render(
            "katalog/statistics.html",
            heading=heading,
            intro=self.tr("stats.intro"),
            total=self.tr("stats.total", count=self.formats.count("entries", total)),
            map=self.map_block(src, STATS_PREFIX + "map"),
            charts=self.charts(src),
        )

    # --- charts -----------------------------------------------------------------------------------

    def charts(self, src: str) -> list[Chart]:
        charts = [self.chart("types", self.tr("stats.types"), self.type_bars(src), len(self.model.catalogue.entries))]
        site_map = self.config.site_map
        for name, taxonomy in self.model.taxonomies.items():
            vocabulary = self.config.vocabularies.get(name)
            if taxonomy.free or vocabulary is None or (site_map is not None and name == site_map.vocabulary):
                continue
            bars = []
            counted: set[str] = set()
            for key in vocabulary.terms:
                info = taxonomy.terms.get(key)
                if info is None:
                    bars.append(Bar(self.tr.pick(vocabulary.terms[key].label, key), 0, None))
                    continue
                counted.update(entry.id for entry in info.entries)
                href = self.model.link(self.model.term_src(taxonomy, info.slug), src)
                bars.append(Bar(info.label, len(info.entries), href))
            charts.append(self.chart(name, taxonomy.label, bars, len(counted)))
        years = self.years()
        if years:
            bars = [Bar(year, count, None) for year, count in sorted(years.items())]
            charts.append(self.chart("years", self.tr("stats.years"), bars, sum(years.values())))
        return charts

    def type_bars(self, src: str) -> list[Bar]:
        counts: dict[str, int] = {}
        for entry in self.model.catalogue.entries.values():
            counts[entry.type] = counts.get(entry.type, 0) + 1
        return [
            Bar(
                self.tr.pick(entry_type.plural, name),
                counts.get(name, 0),
                self.model.link(self.model.overview_src(name), src),
            )
            for name, entry_type in self.config.schema.types.items()
        ]

    def years(self) -> dict[str, int]:
        """Entries per year of the date the site sorts them by (an article's date, a period's start, a
        case's year, else when it was reviewed); entries with none are not counted."""
        years: dict[str, int] = {}
        for entry in self.model.catalogue.entries.values():
            year = _year(entry)
            if year:
                years[year] = years.get(year, 0) + 1
        return years

    def chart(self, name: str, label: str, bars: list[Bar], entries: int) -> Chart:
        chart_id = STATS_PREFIX + (slugify(name) or "chart")
        top = max(bars, key=lambda bar: bar.count, default=None)
        if top is None or top.count == 0:
            summary = self.tr("stats.chart_empty")
        else:
            summary = self.tr(
                "stats.chart_summary",
                entries=self.formats.count("entries", entries),
                terms=self.terms_text(sum(1 for bar in bars if bar.count)),
                top=top.label,
                count=self.formats.number(top.count),
            )
        svg = bar_chart(bars, self.colour, chart_id, f"{chart_id}-summary", self.formats.number, self.mark)
        return Chart(chart_id, label, bars, summary, svg)

    def terms_text(self, count: int) -> str:
        return self.tr(f"stats.terms.{'one' if count == 1 else 'other'}", count=self.formats.number(count))

    # --- the map ----------------------------------------------------------------------------------

    def map_block(self, src: str, block_id: str, more_href: str | None = None) -> dict[str, Any] | None:
        """What katalog/map.html shows: the map, its summary, the table of places, a link onwards."""
        site_map = self.config.site_map
        taxonomy = self.model.taxonomies.get(site_map.vocabulary) if site_map is not None else None
        if site_map is None or taxonomy is None or not taxonomy.terms:
            return None
        found = places(self.model, site_map, taxonomy, src)
        if not any(place.point is not None for place in found):
            return None  # no place of the catalogue's is on this map
        top = found[0]
        noun = taxonomy.singular if len(found) == 1 else taxonomy.label
        summary = self.tr(
            "stats.map_summary",
            places=f"{self.formats.number(len(found))} {noun.lower()}",
            top=top.label,
            count=self.formats.number(top.count),
        )
        svg = map_svg(site_map, found, self.colour, block_id, f"{block_id}-summary", self.mark_text)
        return {
            "id": block_id,
            "title": self.tr("stats.map_title"),
            "summary": summary,
            "svg": svg,
            "list_label": self.tr("stats.map_list"),
            "column": taxonomy.singular,
            "entries_label": self.tr("stats.entries"),
            "places": sorted(found, key=lambda place: (place.label, place.key)),
            "more_href": more_href,
            "more": self.tr("stats.map_more"),
        }

    def mark_text(self, place: Place) -> str:
        return self.mark(place.label, place.count)

    def mark(self, label: str, count: int) -> str:
        """What a bar or a mark says to a screen reader (and as a tooltip): "Aarhus: 3 poster"."""
        return self.tr("stats.mark", label=label, entries=self.formats.count("entries", count))

    def portal_map(self, src: str) -> dict[str, Any] | None:
        """The small map on the front page, with a link to the statistics page."""
        return self.map_block(src, PORTAL_MAP, self.model.link(self.src(), src))


def _year(entry: Entry) -> str:
    day = sort_date(entry)
    return day[:4] if len(day) >= 4 and day[:4].isdigit() else ""
