"""A fork's colours: Material's palette names pass through; hex colours become a custom palette."""

from __future__ import annotations

import re
from collections.abc import Mapping

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def palette_and_css(colors: Mapping[str, str]) -> tuple[dict[str, str], str]:
    """(theme palette, CSS for custom colours). Material reads custom colours from CSS variables."""
    palette: dict[str, str] = {}
    rules: list[str] = []
    for role in ("primary", "accent"):
        value = colors.get(role)
        if not value:
            continue
        if _HEX.fullmatch(value):
            palette[role] = "custom"
            rules.append(f"  --md-{role}-fg-color: {value};")
            if role == "primary":
                rules.append(f"  --md-primary-fg-color--dark: {value};")
                rules.append(f"  --md-typeset-a-color: {value};")
        else:
            palette[role] = value
    css = ":root > * {\n" + "\n".join(rules) + "\n}\n" if rules else ""
    return palette, css
