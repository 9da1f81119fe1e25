"""Giving a letter its number (文号) when the act that sends it is recorded.

The series counter row (agency, year, series) is locked for the rest of the act's transaction
(``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite every write transaction begins IMMEDIATE and
so holds the write lock), so two letters never read the same ``last``; an act that is refused
after the number was drawn rolls the number back with it. The same approach as the catalogue's
索引号 (``catalog.index_assignment``).
"""

from __future__ import annotations

import datetime as dt

from gongkai.applications import letter_numbers
from gongkai.applications.models import ApplicationSettings, LetterCounter


def settings_for(agency) -> ApplicationSettings:
    """The agency's settings, or the defaults (an unsaved row) when it has set none."""
    return ApplicationSettings.objects.filter(agency=agency).first() or ApplicationSettings(agency=agency)


def short_name_of(agency, settings: ApplicationSettings | None = None) -> str:
    settings = settings or settings_for(agency)
    return settings.short_name or letter_numbers.short_name(agency.name)


def prefix_for(agency, series: str, settings: ApplicationSettings | None = None) -> str:
    settings = settings or settings_for(agency)
    own = getattr(settings, f"prefix_{series}", "")
    return own or letter_numbers.default_prefix(short_name_of(agency, settings), series)


def prefixes(agency) -> dict[str, str]:
    """Series → the prefix in force (own or default), for the settings page and the API."""
    settings = settings_for(agency)
    return {series: prefix_for(agency, series, settings) for series in letter_numbers.SERIES}


def next_sequence(agency, year: int, series: str) -> int:
    counter, _ = LetterCounter.objects.select_for_update().get_or_create(
        agency=agency, year=year, series=series
    )
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def assign(agency, kind: str, on: dt.date) -> str:
    """The next number of the agency's series for letter ``kind``, in the year of the letter's date."""
    series = letter_numbers.series_of(kind)
    return letter_numbers.format_number(
        prefix_for(agency, series), on.year, next_sequence(agency, on.year, series)
    )
