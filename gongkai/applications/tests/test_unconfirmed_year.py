"""No legal document with a missing date (issue 10, item 3).

An application received on 2026-12-10 has its 20th working day in 2027, whose holiday schedule the
built-in calendar does not know. A notice that must state a date in 2027 (补正期限, 延长后的答复期限,
缴费期限) is refused with 409 ``calendar_not_confirmed`` naming the year and who confirms it; a reply,
lawful without any deadline in its text, goes through, and its letter is refused only when the
agency's own template states such a date, saying that the reply itself stands.
"""

import datetime as dt
import io
import uuid

import pytest
from django.urls import reverse
from docx import Document

from gongkai.applications import services
from gongkai.applications.letters import render
from gongkai.applications.letters import services as letter_services
from gongkai.applications.letters.context import letter_for
from gongkai.applications.models import ApplicationEvent
from gongkai.applications.tests.factories import person
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import RuleViolation
from gongkai.core.system import SYSTEM
from gongkai.testing import confirm_synthetic_year, error_code
from gongkai.workdays.models import CalendarRevision, CalendarYear

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
TODAY = D("2026-12-21")
RECEIVED = "2026-12-10"  # 20th working day: Dec 11, 14–18, 21–25, 28–31 are 15, the rest is in 2027


def received_application(agency, on: str = RECEIVED):
    return services.register(
        actor=SYSTEM,
        agency=agency,
        channel="in_person",
        applicant=person(),
        description="2025年本机关财政预算执行情况",
        received_on=D(on),
        today=TODAY,
    )


def act(application, name, on, **data):
    return getattr(services, name)(application, actor=SYSTEM, on=D(on), today=TODAY, **data)


def refused(application, name, on, **data) -> RuleViolation:
    before = (ApplicationEvent.objects.count(), AuditEvent.objects.count())
    with pytest.raises(RuleViolation) as error:
        act(application, name, on, **data)
    assert (ApplicationEvent.objects.count(), AuditEvent.objects.count()) == before
    return error.value


def assert_names_the_year_and_who_confirms(error: RuleViolation) -> None:
    assert error.code == "calendar_not_confirmed"
    assert error.details["year"] == 2027 and error.details["region"] == ""
    assert "2027年" in error.message and "政务公开办" in error.message and "工作日历" in error.message


def unconfirm(year: int) -> None:
    """Arrange an act recorded while ``year`` was confirmed, then read with the year unknown again."""
    CalendarYear.objects.filter(year=year).delete()
    CalendarRevision.objects.update(token=uuid.uuid4())


def docx_text(content: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)


def template_stating(text: str) -> bytes:
    document = Document()
    document.add_paragraph("{{ applicant_name }}：")
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# The acts whose notice must state a date ------------------------------------------------------


NOTICES = {
    "request_correction": ("2026-12-14", {"items": ["请写明文号"], "respond_within_days": 15}, "补正期限"),
    "extend": ("2026-12-21", {"days": 10, "reason": "需检索档案", "approver": "王主任"}, "延长后的答复期限"),
    "fee_notice": ("2026-12-21", {"method": "per_page", "pages": 50}, "缴费期限"),
}


@pytest.mark.parametrize("name", list(NOTICES))
def test_a_notice_whose_date_lies_in_an_unconfirmed_year_is_refused_and_nothing_is_recorded(tree, name):
    application = received_application(tree["dept_a"])
    on, data, date_name = NOTICES[name]
    error = refused(application, name, on, **data)
    assert_names_the_year_and_who_confirms(error)
    assert date_name in error.message and "暂不能作出该项办理" in error.message


@pytest.mark.parametrize("name", list(NOTICES))
def test_the_same_notice_goes_out_once_the_year_is_confirmed(tree, name):
    application = received_application(tree["dept_a"])
    confirm_synthetic_year(2027)
    on, data, _ = NOTICES[name]
    act(application, name, on, **data)
    letter = letter_for(application)
    assert "2027年" in docx_text(render.to_docx(letter))


def test_a_correction_period_that_ends_within_the_confirmed_year_is_not_refused(tree):
    application = received_application(tree["dept_a"])
    act(application, "request_correction", "2026-12-14", items=["请写明文号"], respond_within_days=5)
    assert "2026年12月21日" in docx_text(render.to_docx(letter_for(application)))


def test_the_refusal_names_the_region_whose_year_is_unconfirmed(tree):
    """A 民族自治地方's agency counts on its own calendar: confirmed nationally is not enough."""
    tree["dept_a"].region = "xz"
    tree["dept_a"].save()
    confirm_synthetic_year(2026, region="xz")
    confirm_synthetic_year(2027)
    application = received_application(tree["dept_a"])
    error = refused(application, "extend", "2026-12-21", days=10, reason="需检索档案", approver="王主任")
    assert error.details == {"year": 2027, "region": "xz", "date": "due_on"}
    assert "地区“xz”2027年" in error.message


# Letters of acts recorded before the year became unknown ---------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "date_name"),
    [("request_correction", "correction", "补正期限"), ("extend", "extension", "答复期限"), ("fee_notice", "fee", "缴费期限")],
)
def test_a_notice_letter_with_an_unknown_date_is_not_produced_with_a_blank(tree, name, kind, date_name):
    application = received_application(tree["dept_a"])
    confirm_synthetic_year(2027)
    on, data, _ = NOTICES[name]
    act(application, name, on, **data)
    unconfirm(2027)
    letter = letter_for(application)
    assert letter.kind == kind
    with pytest.raises(RuleViolation) as error:
        render.to_docx(letter)
    assert_names_the_year_and_who_confirms(error.value)
    assert date_name in error.value.message and "不得送达缺少日期的文书" in error.value.message


def test_the_api_refuses_such_a_letter_with_409(tree, api):
    application = received_application(tree["dept_a"])
    confirm_synthetic_year(2027)
    act(application, "extend", "2026-12-21", days=10, reason="需检索档案", approver="王主任")
    unconfirm(2027)
    response = api("handler_a").get(f"/applications/{application.pk}/letter", format="pdf")
    assert response.status_code == 409 and error_code(response) == "calendar_not_confirmed"
    assert response.json()["error"]["details"] == {"year": 2027, "region": "", "dates": ["due_on"]}


@pytest.mark.today("2026-12-21")
def test_the_api_explains_the_unknown_deadline_while_open_and_not_once_concluded(tree, api):
    application = received_application(tree["dept_a"])
    detail = api("handler_a").get(f"/applications/{application.pk}").json()
    assert detail["calendar_unconfirmed"] and "节假日安排尚未确认" in detail["due_explained"]

    act(application, "reply", "2026-12-18", outcome="disclosed")
    detail = api("handler_a").get(f"/applications/{application.pk}").json()
    assert detail["state"] == "concluded"
    assert detail["due_explained"] == "收到 2026-12-10，2026-12-18 办结"


@pytest.mark.parametrize(("name", "what"), [("correction_lapsed", "补正期限"), ("fee_lapsed", "缴费期限")])
def test_a_lapse_whose_period_ends_in_an_unconfirmed_year_is_refused(tree, name, what):
    application = received_application(tree["dept_a"])
    confirm_synthetic_year(2027)
    if name == "correction_lapsed":
        act(application, "request_correction", "2026-12-14", items=["请写明文号"])
    else:
        act(application, "fee_notice", "2026-12-21", method="per_page", pages=50)
    unconfirm(2027)
    error = refused(application, name, "2026-12-21")
    assert_names_the_year_and_who_confirms(error)
    assert what in error.message and "不能视为放弃申请" in error.message


@pytest.mark.parametrize(
    ("start", "end", "data"),
    [
        ("start_consultation", "end_consultation", {"third_party": "某某科技有限公司"}),
        ("fee_notice", "fee_paid", {"method": "per_page", "pages": 50}),
    ],
)
def test_a_pause_that_ends_in_an_unconfirmed_year_is_recorded_and_the_reply_follows(tree, start, end, data):
    # The third party answered (the fee was paid) on 2027-01-05, before anyone entered 2027's
    # schedule: that happened and is recorded; only the deadline it moves stays unknown.
    application = received_application(tree["dept_a"])
    confirm_synthetic_year(2027)
    act(application, start, "2026-12-14", **data)
    unconfirm(2027)
    ended, replied = D("2027-01-05"), D("2027-01-06")
    getattr(services, end)(application, actor=SYSTEM, on=ended, today=ended)
    application.refresh_from_db()
    assert (application.state, application.paused, application.due_on) == ("received", False, None)
    services.reply(application, actor=SYSTEM, on=replied, outcome="disclosed", today=replied)
    application.refresh_from_db()
    assert (application.state, application.outcome, application.late) == ("concluded", "disclosed", False)


# Replies: lawful without the deadline ---------------------------------------------------------


REPLIES = {
    "reply_disclosed": ("reply", {"outcome": "disclosed"}),
    "reply_partial": ("reply", {"outcome": "partially_disclosed"}),
    "reply_withheld": ("reply", {"outcome": "withheld.third_party", "reason": "涉及商业秘密"}),
    "reply_unable": ("reply", {"outcome": "unable.not_held"}),
    "reply_not_processed": ("reply", {"outcome": "not_processed.repeated"}),
    "reply_other": ("withdraw", {}),
}


@pytest.mark.parametrize("kind", list(REPLIES))
def test_a_reply_with_an_unknown_deadline_is_recorded_and_its_letter_states_no_blank(tree, kind):
    application = received_application(tree["dept_a"])
    name, data = REPLIES[kind]
    act(application, name, "2026-12-21", **data)
    letter = letter_for(application)
    assert letter.kind == kind and letter.unknown == {"due_on": "答复期限"}
    text = docx_text(render.to_docx(letter))
    assert "2026年12月21日" in text and "张三：" in text


@pytest.mark.parametrize("kind", list(REPLIES))
def test_a_reply_template_stating_the_unknown_deadline_is_refused_saying_the_reply_stands(tree, kind):
    letter_services.upload_letter_template(
        tree["dept_a"], kind, template_stating("本机关已在答复期限{{ due_on }}前作出答复。"), actor=SYSTEM
    )
    application = received_application(tree["dept_a"])
    name, data = REPLIES[kind]
    act(application, name, "2026-12-21", **data)
    with pytest.raises(RuleViolation) as error:
        render.to_docx(letter_for(application))
    assert_names_the_year_and_who_confirms(error.value)
    assert "答复已于2026-12-21作出并记录" in error.value.message and "依法有效" in error.value.message
    assert "改用不含该日期的模板" in error.value.message
    confirm_synthetic_year(2027)
    assert "答复期限2027年1月" in docx_text(render.to_docx(letter_for(application)))


# Workbench pages ------------------------------------------------------------------------------


@pytest.mark.today("2026-12-21")
def test_the_extension_form_shows_the_refusal_next_to_it(tree, staff, client):
    application = received_application(tree["dept_a"])
    client.force_login(staff["reviewer_a"])
    url = reverse("applications_staff:act", args=[application.pk, "extend"])
    response = client.post(url, {"extend-date": "2026-12-21", "extend-days": 10, "extend-reason": "需检索档案"})
    html = response.content.decode()
    assert response.status_code == 409 and "延长后的答复期限落在2027年" in html and "工作日历" in html
    assert not application.events.filter(action="extend").exists()


@pytest.mark.today("2026-12-21")
def test_the_letter_link_explains_instead_of_serving_a_blank(tree, staff, client):
    application = received_application(tree["dept_a"])
    confirm_synthetic_year(2027)
    act(application, "fee_notice", "2026-12-21", method="per_page", pages=50)
    unconfirm(2027)
    event = application.events.get(action="fee_notice")
    client.force_login(staff["handler_a"])
    url = reverse("applications_staff:letter", args=[application.pk, event.pk, "pdf"])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 409 and response["Content-Type"].startswith("text/html")
    assert "收费通知书须写明缴费期限" in html and "2027年" in html


@pytest.mark.today("2026-12-21")
def test_the_tracking_page_says_the_deadline_waits_for_the_year_not_that_the_clock_is_paused(tree, client):
    # The 20 working days run (nothing pauses them); only the date is unknown until 2027 is confirmed.
    application = received_application(tree["dept_a"])
    page = client.get(reverse("applications:track"), {"code": application.tracking_code}).content.decode()
    assert "计时暂停" not in page
    assert "待2027年节假日安排确认后计算" in page

    confirm_synthetic_year(2027)
    page = client.get(reverse("applications:track"), {"code": application.tracking_code}).content.decode()
    assert "2027-01-07" in page and "节假日安排确认后计算" not in page
