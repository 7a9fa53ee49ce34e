"""The booklet's HTML printed as a tagged PDF/UA-1 by WeasyPrint, imported only here and only when a
PDF is made; when it or its system libraries are missing, a message saying what to install."""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PIL import ImageFile

# The Debian (and Ubuntu) packages WeasyPrint needs: Pango with its FreeType backend, HarfBuzz's
# subsetter (fonts embedded with only the glyphs used) and a font with every Nordic letter.
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
PDF_VARIANT = "pdf/ua-1"  # tagged, with the document's language and title: PDF/UA-1


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs are missing; the message says what to install."""


@dataclass
class Printed:
    pdf: bytes
    pages: int


def weasyprint_module(tr: Callable[..., str]) -> types.ModuleType:
    """WeasyPrint, imported; PdfUnavailable with what to install when it or its libraries are missing."""
    # WeasyPrint prints its own advice to stdout before the error: the message below says it in the
    # site's language instead.
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            weasyprint = importlib.import_module("weasyprint")
        except ImportError as error:
            raise PdfUnavailable(tr("booklet.no_weasyprint")) from error
        except OSError as error:
            detail = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise PdfUnavailable(tr("booklet.no_libraries", detail=detail, packages=SYSTEM_PACKAGES)) from error
        finally:
            # WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when imported;
            # the image checks (core/validate/images.py) must still find a truncated image broken.
            ImageFile.LOAD_TRUNCATED_IMAGES = False
    return weasyprint


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """WeasyPrint's warnings about CSS it ignores are its own business, not an editor's."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def print_pdf(document: str, tr: Callable[..., str]) -> Printed:
    """The booklet's HTML printed as a tagged PDF/UA-1; the same HTML gives the same bytes."""
    weasyprint = weasyprint_module(tr)
    with _quiet("weasyprint"):
        # The booklet carries its stylesheet and images inline (data: URLs); nothing else is read, from
        # the network or the disk, whatever an entry's HTML names.
        fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
        rendered = weasyprint.HTML(string=document, url_fetcher=fetcher).render(pdf_variant=PDF_VARIANT)
        pdf = rendered.write_pdf(pdf_variant=PDF_VARIANT)
    assert isinstance(pdf, bytes)
    return Printed(pdf, len(rendered.pages))
