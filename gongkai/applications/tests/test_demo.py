import pytest

from gongkai.agencies import demo as agency_demo
from gongkai.applications import demo
from gongkai.applications.letters.context import letter_for
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
    # The records are the market regulator's: Art. 36(五), naming it, not (四) 不存在.
    assert draft.data["not_held"] == "other_agency"
    assert draft.data["other_agency_name"] == "示范市市场监督管理局" and draft.data["other_agency_contact"]
    assert draft.data["reason"].endswith("。") and not draft.data.get("note")
    text = letter_for(drafted, draft.pk).context["outcome_statement"]
    assert "不属于本机关负责公开" in text and "示范市市场监督管理局" in text and "不存在" not in text
    extended = Application.objects.get(description__contains="价格监测报告").events.get(action="extend")
    assert (
        extended.actor.username == "fgw_reviewer" and extended.data["approved_in_system_by"] == "fgw_reviewer"
    )
    assert extended.data["approver"] == "市发展改革委 审核人"  # the approver by name, as people read it
