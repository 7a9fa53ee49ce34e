"""Write site_config/map.yml: Denmark's outline as compact SVG path data, for the map (render/denmark_map.py).

Run once, by hand; the result is committed and no build reads the source:

    npm install --prefix ~/.cache/katalog-npm world-atlas@2.0.2
    .venv/bin/python -m katalog.tools.denmark_outline ~/.cache/katalog-npm/node_modules/world-atlas/countries-10m.json

The source is Natural Earth's 1:10m "Admin 0 – Countries" (version 4.1.0), public domain, as TopoJSON in
the npm package world-atlas. The projection is equirectangular with longitudes shortened by the cosine
of the map's middle latitude, which is close enough at the scale of one small country; the places of
site_config/places.yml are drawn with the same numbers (bounds, width, height).
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Sequence
from pathlib import Path

COUNTRY = "208"  # ISO 3166-1 numeric: Denmark (Greenland and the Faroe Islands are countries of their own here)
BOUNDS = (8.0, 54.53, 15.25, 57.78)  # west, south, east, north (degrees)
WIDTH = 600  # user units of the SVG; the height follows from the projection
TOLERANCE = 0.55  # Douglas-Peucker, in user units
SMALLEST = 2.0  # islands smaller than this (square user units) are left out

Point = tuple[float, float]


def project(lon: float, lat: float) -> Point:
    west, south, east, north = BOUNDS
    factor = math.cos(math.radians((south + north) / 2))
    scale = WIDTH / ((east - west) * factor)
    return (lon - west) * factor * scale, (north - lat) * scale


def height() -> int:
    return math.ceil(project(BOUNDS[0], BOUNDS[1])[1])


def decode_arcs(topology: dict[str, object]) -> list[list[Point]]:
    transform = topology["transform"]
    assert isinstance(transform, dict)
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = topology["arcs"]
    assert isinstance(arcs, list)
    decoded = []
    for arc in arcs:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def ring(indices: Sequence[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (a long coast would overflow recursion)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, distance = -1, tolerance
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if d > distance:
                farthest, distance = i, d
        if farthest > 0:
            keep[farthest] = True
            stack.extend([(first, farthest), (farthest, last)])
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def area(points: list[Point]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True))) / 2


def path_data(rings: list[list[Point]]) -> str:
    """Absolute first point, then relative steps in tenths of a unit: compact and exact to 0.1."""
    parts = []
    for points in rings:
        tenths = [(round(x * 10), round(y * 10)) for x, y in points]
        steps = [f"M{tenths[0][0] / 10:g} {tenths[0][1] / 10:g}l"]
        previous = tenths[0]
        moves = []
        for point in tenths[1:]:
            dx, dy = point[0] - previous[0], point[1] - previous[1]
            if dx or dy:
                moves.append(f"{dx / 10:g} {dy / 10:g}")
            previous = point
        steps.append(" ".join(moves).replace(" -", "-"))
        parts.append("".join(steps) + "z")
    return "".join(parts)


def outline(topology: dict[str, object]) -> str:
    arcs = decode_arcs(topology)
    objects = topology["objects"]
    assert isinstance(objects, dict)
    country = next(g for g in objects["countries"]["geometries"] if g.get("id") == COUNTRY)
    polygons = country["arcs"] if country["type"] == "MultiPolygon" else [country["arcs"]]
    rings = []
    for polygon in polygons:
        for indices in polygon:
            projected = [project(lon, lat) for lon, lat in ring(indices, arcs)]
            simple = simplify(projected, TOLERANCE)
            if len(simple) >= 4 and area(simple) >= SMALLEST:
                rings.append(simple[:-1] if simple[0] == simple[-1] else simple)
    return path_data(rings)


HEADER = """\
# Denmark's outline for the map of the statistics page and the front page (render/denmark_map.py).
# Made once by plugins/katalog/tools/denmark_outline.py; a fork for another country writes its own
# file of the same form (bounds: west, south, east, north in degrees; width and height of the drawing;
# path: SVG path data in that drawing) and its own places.yml.
# Source: Natural Earth 1:10m Admin 0 - Countries, version 4.1.0, from the npm package world-atlas 2.0.2
# (countries-10m.json). Licence: Natural Earth is in the public domain (naturalearthdata.com, terms of use).
# Projection: equirectangular, longitudes shortened by the cosine of the middle latitude.
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("topojson", type=Path, help="world-atlas's countries-10m.json")
    parser.add_argument("--out", type=Path, default=Path("site_config/map.yml"))
    args = parser.parse_args(argv)
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    path = outline(topology)
    west, south, east, north = BOUNDS
    text = (
        f'{HEADER}source: "Natural Earth 1:10m Admin 0 - Countries 4.1.0 (world-atlas 2.0.2)"\n'
        f'licence: "Public domain"\n'
        f"bounds: [{west}, {south}, {east}, {north}]\n"
        f"width: {WIDTH}\nheight: {height()}\n"
        f'path: "{path}"\n'
    )
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(path)} characters of path data")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
