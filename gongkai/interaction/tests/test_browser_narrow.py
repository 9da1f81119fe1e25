"""In a browser 375 px wide: the staff pages of 互动交流 fit the screen (the table scrolls in its
wrapper; its caption and the act forms wrap within the screen)."""

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
