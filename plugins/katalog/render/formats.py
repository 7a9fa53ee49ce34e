"""Dates, periods and numbers as the site's language writes them, with Babel's CLDR data."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..core.i18n import Translator

if TYPE_CHECKING:
    from babel import Locale

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _locale(language: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


class Formats:
    """`date("2026-10-01")` gives "1. oktober 2026" on a Danish site, "2018-04" gives "april 2018"."""

    def __init__(self, tr: Translator) -> None:
        self.tr = tr
        self._dates: dict[str, str] = {}  # Babel takes a while; a catalogue repeats its dates

    @functools.cached_property
    def locale(self) -> Locale:
        """Babel's, made when a first date or number is written: `katalog check` writes none."""
        return _locale(self.tr.language)

    def date(self, value: Any) -> str:
        """A date, a month or a year (YYYY-MM-DD, YYYY-MM, YYYY, or a date); anything else as written."""
        if isinstance(value, datetime.date):
            from babel.dates import format_date

            return format_date(value, "long", locale=self.locale)
        text = str(value)
        shown = self._dates.get(text)
        if shown is None:
            shown = self._dates[text] = self._partial_date(text)
        return shown

    def _partial_date(self, text: str) -> str:
        match = _PARTIAL.fullmatch(text)
        if match is None:
            return text
        year, month, day = match.groups()
        from babel.dates import format_date, format_skeleton

        try:
            if day:
                return format_date(datetime.date(int(year), int(month), int(day)), "long", locale=self.locale)
            if month:
                return format_skeleton("yMMMM", datetime.date(int(year), int(month), 1), locale=self.locale)
        except ValueError:
            return text
        return year

    def period(self, value: Mapping[str, Any], start_key: str, end_key: str) -> str:
        """ "1. marts 2018 – 4. april 2018", one date when both ends are the same day, "fra 2018" when open."""
        start, end = value.get(start_key), value.get(end_key)
        if start and end:
            if str(start) == str(end):
                return self.date(start)
            return f"{self.date(start)} – {self.date(end)}"
        if start:
            return self.tr("ui.period_from", start=self.date(start))
        if end:
            return self.tr("ui.period_until", end=self.date(end))
        return ""

    def number(self, value: int) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale)

    def count(self, name: str, value: int) -> str:
        """As the translator's `count()` ("1 post", "3 poster"), with the number written the site's way
        ("1.234 poster")."""
        form = "one" if value == 1 else "other"
        return self.tr(f"counts.{name}.{form}", count=self.number(value))
