"""Coverage of a standard-catalogue entry: uncovered, stale by its time rule, or covered."""

import pytest

from gongkai.guides.coverage import CoverageStatus, Publication, entry_coverage, needs_item
from gongkai.guides.time_rules import parse_time_rule
from gongkai.workdays.calendar import WorkdayCalendar
from gongkai.workdays.tests.schedules import d, holiday_dates, makeup_dates

CALENDAR = WorkdayCalendar([2026], holiday_dates(2026), dict.fromkeys(makeup_dates(2026), "调休"))
TODAY = d("2026-11-20")


def coverage(rule_text, *, channels=("政府网站",), item=None, offline_missing=(), offline=None):
    return entry_coverage(
        parse_time_rule(rule_text),
        channels=list(channels),
        newest_item=item,
        offline_missing=list(offline_missing),
        offline_newest=offline,
        today=TODAY,
        calendar=CALENDAR,
    )


def test_an_online_entry_without_a_published_item_is_uncovered():
    assert coverage("每季度").status == CoverageStatus.UNCOVERED


def test_an_unconfirmed_offline_channel_leaves_the_entry_uncovered():
    result = coverage("每季度", channels=["公示栏"], offline_missing=["公示栏"])
    assert (result.status, result.reason) == (CoverageStatus.UNCOVERED, "公示栏尚未确认公开")


def test_an_offline_only_entry_is_covered_by_its_confirmation():
    result = coverage("每季度", channels=["公示栏"], offline=Publication(d("2026-10-08")))
    assert result.status == CoverageStatus.COVERED


@pytest.mark.parametrize(
    ("rule", "published_on", "status"),
    [
        ("每季度", "2026-08-20", CoverageStatus.COVERED),  # + 3 months = 20 November: still in time
        ("每季度", "2026-08-19", CoverageStatus.STALE),
        ("每月", "2026-10-20", CoverageStatus.COVERED),
        ("每月", "2026-10-19", CoverageStatus.STALE),
        ("每年", "2025-11-20", CoverageStatus.COVERED),
        ("每半年", "2026-05-19", CoverageStatus.STALE),
        ("实时", "2020-01-01", CoverageStatus.COVERED),  # no measurable bound
        ("及时", "2020-01-01", CoverageStatus.COVERED),
        ("按有关规定", "2026-11-01", CoverageStatus.NEEDS_REVIEW),
    ],
)
def test_a_periodic_entry_is_stale_when_its_newest_item_is_older_than_one_period(rule, published_on, status):
    assert coverage(rule, item=Publication(d(published_on))).status == status


def test_a_working_days_entry_is_stale_when_its_newest_item_came_out_late():
    # Formed Friday 2026-09-18: the make-up Sunday 20 Sep counts, 中秋 (25–27 Sep) and 国庆 (1–7 Oct)
    # do not, the make-up Saturday 10 Oct does: the 20th working day is Thursday 2026-10-22.
    in_time = Publication(d("2026-10-22"), formed_on=d("2026-09-18"))
    late = Publication(d("2026-10-23"), formed_on=d("2026-09-18"))
    assert coverage("信息形成（变更）之日起20个工作日内", item=in_time).status == CoverageStatus.COVERED
    result = coverage("信息形成（变更）之日起20个工作日内", item=late)
    assert result.status == CoverageStatus.STALE
    assert "超过20个工作日" in result.reason


def test_an_unconfirmed_calendar_year_leaves_the_entry_covered_not_stale():
    item = Publication(d("2027-03-01"), formed_on=d("2026-12-20"))
    assert coverage("信息形成之日起20个工作日内", item=item).status == CoverageStatus.COVERED


def test_a_stale_offline_confirmation_makes_the_entry_stale():
    result = coverage(
        "每季度",
        channels=["政府网站", "公示栏"],
        item=Publication(d("2026-11-01")),
        offline=Publication(d("2026-06-30")),
    )
    assert result.status == CoverageStatus.STALE


@pytest.mark.parametrize(
    ("channels", "expected"),
    [([], True), (["政府网站"], True), (["政务新媒体", "公示栏"], True), (["公示栏", "便民服务站"], False)],
)
def test_which_entries_need_a_published_item(channels, expected):
    assert needs_item(channels) is expected
