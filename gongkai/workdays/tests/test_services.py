"""Calendar services: permissions, audit, cache invalidation, parsing of the workbench form."""

import datetime as dt

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.core.errors import Forbidden
from gongkai.core.system import SYSTEM
from gongkai.workdays import seed, selectors, services
from gongkai.workdays.forms import parse_schedule, schedule_text
from gongkai.workdays.models import CalendarDay, CalendarYear

TODAY = dt.date(2026, 11, 23)


def test_an_edit_is_seen_at_once_by_the_cached_calendar(staff):
    before = selectors.workdays()
    assert before.day(dt.date(2026, 3, 3)).is_workday
    services.set_calendar_day(
        actor=staff["office"], date=dt.date(2026, 3, 3), kind="holiday", name="临时假日"
    )
    assert not selectors.workdays().day(dt.date(2026, 3, 3)).is_workday
    services.remove_calendar_day(CalendarDay.objects.get(date=dt.date(2026, 3, 3)), actor=staff["office"])
    assert selectors.workdays().day(dt.date(2026, 3, 3)).is_workday
    assert AuditEvent.objects.filter(action__in=["calendar.set_day", "calendar.remove_day"]).count() == 2


def test_handlers_cannot_edit_the_calendar(staff):
    with pytest.raises(Forbidden):
        services.set_calendar_day(
            actor=staff["handler_a"], date=dt.date(2026, 3, 3), kind="holiday", name="x"
        )


def test_confirming_a_year_with_no_exceptions_is_allowed(staff):
    services.confirm_year(
        actor=staff["office"],
        year=2027,
        region="xz",
        source="无地方性节假日",
        holidays=[],
        makeup_days=[],
        on=TODAY,
    )
    assert CalendarYear.objects.filter(year=2027, region="xz").exists()


def test_seed_adds_only_missing_years_and_is_audited(db):
    CalendarYear.objects.filter(year=2004, region="").delete()
    added = services.seed_builtin_calendar(actor=SYSTEM, on=TODAY)
    assert added == [2004]
    assert services.seed_builtin_calendar(actor=SYSTEM, on=TODAY) == []
    assert AuditEvent.objects.filter(action="calendar.seed").count() == 2


def test_parse_schedule_reads_the_notice_lines():
    holidays, makeup = parse_schedule(
        "# 2027\n元旦 2027-01-01 2027-01-03\n春节：2027年2月6日至2027年2月13日\n调休 2027-02-14 春节调休\n"
    )
    assert [(h.name, h.first, h.last) for h in holidays] == [
        ("元旦", dt.date(2027, 1, 1), dt.date(2027, 1, 3)),
        ("春节", dt.date(2027, 2, 6), dt.date(2027, 2, 13)),
    ]
    assert [(m.date, m.name) for m in makeup] == [(dt.date(2027, 2, 14), "春节调休")]


def test_parse_schedule_reports_line_numbers():
    from django import forms

    with pytest.raises(forms.ValidationError) as error:
        parse_schedule("元旦 2027-01-01\n春节\n国庆 2027-02-30")
    messages = [str(message) for message in error.value.messages]
    assert messages == ["第2行：没有找到日期", "第3行：日期不存在"]


def test_schedule_text_round_trips(db):
    text = schedule_text(selectors.days_of_year(2026))
    holidays, makeup = parse_schedule(text)
    assert (
        sum((h.last - h.first).days + 1 for h in holidays)
        == CalendarDay.objects.filter(region="", date__year=2026, kind="holiday").count()
    )
    assert len(makeup) == 6


def test_workbench_edit_page_confirms_a_year(client, staff):
    client.force_login(staff["office"])
    response = client.post(
        "/workbench/workdays/edit/",
        {
            "year": 2027,
            "region": "",
            "source": "国办发明电〔2026〕测试号",
            "schedule": "元旦 2027-01-01 2027-01-03\n调休 2027-02-14 春节调休",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "已确认全国2027年节假日安排" in response.content.decode()
    assert selectors.workdays().add(dt.date(2026, 12, 31), 1) == dt.date(2027, 1, 4)


def test_workbench_edit_page_shows_errors_next_to_the_field(client, staff):
    client.force_login(staff["office"])
    response = client.post(
        "/workbench/workdays/edit/", {"year": 2027, "source": "x", "schedule": "调休 2027-02-15"}
    )
    assert "不是周末，无需调休上班" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_year_page_shows_the_month_grid(client, staff):
    client.force_login(staff["handler_a"])
    text = client.get("/workbench/workdays/2026/").content.decode()
    assert "2月15日，春节，休息" in text and "2月14日，春节调休，上班" in text
    assert client.get("/workbench/workdays/2031/").status_code == 404


def test_next_years_page_before_it_is_confirmed_says_what_is_missing(client, staff):
    """The calendar's clock and indicator link to next year's page: before the notice is entered it
    says so (and offers the office the form) instead of a 404."""
    client.force_login(staff["office"])
    response = client.get("/workbench/workdays/2027/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "全国2027年节假日安排尚未确认" in text and "/workbench/workdays/edit/?year=2027" in text
    client.force_login(staff["handler_a"])
    text = client.get("/workbench/workdays/2027/").content.decode()
    assert "尚未确认" in text and "由政务公开办录入" in text and "/workbench/workdays/edit/" not in text


def test_handler_cannot_open_the_edit_form(client, staff):
    client.force_login(staff["handler_a"])
    response = client.get("/workbench/workdays/edit/", follow=True)
    assert "仅政务公开办可录入节假日安排" in response.content.decode()


def test_office_is_reminded_in_q4_when_next_year_is_unconfirmed(staff, tree):
    from gongkai.workdays.views import calendar_todo

    items = calendar_todo(user=staff["office"], agency=tree["city"], today=TODAY)
    assert len(items) == 1 and "2027年节假日安排尚未确认" in items[0].title
    assert calendar_todo(user=staff["handler_a"], agency=tree["dept_a"], today=TODAY) == []
    assert calendar_todo(user=staff["office"], agency=tree["city"], today=dt.date(2026, 6, 1)) == []


def test_the_frozen_builtin_years_are_what_chinese_calendar_1_11_0_transcribed():
    """The migration's data file is the package's 2004–2026, frozen; a newer package may only add years."""
    frozen, confirmed_on = seed.frozen_schedule()
    assert frozen.years == list(range(2004, 2027)) and confirmed_on == dt.date(2026, 12, 5)
    assert frozen.source == "国务院办公厅历年部分节假日安排的通知（系统内置）"
    package = seed.package_schedule()
    assert {year: package.days[year] for year in frozen.years} == frozen.days


def test_a_fresh_database_has_the_frozen_years_with_their_fixed_confirmation_date(db):
    national = CalendarYear.objects.filter(region="")
    assert sorted(national.values_list("year", flat=True)) == list(range(2004, 2027))
    assert set(national.values_list("confirmed_on", flat=True)) == {dt.date(2026, 12, 5)}
    assert CalendarDay.objects.filter(date__year=2026, kind="holiday", name="春节").count() == 9
