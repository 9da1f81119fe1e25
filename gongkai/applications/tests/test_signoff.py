"""Sign-off of replies (审核签发): a handler drafts, a reviewer approves (the reply, on the approval
day, with its letter) or returns it; a reviewer's own reply needs no sign-off."""

import datetime as dt
import io

import pytest
from docx import Document

from gongkai.applications import services, signoff
from gongkai.applications.clock import ClockEvent
from gongkai.applications.letters import render
from gongkai.applications.letters.context import letter_for
from gongkai.applications.tests.factories import TODAY, received_application
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import Forbidden, RuleViolation
from gongkai.core.system import SYSTEM
from gongkai.testing import error_code

D = dt.date.fromisoformat


def by(user, application, name, on, **data):
    return getattr(services, name)(application, actor=user, on=D(on), today=TODAY, **data)


def draft(staff, application, on="2026-02-20", outcome="withheld.process_info", **data):
    data.setdefault("reason", "属于过程性信息")
    data.setdefault("note", "相关工作仍在研究中")
    return by(staff["handler_a"], application, "draft_reply", on, outcome=outcome, **data)


@pytest.mark.parametrize(
    ("policy", "outcome", "needed"),
    [
        ("except_disclosed", "disclosed", False),
        ("except_disclosed", "partially_disclosed", True),
        ("except_disclosed", "unable.not_held", True),
        ("all", "disclosed", True),
        ("none", "withheld.state_secret", False),
    ],
)
def test_which_replies_need_sign_off(policy, outcome, needed):
    assert signoff.needs_signoff(policy, outcome) is needed


def test_the_pending_draft_is_the_latest_not_returned_nor_approved():
    first = ClockEvent("draft_reply", D("2026-02-20"), {"outcome": "disclosed"}, 5)
    back = ClockEvent("return_reply", D("2026-02-21"), {"draft": 5, "comment": "理由不足"}, 6)
    second = ClockEvent("draft_reply", D("2026-02-22"), {"outcome": "disclosed"}, 7)
    assert signoff.pending_draft([first]) == first
    assert signoff.pending_draft([first, back]) is None
    assert signoff.returned_draft([first, back]) == (first, back)
    assert signoff.pending_draft([first, back, second]) == second
    assert signoff.returned_draft([first, back, second]) is None
    approved = ClockEvent("reply", D("2026-02-23"), {"draft": 7}, 8)
    assert signoff.pending_draft([first, back, second, approved]) is None


@pytest.mark.django_db
def test_a_handler_must_draft_a_reply_that_needs_sign_off(tree, staff):
    application = received_application(tree["dept_a"])
    with pytest.raises(RuleViolation) as refused:
        by(staff["handler_a"], application, "reply", "2026-02-20", outcome="unable.not_held")
    assert refused.value.code == "signoff_required"
    # A disclosure needs no sign-off by default: the handler replies at once.
    by(staff["handler_a"], application, "reply", "2026-02-20", outcome="disclosed")
    application.refresh_from_db()
    assert application.state == "concluded"


@pytest.mark.django_db
def test_a_draft_keeps_the_reply_rules_on_still_unclear(tree, staff):
    # Art. 30: no 补正 was asked for, so "still unclear after correction" cannot even be drafted.
    application = received_application(tree["dept_a"])
    with pytest.raises(RuleViolation) as refused:
        draft(staff, application, outcome="unable.still_unclear")
    assert refused.value.code == "still_unclear_without_correction"
    assert not application.events.filter(action="draft_reply").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("user", ["reviewer_a", "admin_a", "root"])
def test_a_reviewer_or_superuser_reply_is_its_own_sign_off(tree, staff, user):
    application = received_application(tree["dept_a"])
    by(staff[user], application, "reply", "2026-02-20", outcome="withheld.process_info")
    application.refresh_from_db()
    assert (application.state, application.concluded_on) == ("concluded", D("2026-02-20"))


@pytest.mark.django_db
def test_a_draft_is_not_the_reply_and_the_approval_concludes_on_its_own_date(tree, staff):
    application = received_application(tree["dept_a"])  # received 2026-02-10, due 2026-03-16
    draft(staff, application, on="2026-03-13")
    application.refresh_from_db()
    assert application.state == "received" and application.due_on == D("2026-03-16")
    assert application.concluded_on is None and application.outcome == ""
    by(staff["reviewer_a"], application, "approve_reply", "2026-03-17")
    application.refresh_from_db()
    # Concluded on the approval day, which is after the deadline: the reply is late.
    assert (application.state, application.concluded_on, application.late) == (
        "concluded",
        D("2026-03-17"),
        True,
    )
    assert application.outcome == "withheld.process_info"
    reply = application.events.get(action="reply")
    assert reply.data["signed_off_by"] == "reviewer_a"
    assert reply.data["draft"] == application.events.get(action="draft_reply").pk
    letter = letter_for(application)
    assert letter.event == reply and letter.context["letter_number"] == "测甲依申复〔2026〕1号"
    text = "\n".join(p.text for p in Document(io.BytesIO(render.to_docx(letter))).paragraphs)
    assert "属于过程性信息" in text and "相关工作仍在研究中" in text
    audit = AuditEvent.objects.filter(action__startswith="application.").order_by("id")
    assert list(audit.values_list("action", flat=True)) == [
        "application.register",
        "application.draft_reply",
        "application.reply",
    ]


@pytest.mark.django_db
def test_a_returned_draft_is_drafted_again(tree, staff):
    application = received_application(tree["dept_a"])
    draft(staff, application)
    with pytest.raises(RuleViolation) as refused:
        draft(staff, application)
    assert refused.value.code == "draft_pending"
    with pytest.raises(RuleViolation) as refused:
        by(staff["reviewer_a"], application, "return_reply", "2026-02-19", comment="早于送审")
    assert refused.value.code == "date_before_draft"
    by(staff["reviewer_a"], application, "return_reply", "2026-02-21", comment="请补充法律依据")
    with pytest.raises(RuleViolation) as refused:
        by(staff["reviewer_a"], application, "approve_reply", "2026-02-21")
    assert refused.value.code == "no_pending_draft"
    draft(staff, application, on="2026-02-23", outcome="partially_disclosed", reason="部分涉及个人隐私")
    by(staff["reviewer_a"], application, "approve_reply", "2026-02-24")
    application.refresh_from_db()
    assert application.outcome == "partially_disclosed"
    events = list(application.events.values_list("action", flat=True))
    assert events == ["register", "draft_reply", "return_reply", "draft_reply", "reply"]


@pytest.mark.django_db
def test_only_a_reviewer_approves_or_returns(tree, staff):
    application = received_application(tree["dept_a"])
    draft(staff, application)
    with pytest.raises(Forbidden):
        by(staff["handler_a"], application, "approve_reply", "2026-02-21")
    with pytest.raises(Forbidden):
        by(staff["handler_a"], application, "return_reply", "2026-02-21", comment="自己退回")


@pytest.mark.django_db
def test_the_agency_setting_decides(tree, staff):
    agency = tree["dept_a"]
    services.update_settings(agency, actor=staff["admin_a"], signoff="none")
    free = received_application(agency)
    by(staff["handler_a"], free, "reply", "2026-02-20", outcome="unable.not_held")
    services.update_settings(agency, actor=staff["admin_a"], signoff="all")
    strict = received_application(agency)
    with pytest.raises(RuleViolation):
        by(staff["handler_a"], strict, "reply", "2026-02-20", outcome="disclosed")


@pytest.mark.django_db
def test_drafts_are_not_acts_the_public_sees_or_a_void_cancels(tree, staff, api):
    application = received_application(tree["dept_a"])
    draft(staff, application)
    public = api().get(f"/public/track/{application.tracking_code}").json()
    assert [step["action"] for step in public["timeline"]] == ["register"]
    with pytest.raises(RuleViolation) as refused:
        services.void(application, actor=SYSTEM, on=D("2026-02-21"), reason="录错", today=TODAY)
    assert refused.value.code == "nothing_to_void"


@pytest.mark.django_db
def test_the_api_drafts_approves_and_returns(tree, staff, api):
    application = received_application(tree["dept_a"])
    url = f"/applications/{application.pk}/actions/"
    handler, reviewer = api("handler_a"), api("reviewer_a")
    refused = handler.post(url + "reply", {"date": "2026-02-20", "outcome": "withheld.third_party"})
    assert refused.status_code == 409 and error_code(refused) == "signoff_required"
    drafted = handler.post(
        url + "draft_reply", {"date": "2026-02-20", "outcome": "withheld.third_party", "reason": "第三方不同意"}
    )
    assert drafted.status_code == 200
    body = drafted.json()
    assert body["state"] == "received" and body["outcome"] is None
    assert body["pending_draft"]["outcome"] == "withheld.third_party"
    assert body["pending_draft"]["by"] == "handler_a"
    missing = reviewer.post(url + "return_reply", {"date": "2026-02-21"})
    assert missing.status_code == 422
    assert handler.post(url + "approve_reply", {"date": "2026-02-21"}).status_code == 403
    approved = reviewer.post(url + "approve_reply", {"date": "2026-02-21"}).json()
    assert approved["state"] == "concluded" and approved["replied_on"] == "2026-02-21"
    assert approved["pending_draft"] is None
    assert approved["events"][-1]["letter_no"] == "测甲依申复〔2026〕1号"


@pytest.mark.django_db
def test_the_reviewer_reads_the_draft_letter_before_signing(tree, staff, client):
    application = received_application(tree["dept_a"])
    draft(staff, application)
    event = application.events.get(action="draft_reply")
    letter = letter_for(application, event.pk)
    assert letter.draft and letter.context["letter_number"] == "（送审稿，签发时编号）"
    assert letter.filename("pdf").startswith("答复告知书（不予公开）（送审稿）-")
    client.force_login(staff["reviewer_a"])
    response = client.get(f"/workbench/apply/{application.pk}/letters/{event.pk}.docx")
    assert response.status_code == 200
    assert "送审稿" in "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)


@pytest.mark.django_db
def test_the_workbench_offers_each_their_step(tree, staff, client):
    application = received_application(tree["dept_a"])
    page = f"/workbench/apply/{application.pk}/"
    client.force_login(staff["handler_a"])
    text = client.get(page).content.decode()
    assert 'data-action="draft_reply"' in text and 'data-action="reply"' in text
    posted = client.post(
        page + "act/draft_reply/",
        {"draft_reply-date": "2026-02-20", "draft_reply-outcome": "unable.not_held", "draft_reply-reason": "未制作"},
    )
    assert posted.status_code == 302
    text = client.get(page).content.decode()
    assert "data-pending-draft" in text and "等待审核人签发" in text
    assert 'data-action="reply"' not in text and 'data-action="draft_reply"' not in text
    client.force_login(staff["reviewer_a"])
    text = client.get(page).content.decode()
    assert 'data-action="approve_reply"' in text and 'data-action="return_reply"' in text
    posted = client.post(page + "act/return_reply/", {"return_reply-date": "2026-02-21", "return_reply-comment": "请写明依据"})
    assert posted.status_code == 302
    timeline = client.get(page).content.decode()
    assert "退回意见：请写明依据" in timeline and "结果：无法提供：本机关不掌握相关政府信息" in timeline


@pytest.mark.django_db
def test_todos_for_the_reviewer_and_the_returned_handler(tree, staff, client):
    application = received_application(tree["dept_a"])
    draft(staff, application)
    client.force_login(staff["reviewer_a"])
    assert "待签发：张三" in client.get("/workbench/").content.decode()
    client.force_login(staff["handler_a"])
    assert "待签发" not in client.get("/workbench/").content.decode()
    by(staff["reviewer_a"], application, "return_reply", "2026-02-21", comment="请补充法律依据")
    home = client.get("/workbench/").content.decode()
    assert "答复稿被退回：张三" in home and "退回意见：请补充法律依据" in home
    client.force_login(staff["reviewer_a"])
    assert "答复稿被退回" not in client.get("/workbench/").content.decode()


@pytest.mark.django_db
def test_the_void_form_names_the_act_a_void_cancels_not_the_draft(tree, staff, client):
    application = received_application(tree["dept_a"])
    by(staff["reviewer_a"], application, "extend", "2026-02-12", days=5, reason="需协调")
    draft(staff, application)
    client.force_login(staff["reviewer_a"])
    page = client.get(f"/workbench/apply/{application.pk}/")
    void = next(form for form in page.context["action_forms"] if form.action == "void")
    assert "将作废“延长答复期限”（2026-02-12）" in void.hint


@pytest.mark.django_db
@pytest.mark.today("2026-02-20")
def test_the_workbench_tells_a_handler_where_to_draft_without_a_code(client, tree, staff):
    application = received_application(tree["dept_a"])
    client.force_login(staff["handler_a"])
    refused = client.post(
        f"/workbench/apply/{application.pk}/act/reply/",
        {"reply-date": "2026-02-20", "reply-outcome": "unable.not_held"},
    )
    body = refused.content.decode()
    assert refused.status_code == 409
    assert "请在“答复稿送审”中提交答复稿" in body and "draft_reply）" not in body


@pytest.mark.django_db
def test_the_reviewers_todo_names_who_drafted_by_their_name_not_their_login(tree, staff, client):
    handler = staff["handler_a"]
    handler.first_name = "王晓明"  # the full name (agencies.services.create_user)
    handler.save()
    application = received_application(tree["dept_a"])
    draft(staff, application)
    client.force_login(staff["reviewer_a"])
    home = client.get("/workbench/").content.decode()
    assert f"{tree['dept_a'].name}，王晓明 2026-02-20 送审" in home
    assert "handler_a 2026-02-20" not in home
