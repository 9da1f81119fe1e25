"""Published replies and FAQs in full-text search; the demo loader's messages in every state."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from gongkai.core.system import SYSTEM
from gongkai.interaction import services
from gongkai.interaction.models import Message
from gongkai.interaction.tests.factories import replied
from gongkai.search import selectors as search

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 12)


def keys(q: str) -> set[str]:
    return {row["key"] for row in search.search(search.SearchParams(q=q)).results}


def test_published_replies_and_faqs_are_found_and_unpublished_ones_are_not(tree):
    item = replied(tree["dept_a"], title="公积金提取咨询", body="公积金怎么提取？")
    assert keys("公积金") == set()
    item = services.publish(item, actor=SYSTEM, on=DAY, today=DAY)
    assert keys("公积金") == {f"interaction.message:{item.pk}"}
    assert keys("市民中心") == {f"interaction.message:{item.pk}"}  # the reply is searched too
    faq = services.to_faq(item, actor=SYSTEM, on=DAY, today=DAY)
    assert keys("公积金") == {f"interaction.message:{item.pk}", f"interaction.faq:{faq.pk}"}
    services.unpublish(item, actor=SYSTEM, on=DAY, today=DAY)
    assert keys("公积金") == {f"interaction.faq:{faq.pk}"}
    services.save_faq(faq, actor=SYSTEM, question=faq.question, answer=faq.answer, public=False, today=DAY)
    assert keys("公积金") == set()


def test_search_facets_name_the_new_genres_in_chinese(tree):
    item = replied(tree["dept_a"], title="公积金提取咨询")
    services.publish(item, actor=SYSTEM, on=DAY, today=DAY)
    facets = search.search(search.SearchParams(q="公积金")).facets["genre"]
    assert facets == [{"value": "message", "label": "互动交流答复", "count": 1}]


def test_reindex_rebuilds_the_message_documents(tree):
    item = services.publish(replied(tree["dept_a"], title="公积金提取咨询"), actor=SYSTEM, on=DAY, today=DAY)
    call_command("reindex", "--clear", stdout=io.StringIO())
    assert keys("公积金") == {f"interaction.message:{item.pk}"}


@pytest.mark.today("2026-06-15")
def test_the_demo_has_messages_in_every_state(db):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent
    messages = Message.objects.all()
    assert {message.state for message in messages} == {
        "received",
        "accepted",
        "reopened",
        "replied",
        "rejected",
    }
    assert messages.filter(
        due_on__lt=dt.date(2026, 6, 15), state__in=["received", "accepted", "reopened"]
    ).exists()
    assert messages.filter(events__action="transfer").exists()
    assert messages.filter(published=True).count() == 2 and messages.filter(rating="dissatisfied").exists()
    assert messages.count() == 9


def test_rebuild_message_clocks_restores_a_damaged_cache(tree):
    from gongkai.interaction.tests.factories import message

    item = message(tree["dept_a"], on=DAY)
    Message.objects.filter(pk=item.pk).update(due_on=None, state="replied")
    out = io.StringIO()
    call_command("rebuild_message_clocks", stdout=out)
    item.refresh_from_db()
    assert (item.state, item.due_on) == ("received", dt.date(2026, 3, 19))
    assert "更新 1 条" in out.getvalue()
