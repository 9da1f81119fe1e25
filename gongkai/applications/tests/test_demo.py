import pytest

from gongkai.agencies import demo as agency_demo
from gongkai.applications import demo
from gongkai.applications.models import Application
from gongkai.core.demo import DemoContext


@pytest.mark.django_db
def test_demo_applications_cover_every_state_and_load_once():
    context = DemoContext(log=lambda line: None)
    agency_demo.load(context)
    demo.load(context)
    demo.load(context)
    states = set(Application.objects.values_list("state", flat=True))
    assert Application.objects.count() == 13
    assert states == {
        "submitted",
        "received",
        "correction_requested",
        "in_consultation",
        "awaiting_fee",
        "concluded",
    }
    # the 补正 with its items, an online correction waiting for staff, and a fee notice
    correction = Application.objects.get(state="correction_requested", online_corrections__isnull=False)
    assert correction.events.get(action="request_correction").data["items"]
    assert Application.objects.filter(state="awaiting_fee", fee_amount__gt=0).exists()


@pytest.mark.django_db
def test_the_demo_has_a_reply_awaiting_sign_off_and_an_extension_approved_in_the_system():
    context = DemoContext(log=lambda line: None)
    agency_demo.load(context)
    demo.load(context)
    drafted = Application.objects.get(description__contains="行政处罚决定书")
    assert drafted.state == "received"
    draft = drafted.events.get(action="draft_reply")
    assert draft.actor.username == "fgw_handler" and draft.data["outcome"] == "unable.not_held"
    extended = Application.objects.get(description__contains="价格监测报告").events.get(action="extend")
    assert (
        extended.actor.username == "fgw_reviewer" and extended.data["approved_in_system_by"] == "fgw_reviewer"
    )
    assert extended.data["approver"] == "市发展改革委 审核人"  # the approver by name, as people read it
