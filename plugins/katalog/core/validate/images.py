"""An entry's image: where its file is, and whether it is one a page can show.

An image field's value is written as
    image:
      src: billeder/faelleshave.jpg   # relative to the entry's own file, inside the project
      alt: "Beboere planter kartofler i fælleshaven"
The file is checked by what its bytes say, never by its name: JPEG, PNG or WebP, at most MAX_BYTES,
at most MAX_SIDE pixels on each side and MAX_PIXELS in all, at least MIN_WIDTH wide, and whole
(not cut off). `katalog check` and the build run the same check; the build then resizes the image
(render/images.py). Decoding is Pillow's: image codecs are not code to write ourselves.

The check reads the file's header and, to find a file cut off, decodes as little as the format
allows: a JPEG at an eighth of its size, a PNG's chunks only (their checksums), a WebP whole.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import posixpath
import stat
import struct
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from PIL import Image, UnidentifiedImageError

FORMATS = ("JPEG", "PNG", "WEBP")
SUFFIXES = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 8000
MAX_PIXELS = 40_000_000
MIN_WIDTH = 480
ALT_MAX = 250  # characters: a sentence or two, not the story
# Widths of the resized copies, never wider than the original (render/images.py).
WIDTHS = (480, 960, 1440)
# What else a file often is, by its first bytes: said in the problem, so an editor knows what to do.
_SIGNATURES = (
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"<svg", "SVG"),
    (b"<?xml", "SVG/XML"),
)
_ORIENTATION = 0x0112  # the EXIF tag
_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class ImageInfo:
    """A checked image: `path` relative to the project's root, `digest` of its bytes (hex)."""

    path: str
    width: int
    height: int
    format: str
    digest: str


@dataclass(frozen=True)
class ImageProblem:
    """Why an image cannot be used: a problem code (problems.<code> in the i18n files) and its values."""

    code: str
    args: dict[str, str]


def variants(width: int, height: int) -> list[tuple[int, int]]:
    """The sizes the build makes of an image width x height: each of WIDTHS below its width, and its
    own width when that is below the largest; never wider than the original."""
    widths = [w for w in WIDTHS if w < width]
    widths.append(min(width, WIDTHS[-1]))
    return [(w, max(1, round(height * w / width))) for w in sorted(set(widths))]


def variant_name(digest: str, width: int) -> str:
    """The file name of one resized copy: the same bytes give the same name, whatever the file is called."""
    return f"{digest[:20]}-{width}.webp"


def resolve_src(entry_path: str, src: str) -> str | ImageProblem:
    """The project-relative path `src` names from the entry at `entry_path` (both with /), or why not."""
    text = src.strip()
    if (
        not text
        or "\\" in text
        or "\x00" in text
        or text.startswith("/")
        or "://" in text
        or text.lower().startswith(("data:", "mailto:", "javascript:"))
        or any(part.startswith(".") and part not in (".", "..") for part in text.split("/"))
    ):
        return ImageProblem("image_src", {"value": src})
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(entry_path), text))
    if joined == ".." or joined.startswith("../") or joined.startswith("/"):
        return ImageProblem("image_outside", {"value": src})
    return joined


def inspect(root: Path, entry_path: str, src: str) -> ImageInfo | ImageProblem:
    """The image `src` names from the entry at `entry_path` (relative to root), checked; or why not.

    Never raises for what a file holds: every failure is an ImageProblem."""
    resolved = resolve_src(entry_path, src)
    if isinstance(resolved, ImageProblem):
        return resolved
    value = {"value": src}
    real_root = os.path.realpath(root)
    full = os.path.join(real_root, *resolved.split("/"))
    real = os.path.realpath(full)
    if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return ImageProblem("image_outside", value)  # a symbolic link that leads out of the project
    try:
        fd = os.open(real, _READ_FLAGS)
    except FileNotFoundError:
        return ImageProblem("image_missing", value)
    except OSError as error:
        if error.errno in (errno.ENOTDIR, errno.ELOOP):
            return ImageProblem("image_missing", value)
        return ImageProblem(
            "image_unreadable", {**value, "reason": error.strerror or "", "errno": str(error.errno or 0)}
        )
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            return ImageProblem("image_not_file", value)
        if info.st_size == 0:
            return ImageProblem("image_empty", value)
        if info.st_size > MAX_BYTES:
            return ImageProblem("image_too_big", {**value, "size": str(info.st_size)})
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:  # grew while being read
        return ImageProblem("image_too_big", {**value, "size": str(len(data))})
    return check_bytes(data, resolved, src)


def check_bytes(data: bytes, path: str, src: str) -> ImageInfo | ImageProblem:
    """The checks of an image's bytes (`path` only names it)."""
    value = {"value": src}
    if not data:
        return ImageProblem("image_empty", value)
    try:
        with pillow_warnings():
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                kind = str(image.format)
                width, height = image.size
                if header_orientation(image) in (5, 6, 7, 8):
                    width, height = height, width  # a photo taken sideways is shown upright
                if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                    return _too_large(value, width, height)
                if width < MIN_WIDTH:
                    return ImageProblem("image_too_narrow", {**value, "width": str(width)})
            # Opened again: a PNG's chunks can be verified only straight after opening.
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                _decode_cheaply(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return ImageProblem("image_dimensions", {**value, "width": "?", "height": "?"})
    except UnidentifiedImageError:
        return ImageProblem("image_format", {**value, "what": sniff(data)})
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError, struct.error):
        # Pillow's decoders say "truncated", "broken data stream", a bad CRC ... in these.
        return ImageProblem("image_broken", value)
    suffix = posixpath.splitext(path)[1].lower()
    if suffix not in SUFFIXES[kind]:
        return ImageProblem(
            "image_extension",
            {**value, "suffix": suffix or "-", "format": FORMAT_NAMES[kind], "good": SUFFIXES[kind][0]},
        )
    digest = hashlib.sha256(data).hexdigest()
    return ImageInfo(path, width, height, kind, digest)


def header_orientation(image: Image.Image) -> int | None:
    """The EXIF orientation from the header, without decoding (Pillow's getexif() would load a PNG)."""
    raw = image.info.get("exif")
    if not isinstance(raw, bytes):
        return None
    exif = Image.Exif()
    exif.load(raw)
    value = exif.get(_ORIENTATION)
    return value if isinstance(value, int) else None


def _too_large(value: dict[str, str], width: int, height: int) -> ImageProblem:
    return ImageProblem("image_dimensions", {**value, "width": str(width), "height": str(height)})


def _decode_cheaply(image: Image.Image) -> None:
    """Enough decoding to find a file that is cut off or corrupt, as cheaply as its format allows."""
    if image.format == "JPEG":
        image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
        image.load()
    elif image.format == "PNG":
        image.verify()  # every chunk's checksum, to the end; decompresses nothing
    else:
        image.load()


def sniff(data: bytes) -> str:
    """What a file that is no JPEG, PNG or WebP seems to be, for the problem's `found`."""
    head = data[:64].lstrip()
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            return name
    if head[4:8] == b"ftyp":
        return "HEIC/AVIF"
    return ""


@contextlib.contextmanager
def pillow_warnings() -> Iterator[None]:
    """Pillow's warnings, as the check and the build both take them: a decompression bomb is refused
    (raised), and EXIF data Pillow cannot read is ignored (the image shows, only unturned; a warning
    would otherwise go to the terminal, or be raised where warnings are errors)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        warnings.filterwarnings("ignore", message="Corrupt EXIF data", category=UserWarning)
        yield


def open_checked(file: IO[bytes]) -> Image.Image:
    """Open image bytes for the build, with the same limits as the check (the caller closes it)."""
    with pillow_warnings():
        image = Image.open(file, formats=FORMATS)
        width, height = image.size
        if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
            image.close()
            raise Image.DecompressionBombError(f"{width}x{height} pixels")
        return image
