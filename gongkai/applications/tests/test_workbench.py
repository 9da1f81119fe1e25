"""Workbench pages: the list by deadline with colours, registration, acts as forms, letters, templates."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import strip_tags

from gongkai.applications import services
from gongkai.applications.letters.render import default_template
from gongkai.applications.models import Application, ApplicationEvent, LetterTemplate
from gongkai.applications.tests.factories import ID_NUMBER, person
from gongkai.audit.models import AuditEvent
from gongkai.core.system import SYSTEM
from gongkai.testing import TODAY
from gongkai.workdays.selectors import workdays

pytestmark = pytest.mark.django_db


def received_on_for_due(today, lowest, highest):
    """A receipt date whose 20-working-day deadline lies between add(today, lowest) and add(today, highest)."""
    calendar = workdays("")
    for back in range(0, 120):
        received = today - dt.timedelta(days=back)
        due = calendar.add(received, 20)
        if calendar.count(today, due) < lowest:
            break
        if lowest <= calendar.count(today, due) <= highest:
            return received
    raise AssertionError(f"no receipt date for {lowest}..{highest}")


def register(agency, received_on, **fields):
    return services.register(
        actor=SYSTEM,
        agency=agency,
        channel=fields.pop("channel", "in_person"),
        applicant=fields.pop("applicant", person()),
        description=fields.pop("description", "2025年本机关财政预算执行情况"),
        received_on=received_on,
    )


@pytest.fixture
def handler(client, staff):
    client.force_login(staff["handler_a"])
    return client


def test_the_list_is_sorted_by_deadline_and_coloured(handler, tree):
    today = TODAY
    normal = register(tree["dept_a"], received_on_for_due(today, 10, 19))
    soon = register(tree["dept_a"], received_on_for_due(today, 1, 5))
    overdue = register(tree["dept_a"], received_on_for_due(today, -15, -1))
    register(tree["dept_b"], today)  # another agency's: not listed
    page = handler.get(reverse("applications_staff:index"))
    rows = page.context["rows"]
    assert [row["id"] for row in rows] == [overdue.pk, soon.pk, normal.pk]
    assert [row["status"] for row in rows] == ["overdue", "due_soon", "normal"]
    html = page.content.decode()
    assert 'class="row-overdue"' in html and 'class="row-due_soon"' in html
    filtered = handler.get(reverse("applications_staff:index"), {"overdue": "true"}).context["rows"]
    assert [row["id"] for row in filtered] == [overdue.pk]


def test_the_dashboard_lists_open_applications_as_todos(handler, tree):
    today = TODAY
    overdue = register(tree["dept_a"], received_on_for_due(today, -15, -1))
    home = handler.get(reverse("workbench:home"))
    items = [item for item in home.context["todos"] if item.kind == "依申请公开"]
    assert items[0].status == "overdue" and str(overdue.pk) in items[0].url
    assert "依申请公开" in home.content.decode()


def test_staff_register_a_paper_application(handler, tree):
    today = TODAY
    data = {
        "channel": "in_person",
        "received_on": today.isoformat(),
        "agency": tree["dept_a"].pk,
        "kind": "person",
        "name": "王五",
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "phone": "0731-12345678",
        "description": "某项目环评批复",
    }
    response = handler.post(reverse("applications_staff:register"), data)
    application = Application.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{application.pk}/")
    assert (application.channel, application.received_on, application.state) == (
        "in_person",
        today,
        "received",
    )


def test_registration_in_person_needs_the_receipt_date(handler, tree):
    data = {
        "channel": "in_person",
        "agency": tree["dept_a"].pk,
        "kind": "person",
        "name": "王五",
        "id_number": ID_NUMBER,
        "phone": "13800138000",
        "description": "x",
    }
    response = handler.post(reverse("applications_staff:register"), data)
    assert response.status_code == 400 and "须填写收到日期" in response.content.decode()
    assert not Application.objects.exists()


def test_the_application_page_shows_the_timeline_the_deadline_and_the_allowed_acts(handler, tree):
    application = register(tree["dept_a"], dt.date(2026, 2, 10))
    services.start_consultation(application, actor=SYSTEM, on=dt.date(2026, 2, 13), third_party="某公司")
    services.end_consultation(application, actor=SYSTEM, on=dt.date(2026, 2, 27))
    page = handler.get(reverse("applications_staff:detail", args=[application.pk]))
    html = page.content.decode()
    assert "收到 2026-02-10" in strip_tags(html) and "其间征求意见暂停 5 个工作日" in html
    assert ID_NUMBER in html and "13800138000" in html
    assert "征求意见对象：某公司" in html and "channel" not in html
    actions = [form.action for form in page.context["action_forms"]]
    assert actions == [
        "request_correction",
        "start_consultation",
        "extend",
        "fee_notice",
        "reply",
        "withdraw",
        "set_later_deadline",
        "draft_reply",  # a handler: replies other than disclosure go to a reviewer (审核签发)
    ]


def test_the_confirmation_of_an_ordinary_letter_offers_the_day_it_arrived(handler, tree):
    # Art. 31(二): an ordinary letter is confirmed on the day it arrives, so that is the date offered.
    letter = register(tree["dept_a"], dt.date(2026, 11, 23), channel="post")
    page = handler.get(reverse("applications_staff:detail", args=[letter.pk]))
    (form,) = [form for form in page.context["action_forms"] if form.action == "confirm_receipt"]
    assert form.initial["date"] == dt.date(2026, 11, 23)
    answer = handler.post(
        reverse("applications_staff:act", args=[letter.pk, "confirm_receipt"]),
        {"confirm_receipt-date": "2026-11-25"},
    )
    assert answer.status_code == 409 and "请以该日期确认收到" in answer.content.decode()


def test_an_extension_before_a_correction_does_not_hide_the_extend_form_afterwards(handler, tree):
    application = register(tree["dept_a"], dt.date(2026, 2, 10))
    services.extend(application, actor=SYSTEM, on=dt.date(2026, 2, 11), days=5, reason="调档")
    url = reverse("applications_staff:detail", args=[application.pk])
    assert "extend" not in [form.action for form in handler.get(url).context["action_forms"]]
    services.request_correction(application, actor=SYSTEM, on=dt.date(2026, 2, 12), items=["文号"])
    services.receive_correction(application, actor=SYSTEM, on=dt.date(2026, 2, 13))
    page = handler.get(url)
    assert "extend" in [form.action for form in page.context["action_forms"]]
    application.refresh_from_db()
    # add(2026-02-13, 20): Feb 14 (make-up), Feb 24–27, Feb 28 (make-up), Mar 2–6, 9–13, 16–19.
    assert application.due_on == dt.date(2026, 3, 19)


def test_another_agencys_application_is_not_found(client, staff, tree):
    application = register(tree["dept_a"], dt.date(2026, 2, 10))
    client.force_login(staff["handler_b"])
    assert client.get(reverse("applications_staff:detail", args=[application.pk])).status_code == 404


def test_an_act_posted_from_its_form_is_recorded(handler, tree):
    application = register(tree["dept_a"], dt.date(2026, 2, 10))
    url = reverse("applications_staff:act", args=[application.pk, "reply"])
    response = handler.post(
        url, {"reply-date": "2026-03-10", "reply-outcome": "disclosed", "reply-reason": ""}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.outcome, application.concluded_on) == ("disclosed", dt.date(2026, 3, 10))


def test_a_refused_act_is_explained_next_to_its_form_and_changes_nothing(handler, tree):
    application = register(tree["dept_a"], dt.date(2026, 2, 10))
    events, audits = ApplicationEvent.objects.count(), AuditEvent.objects.count()
    url = reverse("applications_staff:act", args=[application.pk, "request_correction"])
    response = handler.post(
        url, {"request_correction-date": "2026-03-02", "request_correction-items": "请写明文号"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    form_html = html[html.index('data-action="request_correction"') :]
    assert "补正告知应在收到申请之日起7个工作日内作出" in form_html[: form_html.index("</form>")]
    assert (ApplicationEvent.objects.count(), AuditEvent.objects.count()) == (events, audits)


def test_reviews_are_filed_and_decided(handler, tree):
    application = register(tree["dept_a"], dt.date(2026, 2, 10))
    services.reply(application, actor=SYSTEM, on=dt.date(2026, 3, 10), outcome="withheld.third_party")
    handler.post(
        reverse("applications_staff:file_review", args=[application.pk]),
        {"kind": "review", "filed_on": "2026-04-01"},
    )
    review = application.reviews.get()
    handler.post(
        reverse("applications_staff:decide_review", args=[application.pk, review.pk]),
        {"decided_on": "2026-05-20", "result": "maintained"},
    )
    review.refresh_from_db()
    assert (review.kind, review.result, review.decided_on) == ("review", "maintained", dt.date(2026, 5, 20))


def test_letters_download_from_the_timeline(handler, tree):
    application = register(tree["dept_a"], dt.date(2026, 2, 10))
    services.reply(application, actor=SYSTEM, on=dt.date(2026, 3, 10), outcome="disclosed")
    event = application.events.get(action="reply")
    pdf = handler.get(reverse("applications_staff:letter", args=[application.pk, event.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    register_event = application.events.get(action="register")
    missing = handler.get(
        reverse("applications_staff:letter", args=[application.pk, register_event.pk, "pdf"])
    )
    # As in the API: the act is refused (409) and the page says why.
    assert missing.status_code == 409 and "该办理环节不向申请人送达文书" in missing.content.decode()


def test_the_later_deadline_notice_is_linked_from_the_timeline(handler, tree):
    application = register(tree["dept_a"], dt.date(2026, 2, 10))
    services.set_later_deadline(
        application,
        actor=SYSTEM,
        on=dt.date(2026, 3, 2),
        due_on=dt.date(2026, 4, 30),
        reason="申请量大",
        today=TODAY,
    )
    event = application.events.get(action="set_later_deadline")
    page = handler.get(reverse("applications_staff:detail", args=[application.pk])).content.decode()
    link = reverse("applications_staff:letter", args=[application.pk, event.pk, "pdf"])
    assert f'href="{link}"' in page and "测甲依申延〔2026〕1号" in page
    pdf = handler.get(link)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def _template_with(text: str) -> bytes:
    from docx import Document

    document = Document(io.BytesIO(default_template("reply_disclosed")))
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_agency_admin_replaces_a_template_and_letters_use_it(client, staff, tree):
    client.force_login(staff["admin_a"])
    upload = SimpleUploadedFile("my.docx", _template_with("本机关特别提示：{{ applicant_name }}"))
    client.post(reverse("applications_staff:template_upload", args=["reply_disclosed"]), {"file": upload})
    assert LetterTemplate.objects.filter(agency=tree["dept_a"], kind="reply_disclosed").exists()
    application = register(tree["dept_a"], dt.date(2026, 2, 10))
    services.reply(application, actor=SYSTEM, on=dt.date(2026, 3, 10), outcome="disclosed")
    event = application.events.get(action="reply")
    docx = client.get(reverse("applications_staff:letter", args=[application.pk, event.pk, "docx"])).content
    from docx import Document

    assert "本机关特别提示：张三" in "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    page = client.get(reverse("applications_staff:templates")).content.decode()
    assert "本机关模板" in page


def test_the_upload_time_of_an_agencys_template_is_local_time(client, staff, tree):
    client.force_login(staff["admin_a"])
    upload = SimpleUploadedFile("my.docx", _template_with("本机关特别提示"))
    client.post(reverse("applications_staff:template_upload", args=["reply_disclosed"]), {"file": upload})
    # 23:30 UTC on 9 March is 07:30 on 10 March in Beijing.
    LetterTemplate.objects.update(uploaded_at=dt.datetime(2026, 3, 9, 23, 30, tzinfo=dt.UTC))
    page = client.get(reverse("applications_staff:templates")).content.decode()
    assert "本机关模板（2026-03-10 07:30）" in page


@pytest.mark.parametrize(
    "content, message",
    [(b"not a zip", "模板应为 Word"), (None, "模板无法生成文书")],
)
def test_a_template_that_does_not_render_is_refused(client, staff, tree, content, message):
    client.force_login(staff["admin_a"])
    content = content or _template_with("{{ no_such_variable }}")
    upload = SimpleUploadedFile("bad.docx", content)
    response = client.post(
        reverse("applications_staff:template_upload", args=["reply_disclosed"]), {"file": upload}, follow=True
    )
    assert message in response.content.decode()
    assert not LetterTemplate.objects.exists()


def test_a_handler_may_not_replace_templates(handler, tree):
    upload = SimpleUploadedFile("my.docx", default_template("fee"))
    response = handler.post(
        reverse("applications_staff:template_upload", args=["fee"]), {"file": upload}, follow=True
    )
    assert not LetterTemplate.objects.exists()
    assert response.status_code in (200, 403)


# Dates entered late, units, and what waits for 确认收到 (issue 11, items 1, 3, 11) ----------------


@pytest.mark.today("2026-06-15")
def test_the_timeline_shows_the_day_an_act_was_entered_beside_a_legal_date_entered_later(handler, tree):
    application = register(tree["dept_a"], dt.date(2026, 6, 10))
    services.extend(
        application, actor=SYSTEM, on=dt.date(2026, 6, 15), days=5, reason="需协调", approver="王主任"
    )
    page = handler.get(reverse("applications_staff:detail", args=[application.pk]))
    events = {event["action"]: event for event in page.context["data"]["events"]}
    assert events["register"]["recorded_on"] == dt.date(2026, 6, 15)
    assert events["extend"]["recorded_on"] is None  # entered on its own date: nothing to add
    html = page.content.decode()
    assert html.count("录入于") == 1 and "（录入于 2026-06-15）" in strip_tags(html)


@pytest.mark.today("2026-06-15")
def test_days_late_are_stated_in_working_days_in_the_list_the_page_and_the_dashboard(handler, tree):
    application = register(tree["dept_a"], dt.date(2026, 2, 10))  # due 2026-03-16
    late = workdays("").count(dt.date(2026, 3, 16), dt.date(2026, 6, 15))
    expected = f"已逾期 {late} 个工作日"
    listed = handler.get(reverse("applications_staff:index")).content.decode()
    assert expected in listed and " 天" not in listed
    assert (
        expected in handler.get(reverse("applications_staff:detail", args=[application.pk])).content.decode()
    )
    assert expected in handler.get(reverse("workbench:home")).content.decode()


@pytest.mark.today("2026-06-15")
def test_the_handlers_todo_lists_applications_waiting_for_confirmation_of_receipt(client, staff, tree):
    waiting = services.submit_online(
        agency=tree["dept_a"], applicant=person(), description="某项目环评批复", today=dt.date(2026, 6, 12)
    )
    services.submit_online(agency=tree["dept_b"], applicant=person(), description="乙局的申请")
    client.force_login(staff["handler_a"])
    home = client.get(reverse("workbench:home"))
    items = [item for item in home.context["todos"] if item.title.startswith("待确认收到")]
    assert [item.url for item in items] == [reverse("applications_staff:detail", args=[waiting.pk])]
    assert "2026-06-12 提交，已等待 1 个工作日" in items[0].note
    assert "待确认收到：张三：某项目环评批复" in home.content.decode()
    services.confirm_receipt(waiting, actor=SYSTEM, on=dt.date(2026, 6, 15))
    home = client.get(reverse("workbench:home"))
    assert not [item for item in home.context["todos"] if item.title.startswith("待确认收到")]


# Received 2026-11-06 → due Friday 2026-12-04; received 2026-09-02 → due 2026-09-30, the eve of the
# National Day holiday. The next day is a day off: count(today, due_on) is 0, yet the reply is late.
DAY_OFF_AFTER_DUE = [
    pytest.param(
        dt.date(2026, 11, 6), dt.date(2026, 12, 4), marks=pytest.mark.today("2026-12-05"), id="saturday"
    ),
    pytest.param(
        dt.date(2026, 9, 2), dt.date(2026, 9, 30), marks=pytest.mark.today("2026-10-03"), id="holiday"
    ),
]


@pytest.mark.parametrize(("received_on", "due_on"), DAY_OFF_AFTER_DUE)
def test_a_day_off_after_the_due_day_shows_overdue_in_the_list_the_page_and_the_dashboard(
    handler, tree, received_on, due_on
):
    application = register(tree["dept_a"], received_on)
    assert application.due_on == due_on
    listed = handler.get(reverse("applications_staff:index"))
    row = next(row for row in listed.context["rows"] if row["id"] == application.pk)
    assert row["days_left"] == 0 and row["status"] == "overdue"  # the spec's number, the dates' verdict
    assert "已逾期不足 1 个工作日" in listed.content.decode()
    page = handler.get(reverse("applications_staff:detail", args=[application.pk]))
    assert page.context["status"] == "overdue" and page.context["data"]["days_left"] == 0
    assert "已逾期不足 1 个工作日" in page.content.decode() and "今天到期" not in page.content.decode()
    home = handler.get(reverse("workbench:home"))
    item = next(item for item in home.context["todos"] if item.url.startswith(application_url(application)))
    assert item.status == "overdue"
    assert f"期限 {due_on.isoformat()}（已逾期不足 1 个工作日）" in home.content.decode()


def application_url(application):
    return reverse("applications_staff:detail", args=[application.pk])


def test_a_received_date_that_does_not_exist_is_called_so(handler, tree):
    response = handler.post(
        reverse("applications_staff:register"), {"channel": "in_person", "received_on": "2026-02-30"}
    )
    assert response.status_code in (200, 400)
    assert "请填写实际存在的日期，格式为 YYYY-MM-DD（如 2026-01-31）" in response.content.decode()
