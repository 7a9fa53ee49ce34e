"""`katalog init`: turn a fresh fork into an empty catalogue, keeping one example entry of each type."""

from __future__ import annotations

from pathlib import Path

from ..core.catalogue import Catalogue, build_catalogue
from ..core.entries import Entry
from ..core.frontmatter import decode
from ..core.pruning import prune_references
from ..core.report import summary, text_line
from ..core.siteconfig import ConfigError
from . import EXIT_CLEAN, EXIT_PROBLEMS
from .common import print_config_error


def choose_examples(catalogue: Catalogue) -> dict[str, Entry]:
    """One entry per type, chosen so the examples point at each other: the most-named unit, then
    the initiative and case that name it with the fewest other references, the simplest article."""
    incoming = {entry_id: len(links) for entry_id, links in catalogue.incoming.items()}

    def fewest_references(entry: Entry) -> tuple[int, str]:
        return (len(catalogue.outgoing.get(entry.id, [])), entry.id)

    chosen: dict[str, Entry] = {}
    units = catalogue.of_type("unit")
    unit = min(units, key=lambda e: (-incoming.get(e.id, 0), e.id)) if units else None
    if unit is not None:
        chosen["unit"] = unit
    for type_name in catalogue.config.schema.types:
        if type_name in chosen:
            continue
        candidates = catalogue.of_type(type_name)
        naming_unit = [e for e in candidates if unit and unit.id in {link.target for link in catalogue.outgoing[e.id]}]
        pool = naming_unit or candidates
        if pool:
            chosen[type_name] = min(pool, key=fewest_references)
    return chosen


def run(root: Path, apply: bool) -> int:
    try:
        catalogue = build_catalogue(root)
    except ConfigError as error:
        return print_config_error(error)
    tr = catalogue.config.tr
    if catalogue.errors:
        print(tr("init.fix_first", errors=len(catalogue.errors)))
        return EXIT_PROBLEMS
    keep = choose_examples(catalogue)
    kept_ids = {entry.id for entry in keep.values()}
    gone = [entry for entry in catalogue.entries.values() if entry.id not in kept_ids]
    for entry in sorted(keep.values(), key=lambda e: e.path):
        print(tr("init.keep", path=entry.path))
    if not apply:
        print(tr("init.would_remove", count=len(gone)))
        return EXIT_CLEAN
    gone_ids = {entry.id for entry in gone}
    titles = {entry.id: entry.title for entry in gone}
    for entry in gone:
        (root / entry.path).unlink()
    for entry in keep.values():
        text, _ = decode((root / entry.path).read_bytes())  # it loaded above, so it decodes
        assert text is not None
        (root / entry.path).write_text(prune_references(entry, text, gone_ids, titles), encoding="utf-8")
    print(tr("init.removed", count=len(gone)))
    after = build_catalogue(root)
    for problem in after.problems:
        print(text_line(problem, tr))
    print(summary(after.problems, after.files, tr))
    return EXIT_PROBLEMS if after.errors else EXIT_CLEAN
