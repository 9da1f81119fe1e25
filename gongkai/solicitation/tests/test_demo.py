"""The demo solicitations: one open, one closed awaiting feedback, one with feedback and its final
policy, loaded once however often the demo is loaded."""

from io import StringIO

from django.core.management import call_command

from gongkai.solicitation import selectors
from gongkai.solicitation.models import Solicitation
from gongkai.testing import TODAY


def test_load_demo_makes_one_solicitation_in_each_stage_once(db, client):
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    demo = Solicitation.objects.filter(agency__code="sfs-fgw").order_by("opens_on")
    assert [selectors.state_of(each, TODAY) for each in demo] == ["feedback_published", "closed", "open"]
    reported, closed, open_one = demo

    assert selectors.accepting_comments(open_one, TODAY)
    assert closed.comments.filter(decision="").exists()  # one still undecided: the feedback waits
    assert reported.final_item.is_public and reported.feedback.item.is_public
    assert list(reported.feedback.item.columns.values_list("code", flat=True)) == ["solicitation"]

    final_page = client.get(reported.final_item.get_absolute_url()).content.decode()
    assert reported.feedback.item.get_absolute_url() in final_page
    detail = client.get(reported.get_absolute_url()).content.decode()
    assert reported.feedback.item.get_absolute_url() in detail and "赵某" not in detail
    assert "剩余" in client.get("/solicitations/").content.decode()
    assert "已截止，采纳情况待公布" in client.get("/solicitations/?state=closed").content.decode()
    assert selectors.feedback_missing([reported.agency_id], TODAY) == []  # awaiting, not late
    assert selectors.feedback_due_on(closed) > TODAY
    assert selectors.final_without_feedback([reported.agency_id]).count() == 0
