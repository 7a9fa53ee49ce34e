"""The map of where the entries come from: the country's outline (site_config/map.yml) with a circle
on each place (site_config/places.yml) that has entries, its area by the count, linked to its term page.

Drawn at build time as inline SVG: no tiles, no script, no request to anyone. The places with their
counts are also given as a table of links (templates katalog/map.html), for keyboards and screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..core.config.places import SiteMap
from ..core.link.taxonomy import Taxonomy
from .model import SiteModel

LAND = "#e4e9ec"  # the country; marks need 3:1 against it (WCAG 1.4.11), tested
COAST = "#8a979f"
SMALLEST = 4.0  # radius of a place with one entry, in the drawing's units (600 wide)
LARGEST = 16.0  # radius of the place with the most


@dataclass(frozen=True)
class Place:
    key: str
    label: str
    count: int
    href: str
    point: tuple[float, float] | None  # where it is drawn; None: places.yml does not have it


def places(model: SiteModel, site_map: SiteMap, taxonomy: Taxonomy, src: str) -> list[Place]:
    """Every term of the map's vocabulary that has entries, most entries first, then by name."""
    found = []
    for info in taxonomy.terms.values():
        position = site_map.places.get(info.key)
        point = site_map.point(*position) if position is not None else None
        href = model.link(model.term_src(taxonomy, info.slug), src)
        found.append(Place(info.key, info.label, len(info.entries), href, point))
    return sorted(found, key=lambda place: (-place.count, place.label, place.key))


def radius(count: int, most: int) -> float:
    """A circle's area grows with the count: sqrt, so twice the entries look twice as big."""
    if most <= 1:
        return SMALLEST
    return SMALLEST + (LARGEST - SMALLEST) * math.sqrt((count - 1) / (most - 1))


def map_svg(
    site_map: SiteMap,
    found: list[Place],
    colour: str,
    labelledby: str,
    describedby: str,
    mark_text: Callable[[Place], str],
) -> Markup:
    most = max((place.count for place in found), default=0)
    marks = []
    # The largest first, so a small place near a large one is drawn on top and stays clickable.
    for place in sorted(found, key=lambda p: (-p.count, p.label, p.key)):
        if place.point is None:
            continue
        x, y = place.point
        text = escape(mark_text(place))
        marks.append(
            f'<a class="katalog-map-mark" href="{escape(place.href)}" aria-label="{text}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius(place.count, most):.1f}" fill="{colour}"'
            f' stroke="#ffffff" stroke-width="1.5"/><title>{text}</title></a>'
        )
    width, height = f"{site_map.width:g}", f"{site_map.height:g}"
    return Markup(
        f'<svg class="katalog-map-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' role="group" aria-labelledby="{escape(labelledby)}" aria-describedby="{escape(describedby)}">'
        f'<path class="katalog-map-land" d="{escape(site_map.path)}" fill="{LAND}" stroke="{COAST}"'
        ' stroke-width="0.6" stroke-linejoin="round"/>' + "".join(marks) + "</svg>"
    )
