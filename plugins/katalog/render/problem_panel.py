"""The problems of the catalogue as a panel on every page while an editor previews with `mkdocs serve`.

The panel carries its own styles: when site_config/ is what is broken, Katalog's stylesheet is not
part of the site. It is a `role="alert"` region, so a screen reader announces it after each reload.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from ..core.i18n import Translator
from ..core.problems import Problem, Severity
from ..core.report import explain, visible

SHOWN = 50  # problems listed; the rest are counted
_BODY = re.compile(r"<body[^>]*>")

_STYLE = (
    "position:relative;z-index:10;margin:0;padding:1rem 1.25rem;background:#fff4f4;color:#1a1a1a;"
    "border-bottom:4px solid #b3261e;font:0.85rem/1.5 system-ui,sans-serif;max-height:50vh;overflow:auto"
)


def panel_html(problems: Sequence[Problem], tr: Translator) -> str:
    if not problems:
        return ""
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    heading = tr(
        "preview.heading",
        errors=tr.count("errors", errors),
        warnings=tr.count("warnings", len(problems) - errors),
    )
    items = []
    for problem in problems[:SHOWN]:
        where = f"{visible(problem.path)}:{problem.line}:{problem.column}"
        kind = tr(f"preview.{problem.severity.value}")
        items.append(
            f'<li style="margin:0.25rem 0"><code style="font-weight:600">{html.escape(where)}</code> '
            f"<strong>{html.escape(kind)}:</strong> {html.escape(explain(problem, tr))}</li>"
        )
    more = len(problems) - SHOWN
    if more > 0:
        items.append(f"<li>{html.escape(tr('preview.more', count=more))}</li>")
    return (
        f'<section id="katalog-problems" role="alert" aria-labelledby="katalog-problems-title" style="{_STYLE}">'
        f'<h2 id="katalog-problems-title" style="margin:0 0 0.5rem;font-size:1.1rem;color:#8c1d18">'
        f"{html.escape(heading)}</h2>"
        f'<p style="margin:0 0 0.5rem">{html.escape(tr("preview.note"))}</p>'
        f'<ul style="margin:0;padding-left:1.25rem">{"".join(items)}</ul></section>'
    )


def with_panel(page_html: str, panel: str) -> str:
    """The page with the panel first in its body (or first of all, for a page without a body tag)."""
    if not panel:
        return page_html
    match = _BODY.search(page_html)
    at = match.end() if match else 0
    return page_html[:at] + panel + page_html[at:]
