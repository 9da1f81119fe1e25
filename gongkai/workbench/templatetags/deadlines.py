"""Days left or late, in words with their unit: ``{{ row.days_left|days_left }}`` → 剩余 3 个工作日."""

from django import template

from gongkai.workbench.registry import days_left_text

register = template.Library()


@register.filter
def days_left(days: int | None, unit: str = "工作日") -> str:
    """剩余 N 个工作日 / 今天到期 / 已逾期 N 个工作日; empty when unknown."""
    return days_left_text(days, unit or "工作日")
