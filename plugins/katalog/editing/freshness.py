"""How long ago an entry's content was last confirmed."""

from __future__ import annotations

import datetime

from ..core.config.settings import build_date, months_between
from ..core.entries import Entry
from ..core.values import REVIEWED_KEY


def review_age(entry: Entry) -> int | None:
    """Whole months since the entry's `reviewed` date, on the build's date; None without one."""
    reviewed = entry.data.get(REVIEWED_KEY)
    if not isinstance(reviewed, str):
        return None
    return months_between(datetime.date.fromisoformat(reviewed), build_date())
