"""The staff page of one application: names people go by, dates kept whole, warnings that still
apply, refused acts shown where the person is looking and at the field at fault."""

import datetime as dt
import re

import pytest

from gongkai.applications import services
from gongkai.applications.tests.factories import person, received_application
from gongkai.core.system import SYSTEM
from gongkai.testing import TODAY

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def page_of(client, application) -> str:
    return client.get(f"/workbench/apply/{application.pk}/").content.decode()


def named(user, name: str):
    user.first_name = name
    user.save(update_fields=["first_name"])
    return user


def test_the_pending_draft_and_the_signed_reply_name_staff_by_their_names_not_logins(client, staff, tree):
    handler, reviewer = named(staff["handler_a"], "李明"), named(staff["reviewer_a"], "王芳")
    application = received_application(tree["dept_a"], "2026-11-02")
    services.draft_reply(
        application, actor=handler, on=D("2026-11-27"), outcome="withheld.process_info", reason="过程性信息"
    )
    client.force_login(reviewer)
    pending = page_of(client, application)
    assert "（李明）" in pending and "handler_a" not in pending

    services.approve_reply(application, actor=reviewer, on=TODAY, today=TODAY)
    replied = page_of(client, application)
    assert "签发人：王芳" in replied
    assert "reviewer_a" not in replied and "handler_a" not in replied


def test_an_extension_approved_in_the_system_names_the_reviewer(client, staff, tree):
    reviewer = named(staff["reviewer_a"], "王芳")
    application = received_application(tree["dept_a"], "2026-11-02")
    services.extend(application, actor=reviewer, on=TODAY, days=10, reason="需要调取档案", today=TODAY)
    client.force_login(reviewer)
    text = page_of(client, application)
    assert "在系统中批准：王芳" in text and "reviewer_a" not in text


def test_dates_on_the_page_are_time_elements_that_do_not_break(client, staff, tree):
    application = received_application(tree["dept_a"], "2026-11-02")
    services.fee_notice(application, actor=SYSTEM, on=D("2026-11-27"), method="per_page", pages=1200)
    client.force_login(staff["handler_a"])
    text = page_of(client, application)
    fee = re.search(r'data-field="fee">(.*?)</dd>', text, re.S)[1]
    assert '缴费期限截至 <time datetime="' in fee and '通知 <time datetime="2026-11-27">2026-11-27</time>' in fee
    assert re.search(r'data-deadline-explained>收到 <time datetime="2026-11-02">', text)
    # No date is left as bare text on the page, where it could break at a hyphen.
    visible = re.sub(r"<time[^>]*>[^<]*</time>|<[^>]*>", " ", text)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", visible)


def test_the_fee_deadline_reads_as_on_the_tracking_page_the_last_day_included(client, staff, tree):
    application = received_application(tree["dept_a"], "2026-11-02")
    services.fee_notice(application, actor=SYSTEM, on=D("2026-11-27"), method="per_page", pages=1200)
    client.force_login(staff["handler_a"])
    fee = re.search(r'data-field="fee">(.*?)</dd>', page_of(client, application), re.S)[1]
    # add(2026-11-27, 20) = 2026-12-25: paying on that day is in time.
    assert "缴费期限截至 2026-12-25（含当日）" in re.sub(r"<[^>]*>", "", fee)


@pytest.mark.today("2026-12-21")
def test_a_concluded_application_no_longer_warns_that_its_deadline_cannot_be_computed(client, staff, tree):
    # Received 2026-12-10: its 20th working day falls in 2027, whose schedule is not confirmed.
    application = services.register(
        actor=SYSTEM,
        agency=tree["dept_a"],
        channel="in_person",
        applicant=person(),
        description="2025年本机关财政预算执行情况",
        received_on=D("2026-12-10"),
        today=D("2026-12-21"),
    )
    services.reply(application, actor=SYSTEM, on=D("2026-12-18"), outcome="disclosed", today=D("2026-12-21"))
    client.force_login(staff["handler_a"])
    response = client.get(f"/workbench/apply/{application.pk}/")
    assert response.context["data"]["calendar_unconfirmed"]
    html = response.content.decode()
    assert "data-calendar-warning" not in html
    assert "暂无法计算" not in html and "尚未确认，" not in html


# A refused act -------------------------------------------------------------------------------------


def act(client, application, action: str, **fields):
    return client.post(
        f"/workbench/apply/{application.pk}/act/{action}/",
        {f"{action}-{name}": value for name, value in fields.items()},
    )


def field_html(html: str, field_id: str) -> str:
    """The element with ``id`` ``field_id`` (its start tag)."""
    return re.search(rf'<[a-z]+ [^>]*id="{field_id}"[^>]*>', html)[0]


def errors_at(html: str, field_id: str) -> str:
    match = re.search(rf'<ul class="errorlist" id="{field_id}_error">(.*?)</ul>', html, re.S)
    return match[1] if match else ""


def summary_of(html: str) -> str:
    return re.search(r"<div [^>]*data-error-summary>(.*?)</div>", html, re.S)[1]


@pytest.fixture
def handler(client, staff):
    client.force_login(staff["handler_a"])
    return client


@pytest.fixture
def application(tree):
    return received_application(tree["dept_a"], "2026-11-02")


@pytest.mark.parametrize(
    ("action", "fields", "field", "message"),
    [
        (
            "fee_notice",
            {"date": "2026-11-27", "method": "per_page", "pages": "1200", "items": "3"},
            "items",
            "按量计收的申请不能再拆分计件",
        ),
        (
            "draft_reply",
            {
                "date": "2026-11-27",
                "outcome": "unable.not_held",
                "not_held": "other_agency",
                "other_agency_name": "测试市自然资源局",
                "reason": "该信息由市自然资源局制作",
            },
            "other_agency_contact",
            "请同时填写名称和联系方式",
        ),
        (
            "draft_reply",
            {"date": "2026-11-27", "outcome": "unable.not_held", "not_held": "other_agency"},
            "reason",
            "应当说明理由",
        ),
        ("request_correction", {"date": "2026-11-27", "items": "请写明文号"}, "date", "7个工作日内"),
    ],
)
def test_a_refusal_is_shown_at_the_field_at_fault_which_has_the_focus(
    handler, application, action, fields, field, message
):
    response = act(handler, application, action, **fields)
    assert response.status_code in (409, 422)
    html = response.content.decode()
    field_id = f"id_{action}-{field}"
    assert message in errors_at(html, field_id)
    tag = field_html(html, field_id)
    assert 'aria-invalid="true"' in tag and f"{field_id}_error" in tag and "autofocus" in tag
    assert html.count("autofocus") == 1
    # Not also at the top of the form, and the rest of what was entered is kept.
    form = re.search(rf'<form [^>]*id="act-{action}".*?</form>', html, re.S)[0]
    assert 'class="action-error"' not in form
    for name, value in fields.items():
        if name not in ("date", "method", "outcome", "not_held"):
            assert value in form
    assert f'href="#{field_id}"' in summary_of(html) and message in summary_of(html)


def test_a_refusal_of_the_whole_act_is_shown_at_the_top_of_its_form_whose_heading_has_the_focus(
    handler, application
):
    # Ten pages are free: nothing to charge.
    response = act(handler, application, "fee_notice", date="2026-11-27", method="per_page", pages="10")
    assert response.status_code == 409
    html = response.content.decode()
    form = re.search(r'<form [^>]*id="act-fee_notice".*?</form>', html, re.S)[0]
    assert '<p class="action-error" role="alert">按该计收方式本申请不应收取信息处理费</p>' in form
    assert '<h3 id="action-fee_notice" tabindex="-1" autofocus>' in form
    assert html.count("autofocus") == 1
    summary = summary_of(html)
    assert "“收费通知”未能记录" in summary
    assert '<a href="#act-fee_notice">按该计收方式本申请不应收取信息处理费</a>' in summary


def test_a_form_missing_a_field_focuses_it_and_sums_it_up_at_the_top(handler, application):
    response = act(handler, application, "start_consultation", date="2026-11-27")
    assert response.status_code == 400
    html = response.content.decode()
    assert "autofocus" in field_html(html, "id_start_consultation-third_party")
    assert 'href="#id_start_consultation-third_party">征求意见对象：' in summary_of(html)


def file_review(client, application, **fields):
    return client.post(f"/workbench/apply/{application.pk}/reviews/", fields)


@pytest.mark.parametrize(
    ("filed_on", "status", "message"),
    [
        ("2026-10-30", 409, "日期不能早于申请日期（2026-11-02）"),  # before the application
        ("2026-12-01", 409, "日期不能晚于今天"),
        ("", 400, "请填写日期"),
    ],
)
def test_a_refused_review_registration_is_shown_at_its_date_which_has_the_focus(
    handler, application, filed_on, status, message
):
    response = file_review(
        handler, application, kind="litigation_direct", filed_on=filed_on, note="（2026）湘01行初12号"
    )
    assert response.status_code == status
    html = response.content.decode()
    assert message in errors_at(html, "id_filed_on")
    tag = field_html(html, "id_filed_on")
    assert 'aria-invalid="true"' in tag and "id_filed_on_error" in tag and "autofocus" in tag
    assert html.count("autofocus") == 1
    form = re.search(r'<form [^>]*id="file-review".*?</form>', html, re.S)[0]
    assert 'class="action-error"' not in form
    assert "（2026）湘01行初12号" in form and 'value="litigation_direct" selected' in form
    summary = summary_of(html)
    assert "“登记复议或诉讼”未能记录" in summary
    assert 'href="#id_filed_on">申请/立案日期：' in summary and message in summary
    assert not application.reviews.exists()


def test_the_page_has_no_error_summary_nor_focus_when_nothing_was_refused(handler, application):
    html = page_of(handler, application)
    assert "data-error-summary" not in html and "autofocus" not in html


# The sub-choice of 本机关不掌握 without JavaScript ---------------------------------------------------


def test_the_reply_forms_preselect_article_36_4(handler, application):
    html = page_of(handler, application)
    for action in ("reply", "draft_reply"):
        assert "checked" in field_html(html, f"id_{action}-not_held_0")
        assert "checked" not in field_html(html, f"id_{action}-not_held_1")


def test_the_sub_choice_sent_with_another_outcome_is_dropped_not_refused(handler, application):
    # Without JavaScript the radio stays checked and the agency filled in once (五) was considered.
    response = act(
        handler,
        application,
        "draft_reply",
        date="2026-11-27",
        outcome="partially_disclosed",
        not_held="other_agency",
        other_agency_name="测试市自然资源局",
        reason="部分内容涉及个人隐私",
    )
    assert response.status_code == 302
    draft = application.events.get(action="draft_reply").data
    assert draft["outcome"] == "partially_disclosed" and draft["reason"] == "部分内容涉及个人隐私"
    assert not {"not_held", "other_agency_name", "other_agency_contact"} & set(draft)


def test_article_36_4_preselected_and_sent_records_the_default_answer(handler, application):
    response = act(
        handler,
        application,
        "draft_reply",
        date="2026-11-27",
        outcome="unable.not_held",
        not_held="not_exist",
    )
    assert response.status_code == 302
    assert application.events.get(action="draft_reply").data["not_held"] == "not_exist"


def test_reasons_are_marked_required_when_the_form_comes_back_with_article_36_5(handler, application):
    html = page_of(handler, application)
    assert "答复“不属于本机关负责公开”的，应当说明理由" in html
    label = re.search(r'<label for="id_draft_reply-reason">.*?</label>', html, re.S)[0]
    assert "required-mark" not in label

    response = act(
        handler,
        application,
        "draft_reply",
        date="2026-11-27",
        outcome="unable.not_held",
        not_held="other_agency",
    )
    html = response.content.decode()
    label = re.search(r'<label for="id_draft_reply-reason">.*?</label>', html, re.S)[0]
    assert "required-mark" in label
    assert 'aria-required="true"' in field_html(html, "id_draft_reply-reason")
    assert "checked" in field_html(html, "id_draft_reply-not_held_1")  # the choice made is kept
