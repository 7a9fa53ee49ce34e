"""Entry images resized for the site: WebP copies at the widths core/validate/images.py names, cached by content.

A copy's bytes depend only on the original's bytes and the settings below, never on the time, the
file's name or its metadata: EXIF (with any GPS position), XMP, ICC profiles and comments are left
out, the orientation a camera recorded is applied first. Two builds of the same input give the same
bytes. Copies are kept in a cache folder outside site/ (by default .cache/katalog-images/ in the
project; KATALOG_IMAGE_CACHE names another), named by the original's digest, so a rebuild reads them
instead of resizing again.
"""

from __future__ import annotations

import io
import logging
import os
import posixpath
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from ..core.catalogue import Catalogue
from ..core.validate.images import (
    check_bytes,
    header_orientation,
    open_checked,
    pillow_warnings,
    variant_name,
    variants,
)

log = logging.getLogger("mkdocs.plugins.katalog")

SITE_FOLDER = "katalog/img"
CACHE_ENV = "KATALOG_IMAGE_CACHE"
CACHE_FOLDER = Path(".cache") / "katalog-images"
# Fixed encoder settings: the same input gives the same bytes (Pillow's WebP encoder is deterministic).
QUALITY = 80
METHOD = 4
# Part of every cached file's name: changing how copies are made must not reuse old ones.
RECIPE = f"q{QUALITY}m{METHOD}"


class ImageBuildError(Exception):
    """An image the check accepted could not be made into copies (changed since, or a decoder's limit)."""


@dataclass(frozen=True)
class Source:
    """One image srcset candidate, site-relative."""

    path: str
    width: int
    height: int


@dataclass
class ImageStore:
    """Makes (or finds in the cache) the copies of each entry image; counts what it did."""

    root: Path
    cache_dir: Path | None = None
    resized: int = 0  # originals decoded and resized by this store
    reused: int = 0  # originals whose copies were all in the cache
    files: dict[str, bytes] = field(default_factory=dict)  # site path -> bytes

    def __post_init__(self) -> None:
        if self.cache_dir is None:
            named = os.environ.get(CACHE_ENV)
            self.cache_dir = Path(named) if named else self.root / CACHE_FOLDER

    def add(self, image: dict[str, Any]) -> None:
        """The copies of one checked image (an entry's image field: path, width, height, digest)."""
        digest, width, height = str(image["digest"]), int(image["width"]), int(image["height"])
        names = [variant_name(digest, w) for w, _ in variants(width, height)]
        if all(f"{SITE_FOLDER}/{name}" in self.files for name in names):
            return  # the same image on another entry
        cached = [self.cached(name) for name in names]
        if all(one is not None for one in cached):
            self.reused += 1
            for name, data in zip(names, cached, strict=True):
                assert data is not None
                self.files[f"{SITE_FOLDER}/{name}"] = data
            return
        made = self.make(str(image["path"]), digest, width, height)
        self.resized += 1
        for name, data in made.items():
            self.files[f"{SITE_FOLDER}/{name}"] = data
            self.store(name, data)

    def make(self, path: str, digest: str, width: int, height: int) -> dict[str, bytes]:
        full = self.root / path
        try:
            data = full.read_bytes()
        except OSError as error:
            raise ImageBuildError(f"{path}: {error.strerror or error}") from error
        checked = check_bytes(data, path, path)
        if getattr(checked, "digest", None) != digest:
            raise ImageBuildError(f"{path}: the file changed while the site was built; build again")
        try:
            made = resize(data)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
            raise ImageBuildError(f"{path}: {error}") from error
        if [w for w, _ in made] != [w for w, _ in variants(width, height)]:
            raise ImageBuildError(f"{path}: the image's size differs from what the check read")
        return {variant_name(digest, w): one for w, one in made}

    def cached(self, name: str) -> bytes | None:
        assert self.cache_dir is not None
        try:
            return (self.cache_dir / _cache_name(name)).read_bytes()
        except OSError:
            return None

    def store(self, name: str, data: bytes) -> None:
        """Written to a temporary file and renamed: a build stopped half-way leaves no half file."""
        assert self.cache_dir is not None
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.cache_dir, delete=False, suffix=".tmp") as temp:
                temp.write(data)
            os.replace(temp.name, self.cache_dir / _cache_name(name))
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower


def _cache_name(name: str) -> str:
    return f"{RECIPE}-{name}"


def resize(data: bytes) -> list[tuple[int, bytes]]:
    """Each of the image's copies (width, WebP bytes without metadata), smallest first.

    The sizes are those the check named (core/validate/images.py: the width as shown, a photo taken sideways
    turned upright by its EXIF orientation, read from the header as the check read it). A JPEG is
    decoded at the smallest scale still as large as the largest copy (the same bytes every time)."""
    with pillow_warnings(), open_checked(io.BytesIO(data)) as opened:
        orientation = header_orientation(opened)
        turned = orientation in (5, 6, 7, 8)
        width, height = opened.size
        targets = variants(*((height, width) if turned else (width, height)))
        if opened.format == "JPEG":
            largest_w, largest_h = targets[-1]
            opened.draft("RGB", (largest_h, largest_w) if turned else (largest_w, largest_h))
        opened.load()
        upright = opened.transpose(_TURNS[orientation]) if orientation in _TURNS else opened
        mode = "RGBA" if _has_alpha(upright) else "RGB"
        pixels = upright.convert(mode)
    out: list[tuple[int, bytes]] = []
    for w, h in targets:
        copy = pixels if (w, h) == pixels.size else pixels.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=3.0)
        buffer = io.BytesIO()
        # No exif, icc_profile or xmp arguments: the copy carries none of the original's metadata.
        copy.save(buffer, "WEBP", quality=QUALITY, method=METHOD, exact=False)
        out.append((w, buffer.getvalue()))
    return out


# EXIF orientation -> the turn that shows the image upright (as ImageOps.exif_transpose does).
_TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def picture_sources(image: dict[str, Any]) -> list[Source]:
    """The copies of a checked image, smallest first, at their site paths."""
    return [
        Source(posixpath.join(SITE_FOLDER, variant_name(str(image["digest"]), w)), w, h)
        for w, h in variants(int(image["width"]), int(image["height"]))
    ]


@dataclass(frozen=True)
class Picture:
    """An image as a page shows it: links relative to that page, the size of the default copy."""

    src: str
    srcset: str
    width: int
    height: int
    alt: str


# The copy a browser that reads no srcset gets: the first at least this wide.
DEFAULT_WIDTH = 960


def entry_image(fields: dict[str, Any], data: dict[str, Any]) -> dict[str, Any] | None:
    """The entry's checked image (the first field of kind image that has one), or None.

    fields: the entry type's fields by name (core.config.schema.Field); data: the entry's checked values."""
    for name, field_ in fields.items():
        if getattr(field_, "kind", "") == "image":
            value = data.get(name)
            if isinstance(value, dict) and "digest" in value and "alt" in value:
                return value
    return None


def picture(image: dict[str, Any], link: Callable[[str], str]) -> Picture:
    """link: a site path to a URL relative to the page that shows the image."""
    sources = picture_sources(image)
    default = next((one for one in sources if one.width >= DEFAULT_WIDTH), sources[-1])
    return Picture(
        src=link(default.path),
        srcset=", ".join(f"{link(one.path)} {one.width}w" for one in sources),
        width=default.width,
        height=default.height,
        alt=str(image["alt"]),
    )


def image_files(catalogue: Catalogue, store: ImageStore | None = None) -> list[tuple[str, bytes]]:
    """Every entry image's copies as (site path, bytes), in a stable order; resized or from the cache."""
    config = catalogue.config
    store = store or ImageStore(config.root)
    types = config.schema.types
    for entry in catalogue.entries.values():
        entry_type = types.get(entry.type)
        image = entry_image(entry_type.fields, entry.data) if entry_type is not None else None
        if image is not None:
            store.add(image)
    if store.resized or store.reused:
        log.debug(f"Katalog: {store.resized} image(s) resized, {store.reused} taken from {store.cache_dir}")
    return sorted(store.files.items())


def image_originals(catalogue: Catalogue) -> set[str]:
    """The project-relative paths of every entry image's original (never published as it is)."""
    types = catalogue.config.schema.types
    found = set()
    for entry in catalogue.entries.values():
        entry_type = types.get(entry.type)
        image = entry_image(entry_type.fields, entry.data) if entry_type is not None else None
        if image is not None:
            found.add(str(image["path"]))
    return found
