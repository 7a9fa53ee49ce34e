"""What the site's theme (Material for MkDocs) accepts from site.yml: colour names and languages.

Plain data and file names only; nothing here imports MkDocs or Material, so `katalog check` can
tell a fork that a colour or language will not work before `mkdocs build` finds out.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

# Material's palette (https://squidfunk.github.io/mkdocs-material/setup/changing-the-colors/).
PRIMARY_COLORS = (
    "red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal", "green",
    "light green", "lime", "yellow", "amber", "orange", "deep orange", "brown", "grey", "blue grey",
    "black", "white",
)  # fmt: skip
ACCENT_COLORS = (
    "red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal", "green",
    "light green", "lime", "yellow", "amber", "orange", "deep orange",
)  # fmt: skip
COLOR_ROLES = {"primary": PRIMARY_COLORS, "accent": ACCENT_COLORS}


def colour_name(value: str) -> str:
    """`Deep-Orange`, `deep_orange` and `deep orange` are one colour to Material's palette."""
    return " ".join(value.casefold().replace("-", " ").replace("_", " ").split())


@functools.cache
def theme_languages() -> frozenset[str] | None:
    """The languages Material has its own texts in (partials/languages/*.html); None without Material."""
    try:
        spec = importlib.util.find_spec("material")
    except (ImportError, ValueError):  # pragma: no cover - a broken installation
        return None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        folder = Path(location) / "templates" / "partials" / "languages"
        if folder.is_dir():
            return frozenset(path.stem for path in folder.glob("*.html"))
    return None
