"""``{% load contacts %}`` then ``{{ agency.phone|phone_numbers }}``: each telephone or fax number
kept on one line.

A number such as "0571-8888 8888" otherwise breaks after the hyphen or at the space on a phone
screen, and a citizen copying or dialling it reads two halves. A field may hold several numbers
("0571-88888888、0571-87654321"): each is kept whole, the line may still break between them.
"""

import re

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

# What separates two numbers in a free-text field; spaces and hyphens belong to a number.
SEPARATOR = re.compile(r"(\s*[、，,;；/／]\s*|\s+或\s*)")


@register.filter
def phone_numbers(value) -> str:
    """``value`` with every number wrapped in ``<span class="nowrap">`` (escaped; "" stays "")."""
    text = str(value or "").strip()
    if not text:
        return ""
    parts = SEPARATOR.split(text)
    numbers = parts[0::2]
    separators = [*parts[1::2], ""]
    return format_html_join(
        "",
        "{}{}",
        (
            (format_html('<span class="nowrap">{}</span>', number) if number else "", separator)
            for number, separator in zip(numbers, separators, strict=True)
        ),
    )
