"""Days left or late, in words with their unit:
``{% deadline_text row.days_left row.due_on today %}`` → 剩余 3 个工作日 / 今天到期 / 已逾期 2 个工作日;
and dates that never break at their hyphens ("2026-12-" / "18" on a narrow line):
``{{ data.due_on|iso_date }}`` and ``{{ data.due_explained|iso_dates_in }}`` put them in ``<time>``
elements, which ``site.css`` keeps on one line."""

import datetime as dt
import re

from django import template
from django.utils.html import format_html, format_html_join

from gongkai.workbench.registry import WORKING_DAYS, days_left_text

register = template.Library()
ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


@register.simple_tag
def deadline_text(days, due_on, today, unit: str = WORKING_DAYS) -> str:
    """剩余 N 个工作日 / 今天到期 / 已逾期 N 个工作日 (已逾期 from the day after ``due_on``, a day off
    too); empty when unknown."""
    return days_left_text(days, unit or WORKING_DAYS, due_on=due_on, today=today)


@register.filter
def iso_date(day: dt.date | None) -> str:
    """``<time datetime="2026-12-18">2026-12-18</time>``; empty for no date (so ``|default`` works)."""
    if not day:
        return ""
    text = f"{day:%Y-%m-%d}" if isinstance(day, dt.date) else str(day)
    return format_html('<time datetime="{}">{}</time>', text, text)


@register.filter
def iso_dates_in(text) -> str:
    """``text``, escaped, with each YYYY-MM-DD in it as a ``<time>`` element."""
    pieces = ISO_DATE.split(str(text or ""))  # a capturing split: the dates are the odd pieces
    return format_html_join(
        "", "{}", ((iso_date(piece) if index % 2 else piece,) for index, piece in enumerate(pieces))
    )
