"""Days left or late, in words with their unit:
``{% deadline_text row.days_left row.due_on today %}`` → 剩余 3 个工作日 / 今天到期 / 已逾期 2 个工作日."""

from django import template

from gongkai.workbench.registry import WORKING_DAYS, days_left_text

register = template.Library()


@register.simple_tag
def deadline_text(days, due_on, today, unit: str = WORKING_DAYS) -> str:
    """剩余 N 个工作日 / 今天到期 / 已逾期 N 个工作日 (已逾期 from the day after ``due_on``, a day off
    too); empty when unknown."""
    return days_left_text(days, unit or WORKING_DAYS, due_on=due_on, today=today)
