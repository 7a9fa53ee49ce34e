"""`mkdocs serve --dirty` after an edit of entries' bodies only: the last build's site, taken up whole.

The catalogue is brought up to date in place (core/refresh.py); the last build's model, page plan,
signatures and File objects all still hold, so this build renders the edited entries' pages and
the search index; nothing else is planned, signed or rendered again. Any other change
(site_config/, mkdocs.yml, templates, a file added or removed, front-matter, body links, a
problem) goes the ordinary way (incremental.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from mkdocs.structure.files import File, Files

from ..core.entries import Entry
from ..core.refresh import refresh_bodies
from ..render.pages import PageRenderer
from .fingerprints import folder_state
from .incremental import Preview
from .katalog_file import KatalogFile
from .signatures import Signatures


def content_assets(docs_dir: str) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime, size) of every file of content/ but the Markdown (images, downloads): what the
    catalogue does not read, but the site copies or resizes."""
    return folder_state(docs_dir, skip=lambda name: name.lower().endswith(".md"))


def fresh_state(files: Files) -> dict[str, str | None]:
    """What MkDocs found in content/ for this build."""
    return {file.src_uri: file.abs_src_path for file in files}


def body_edit(
    preview: Preview,
    files: Files,
    renderer: PageRenderer,
    config_state: object,
    world: Callable[[], object],
    search_script: File | None,
) -> tuple[Files, list[Entry]] | None:
    """This build's files when only entries' bodies changed since the last good build, and the
    entries whose pages it rebuilds; None when anything else changed (or nothing is known)."""
    last = preview.catalogue
    if last is None or preview.full or not preview.order or preview.world is None:
        return None
    if fresh_state(files) != preview.fresh or content_assets(preview.docs_dir) != preview.assets:
        return None
    if not isinstance(preview.world, tuple) or world() != preview.world[:-1]:
        return None
    fresh = {file.src_uri: file for file in files}
    taken: list[File] = []
    for src in preview.order:
        file = preview.files.get(src) or fresh.get(src)
        if file is None:
            return None
        taken.append(file)
    # Last: from here on the catalogue holds the new bodies, and this build must show them.
    changed = refresh_bodies(last, preview.cache, config_state)
    if changed is None:
        return None
    model = renderer.model
    by_src = {model.entry_src(entry): entry for entry in changed}
    content_prefix = f"{last.config.content_dir}/"
    for file in taken:
        if not isinstance(file, KatalogFile):
            continue
        if not file.is_documentation_page():
            file.changed = file is search_script  # its text names this build's search files
            continue
        src = file.src_uri
        entry = by_src.get(src)
        # No other page shows an entry's body, not even those otherwise rebuilt every time.
        file.changed = entry is not None
        if not file.changed:
            continue
        if entry is not None and file.generated_by is not None:
            file.make = functools.partial(renderer.entry_body, entry)
        else:
            text = last.texts.get(content_prefix + src)
            if text is not None:
                file.content_string = text
    preview.start(preview.world)
    preview.body_only = True
    preview.current = dict(preview.previous)
    signatures = Signatures(model, preview.page_set, "", {})
    for src, entry in by_src.items():
        preview.current[src] = signatures.entry(entry)
    preview.kept = [f for f in taken if isinstance(f, KatalogFile) and f.is_documentation_page() and not f.changed]
    for entry in changed:
        preview.search.documents.pop(entry.path, None)  # read from the same object, with a new body
    return Files(taken), changed
