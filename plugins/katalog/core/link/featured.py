"""The front page's featured entries (site.yml `featured:`), checked against the catalogue's ids."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from ..collector import Collector
from ..config.siteconfig import CONFIG_DIR, SiteConfig
from ..entries import Entry
from ..hints import closest
from ..problems import Problem

SITE_YML = f"{CONFIG_DIR}/site.yml"


def featured_problems(
    config: SiteConfig, entries: Mapping[str, Entry], unreadable: Collection[str] = ()
) -> list[Problem]:
    """An unknown id in `featured:`, at its line, with the closest id as a hint. An id whose file has
    problems of its own (unreadable) is not reported twice."""
    problems: list[Problem] = []
    out = Collector(SITE_YML, config.tr, problems)
    for entry_id, pos in config.settings.featured:
        if entry_id in entries or entry_id in unreadable:
            continue
        suggestion = closest(entry_id, list(entries), limit=1)
        index = [known for known, _ in config.settings.featured].index(entry_id)
        out.add(
            "unknown_id",
            pos,
            f"featured[{index}]",
            expected=config.tr("expected.existing_id"),
            found=f'"{entry_id}"',
            hint=config.tr("hints.did_you_mean", suggestion=suggestion[0])
            if suggestion
            else config.tr("hints.unknown_id"),
            value=entry_id,
        )
    return problems


def featured_entries(config: SiteConfig, entries: Mapping[str, Entry]) -> list[Entry]:
    """The featured entries that exist, in site.yml's order."""
    return [entries[entry_id] for entry_id, _ in config.settings.featured if entry_id in entries]
