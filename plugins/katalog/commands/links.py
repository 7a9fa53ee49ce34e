"""`katalog links [SITE]`: check a built site's internal links and anchors."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.report import visible
from ..editing.linkcheck import check_site
from . import EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE


def run(site: Path) -> int:
    try:
        built = (site / "index.html").is_file()
    except (OSError, ValueError):  # a name too long for the system, or holding a NUL byte
        built = False
    if not built:
        print(
            f"katalog: error: {visible(str(site))[:300]} holds no built site (no index.html); run mkdocs build first",
            file=sys.stderr,
        )
        return EXIT_USAGE
    broken = check_site(site)
    for link in broken:
        what = "missing anchor" if link.anchor_only else "broken link"
        print(f"{link.page}: error: {what}: {link.target}")
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"{len(broken)} broken links in {pages} pages." if broken else f"No broken links in {pages} pages.")
    return EXIT_PROBLEMS if broken else EXIT_CLEAN
