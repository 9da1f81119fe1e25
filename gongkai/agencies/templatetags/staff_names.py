"""``{% load staff_names %}`` then ``{{ user|staff_name }}``: a person's name, not a login code."""

from django import template

from gongkai.agencies.names import staff_name as name_of

register = template.Library()


@register.filter
def staff_name(user) -> str:
    return name_of(user)
