"""The legal ground each reply letter states: the article table, 确认或重新出具 (Art. 2), and the two
answers under 本机关不掌握相关政府信息 (Art. 36(四) and (五)) through the service, API and workbench."""

import datetime as dt
import io

import pytest
from docx import Document

from gongkai.applications import services
from gongkai.applications.choices import REPLY_OUTCOMES
from gongkai.applications.letters import render, texts
from gongkai.applications.letters.context import letter_for
from gongkai.applications.models import ApplicationEvent
from gongkai.applications.tests.factories import TODAY, body, received_application
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import InvalidInput
from gongkai.core.system import SYSTEM
from gongkai.testing import error_code

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
OTHER = {"not_held": "other_agency", "reason": "该信息由市自然资源局在不动产登记中制作并保存"}
NAMED = {
    **OTHER,
    "other_agency_name": "测试市自然资源局",
    "other_agency_contact": "0731-88888888，测试市人民路1号",
}


def letter_text(application, event_id=None) -> str:
    content = render.to_docx(letter_for(application, event_id))
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)


def reply(application, outcome="unable.not_held", on="2026-03-10", **fields):
    return services.reply(application, actor=SYSTEM, on=D(on), outcome=outcome, today=TODAY, **fields)


def reply_event(application) -> ApplicationEvent:
    return application.events.get(action="reply")


# The article each outcome rests on, read against the 2019 text (国务院令第711号) ----------------------

BASIS = {
    "disclosed": "第三十六条第（二）项",
    "partially_disclosed": "第三十七条、第三十六条第（三）项",
    "withheld.state_secret": "第十四条、第三十六条第（三）项",
    "withheld.law_prohibited": "第十四条、第三十六条第（三）项",
    "withheld.security_stability": "第十四条、第三十六条第（三）项",
    "withheld.third_party": "第十五条、第三十二条、第三十六条第（三）项",
    "withheld.internal_affairs": "第十六条第一款、第三十六条第（三）项",
    "withheld.process_info": "第十六条第二款、第三十六条第（三）项",
    "withheld.enforcement_file": "第十六条第二款、第三十六条第（三）项",
    "withheld.query_matter": "第三十六条第（七）项",
    "unable.not_held": "第三十六条第（四）项",
    "unable.needs_creation": "第三十八条",
    "unable.still_unclear": "第三十条",
    "not_processed.petition": "第三十九条第一款",
    "not_processed.repeated": "第三十六条第（六）项",
    "not_processed.publication": "第三十九条第二款",
    "not_processed.excessive": "第三十五条",
    "not_processed.confirm_reissue": "第二条",
    "other.other": "",
}


@pytest.mark.parametrize("outcome", REPLY_OUTCOMES)
def test_every_reply_outcome_cites_the_article_of_the_2019_regulation_it_rests_on(outcome):
    assert texts.OUTCOMES[outcome][1] == texts.REGULATION + BASIS[outcome]


def test_only_the_publication_reply_cites_article_39_paragraph_2():
    citing = [code for code, (_, basis) in texts.OUTCOMES.items() if "第三十九条第二款" in basis]
    assert citing == ["not_processed.publication"]


def test_a_request_to_confirm_or_reissue_is_answered_as_outside_article_2(tree):
    application = received_application(tree["dept_a"])
    reply(application, "not_processed.confirm_reissue", reason="申请确认2019年收到的批复是否真实")
    text = letter_text(application)
    assert "确认或者重新出具您已获取的信息" in text and "不属于政府信息公开申请" in text
    assert f"依据：{texts.REGULATION}第二条。" in text
    assert "第三十九条" not in text


# 本机关不掌握: Art. 36(四) by default, (五) when chosen ---------------------------------------------


def test_not_held_defaults_to_article_36_4_with_todays_wording(tree):
    application = received_application(tree["dept_a"])
    reply(application, reason="经检索档案")
    assert reply_event(application).data["not_held"] == "not_exist"
    text = letter_text(application)
    assert "经检索，本机关未制作或者获取您申请公开的政府信息，该政府信息不存在。" in text
    assert f"依据：{texts.REGULATION}第三十六条第（四）项。" in text
    assert "负责公开" not in text


def test_not_held_by_another_agency_names_it_and_its_contact_under_article_36_5(tree):
    application = received_application(tree["dept_a"])
    reply(application, **NAMED)
    text = letter_text(application)
    assert "经审查，您申请公开的信息不属于本机关负责公开的政府信息。" in text
    assert (
        "负责公开该政府信息的行政机关为测试市自然资源局，联系方式：0731-88888888，测试市人民路1号。" in text
    )
    assert "具体理由：该信息由市自然资源局在不动产登记中制作并保存" in text
    assert f"依据：{texts.REGULATION}第十条、第三十六条第（五）项。" in text
    assert "不存在" not in text and "第三十六条第（四）项" not in text


def test_not_held_by_another_agency_that_cannot_be_determined_names_none(tree):
    application = received_application(tree["dept_a"])
    reply(application, **OTHER)
    text = letter_text(application)
    assert "不属于本机关负责公开的政府信息" in text and "第三十六条第（五）项" in text
    assert "负责公开该政府信息的行政机关为" not in text


def test_the_reply_event_and_its_audit_record_carry_the_answer_given(tree):
    application = received_application(tree["dept_a"])
    reply(application, **NAMED)
    data = reply_event(application).data
    assert data["outcome"] == "unable.not_held" and data["not_held"] == "other_agency"
    assert data["other_agency_name"] == "测试市自然资源局"
    assert data["other_agency_contact"] == "0731-88888888，测试市人民路1号"
    audit = AuditEvent.objects.filter(action="application.reply").latest("sequence")
    assert audit.data["not_held"] == "other_agency" and audit.data["other_agency_name"] == "测试市自然资源局"
    assert audit.data["other_agency_contact"] == "0731-88888888，测试市人民路1号"


def test_both_answers_count_in_the_same_annual_report_row(tree):
    first, second = received_application(tree["dept_a"]), received_application(tree["dept_a"])
    reply(first)
    reply(second, **OTHER)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.outcome == second.outcome == "unable.not_held"


REFUSALS = [
    ("disclosed", {"not_held": "not_exist"}, "not_held_not_applicable", "not_held"),
    (
        "not_processed.petition",
        {"not_held": "other_agency", "reason": "x"},
        "not_held_not_applicable",
        "not_held",
    ),
    ("unable.not_held", {"not_held": "elsewhere"}, "validation_error", "not_held"),
    (
        "unable.not_held",
        {"other_agency_name": "测试市自然资源局"},
        "other_agency_not_applicable",
        "other_agency_name",
    ),
    (
        "unable.not_held",
        {"not_held": "not_exist", "other_agency_contact": "0731-1"},
        "other_agency_not_applicable",
        "other_agency_contact",
    ),
    (
        "disclosed",
        {"other_agency_name": "测试市自然资源局"},
        "other_agency_not_applicable",
        "other_agency_name",
    ),
    (
        "unable.not_held",
        {**OTHER, "other_agency_name": "测试市自然资源局"},
        "other_agency_incomplete",
        "other_agency_contact",
    ),
    (
        "unable.not_held",
        {**OTHER, "other_agency_contact": "0731-1"},
        "other_agency_incomplete",
        "other_agency_name",
    ),
    ("unable.not_held", {"not_held": "other_agency"}, "not_held_reason_required", "reason"),
    ("unable.not_held", {**NAMED, "other_agency_name": "局" * 201}, "validation_error", "other_agency_name"),
]


@pytest.mark.parametrize(("outcome", "fields", "code", "field"), REFUSALS)
def test_a_sub_choice_that_does_not_fit_the_outcome_is_refused_and_nothing_written(
    tree, outcome, fields, code, field
):
    application = received_application(tree["dept_a"])
    events, audits = application.events.count(), AuditEvent.objects.count()
    with pytest.raises(InvalidInput) as refused:
        reply(application, outcome, **fields)
    assert (refused.value.code, refused.value.details["field"]) == (code, field)
    assert refused.value.status == 422 and any("\u4e00" <= char <= "\u9fff" for char in refused.value.message)
    assert application.events.count() == events and AuditEvent.objects.count() == audits


def test_a_draft_carries_the_answer_to_its_letter_and_to_the_signed_reply(tree, staff):
    application = received_application(tree["dept_a"])
    services.draft_reply(
        application,
        actor=staff["handler_a"],
        on=D("2026-03-09"),
        outcome="unable.not_held",
        today=TODAY,
        **NAMED,
    )
    draft = application.events.get(action="draft_reply")
    assert "不属于本机关负责公开的政府信息" in letter_text(application, draft.pk)
    with pytest.raises(InvalidInput):
        services.draft_reply(
            application,
            actor=staff["handler_a"],
            on=D("2026-03-09"),
            outcome="disclosed",
            not_held="other_agency",
            today=TODAY,
        )
    services.approve_reply(application, actor=staff["reviewer_a"], on=D("2026-03-10"), today=TODAY)
    data = reply_event(application).data
    assert (data["not_held"], data["other_agency_name"], data["draft"]) == (
        "other_agency",
        "测试市自然资源局",
        draft.pk,
    )
    assert "测试市自然资源局，联系方式：0731-88888888" in letter_text(application)


# API -------------------------------------------------------------------------------------------------


def registered(client) -> int:
    response = client.post("/applications", {**body(), "channel": "in_person", "received_on": "2026-02-10"})
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def test_api_reply_with_another_agency_responsible(api):
    client = api("reviewer_a")
    app_id = registered(client)
    response = client.post(
        f"/applications/{app_id}/actions/reply", {"date": "2026-03-10", "outcome": "unable.not_held", **NAMED}
    )
    assert response.status_code == 200, response.json()
    detail = response.json()
    assert detail["outcome"] == "unable.not_held"
    data = next(event["data"] for event in detail["events"] if event["action"] == "reply")
    assert (data["not_held"], data["other_agency_contact"]) == ("other_agency", NAMED["other_agency_contact"])


def test_api_reply_without_the_sub_choice_is_unchanged(api):
    client = api("reviewer_a")
    app_id = registered(client)
    response = client.post(
        f"/applications/{app_id}/actions/reply", {"date": "2026-03-10", "outcome": "unable.not_held"}
    )
    data = next(event["data"] for event in response.json()["events"] if event["action"] == "reply")
    assert response.status_code == 200 and data["not_held"] == "not_exist"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"outcome": "disclosed", "not_held": "other_agency"}, "not_held_not_applicable"),
        (
            {"outcome": "unable.not_held", "other_agency_name": "测试市自然资源局"},
            "other_agency_not_applicable",
        ),
        ({"outcome": "unable.not_held", "not_held": "other_agency"}, "not_held_reason_required"),
        ({"outcome": "unable.not_held", "not_held": "nowhere"}, "validation_error"),
    ],
)
def test_api_refuses_a_sub_choice_that_does_not_fit(api, fields, code):
    client = api("reviewer_a")
    app_id = registered(client)
    response = client.post(f"/applications/{app_id}/actions/reply", {"date": "2026-03-10", **fields})
    assert response.status_code == 422 and error_code(response) == code
    assert response.json()["error"]["message"]


def test_api_shows_the_sub_choice_of_a_pending_draft(api):
    client = api("handler_a")
    app_id = registered(client)
    response = client.post(
        f"/applications/{app_id}/actions/draft_reply",
        {"date": "2026-03-10", "outcome": "unable.not_held", **OTHER},
    )
    draft = response.json()["pending_draft"]
    assert (draft["not_held"], draft["other_agency_name"]) == ("other_agency", None)


# Workbench ---------------------------------------------------------------------------------------


@pytest.mark.today("2026-03-10")
def test_the_reply_form_offers_the_sub_choice_with_chinese_labels(client, tree, staff):
    application = received_application(tree["dept_a"])
    client.force_login(staff["reviewer_a"])
    page = client.get(f"/workbench/apply/{application.pk}/").content.decode()
    assert "本机关不掌握的情形" in page
    assert "经检索没有所申请公开的信息（条例第三十六条第（四）项）" in page
    assert "不属于本机关负责公开（条例第三十六条第（五）项）" in page
    assert "负责公开该政府信息的行政机关" in page and "reply-subchoice.js" in page


@pytest.mark.today("2026-03-10")
def test_the_workbench_records_another_agency_and_shows_it_on_the_detail_page(client, tree, staff):
    application = received_application(tree["dept_a"])
    client.force_login(staff["reviewer_a"])
    page = f"/workbench/apply/{application.pk}/"
    posted = client.post(
        page + "act/reply/",
        {
            "reply-date": "2026-03-10",
            "reply-outcome": "unable.not_held",
            **{f"reply-{k}": v for k, v in NAMED.items()},
        },
    )
    assert posted.status_code == 302
    data = reply_event(application).data
    assert (data["not_held"], data["other_agency_name"]) == ("other_agency", "测试市自然资源局")
    text = client.get(page).content.decode()
    assert "不掌握的情形：不属于本机关负责公开（条例第三十六条第（五）项）" in text
    assert "负责公开的行政机关：测试市自然资源局（联系方式：0731-88888888，测试市人民路1号）" in text
    assert 'data-field="not_held"' in text


@pytest.mark.today("2026-03-10")
def test_the_workbench_shows_the_refusal_next_to_the_reply_form(client, tree, staff):
    application = received_application(tree["dept_a"])
    client.force_login(staff["reviewer_a"])
    refused = client.post(
        f"/workbench/apply/{application.pk}/act/reply/",
        {
            "reply-date": "2026-03-10",
            "reply-outcome": "unable.not_held",
            "reply-not_held": "not_exist",
            "reply-other_agency_name": "测试市自然资源局",
        },
    )
    assert refused.status_code == 422
    assert "才能填写负责公开的行政机关及其联系方式" in refused.content.decode()
    assert not application.events.filter(action="reply").exists()


@pytest.mark.today("2026-03-10")
def test_the_public_tracking_page_shows_the_outcome_not_the_reply_details(client, tree):
    application = received_application(tree["dept_a"])
    reply(application, **NAMED)
    text = client.get(f"/apply/track/?code={application.tracking_code}").content.decode()
    assert "本机关不掌握相关政府信息" in text
    assert NAMED["reason"] not in text and "0731-88888888" not in text


@pytest.mark.today("2026-03-10")
def test_the_reviewer_sees_the_answer_a_draft_gives(client, tree, staff):
    application = received_application(tree["dept_a"])
    services.draft_reply(
        application,
        actor=staff["handler_a"],
        on=D("2026-03-09"),
        outcome="unable.not_held",
        today=TODAY,
        **OTHER,
    )
    client.force_login(staff["reviewer_a"])
    text = client.get(f"/workbench/apply/{application.pk}/").content.decode()
    assert (
        'data-field="draft_not_held">不掌握的情形：不属于本机关负责公开（条例第三十六条第（五）项）<' in text
    )
