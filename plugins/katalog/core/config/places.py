"""The map's data in site_config/: the country's outline (map.yml) and where each term is (places.yml).

map.yml: `bounds: [west, south, east, north]` in degrees, the drawing's `width` and `height`, and the
outline as SVG path data (`path`) in that drawing. places.yml: the vocabulary the places belong to
(`vocabulary: municipalities`) and `places:`, each term's key with `[longitude, latitude]` (WGS 84).
Both are optional (a fork without them has no map); every problem is reported at its line. A places
file none of whose keys the vocabulary has (a fork that replaced the municipalities and kept these
files) gives no map and no problem.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from ..read.yamlnodes import FLOAT, INT, YScalar
from .findings import Text, did_you_mean, expected_text, hint_text
from .rules import ConfigFile, Item
from .vocabulary import Vocabulary

MAP_FILE = "site_config/map.yml"
PLACES_FILE = "site_config/places.yml"
MAP_KEYS = ("source", "licence", "bounds", "width", "height", "path")
PLACES_KEYS = ("vocabulary", "places")
_PATH = re.compile(r"[MmLlHhVvZzCcSsQqTtAa0-9eE.,+\- \n]*")
PLACE_EXAMPLE = "[10.2, 56.16]"


@dataclass(frozen=True)
class SiteMap:
    west: float
    south: float
    east: float
    north: float
    width: float
    height: float
    path: str
    vocabulary: str = ""
    places: Mapping[str, tuple[float, float]] = field(default_factory=dict)  # term key -> (lon, lat)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        """Equirectangular, longitudes shortened by the cosine of the middle latitude (as the outline)."""
        factor = math.cos(math.radians((self.south + self.north) / 2))
        scale = self.width / ((self.east - self.west) * factor)
        return (lon - self.west) * factor * scale, (self.north - lat) * scale

    def inside(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


def _number(item: Item) -> float | None:
    node = item.node
    value = node.value if isinstance(node, YScalar) and node.tag in (INT, FLOAT) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def read_outline(out: ConfigFile, root: Item) -> SiteMap | None:
    items = out.mapping(root, MAP_KEYS, required=("bounds", "width", "height", "path"))
    if items is None or not all(name in items for name in ("bounds", "width", "height", "path")):
        return None
    bounds = _bounds(out, items["bounds"])
    width = out.number(items["width"], 1)
    height = out.number(items["height"], 1)
    path = out.text(items["path"], visible=True)
    if path is not None and not _PATH.fullmatch(path):
        out.wrong(items["path"], expected_text("svg_path"))
        path = None
    if bounds is None or width is None or height is None or path is None:
        return None
    west, south, east, north = bounds
    return SiteMap(west, south, east, north, width, height, path)


def _bounds(out: ConfigFile, item: Item) -> tuple[float, float, float, float] | None:
    expected = expected_text("map_bounds")
    values = out.sequence(item, expected)
    if values is None:
        return None
    numbers = [_number(value) for value in values]
    if len(numbers) != 4 or any(n is None for n in numbers):
        out.wrong(item, expected)
        return None
    west, south, east, north = (float(n) for n in numbers if n is not None)
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        out.wrong(item, expected, code="out_of_range")
        return None
    return west, south, east, north


Reader = Callable[..., tuple[ConfigFile, Item | None]]  # reader.py's Reader.read(relative, required=...)


def read_site_map(read: Reader, vocabularies: Mapping[str, Vocabulary]) -> SiteMap | None:
    """The map, if site_config/ has map.yml; with the places of places.yml, if it has that too."""
    map_out, map_item = read(MAP_FILE, required=False)
    outline = read_outline(map_out, map_item) if map_item is not None else None
    places_out, places_item = read(PLACES_FILE, required=False)
    if places_item is None:
        return outline
    name, places = read_places(places_out, places_item, outline, vocabularies)
    return replace(outline, vocabulary=name, places=places) if outline is not None else None


def read_places(
    out: ConfigFile, root: Item, outline: SiteMap | None, vocabularies: Mapping[str, Vocabulary]
) -> tuple[str, dict[str, tuple[float, float]]]:
    """The vocabulary's name and each place's (longitude, latitude); a term the vocabulary lacks, a
    value that is not two numbers or a place off the map is reported (and left out)."""
    items = out.mapping(root, PLACES_KEYS, required=("vocabulary", "places"))
    if items is None or "places" not in items or "vocabulary" not in items:
        return "", {}
    name = out.text(items["vocabulary"], visible=True)
    vocabulary = vocabularies.get(name) if name is not None else None
    if name is not None and vocabulary is None:
        hint = did_you_mean(name, list(vocabularies)) or ""
        out.add("unknown_vocabulary", items["vocabulary"].pos, items["vocabulary"].key, hint=hint, value=name)
    entries = out.mapping(items["places"], example=f"{{aarhus: {PLACE_EXAMPLE}}}") or {}
    if vocabulary is not None and entries and not any(key in vocabulary.terms for key in entries):
        # Not one place is a term of the vocabulary: a fork that brought its own municipalities and kept
        # Katalog's Danish places. They are another country's, not typos: no map, and nothing to fix.
        return "", {}
    places: dict[str, tuple[float, float]] = {}
    for key, item in entries.items():
        if vocabulary is not None and key not in vocabulary.terms:
            hint = did_you_mean(key, list(vocabulary.terms)) or ""
            out.add("unknown_value", item.key_pos, item.key, hint=hint, value=key)
            continue
        point = _place(out, item, outline)
        if point is not None:
            places[key] = point
    return name or "", places


def _place(out: ConfigFile, item: Item, outline: SiteMap | None) -> tuple[float, float] | None:
    expected = expected_text("place", example=PLACE_EXAMPLE)
    values = out.sequence(item, expected)
    if values is None:
        return None
    numbers = [_number(value) for value in values]
    if len(numbers) != 2 or numbers[0] is None or numbers[1] is None:
        out.wrong(item, expected, hint=hint_text("place_order"))
        return None
    lon, lat = numbers[0], numbers[1]
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        out.wrong(item, expected, hint=hint_text("place_order"), code="out_of_range")
        return None
    if outline is not None and not outline.inside(lon, lat):
        bounds = f"{outline.west}–{outline.east}, {outline.south}–{outline.north}"
        message = Text("config.problems.place_outside", {"lon": lon, "lat": lat, "bounds": bounds})
        out.add("place_outside", item.pos, item.key, message=message, hint=hint_text("place_order"))
        return None
    return lon, lat
