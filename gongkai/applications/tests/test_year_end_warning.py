"""Everyone sees the missing calendar (issue 10, item 4).

From 1 October, every staff member whose agency has open applications whose clock runs into a year
with no confirmed holiday schedule sees a warning with their count on the workbench home and on each
of those applications' pages — not only the disclosure office.
"""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.applications import clock, services, year_end
from gongkai.applications.tests.calendars import CALENDAR, d, ev, received
from gongkai.applications.tests.factories import person
from gongkai.core.system import SYSTEM
from gongkai.testing import confirm_synthetic_year

WARNING = "其期限跨入2027年"


def register(agency, received_on: str, today: str = "2026-12-21"):
    return services.register(
        actor=SYSTEM,
        agency=agency,
        channel="in_person",
        applicant=person(),
        description="2025年本机关财政预算执行情况",
        received_on=d(received_on),
        today=d(today),
    )


@pytest.fixture
def december(tree):
    """dept_a: one application whose deadline is unknown (received 2026-12-10), one in consultation
    whose deadline would fall in 2027 were it to end today, one overdue since November (unaffected);
    dept_b: one more with an unknown deadline."""
    unknown = register(tree["dept_a"], "2026-12-10")
    consulting = register(tree["dept_a"], "2026-12-01")
    services.start_consultation(
        consulting, actor=SYSTEM, on=d("2026-12-07"), third_party="某公司", today=d("2026-12-21")
    )
    overdue = register(tree["dept_a"], "2026-11-02")
    other = register(tree["dept_b"], "2026-12-10")
    return {"unknown": unknown, "consulting": consulting, "overdue": overdue, "other": other}


def home_of(client, user):
    client.force_login(user)
    return client.get(reverse("workbench:home")).content.decode()


def page_of(client, user, application):
    client.force_login(user)
    return client.get(reverse("applications_staff:detail", args=[application.pk])).content.decode()


# The rule ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [("2026-09-30", False), ("2026-10-01", True), ("2026-12-31", True), ("2027-07-01", True)],
)
def test_an_unconfirmed_year_is_worth_a_warning_from_the_first_of_october_before_it(today, expected):
    assert year_end.warns(d(today), 2027) is expected


@pytest.mark.parametrize(
    ("events", "today", "year"),
    [
        (received("2026-12-10"), "2026-12-21", 2027),  # 20th working day in 2027
        (received("2026-11-02"), "2026-12-21", None),  # due 2026-11-30, overdue but countable
        ([*received("2026-12-01"), ev("start_consultation", "2026-12-07")], "2026-12-21", 2027),
        ([*received("2026-11-02"), ev("start_consultation", "2026-11-03")], "2026-11-04", None),
        ([*received("2026-12-10"), ev("reply", "2026-12-18", outcome="disclosed")], "2026-12-21", None),
        (
            [*received("2026-11-02"), ev("set_later_deadline", "2026-11-20", due_on="2027-02-01")],
            "2026-11-23",
            2027,
        ),
    ],
)
def test_which_open_clocks_reach_into_an_unconfirmed_year(events, today, year):
    computed = clock.compute(events, CALENDAR)
    assert year_end.reached_year(computed, d(today), CALENDAR) == year


def test_the_warning_names_the_fee_notice_as_the_letter_does():
    from gongkai.applications import year_end_warnings

    text = year_end_warnings.text(2027, 2)
    assert "补正、延期答复、收费通知书暂不能出具" in text and "收费告知书" not in text


# The workbench home ------------------------------------------------------------------------


@pytest.mark.today("2026-12-21")
def test_every_staff_member_of_an_affected_agency_sees_the_count_on_the_home(client, staff, december):
    for user in ("handler_a", "reviewer_a", "admin_a"):
        assert "本机关有 2 件办理中的申请，其期限跨入2027年" in home_of(client, staff[user])
    assert "本机关有 1 件办理中的申请，其期限跨入2027年" in home_of(client, staff["handler_b"])
    html = home_of(client, staff["handler_a"])
    assert "政务公开办" in html and "工作日历" in html and reverse("workdays_staff:index") in html


@pytest.mark.today("2026-12-21")
def test_staff_of_an_agency_without_such_applications_see_no_warning(client, tree, staff, december):
    from gongkai.agencies.models import Role
    from gongkai.testing import make_user

    town = make_user("handler_town", agency=tree["town"], role=Role.HANDLER)
    assert WARNING not in home_of(client, town)


@pytest.mark.today("2026-12-21")
def test_the_office_is_sent_to_the_form_that_confirms_the_year(client, staff, december):
    client.force_login(staff["office"])
    client.post(
        reverse("workbench:switch_agency"), {"agency": december["unknown"].agency_id, "next": "/workbench/"}
    )
    html = client.get(reverse("workbench:home")).content.decode()
    assert "本机关有 2 件" in html and reverse("workdays_staff:edit") + "?year=2027" in html


@pytest.mark.today("2026-12-21")
def test_no_warning_once_the_year_is_confirmed(client, staff, december):
    confirm_synthetic_year(2027)
    assert WARNING not in home_of(client, staff["handler_a"])
    assert WARNING not in page_of(client, staff["handler_a"], december["unknown"])


def later_deadline_in_2027(tree):
    application = register(tree["dept_a"], "2026-09-01", today="2026-09-10")
    services.set_later_deadline(
        application,
        actor=SYSTEM,
        on=d("2026-09-10"),
        due_on=dt.date(2027, 2, 1),
        reason="数量巨大",
        today=d("2026-09-10"),
    )
    return application


@pytest.mark.today("2026-09-30")
def test_before_october_nobody_is_warned(client, tree, staff):
    later_deadline_in_2027(tree)
    assert WARNING not in home_of(client, staff["handler_a"])


@pytest.mark.today("2026-10-01")
def test_from_october_the_same_clock_is_warned_about(client, tree, staff):
    application = later_deadline_in_2027(tree)
    assert "本机关有 1 件办理中的申请，其期限跨入2027年" in home_of(client, staff["handler_a"])
    assert "本申请的期限跨入2027年" in page_of(client, staff["handler_a"], application)


# The application pages -----------------------------------------------------------------------


@pytest.mark.today("2026-12-21")
def test_each_affected_application_page_warns_with_the_count(client, staff, december):
    for name in ("unknown", "consulting"):
        html = page_of(client, staff["handler_a"], december[name])
        assert "本申请的期限跨入2027年。本机关有 2 件办理中的申请" in html
    assert WARNING not in page_of(client, staff["handler_a"], december["overdue"])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.today("2026-12-21")
def test_a_handler_sees_the_warning_and_the_refused_extension_in_the_browser(live_server, page, staff, tree):
    from gongkai.testing import PASSWORD

    application = register(tree["dept_a"], "2026-12-10")
    page.goto(live_server.url + "/workbench/")
    page.get_by_label("用户名").fill("reviewer_a")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/workbench/")
    assert "本机关有 1 件办理中的申请，其期限跨入2027年" in page.locator("[data-warning]").inner_text()

    page.goto(live_server.url + reverse("applications_staff:detail", args=[application.pk]))
    assert "本申请的期限跨入2027年" in page.locator("[data-warning]").inner_text()
    extend = page.locator('form[data-action="extend"]')
    extend.get_by_label("延长工作日数").fill("10")
    extend.get_by_label("理由").fill("需检索档案")
    extend.get_by_role("button", name="延长答复期限").click()
    page.wait_for_load_state()
    alert = page.locator('form[data-action="extend"] [role="alert"]').inner_text()
    assert "延长后的答复期限落在2027年" in alert and "工作日历" in alert
    # The refused act answers 409 with the page; the browser logs that status, nothing else.
    assert [error for error in page.console_errors if "409" not in error] == []
