"""Which entries the catalogue holds: one per id (ids compared case-folded), none at a reserved name."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import PurePosixPath

from ..collector import Collector
from ..config.siteconfig import SiteConfig
from ..entries import Entry
from ..problems import Problem

# Overview pages live at <folder>/index.md and <folder>/2.md, ...: an entry cannot have those names.
RESERVED_ID = re.compile(r"index|[0-9]+")


def unreadable_ids(config: SiteConfig, entries: list[Entry], problems: list[Problem]) -> set[str]:
    """Ids of catalogue files that failed before they became entries, taken from their file names.

    References to them are not reported: the editor should fix the one cause, not read about it
    in every file that names it."""
    loaded = {entry.path for entry in entries}
    prefix = f"{config.catalogue_dir}/"
    return {
        PurePosixPath(problem.path).stem
        for problem in problems
        if problem.is_error and problem.path.startswith(prefix) and problem.path not in loaded
    }


def unique_entries(config: SiteConfig, entries: list[Entry], problems: list[Problem]) -> dict[str, Entry]:
    by_folded: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if RESERVED_ID.fullmatch(entry.id):
            folder = config.schema.types[entry.type].url
            Collector(entry.path, config.tr, problems).add(
                "reserved_id",
                entry.id_pos,
                "id",
                found=f'"{entry.id}"',
                hint=config.tr("hints.reserved_id", suggestion=f"{entry.type}-{entry.id}"),
                value=entry.id,
                folder=f"{folder}/",
            )
            continue
        by_folded[entry.id.casefold()].append(entry)
    unique: dict[str, Entry] = {}
    for group in by_folded.values():
        first = group[0]
        unique[first.id] = first
        for other in group[1:]:
            out = Collector(other.path, config.tr, problems)
            code = "duplicate_id" if other.id == first.id else "duplicate_id_case"
            out.add(
                code,
                other.id_pos,
                "id",
                found=f'"{other.id}"',
                hint=config.tr("hints.unique_id"),
                value=other.id,
                other=first.path,
                other_id=first.id,
            )
    return unique
