"""The site's logo (site.yml's `logo`): a file in the repository, of an image format browsers show."""

from __future__ import annotations

from pathlib import Path

from .findings import expected_text, hint_text
from .rules import ConfigFile, Item

# Image formats every browser shows in an <img>, by suffix, and how their files begin.
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp")


def read_logo(out: ConfigFile, item: Item, root: Path) -> str | None:
    """A file in the repository (named from site_config/), of an image format browsers show."""
    logo = out.text(item, visible=True)
    if logo is None:
        return None
    shown = f"site_config/{logo}"
    path = root / "site_config" / logo
    try:
        resolved = path.resolve()
        inside = not Path(logo).is_absolute() and resolved.is_relative_to(root.resolve())
        exists = inside and resolved.is_file()
    except (OSError, RuntimeError, ValueError):
        inside = exists = False
    hint = hint_text("logo")
    if not inside:
        out.add("logo_outside", item.pos, item.key, expected=expected_text("image"), hint=hint, file=logo)
        return None
    if not exists:
        out.add("logo_missing", item.pos, item.key, expected=expected_text("image"), hint=hint, file=shown)
        return None
    if not _is_image(resolved):
        out.add("logo_format", item.pos, item.key, expected=expected_text("image"), hint=hint, file=shown)
        return None
    return logo


def _is_image(path: Path) -> bool:
    """The suffix is an image format browsers show, and the file begins as such a file does."""
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        return False
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return False
    if suffix == ".svg":
        return b"<svg" in head.lower()
    if suffix == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix == ".webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    return head.startswith(b"\xff\xd8\xff")  # JPEG
