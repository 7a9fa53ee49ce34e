"""A catalogue brought up to date in place, when all that changed is the text of entries' bodies.

The commonest edit while previewing is to an entry's body. What the rest of the site shows of an
entry (cards, listings, term pages, links both ways, similar entries) is made of its front-matter
and of the entries its body links to, so after such an edit every structure built from the
catalogue still holds. Copying the new body into the Entry object those structures already hold
spares building the catalogue (links, taxonomies) and everything made of it again.
"""

from __future__ import annotations

from .catalogue import Catalogue
from .entries import Entry
from .load.filecache import FileCache
from .load.loaded import Loaded
from .load.loader import load


def refresh_bodies(previous: Catalogue, cache: FileCache, token: object) -> list[Entry] | None:
    """Read what changed since `previous` was built (cache and token as for loader.load). When the
    only changes are in the bodies of entries whose front-matter, body links and problems stayed
    the same, copy them into previous's Entry objects and return those entries ([] when nothing
    changed). None when anything else changed: build the catalogue anew (the cache is up to date)."""
    loaded = load(previous.config, cache=cache, token=token)
    changed = _body_changes(previous, loaded)
    if changed is None:
        return None
    for old, new in changed:
        vars(old).update(vars(new))
        # The cache gives the object the site's structures hold from now on, as for any unchanged file.
        cached = cache.results.get(new.path)
        if cached is not None:
            entries = cached[1].entries
            entries[:] = [old if entry is new else entry for entry in entries]
    previous.texts.update(loaded.texts)
    return [old for old, _ in changed]


def _body_changes(previous: Catalogue, loaded: Loaded) -> list[tuple[Entry, Entry]] | None:
    if loaded.problems != previous.load_problems or loaded.files != previous.files:
        return None
    if len(loaded.pages) != len(previous.pages):
        return None
    if any(a is not b for a, b in zip(loaded.pages, previous.pages, strict=True)):
        return None
    by_path = {entry.path: entry for entry in previous.entries.values()}
    if len(loaded.entries) != len(by_path):  # an entry added, removed, or a duplicate id
        return None
    with_problems = {problem.path for problem in previous.problems}
    changed = []
    for new in loaded.entries:
        old = by_path.get(new.path)
        if old is None:
            return None
        if new is old:
            continue
        if new.path in with_problems or not _same_but_body(old, new):
            return None
        changed.append((old, new))
    return changed


def _same_but_body(old: Entry, new: Entry) -> bool:
    return (
        old.id == new.id
        and old.type == new.type
        and old.valid == new.valid
        and old.data == new.data
        and old.references == new.references
        and old.positions == new.positions
        and old.id_pos == new.id_pos
        and [link.target for link in old.wikilinks] == [link.target for link in new.wikilinks]
    )
