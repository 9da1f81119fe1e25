"""Cancelling an act recorded in error (``void``): a new event, the clock replayed without the act,
its letter kept and marked, the report following — API.md ``POST /applications/{id}/actions/void``."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from docx import Document
from pypdf import PdfReader

from gongkai.applications import services
from gongkai.applications.letters import render
from gongkai.applications.letters.context import letter_for
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.tests.factories import TODAY, person, received_application
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import RuleViolation
from gongkai.core.system import SYSTEM
from gongkai.reports import aggregates, figures
from gongkai.testing import error_code

pytestmark = pytest.mark.django_db

D = dt.date


def act(client, application_id, action, **fields):
    return client.post(f"/applications/{application_id}/actions/{action}", fields)


def replied(agency, on="2026-03-10", received="2026-02-10"):
    application = received_application(agency, received)
    return services.reply(application, actor=SYSTEM, on=D.fromisoformat(on), outcome="disclosed", today=TODAY)


def test_a_reviewer_voids_a_wrong_reply_and_the_application_is_open_again(api, tree):
    application = replied(tree["dept_a"])
    reply_event = application.events.get(action="reply")
    response = act(
        api("reviewer_a"), application.pk, "void", date="2026-03-11", reason="答复录入到了错误的申请"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["state"] == "received" and body["outcome"] is None and body["replied_on"] is None
    assert body["due_on"] == "2026-03-16" and body["late"] is False
    # The events stay as recorded: the reply is marked, the void names it.
    events = {event["action"]: event for event in body["events"]}
    assert events["reply"]["voided"] is True and events["reply"]["voided_by"] == events["void"]["id"]
    assert events["void"]["data"]["voids"] == reply_event.pk
    assert events["void"]["data"]["reason"] == "答复录入到了错误的申请"
    assert ApplicationEvent.objects.filter(application=application).count() == 3
    # The cached columns the lists and the annual report read are rewritten like after any act.
    cached = Application.objects.get(pk=application.pk)
    assert (cached.state, cached.outcome, cached.concluded_on) == ("received", "", None)
    audit = AuditEvent.objects.filter(action="application.void").get()
    assert "答复" in audit.summary and "答复录入到了错误的申请" in audit.summary


def test_void_needs_reviewer_rank_and_a_reason(api, tree):
    application = replied(tree["dept_a"])
    response = act(api("handler_a"), application.pk, "void", date="2026-03-11", reason="错误")
    assert response.status_code == 403
    response = act(api("reviewer_a"), application.pk, "void", date="2026-03-11", reason="  ")
    assert response.status_code == 422 and response.json()["error"]["details"]["field"] == "reason"
    response = act(api("handler_b"), application.pk, "void", date="2026-03-11", reason="错误")
    assert response.status_code == 404
    assert Application.objects.get(pk=application.pk).state == "concluded"


def test_voids_go_back_one_act_at_a_time_down_to_the_submission(api, tree):
    application = services.submit_online(
        agency=tree["dept_a"], applicant=person(), description="某文件", today=D(2026, 2, 9)
    )
    client = api("reviewer_a")
    assert act(client, application.pk, "confirm_receipt", date="2026-02-10").status_code == 200
    assert (
        act(client, application.pk, "extend", date="2026-02-11", days=5, reason="需协调").status_code == 200
    )
    assert act(client, application.pk, "void", date="2026-02-12", reason="延期系误操作").json()["due_on"] == (
        "2026-03-16"
    )
    body = act(client, application.pk, "void", date="2026-02-12", reason="确认日期有误").json()
    assert (body["state"], body["received_on"], body["due_on"]) == ("submitted", None, None)
    response = act(client, application.pk, "void", date="2026-02-12", reason="再撤一次")
    assert response.status_code == 409 and error_code(response) == "nothing_to_void"
    # The voided acts take no part: receipt can be confirmed again, an extension granted again.
    assert (
        act(client, application.pk, "confirm_receipt", date="2026-02-11").json()["received_on"]
        == "2026-02-11"
    )
    assert (
        act(client, application.pk, "extend", date="2026-02-12", days=5, reason="需协调").status_code == 200
    )


def test_a_void_cannot_be_dated_before_the_act_it_cancels(api, tree):
    application = replied(tree["dept_a"])
    response = act(api("reviewer_a"), application.pk, "void", date="2026-03-09", reason="错误")
    assert response.status_code == 409 and error_code(response) == "date_before_previous_event"


def test_a_reply_under_administrative_review_cannot_be_voided(api, tree):
    application = replied(tree["dept_a"])
    services.file_review(application, actor=SYSTEM, kind="review", filed_on=D(2026, 4, 1), today=TODAY)
    response = act(api("reviewer_a"), application.pk, "void", date="2026-04-02", reason="错误")
    assert response.status_code == 409 and error_code(response) == "void_under_review"


def test_the_annual_report_follows_a_void(tree):
    application = replied(tree["dept_a"])
    rows = figures.live_tables(tree["dept_a"], 2026)["applications"]["rows"]
    assert rows["disclosed"]["total"] == 1 and rows["carried_forward"]["total"] == 0
    services.void(application, actor=SYSTEM, on=D(2026, 3, 11), reason="录入错误", today=TODAY)
    rows = figures.live_tables(tree["dept_a"], 2026)["applications"]["rows"]
    assert rows["disclosed"]["total"] == 0 and rows["carried_forward"]["total"] == 1


def test_a_voided_fee_notice_is_not_counted_in_the_report(tree):
    application = received_application(tree["dept_a"], "2026-02-10")
    services.fee_notice(
        application, actor=SYSTEM, on=D(2026, 2, 11), method="per_page", pages=40, today=TODAY
    )
    assert figures.live_report(tree["dept_a"], 2026)["fees"]["notices"] == 1
    services.void(application, actor=SYSTEM, on=D(2026, 2, 12), reason="页数有误", today=TODAY)
    assert figures.live_report(tree["dept_a"], 2026)["fees"]["notices"] == 0
    assert Application.objects.get(pk=application.pk).fee_amount is None


def test_a_void_in_the_next_year_names_the_application_to_last_years_published_report(tree):
    application = replied(tree["dept_a"], on="2025-12-10", received="2025-12-01")
    published_at = application.events.get(action="reply").created_at
    services.void(application, actor=SYSTEM, on=D(2026, 1, 5), reason="答复录入错误", today=TODAY)
    ids = [tree["dept_a"].pk]
    assert aggregates.backdated_applications(ids, 2025, published_at) == [application.pk]


def test_a_voided_letter_stays_in_the_file_and_numbers_are_not_reused(tree):
    application = received_application(tree["dept_a"], "2026-02-10")
    services.extend(
        application, actor=SYSTEM, on=D(2026, 2, 11), days=5, reason="需协调", approver="王主任", today=TODAY
    )
    extension = application.events.get(action="extend")
    services.void(application, actor=SYSTEM, on=D(2026, 2, 12), reason="不应延期", today=TODAY)
    with pytest.raises(RuleViolation) as refused:
        letter_for(application)  # the default letter is the latest one still in force
    assert refused.value.code == "no_letter"
    kept = letter_for(application, extension.pk)
    assert kept.kind == "extension" and kept.context["letter_number"] == "测甲依申延〔2026〕1号"
    assert kept.filename("pdf").startswith("延期答复告知书（已作废）-")
    services.extend(
        application, actor=SYSTEM, on=D(2026, 2, 12), days=3, reason="需协调", approver="王主任", today=TODAY
    )
    assert letter_for(application).context["letter_number"] == "测甲依申延〔2026〕2号"


def test_the_timeline_marks_the_voided_act_and_its_letter(client, staff, tree):
    application = replied(tree["dept_a"])
    services.void(
        application, actor=staff["reviewer_a"], on=D(2026, 3, 11), reason="答复对象有误", today=TODAY
    )
    client.force_login(staff["reviewer_a"])
    page = strip_tags(
        client.get(reverse("applications_staff:detail", args=[application.pk])).content.decode()
    )
    assert "已作废" in page and "文书（已作废，存档备查）" in page
    assert "答复对象有误" in page and "作废办理环节：“答复”（2026-03-10）" in page


def test_only_reviewers_are_offered_the_void_form_naming_the_act(client, staff, tree):
    application = replied(tree["dept_a"])
    url = reverse("applications_staff:detail", args=[application.pk])
    client.force_login(staff["handler_a"])
    assert 'data-action="void"' not in client.get(url).content.decode()
    client.force_login(staff["reviewer_a"])
    page = client.get(url).content.decode()
    assert 'data-action="void"' in page and "将作废“答复”（2026-03-10）" in strip_tags(page)
    response = client.post(
        reverse("applications_staff:act", args=[application.pk, "void"]),
        {"void-date": "2026-03-11", "void-reason": "答复录入错误"},
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).state == "received"


def test_the_public_timeline_shows_the_acts_in_force(api, tree):
    application = replied(tree["dept_a"])
    services.void(application, actor=SYSTEM, on=D(2026, 3, 11), reason="录入错误", today=TODAY)
    tracked = api().get(f"/public/track/{application.tracking_code}").json()
    assert tracked["timeline"] == [{"action": "register", "date": "2026-02-10"}]
    assert tracked["state"] == "received" and tracked["replied_on"] is None
    assert "录入错误" not in str(tracked)


def _docx_text(content: bytes) -> tuple[str, str]:
    """(body, headers) text of a DOCX."""
    document = Document(io.BytesIO(content))
    body = "\n".join(paragraph.text for paragraph in document.paragraphs)
    headers = "\n".join(p.text for section in document.sections for p in section.header.paragraphs)
    return body, headers


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_voided_letter_carries_the_void_mark_in_its_docx_and_pdf(tree):
    application = received_application(tree["dept_a"], "2026-02-10")
    services.extend(
        application, actor=SYSTEM, on=D(2026, 2, 11), days=5, reason="需协调", approver="王主任", today=TODAY
    )
    extension = application.events.get(action="extend")
    valid = letter_for(application)
    valid_docx = render.to_docx(valid)
    assert "已作废" not in "".join(_docx_text(valid_docx))
    assert "已作废" not in _pdf_text(render.to_pdf(valid, valid_docx))

    services.void(application, actor=SYSTEM, on=D(2026, 2, 12), reason="不应延期", today=TODAY)
    voided = letter_for(application, extension.pk)
    body, headers = _docx_text(render.to_docx(voided))
    first = body.splitlines()[0]
    assert first == "已作废：本文书所载办理环节已于2026年2月12日作废，本文书存档备查，不作为办理结果的依据。"
    assert "政府信息公开申请延期答复告知书" in body and "测甲依申延〔2026〕1号" in body  # the letter itself
    assert headers.strip() == "已作废"
    pdf = _pdf_text(render.to_pdf(voided))
    assert "本文书所载办理环节已于2026年2月12日作废" in pdf.replace("\n", "")
    assert pdf.count("已作废") >= 2  # the boxed sentence and the mark in the page's top margin

    # The letter granted again afterwards is in force: no mark.
    services.extend(
        application, actor=SYSTEM, on=D(2026, 2, 12), days=3, reason="需协调", approver="王主任", today=TODAY
    )
    again = letter_for(application)
    again_docx = render.to_docx(again)
    assert not again.voided and "已作废" not in "".join(_docx_text(again_docx))
    assert "已作废" not in _pdf_text(render.to_pdf(again, again_docx))


def test_the_void_mark_keeps_an_agency_templates_own_header(tree):
    from docx.enum.section import WD_SECTION

    from gongkai.applications.letters import services as letter_services

    document = Document(io.BytesIO(render.default_template("extension")))
    document.sections[0].header.paragraphs[0].text = "测试市甲局（红头）"
    document.add_section(WD_SECTION.NEW_PAGE)  # a second section showing the first one's header
    document.add_paragraph("附：{{ tracking_code }}")
    own = io.BytesIO()
    document.save(own)
    letter_services.upload_letter_template(tree["dept_a"], "extension", own.getvalue(), actor=SYSTEM)
    application = received_application(tree["dept_a"], "2026-02-10")
    services.extend(
        application, actor=SYSTEM, on=D(2026, 2, 11), days=5, reason="需协调", approver="王主任", today=TODAY
    )
    extension = application.events.get(action="extend")
    services.void(application, actor=SYSTEM, on=D(2026, 2, 12), reason="不应延期", today=TODAY)
    marked = Document(io.BytesIO(render.to_docx(letter_for(application, extension.pk))))
    first, second = marked.sections
    assert [p.text for p in first.header.paragraphs] == ["已作废", "测试市甲局（红头）"]
    assert second.header.is_linked_to_previous  # inherits the marked header
    assert marked.paragraphs[0].style.name == "Letter Void"
