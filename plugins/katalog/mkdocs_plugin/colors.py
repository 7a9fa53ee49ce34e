"""A fork's colours: Material's palette names pass through; hex colours become a custom palette.

`katalog check` has already refused anything else (core/config/settings.py); what is left here is made safe
anyway: an unknown name is dropped rather than passed on.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..core.config.rules import is_hex_colour
from ..core.config.theme import COLOR_ROLES, colour_name


def palette_and_css(colors: Mapping[str, str]) -> tuple[dict[str, str], str]:
    """(theme palette, CSS for custom colours). Material reads custom colours from CSS variables."""
    palette: dict[str, str] = {}
    rules: list[str] = []
    for role, names in COLOR_ROLES.items():
        value = colors.get(role)
        if not isinstance(value, str) or not value.strip():
            continue
        value = value.strip()
        if is_hex_colour(value):
            palette[role] = "custom"
            rules.append(f"  --md-{role}-fg-color: {value};")
            if role == "primary":
                rules.append(f"  --md-primary-fg-color--dark: {value};")
                rules.append(f"  --md-typeset-a-color: {value};")
        elif colour_name(value) in names:
            # Material writes the name into an attribute its CSS matches exactly: "deep orange".
            palette[role] = colour_name(value)
    css = ":root > * {\n" + "\n".join(rules) + "\n}\n" if rules else ""
    return palette, css
