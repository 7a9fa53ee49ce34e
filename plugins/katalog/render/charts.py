"""Bar charts as SVG, drawn at build time: no script, each bar a link, text at the page's own size.

The SVG has no viewBox: its width is the column's, bars are percentages of it and the labels stay at
the size of the text around them, on a phone as on a desk. The colour is the site's primary colour
(site.yml `colors`), darkened when needed until it has WCAG AA contrast (4.5:1) with the white page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..core.config.rules import is_hex_colour
from ..core.config.theme import colour_name

WHITE = "#ffffff"
AA_TEXT = 4.5  # WCAG 2 AA, normal text; graphics need 3:1 (1.4.11), the bars get the stricter ratio
# Material for MkDocs' primary colours (its palette stylesheet's --md-primary-fg-color), for a site
# whose site.yml names one; indigo is Material's default.
MATERIAL_PRIMARY = {
    "red": "#ef5552", "pink": "#e92063", "purple": "#ab47bd", "deep purple": "#7e56c2", "indigo": "#4051b5",
    "blue": "#2094f3", "light blue": "#02a6f2", "cyan": "#00bdd6", "teal": "#009485", "green": "#4cae4f",
    "light green": "#8bc34b", "lime": "#cbdc38", "yellow": "#ffec3d", "amber": "#ffc105", "orange": "#ffa724",
    "deep orange": "#ff6e42", "brown": "#795649", "grey": "#757575", "blue grey": "#546d78", "black": "#000000",
    "white": "#ffffff",
}  # fmt: skip
DEFAULT_PRIMARY = "indigo"

ROW = 44  # one bar: its label line and the bar under it
LABEL_Y = 17
BAR_Y = 24
BAR_HEIGHT = 12
LABEL_CHARACTERS = 48  # a longer label is cut with an ellipsis (the table below has it whole)


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of an sRGB hex colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2's contrast ratio, 1 to 21."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def darken(colour: str, share: float) -> str:
    r, g, b = (round(v * (1 - share)) for v in _rgb(colour))
    return f"#{r:02x}{g:02x}{b:02x}"


def site_colour(colors: Mapping[str, str]) -> str:
    """The site's primary colour as hex: site.yml's hex colour, or the Material colour it names."""
    value = str(colors.get("primary") or DEFAULT_PRIMARY).strip()
    if is_hex_colour(value):
        return "#" + "".join(ch * 2 for ch in value[1:]) if len(value) == 4 else value.lower()
    return MATERIAL_PRIMARY.get(colour_name(value), MATERIAL_PRIMARY[DEFAULT_PRIMARY])


def chart_colour(colors: Mapping[str, str], background: str = WHITE, ratio: float = AA_TEXT) -> str:
    """The site's colour, darkened in steps of 5 % until it reaches `ratio` against the background."""
    colour = site_colour(colors)
    share = 0.0
    while contrast(colour, background) < ratio and share < 1:
        share = round(share + 0.05, 2)
        colour = darken(site_colour(colors), share)
    return colour


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    href: str | None  # its term page, or None (no page: a year, a term no entry has)


def _cut(text: str) -> str:
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1].rstrip() + "…"


def bar_chart(
    bars: Sequence[Bar],
    colour: str,
    labelledby: str,
    describedby: str,
    number: Callable[[int], str],
    name: Callable[[str, int], str],
) -> Markup:
    """One chart; `number` formats a count in the site's language, `name` says a bar in words (its link's
    accessible name, "Ældre: 3 poster", rather than the label and the number run together)."""
    top = max((bar.count for bar in bars), default=0) or 1
    rows = []
    for index, bar in enumerate(bars):
        y = index * ROW
        share = bar.count / top * 100
        width = f"{max(share, 0.5):.2f}%" if bar.count else "0"
        parts = [
            f'<text class="katalog-chart-label" x="0" y="{y + LABEL_Y}">{escape(_cut(bar.label))}</text>',
            f'<text class="katalog-chart-count" x="100%" y="{y + LABEL_Y}" text-anchor="end">'
            f"{escape(number(bar.count))}</text>",
            f'<rect class="katalog-chart-bar" x="0" y="{y + BAR_Y}" width="{width}" height="{BAR_HEIGHT}" rx="2"'
            f' fill="{colour}"/>',
        ]
        if bar.href is not None:
            hit = f'<rect class="katalog-chart-hit" x="0" y="{y}" width="100%" height="{ROW}" fill="transparent"/>'
            said = escape(name(bar.label, bar.count))
            rows.append(
                f'<a class="katalog-chart-link" href="{escape(bar.href)}" aria-label="{said}">{hit}{"".join(parts)}</a>'
            )
        else:
            rows.append(f'<g class="katalog-chart-row">{"".join(parts)}</g>')
    height = max(len(bars), 1) * ROW
    return Markup(
        f'<svg class="katalog-chart-svg" xmlns="http://www.w3.org/2000/svg" width="100%" height="{height}"'
        f' role="group" aria-labelledby="{escape(labelledby)}" aria-describedby="{escape(describedby)}">'
        + "".join(rows)
        + "</svg>"
    )
