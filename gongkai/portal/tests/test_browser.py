"""In a browser: the home page in the large-font (适老化) version on a phone."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_large_font_home_page_fits_a_phone_screen(live_server, page, tree):
    """375 px with 大字版 on: the home page's blocks narrow to the screen (a 20rem minimum column
    at 125 % font was wider than the phone, so the page scrolled sideways)."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="大字版").click()
    expect(page.get_by_role("button", name="标准版")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.reload()  # the choice is kept
    expect(page.locator("html")).to_have_class("large-font")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.console_errors == []


def test_plain_submit_buttons_and_untyped_inputs_take_the_sites_form_style(live_server, page, tree):
    """A form's bare ``<button type=submit>`` in the page looks like the site's other buttons (not
    the browser's grey one), and an ``<input>`` without a type in a field is as wide as its field."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/guides/")
    button = page.locator("main").get_by_role("button", name="查询")
    expect(button).to_have_css("background-color", "rgb(158, 27, 30)")  # --red
    widths = page.locator("#g-q").evaluate(
        "e => [e.getBoundingClientRect().width, e.parentElement.getBoundingClientRect().width]"
    )
    assert widths[0] >= widths[1] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.console_errors == []
