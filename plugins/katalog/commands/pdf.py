"""`katalog pdf [ROOT] [--type T] [--theme K] [--municipality K] [--title T] [--output FILE]`: a PDF
booklet of a selection of the entries (render/booklet.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core import parallel
from ..core.catalogue import build_catalogue
from ..core.config.siteconfig import ConfigError
from ..core.report import summary, text_line, visible
from ..core.slugs import slugify
from ..render.booklet import BookletError, make_booklet
from ..render.booklet_pdf import PdfUnavailable, print_pdf
from ..render.booklet_selection import Selection, selection_problem
from ..render.model import SiteModel
from ..render.pages import PageRenderer
from . import EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE
from .common import print_config_error


def run(root: Path, selection: Selection, title: str | None, output: str | None) -> int:
    try:
        catalogue = build_catalogue(root, workers=parallel.workers())
    except ConfigError as error:
        return print_config_error(error)
    tr = catalogue.config.tr
    renderer = PageRenderer(SiteModel(catalogue))
    problem = selection_problem(renderer, selection)
    if problem is None and output is not None and not output.lower().endswith(".pdf"):
        problem = tr("booklet.bad_output", path=visible(output)[:300])
    if problem is not None:
        print(tr("booklet.usage", message=problem), file=sys.stderr)
        return EXIT_USAGE
    if catalogue.errors:
        # As `katalog check` reports them: a booklet of a catalogue that does not build is not made.
        for one in catalogue.problems:
            print(text_line(one, tr))
        print(summary(catalogue.problems, catalogue.files, tr))
        print(tr("booklet.refused"))
        return EXIT_PROBLEMS
    try:
        booklet = make_booklet(renderer, selection, title)
        printed = print_pdf(booklet.html, tr)
    except (BookletError, PdfUnavailable) as error:
        print(str(error), file=sys.stderr)
        return EXIT_PROBLEMS
    target = Path(output) if output is not None else Path(f"{slugify(booklet.title) or 'katalog'}.pdf")
    try:
        target.write_bytes(printed.pdf)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        print(tr("booklet.cannot_write", path=visible(str(target))[:300], reason=reason), file=sys.stderr)
        return EXIT_PROBLEMS
    entries = renderer.formats.count("entries", len(booklet.entries))
    print(tr("booklet.written", path=visible(str(target)), entries=entries, pages=printed.pages))
    return EXIT_CLEAN
