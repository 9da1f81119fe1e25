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
    assert '缴费期限 <time datetime="' in fee and '通知 <time datetime="2026-11-27">2026-11-27</time>' in fee
    assert re.search(r'data-deadline-explained>收到 <time datetime="2026-11-02">', text)
    # No date is left as bare text on the page, where it could break at a hyphen.
    visible = re.sub(r"<time[^>]*>[^<]*</time>|<[^>]*>", " ", text)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", visible)


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
    assert "data-calendar-warning" not in response.content.decode()
    assert "答复期限暂无法计算" not in response.content.decode()
