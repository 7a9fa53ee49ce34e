"""What changed in a preview's catalogue since it was built, when only entries' files were edited.

The commonest edit while previewing is to an entry's body. What the rest of the site shows of an
entry (cards, listings, term pages, links both ways, similar entries) is made of its front-matter
and of the entries its body links to, so after such an edit every structure built from the
catalogue still holds. Copying the new body into the Entry object those structures already hold
spares building the catalogue (links, taxonomies) and everything made of it again.

An edit of front-matter (a title, a term, a status) changes what other pages show, but the edited
entry's own page can be shown first (a preview's "entry first" build): its new Entry object is
handed back and the catalogue left as it was, to be built anew by the next, ordinary build.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import Catalogue
from .entries import Entry
from .load.filecache import FileCache
from .load.loaded import Loaded
from .load.loader import load


@dataclass(frozen=True)
class Edits:
    """The entries whose files changed. in_place: only bodies changed, and the new bodies are now in
    the catalogue's own Entry objects (`entries` are those). Otherwise `entries` are the new objects
    (the loader's cache holds them) and the catalogue is as it was built."""

    entries: list[Entry]
    in_place: bool


def read_edits(previous: Catalogue, cache: FileCache, token: object, fronts: bool = False) -> Edits | None:
    """Read what changed since `previous` was built (cache and token as for loader.load). When the
    only changes are in the bodies of entries whose front-matter, body links and problems stayed the
    same, copy them into previous's Entry objects (Edits.in_place; no entries when nothing changed).
    With fronts, an edit of front-matter is handed back too (not in place), when it left each entry's
    id, type, links and problems as they were. None when anything else changed: build the catalogue
    anew (the cache is up to date)."""
    loaded = load(previous.config, cache=cache, token=token)
    changed = _changes(previous, loaded)
    if changed is None:
        return None
    if all(_same_but_body(old, new) for old, new in changed):
        for old, new in changed:
            vars(old).update(vars(new))
            # The cache gives the object the site's structures hold from now on, as for any unchanged file.
            cached = cache.results.get(new.path)
            if cached is not None:
                entries = cached[1].entries
                entries[:] = [old if entry is new else entry for entry in entries]
        previous.texts.update(loaded.texts)
        return Edits([old for old, _ in changed], in_place=True)
    if fronts and all(_same_links(old, new) for old, new in changed):
        return Edits([new for _, new in changed], in_place=False)
    return None


def _changes(previous: Catalogue, loaded: Loaded) -> list[tuple[Entry, Entry]] | None:
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
        if new.path in with_problems:
            return None
        changed.append((old, new))
    return changed


def _same_links(old: Entry, new: Entry) -> bool:
    """The same identity, validity and links both ways: the catalogue's graph holds for the new entry."""
    return (
        old.id == new.id
        and old.type == new.type
        and old.valid == new.valid
        and [(r.target, r.key) for r in old.references] == [(r.target, r.key) for r in new.references]
        and [link.target for link in old.wikilinks] == [link.target for link in new.wikilinks]
    )


def _same_but_body(old: Entry, new: Entry) -> bool:
    return (
        _same_links(old, new)
        and old.id_pos == new.id_pos
        and old.data == new.data
        and old.references == new.references
        and old.positions == new.positions
    )
