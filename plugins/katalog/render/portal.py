"""The front page's generated blocks: a search box, counts per type, featured and newest entries, theme tiles,
and a small map of where the entries come from."""

from __future__ import annotations

from typing import Any

from ..core.link.featured import featured_entries
from .feeds import feed_path
from .pages import PageRenderer
from .statistics import Statistics

HOME = "index.md"
SEARCH_PAGE = "soeg/index.md"  # the full results page (?q=...)
NEWEST = 6  # entries under "newest"
THEMES = "themes"  # the taxonomy shown as tiles


def portal_html(renderer: PageRenderer, src: str = HOME) -> str:
    model = renderer.model
    catalogue = model.catalogue
    tr, formats = model.tr, renderer.formats
    types: list[dict[str, Any]] = []
    for entry_type in catalogue.config.schema.types.values():
        count = sum(1 for entry in catalogue.entries.values() if entry.type == entry_type.name)
        types.append(
            {
                "label": tr.pick(entry_type.plural, entry_type.name),
                "count": formats.count("entries", count),
                "href": model.link(model.overview_src(entry_type.name), src),
            }
        )
    themes = None
    taxonomy = model.taxonomies.get(THEMES)
    if taxonomy is not None and taxonomy.terms:
        browse = tr("ui.browse_terms")
        themes = {
            "label": taxonomy.label,
            "tiles": [
                {
                    "label": info.label,
                    "count": formats.count("entries", len(info.entries)),
                    "href": model.link(model.term_src(taxonomy, info.slug), src),
                }
                for info in taxonomy.sorted_terms()
            ],
            "more": tr("ui.portal_all_terms", label=browse[:1].lower() + browse[1:]),
            "more_href": model.link(model.terms_index_src(), src),
        }
    featured = featured_entries(catalogue.config, catalogue.entries)
    chosen = {entry.id for entry in featured}
    newest = [entry for entry in model.entries_newest_first() if entry.id not in chosen][:NEWEST]
    return renderer.render(
        "katalog/front.html",
        search_href=model.link(SEARCH_PAGE, src),
        types=types,
        featured=renderer.cards(featured, src),
        newest=renderer.cards(newest, src),
        all_href=model.link(model.overview_src(None), src),
        feed_href=model.static_link(feed_path(model.overview_src(None)), src),
        themes=themes,
        map=Statistics(renderer).portal_map(src),
    )
