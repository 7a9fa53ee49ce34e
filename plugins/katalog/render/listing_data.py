"""What overview and term pages need to filter and sort in the browser besides the search data: each
entry's card (when, status, themes) and its free keywords (expertise, tags), by its row in the
search data file (entries newest first, as SiteSearch.documents lists them).

Its format, katalog/data/cards.json, is written down once: the CardsFile type in
assets/katalog-filter.js, the script that reads it (tests/test_listings.py checks the file against it).
"""

from __future__ import annotations

from typing import Any

from .images import entry_image, picture
from .views import EntryViews

# Not content-hashed: overview and term pages that a dirty preview build keeps find it by the same
# name; the script asks the server whether it changed (fetch with cache "no-cache").
CARDS_FILE = "katalog/data/cards.json"


def listing_data(views: EntryViews) -> str:
    model = views.model
    texts: dict[str, int] = {}

    def text(value: str) -> int:
        return texts.setdefault(value, len(texts))

    entries = model.entries_newest_first()
    row_of = {entry.id: row for row, entry in enumerate(entries)}
    rows: list[list[Any]] = []
    for entry in entries:
        when, badges, themes = views.cards.card_face(entry)
        row: list[Any] = [text(when) if when else -1, [text(b) for b in badges], [text(t) for t in themes]]
        image = entry_image(model.entry_type(entry).fields, entry.data)
        if image is not None:  # the card's thumbnail: site-relative addresses, as render/images.py makes them
            shown = picture(image, lambda path: path)
            row.append([shown.src, shown.srcset, shown.width, shown.height, shown.alt])
        rows.append(row)
    keywords = []
    for taxonomy in model.taxonomies.values():
        if not taxonomy.free:
            continue
        infos = taxonomy.sorted_terms()
        per_row: dict[int, list[int]] = {}
        for number, info in enumerate(infos):
            for entry in info.entries:
                per_row.setdefault(row_of[entry.id], []).append(number)
        keywords.append(
            {
                "name": taxonomy.name,
                "keys": [info.key for info in infos],
                "labels": [info.label for info in infos],
                "docs": [[row, per_row[row]] for row in sorted(per_row)],
            }
        )
    from ..core.search.build import compact_json  # not at the top: `katalog check` needs no search modules

    data = {
        "count": len(entries),
        "themes": views.cards.themes_label,
        "texts": list(texts),
        "rows": rows,
        "keywords": keywords,
    }
    return compact_json(data)
