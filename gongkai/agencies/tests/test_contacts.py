"""Telephone and fax numbers are kept on one line wherever the public reads an agency's contacts."""

import pytest
from django.template import Context, Template

from gongkai.agencies.services import update_agency
from gongkai.core.system import SYSTEM


def render(value) -> str:
    return Template("{% load contacts %}{{ value|phone_numbers }}").render(Context({"value": value}))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0571-8888 8888", '<span class="nowrap">0571-8888 8888</span>'),
        (
            "0571-88888888、0571-87654321",
            '<span class="nowrap">0571-88888888</span>、<span class="nowrap">0571-87654321</span>',
        ),
        (
            "0731-1234567 或 12345",
            '<span class="nowrap">0731-1234567</span> 或 <span class="nowrap">12345</span>',
        ),
        ("010-1234 / 010-5678", '<span class="nowrap">010-1234</span> / <span class="nowrap">010-5678</span>'),
        ("", ""),
        (None, ""),
    ],
)
def test_each_number_is_kept_on_one_line_and_the_list_may_break_between_them(value, expected):
    assert render(value) == expected


def test_a_number_field_is_escaped():
    assert render("0571-1<script>") == '<span class="nowrap">0571-1&lt;script&gt;</span>'


@pytest.mark.parametrize("path", ["/agencies/city/", "/interaction/", "/"], ids=["agency", "interaction", "footer"])
def test_public_pages_keep_the_agency_phone_unbroken(client, tree, path):
    update_agency(tree["city"], actor=SYSTEM, phone="0571-8888 8888")
    text = client.get(path).content.decode()
    assert '<span class="nowrap">0571-8888 8888</span>' in text
