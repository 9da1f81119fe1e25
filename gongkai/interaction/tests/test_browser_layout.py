"""In a browser: the staff pages of 互动交流 are laid out compactly and fit a 375 px screen (the
table scrolls in its wrapper; its caption wraps within the screen)."""

import pytest

from gongkai.interaction.tests.factories import message
from gongkai.testing import sign_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 375, "height": 800}


@pytest.fixture
def narrow(page):
    page.set_viewport_size(NARROW)
    return page


def right_edge(page, selector: str) -> float:
    return page.eval_on_selector(selector, "node => node.getBoundingClientRect().right")


def test_the_message_list_caption_wraps_within_a_narrow_screen(live_server, narrow, tree, staff):
    message(tree["dept_a"])
    sign_in_browser(narrow, live_server, "handler_a")
    narrow.goto(live_server.url + "/workbench/interaction/")
    caption = narrow.get_by_text("按答复期限排序")
    assert caption.is_visible()
    assert right_edge(narrow, "#messages-caption") <= NARROW["width"]


def test_the_act_forms_keep_their_fields_together(live_server, page, tree, staff):
    item = message(tree["dept_a"])
    sign_in_browser(page, live_server, "handler_a")
    page.goto(live_server.url + f"/workbench/interaction/{item.pk}/")
    for action in ("accept", "reply"):
        form = page.locator(f'form[data-action="{action}"]')
        top = form.bounding_box()["y"]
        widgets = form.locator(".field input, .field textarea, .field select")
        first = widgets.first.bounding_box()
        last = widgets.nth(widgets.count() - 1).bounding_box()
        button = form.get_by_role("button").bounding_box()
        assert first["y"] - top < 110  # heading and label, then the first input: no empty band
        assert button["y"] - (last["y"] + last["height"]) < 50  # nor before the button


def test_a_refused_act_reopens_the_page_with_its_error_on_a_narrow_screen(live_server, narrow, tree, staff):
    """The act forms are far below the top on a phone: a refusal must not reload the page at its top."""
    item = message(tree["dept_a"])
    sign_in_browser(narrow, live_server, "handler_a")
    narrow.goto(live_server.url + f"/workbench/interaction/{item.pk}/")
    transfer = narrow.locator('form[data-action="transfer"]')
    transfer.get_by_label("转办机构").select_option(value=str(tree["dept_b"].pk))
    transfer.get_by_role("button", name="转办").click()
    narrow.wait_for_load_state()
    error = narrow.locator('form[data-action="transfer"] .errorlist')
    assert "必填" in error.inner_text()
    box = error.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= NARROW["height"]
    assert narrow.locator('form[data-action="transfer"]').get_by_label("转办机构").input_value() == str(
        tree["dept_b"].pk
    )
