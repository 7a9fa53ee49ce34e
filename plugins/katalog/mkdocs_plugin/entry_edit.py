"""`mkdocs serve --dirty` after an edit of entries' files only: the last build's site, taken up whole.

- Only bodies changed: the catalogue is brought up to date in place (core/refresh.py); the last
  build's model, page plan, signatures and File objects all still hold, so this build renders the
  edited entries' pages and the search index; nothing else is planned, signed or rendered again.
- Front-matter changed too (a title, a term, a status), with each entry's id, type, links and
  problems as they were: "entry first". This build renders the edited entries' pages alone, from
  their new objects, and leaves every other page, the search files and the catalogue as they were;
  it asks for a catch-up build at once (`Preview.behind`), the ordinary way (incremental.py), which
  brings the rest of the site (cards, listings, term pages, similar entries, search) up to date.
  So the page being edited shows in about the time of a body edit, whatever the catalogue's size.

Any other change (site_config/, mkdocs.yml, templates, a file added or removed, links, a problem,
an entry's image, an article in content/) goes the ordinary way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from mkdocs.structure.files import File, Files

from ..core.catalogue import Catalogue
from ..core.entries import Entry
from ..core.refresh import read_edits
from ..render.images import entry_image
from ..render.pages import PageRenderer
from .fingerprints import folder_state
from .incremental import Preview
from .katalog_file import KatalogFile
from .signatures import Signatures


@dataclass(frozen=True)
class Edited:
    files: Files  # this build's files: the last build's, the edited pages to render again
    entries: dict[str, Entry]  # page src -> the edited entry it shows
    first: bool  # "entry first": only these pages, the rest in the catch-up build


def content_assets(docs_dir: str) -> tuple[tuple[str, int, int], ...]:
    """(path, mtime, size) of every file of content/ but the Markdown (images, downloads): what the
    catalogue does not read, but the site copies or resizes."""
    return folder_state(docs_dir, skip=lambda name: name.lower().endswith(".md"))


def fresh_state(files: Files) -> dict[str, str | None]:
    """What MkDocs found in content/ for this build."""
    return {file.src_uri: file.abs_src_path for file in files}


def entry_edit(
    preview: Preview,
    files: Files,
    renderer: PageRenderer,
    config_state: object,
    world: Callable[[], object],
    search_script: File | None,
    first: bool,
) -> Edited | None:
    """This build's files when only entries' files changed since the last good build (see the
    module's docstring); None when anything else changed (or nothing is known). first: whether an
    "entry first" build may be made (a catch-up build can be asked for)."""
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
    edits = read_edits(last, preview.cache, config_state, fronts=first)
    if edits is None:
        return None
    model = renderer.model
    by_src = {model.entry_src(entry): entry for entry in edits.entries}
    if not edits.in_place and (
        preview.behind == _identities(by_src) or _in_content(taken, by_src) or _new_image(last, by_src)
    ):
        return None  # the catch-up build asked for (nothing changed since), an article of content/, an image
    content_prefix = f"{last.config.content_dir}/"
    kept: list[File] = []
    for file in taken:
        if not isinstance(file, KatalogFile):
            continue
        if not file.is_documentation_page():
            # The search script's text names this build's search files; an entry-first build keeps them.
            file.changed = file is search_script and edits.in_place
            continue
        src = file.src_uri
        entry = by_src.get(src)
        # No other page shows an entry's body, not even those otherwise rebuilt every time.
        file.changed = entry is not None
        if not file.changed:
            kept.append(file)
            continue
        if entry is not None and file.generated_by is not None:
            file.make = functools.partial(renderer.entry_body, entry)
        else:
            text = last.texts.get(content_prefix + src)
            if text is not None:
                file.content_string = text
    preview.start(preview.world)
    preview.current = dict(preview.previous)
    if edits.in_place:
        preview.body_only = True
        signatures = Signatures(model, preview.page_set, "", {})
        for src, entry in by_src.items():
            preview.current[src] = signatures.entry(entry)
        for entry in edits.entries:
            preview.search.documents.pop(entry.path, None)  # read from the same object, with a new body
    else:
        # Shown from the old catalogue's links and similar entries: the catch-up build renders them again.
        for src in by_src:
            preview.current[src] = object()
        preview.entry_first = True
        preview.behind = _identities(by_src)
    preview.kept = kept
    return Edited(Files(taken), by_src, first=not edits.in_place)


def _identities(by_src: dict[str, Entry]) -> frozenset[tuple[str, int]]:
    return frozenset((src, id(entry)) for src, entry in by_src.items())


def _new_image(last: Catalogue, by_src: dict[str, Entry]) -> bool:
    """An entry's image changed: its resized copies are made with the site's files, not with a page."""
    types = last.config.schema.types
    for entry in by_src.values():
        fields = types[entry.type].fields
        old = last.entries.get(entry.id)
        if old is None or entry_image(fields, entry.data) != entry_image(fields, old.data):
            return True
    return False


def _in_content(taken: list[File], by_src: dict[str, Entry]) -> bool:
    return any(file.generated_by is None for file in taken if file.src_uri in by_src)
