"""`katalog stale`: entries whose `reviewed` date is older than the site's limit, oldest first."""

from __future__ import annotations

from pathlib import Path

from ..core.catalogue import build_catalogue
from ..core.config.siteconfig import ConfigError
from ..editing.freshness import review_age
from . import EXIT_CLEAN
from .common import print_config_error


def run(root: Path, months: int | None) -> int:
    try:
        catalogue = build_catalogue(root)
    except ConfigError as error:
        return print_config_error(error)
    tr = catalogue.config.tr
    limit = catalogue.config.settings.stale_after_months if months is None else months
    aged = [(review_age(entry), entry) for entry in catalogue.entries.values()]
    stale = sorted(
        ((age, entry) for age, entry in aged if age is not None and age > limit),
        key=lambda item: (-item[0], item[1].path),
    )
    unreviewed = sorted(entry.path for age, entry in aged if age is None)
    for age, entry in stale:
        print(tr("stale.line", path=entry.path, date=entry.data["reviewed"], months=age, title=entry.title))
    print(tr("stale.summary", stale=len(stale), months=limit, total=len(catalogue.entries), unreviewed=len(unreviewed)))
    return EXIT_CLEAN
