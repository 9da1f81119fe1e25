"""The catalogue's indicators, each with records built to pass, warn and fail it."""

import datetime as dt

import pytest

from gongkai.catalog import services
from gongkai.catalog.models import Column
from gongkai.selfcheck.tests.factories import item
from gongkai.selfcheck.vocabulary import Status
from gongkai.testing import TODAY
from gongkai.workdays.selectors import workdays

pytestmark = pytest.mark.django_db


def _formed_for_due(due: dt.date) -> dt.date:
    """A formation date whose 20-working-day publication limit ends on ``due``."""
    calendar, day = workdays(), due
    while calendar.add(day, 20) > due:
        day -= dt.timedelta(days=1)
    return day


class TestItemPublishedLate:
    def test_pass_when_published_in_time(self, tree, check):
        item(tree["dept_a"], published_on=dt.date(2026, 11, 2), late=False)
        finding = check(tree["dept_a"], "item_published_late")
        assert (finding.status, finding.count, finding.deduction, finding.records) == (Status.PASS, 0, 0, [])

    def test_warn_for_a_draft_with_three_working_days_left(self, tree, check):
        draft = item(tree["dept_a"], formed_on=_formed_for_due(dt.date(2026, 12, 2)), title="待发布的通知")
        finding = check(tree["dept_a"], "item_published_late")
        assert finding.status == Status.WARN and finding.count == 0 and finding.deduction == 0
        assert [record.id for record in finding.records] == [draft.pk]
        assert finding.next_change_on == dt.date(2026, 12, 3)
        assert "待发布的通知" in finding.next_change

    def test_fail_counts_late_publications_of_the_year_and_overdue_drafts(self, tree, check):
        late = item(tree["dept_a"], published_on=dt.date(2026, 9, 1), late=True)
        item(tree["dept_a"], published_on=dt.date(2025, 9, 1), late=True)  # more than a year ago
        overdue = item(tree["dept_a"], formed_on=dt.date(2026, 10, 1))
        item(tree["dept_b"], published_on=dt.date(2026, 9, 1), late=True)  # another agency
        finding = check(tree["dept_a"], "item_published_late")
        assert finding.status == Status.FAIL and finding.count == 2
        assert finding.deduction == 4  # −2 each (金东区 2021)
        assert {record.id for record in finding.records} == {late.pk, overdue.pk}
        assert all(record.url.startswith("/workbench/catalog/") for record in finding.records)

    def test_a_report_on_a_past_day_ignores_publications_after_it(self, tree, check):
        """The report of a day is the same whenever it is asked for: an item published late after
        that day was not yet a late publication on it (its 20th and 21st working days)."""
        formed = _formed_for_due(dt.date(2026, 11, 9))
        on_time = item(tree["dept_a"], published_on=dt.date(2026, 11, 9), formed_on=formed, late=False)
        late = item(tree["dept_a"], published_on=dt.date(2026, 11, 10), formed_on=formed, late=True)
        finding = check(tree["dept_a"], "item_published_late", dt.date(2026, 11, 10))
        assert finding.count == 1 and [record.id for record in finding.records] == [late.pk]
        assert on_time.pk not in {record.id for record in finding.records}
        finding = check(tree["dept_a"], "item_published_late", dt.date(2026, 11, 9))
        # On its due day it was still waiting, with no working day left: a warning, as that day's
        # report gave it.
        assert (finding.status, finding.count) == (Status.WARN, 0)
        assert [record.id for record in finding.records] == [late.pk]

    def test_a_report_on_a_past_day_counts_an_item_then_unpublished_past_its_due_day(self, tree, check):
        """Due 9 Nov, published 20 Nov: late on the 16th already (it waited past its due day),
        whenever the report of that day is asked for; an item formed after the 16th is unknown
        to it, and one changed after it still runs from its formation."""
        formed = _formed_for_due(dt.date(2026, 11, 9))
        late = item(tree["dept_a"], published_on=dt.date(2026, 11, 20), formed_on=formed, late=True)
        changed_later = item(tree["dept_a"], formed_on=formed, changed_on=dt.date(2026, 11, 18))
        item(tree["dept_a"], formed_on=dt.date(2026, 11, 17))  # formed after the day asked about
        finding = check(tree["dept_a"], "item_published_late", dt.date(2026, 11, 16))
        assert (finding.status, finding.count) == (Status.FAIL, 2)
        assert {record.id for record in finding.records} == {late.pk, changed_later.pk}
        finding = check(tree["dept_a"], "item_published_late", dt.date(2026, 11, 20))
        assert finding.count == 1 and [record.id for record in finding.records] == [late.pk]


class TestInterpretationLag:
    def test_pass_when_the_policy_has_its_interpretation(self, tree, check):
        policy = item(tree["dept_a"], genre="normative_document", published_on=dt.date(2026, 11, 2))
        item(
            tree["dept_a"],
            genre="interpretation",
            interprets=policy,
            interpretation_lag=1,
            published_on=dt.date(2026, 11, 3),
        )
        assert check(tree["dept_a"], "interpretation_lag").status == Status.PASS

    def test_warn_while_the_three_working_days_run(self, tree, check):
        policy = item(tree["dept_a"], genre="normative_document", published_on=dt.date(2026, 11, 27))
        finding = check(tree["dept_a"], "interpretation_lag")
        assert finding.status == Status.WARN and finding.count == 0
        assert [record.id for record in finding.records] == [policy.pk]
        # add(2026-11-27, 3) = 2026-12-02: lagging from the day after.
        assert finding.next_change_on == dt.date(2026, 12, 3)

    def test_an_interpretation_hidden_from_the_public_does_not_count(self, tree, check):
        """A 解读 set 仅内部可见 is not published with the policy as far as the public sees."""
        policy = item(tree["dept_a"], genre="normative_document", published_on=dt.date(2026, 11, 2))
        item(
            tree["dept_a"],
            genre="interpretation",
            interprets=policy,
            interpretation_lag=1,
            published_on=dt.date(2026, 11, 3),
            internal=True,
        )
        finding = check(tree["dept_a"], "interpretation_lag")
        assert finding.status == Status.FAIL and [record.id for record in finding.records] == [policy.pk]

    def test_fail_for_a_late_interpretation_and_a_policy_without_one(self, tree, check):
        policy = item(tree["dept_a"], genre="normative_document", published_on=dt.date(2026, 10, 9))
        lagging = item(
            tree["dept_a"],
            genre="interpretation",
            interprets=policy,
            interpretation_lag=5,
            published_on=dt.date(2026, 10, 16),
        )
        bare = item(tree["dept_a"], genre="rule", published_on=dt.date(2026, 11, 20))
        finding = check(tree["dept_a"], "interpretation_lag")
        assert finding.status == Status.FAIL and finding.count == 2
        assert finding.deduction == 8  # −4 each
        assert {record.id for record in finding.records} == {lagging.pk, bare.pk}

    def test_a_report_on_a_past_day_ignores_interpretations_and_policies_published_after_it(
        self, tree, check
    ):
        """Policy of Fri 20 Nov, its 解读 only on Mon 30 Nov: on Thu 26 Nov (3 working days past)
        the policy was without a 解读, whenever that day's report is asked for; a policy published
        after the day owed nothing on it."""
        policy = item(tree["dept_a"], genre="normative_document", published_on=dt.date(2026, 11, 20))
        item(
            tree["dept_a"],
            genre="interpretation",
            interprets=policy,
            interpretation_lag=6,
            published_on=dt.date(2026, 11, 30),
        )
        item(tree["dept_a"], genre="rule", published_on=dt.date(2026, 11, 27))
        finding = check(tree["dept_a"], "interpretation_lag", dt.date(2026, 11, 26))
        assert finding.status == Status.FAIL and finding.count == 1
        assert [record.id for record in finding.records] == [policy.pk]
        assert finding.next_change_on is None


def _fill_all_columns_but(agency, blank: int):
    columns = list(Column.objects.filter(agency=agency).order_by("order"))
    for column in columns[blank:]:
        item(agency, published_on=dt.date(2026, 11, 20), column=column.code)
    return columns[:blank]


class TestColumnsBlank:
    def test_pass_when_every_column_has_content(self, tree, check):
        _fill_all_columns_but(tree["dept_a"], 0)
        finding = check(tree["dept_a"], "columns_blank")
        assert finding.status == Status.PASS and finding.count == 0

    def test_warn_below_the_veto_threshold(self, tree, check):
        blank = _fill_all_columns_but(tree["dept_a"], 4)
        finding = check(tree["dept_a"], "columns_blank")
        assert finding.status == Status.WARN and finding.count == 4 and finding.deduction == 0
        assert [record.label for record in finding.records] == [column.name for column in blank]

    def test_fail_and_veto_at_five(self, tree, check):
        _fill_all_columns_but(tree["dept_a"], 5)
        finding = check(tree["dept_a"], "columns_blank")
        assert finding.status == Status.FAIL and finding.count == 5 and finding.vetoing

    def test_an_unpublished_item_does_not_fill_a_column(self, tree, check):
        _fill_all_columns_but(tree["dept_a"], 1)
        item(
            tree["dept_a"], column=Column.objects.filter(agency=tree["dept_a"]).order_by("order").first().code
        )
        assert check(tree["dept_a"], "columns_blank").count == 1


class TestColumnsStale:
    STALE = ["news", "notice", "art20-01", "art20-03", "art20-11", "interpretation"]

    def test_pass_when_updated_with_the_next_change_date(self, tree, check):
        item(tree["dept_a"], published_on=dt.date(2026, 11, 25), column="news")
        finding = check(tree["dept_a"], "columns_stale")
        assert finding.status == Status.PASS and finding.count == 0
        assert finding.next_change_on == dt.date(2026, 12, 10)  # 2 weeks after 11-25, the day after

    def test_a_stale_column_costs_points_without_veto(self, tree, check):
        """No warning state: a stale column is a deduction (−5, 政策文件 6 months); five a veto."""
        item(tree["dept_a"], published_on=dt.date(2026, 11, 1), column="news")
        finding = check(tree["dept_a"], "columns_stale")
        assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 5
        assert finding.veto and not finding.vetoing
        assert [record.label for record in finding.records] == ["工作动态"]

    def test_fail_at_five_stale_columns(self, tree, check):
        item(tree["dept_a"], published_on=dt.date(2026, 11, 1), column="news")
        for code in self.STALE[1:5]:
            item(tree["dept_a"], published_on=dt.date(2026, 3, 1), column=code)
        item(tree["dept_a"], published_on=dt.date(2026, 11, 1), column="interpretation")  # fresh
        finding = check(tree["dept_a"], "columns_stale")
        assert finding.status == Status.FAIL and finding.count == 5 and finding.vetoing
        assert finding.deduction == 25

    @pytest.mark.parametrize(
        ("published_on", "last_day_in_time"),
        [
            (dt.date(2026, 5, 31), dt.date(2026, 11, 30)),  # 6 calendar months: 183 days
            (dt.date(2026, 5, 29), dt.date(2026, 11, 29)),  # 184 days
            (dt.date(2026, 8, 31), dt.date(2027, 2, 28)),  # no 31 Feb: the month's last day
        ],
    )
    def test_a_policy_column_is_stale_the_day_after_six_calendar_months(
        self, tree, check, published_on, last_day_in_time
    ):
        item(tree["dept_a"], published_on=published_on, column="notice")
        finding = check(tree["dept_a"], "columns_stale", today=last_day_in_time)
        assert (finding.status, finding.next_change_on) == (
            Status.PASS,
            last_day_in_time + dt.timedelta(days=1),
        )
        finding = check(tree["dept_a"], "columns_stale", today=last_day_in_time + dt.timedelta(days=1))
        assert finding.status == Status.FAIL and finding.count == 1


class TestColumnsOnAPastDay:
    """The column indicators of a past day see the items published by then."""

    def test_a_column_filled_after_the_day_was_blank_on_it(self, tree, check):
        _fill_all_columns_but(tree["dept_a"], 1)  # items of 20 Nov
        column = Column.objects.filter(agency=tree["dept_a"]).order_by("order").first()
        item(tree["dept_a"], published_on=dt.date(2026, 11, 25), column=column.code)
        assert check(tree["dept_a"], "columns_blank", dt.date(2026, 11, 30)).count == 0
        finding = check(tree["dept_a"], "columns_blank", dt.date(2026, 11, 24))
        assert [record.id for record in finding.records] == [column.pk]

    def test_the_home_page_updated_after_the_day_was_stale_on_it(self, tree, check):
        item(tree["city"], published_on=dt.date(2026, 10, 1))
        item(tree["city"], published_on=dt.date(2026, 11, 27))
        assert check(tree["city"], "home_stale", dt.date(2026, 11, 30)).status == Status.PASS
        assert check(tree["city"], "home_stale", dt.date(2026, 11, 20)).status == Status.FAIL


class TestHomeStale:
    def test_pass_with_a_recent_item(self, tree, check):
        item(tree["city"], published_on=dt.date(2026, 11, 27))
        finding = check(tree["city"], "home_stale")
        assert finding.status == Status.PASS
        assert finding.next_change_on == dt.date(2026, 12, 12)

    def test_warn_after_ten_days(self, tree, check):
        item(tree["city"], published_on=dt.date(2026, 11, 18))
        finding = check(tree["city"], "home_stale")
        assert finding.status == Status.WARN and finding.count == 0
        assert finding.next_change_on == dt.date(2026, 12, 3)

    def test_fail_after_two_weeks_is_a_veto(self, tree, check):
        item(tree["city"], published_on=dt.date(2026, 11, 10))
        finding = check(tree["city"], "home_stale")
        assert finding.status == Status.FAIL and finding.count == 1 and finding.veto
        assert "2026-11-10" in finding.records[0].label

    def test_departments_have_no_home_page(self, tree, check):
        assert check(tree["dept_a"], "home_stale").status == Status.PASS


class TestAbolishedNotMarked:
    """No warning state: an item is marked or it is not."""

    def test_pass_when_marked(self, tree, check):
        new = item(tree["dept_a"], published_on=dt.date(2026, 11, 2))
        item(tree["dept_a"], published_on=dt.date(2026, 1, 5), successor=new, validity="amended")
        assert check(tree["dept_a"], "abolished_not_marked").status == Status.PASS

    def test_fail_when_superseded_or_abolished_but_shown_valid(self, tree, check):
        new = item(tree["dept_a"], published_on=dt.date(2026, 11, 2))
        superseded = item(tree["dept_a"], published_on=dt.date(2026, 1, 5), successor=new)
        abolished = item(tree["dept_a"], published_on=dt.date(2025, 1, 5), abolished_on=dt.date(2026, 6, 1))
        item(tree["dept_a"], published_on=dt.date(2025, 1, 5), abolished_on=dt.date(2027, 6, 1))  # not yet
        finding = check(tree["dept_a"], "abolished_not_marked")
        assert finding.status == Status.FAIL and finding.count == 2 and finding.deduction == 2
        assert {record.id for record in finding.records} == {superseded.pk, abolished.pk}


def test_today_is_the_frozen_date():
    assert dt.date(2026, 11, 30) == TODAY


class TestDisclosureGuideMissing:
    """No warning state: the guide and the 制度 column have content or not."""

    def test_pass_with_guide_and_system(self, tree, check):
        item(tree["dept_a"], published_on=dt.date(2026, 3, 2), column="guide", genre="guide")
        item(tree["dept_a"], published_on=dt.date(2026, 3, 2), column="system")
        assert check(tree["dept_a"], "disclosure_guide_missing").status == Status.PASS

    def test_fail_counts_each_missing_column(self, tree, check):
        item(tree["dept_a"], published_on=dt.date(2026, 3, 2), column="system")
        finding = check(tree["dept_a"], "disclosure_guide_missing")
        assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 2
        assert [record.label for record in finding.records] == ["政府信息公开指南"]
        assert check(tree["dept_b"], "disclosure_guide_missing").count == 2


class TestColumnsLongStale:
    """应更新但长期未更新: blank, stale by columns_stale's limits, 人事/规划计划 after a year; 10 veto."""

    def test_pass_with_every_column_fresh_and_the_next_change_date(self, tree, check):
        _fill_all_columns_but(tree["dept_a"], 0)  # every column updated on 2026-11-20
        finding = check(tree["dept_a"], "columns_long_stale")
        assert finding.status == Status.PASS and finding.count == 0 and finding.records == []
        assert finding.next_change_on == dt.date(2026, 12, 5)  # 工作动态: 2 weeks after 11-20, the day after

    def test_personnel_and_planning_columns_get_a_year(self, tree, check):
        _fill_all_columns_but(tree["dept_a"], 0)
        item(tree["dept_a"], published_on=dt.date(2025, 12, 1), column="personnel")
        item(tree["dept_a"], published_on=dt.date(2025, 12, 1), column="art20-03")
        Column.objects.get(agency=tree["dept_a"], code="personnel").items.filter(
            published_on=dt.date(2026, 11, 20)
        ).delete()
        Column.objects.get(agency=tree["dept_a"], code="art20-03").items.filter(
            published_on=dt.date(2026, 11, 20)
        ).delete()
        assert check(tree["dept_a"], "columns_long_stale").status == Status.PASS
        finding = check(tree["dept_a"], "columns_long_stale", today=dt.date(2026, 12, 2))
        assert finding.status == Status.WARN and finding.count == 2 and finding.deduction == 0
        assert {record.label for record in finding.records} == {
            "人事信息",
            "国民经济和社会发展规划、专项规划、区域规划及相关政策",
        }

    def test_warn_below_ten_counting_blank_and_stale_columns(self, tree, check):
        blank = _fill_all_columns_but(tree["dept_a"], 3)
        Column.objects.get(agency=tree["dept_a"], code="news").items.all().delete()
        item(tree["dept_a"], published_on=dt.date(2026, 11, 1), column="news")  # over 2 weeks
        finding = check(tree["dept_a"], "columns_long_stale")
        assert finding.status == Status.WARN and finding.count == 4 and not finding.vetoing
        assert {record.label for record in finding.records} == {c.name for c in blank} | {"工作动态"}
        assert all(record.url.startswith("/catalog/") for record in finding.records)

    def test_fail_and_veto_at_ten(self, tree, check):
        _fill_all_columns_but(tree["dept_a"], 10)
        item(tree["dept_b"], published_on=dt.date(2026, 11, 20), column="news")  # another agency
        finding = check(tree["dept_a"], "columns_long_stale")
        assert finding.status == Status.FAIL and finding.count == 10 and finding.vetoing
        assert len(finding.records) == 10


class TestPersonalDataPublished:
    def test_pass_without_personal_data(self, tree, check):
        item(tree["dept_a"], published_on=dt.date(2026, 11, 2), body_text="联系电话：0579-82468000")
        finding = check(tree["dept_a"], "personal_data_published")
        assert (finding.status, finding.count, finding.records) == (Status.PASS, 0, [])

    def test_fail_for_a_published_item_with_personal_data_override_or_not(self, tree, check):
        published = item(tree["dept_a"], published_on=dt.date(2026, 11, 2), body_text="申请人手机13812345678")
        titled = item(tree["dept_a"], published_on=dt.date(2026, 10, 2), title="张三身份证11010519491231002X")
        item(tree["dept_a"], body_text="草稿中的手机13812345678")  # not published
        item(
            tree["dept_a"],
            published_on=dt.date(2026, 11, 2),
            body_text="内部手机13812345678",
            internal=True,
        )  # not public
        item(tree["dept_b"], published_on=dt.date(2026, 11, 2), body_text="手机13812345678")  # other agency
        finding = check(tree["dept_a"], "personal_data_published")
        assert finding.status == Status.FAIL and finding.count == 2 and finding.deduction == 10
        assert [record.id for record in finding.records] == [published.pk, titled.pk]
        assert all(record.url == f"/workbench/catalog/{record.id}/" for record in finding.records)

    def test_the_summary_shown_in_the_metadata_block_is_screened_too(self, tree, check):
        """内容概述 is public text (the item page's metadata block): a mobile number there counts,
        and a verdict made over the title and body only is made again."""
        from gongkai.catalog.models import Item

        exposed = item(tree["dept_a"], published_on=dt.date(2026, 11, 2), summary="联系人手机13812345678")
        assert check(tree["dept_a"], "personal_data_published").count == 1
        Item.objects.filter(pk=exposed.pk).update(screening_blocks=False)
        older = Item.objects.get(pk=exposed.pk)
        older.summary = "联系人手机13812345678"
        older.save(update_fields=["summary"])  # saving the summary clears the verdict
        assert Item.objects.get(pk=exposed.pk).screened_with == ""
        finding = check(tree["dept_a"], "personal_data_published")
        assert finding.count == 1 and [record.id for record in finding.records] == [exposed.pk]

    def test_an_edited_item_is_screened_again(self, tree, check):
        published = item(tree["dept_a"], published_on=dt.date(2026, 11, 2), body_text="手机13812345678")
        assert check(tree["dept_a"], "personal_data_published").count == 1
        published.body_text = "手机138****5678"
        published.save()
        assert check(tree["dept_a"], "personal_data_published").status == Status.PASS

    def test_a_verdict_of_other_screening_rules_is_made_again(self, tree, check):
        """Verdicts are stored per item with the version of the rules; other rules' verdicts (here
        one saying the opposite) are not trusted."""
        from gongkai.catalog.models import Item

        exposed = item(tree["dept_a"], published_on=dt.date(2026, 11, 2), body_text="手机13812345678")
        clean = item(tree["dept_a"], published_on=dt.date(2026, 11, 3), body_text="办公电话0579-82468000")
        Item.objects.filter(pk=exposed.pk).update(screening_blocks=False, screened_with="older-rules")
        Item.objects.filter(pk=clean.pk).update(screening_blocks=True, screened_with="older-rules")
        finding = check(tree["dept_a"], "personal_data_published")
        assert finding.count == 1 and [record.id for record in finding.records] == [exposed.pk]
        assert Item.objects.get(pk=clean.pk).screened_with == Item.objects.get(pk=exposed.pk).screened_with

    def test_saving_the_text_clears_the_verdict_other_fields_keep_it(self, tree, check):
        from gongkai.catalog.models import Item

        published = item(tree["dept_a"], published_on=dt.date(2026, 11, 2), body_text="手机13812345678")
        assert check(tree["dept_a"], "personal_data_published").count == 1
        version = Item.objects.get(pk=published.pk).screened_with
        assert version
        published.refresh_from_db()
        published.validity = "abolished"
        published.save(update_fields=["validity"])
        assert Item.objects.get(pk=published.pk).screened_with == version
        published.title = "身份证11010519491231002X"
        published.body_text = ""
        published.save(update_fields=["title", "body_text"])
        assert Item.objects.get(pk=published.pk).screened_with == ""
        finding = check(tree["dept_a"], "personal_data_published")
        assert finding.count == 1 and finding.records[0].label == "身份证11010519491231002X"


class TestColumnsNewestItem:
    """The column indicators read each column's newest public item from the recent items, and the
    year-limited columns from their own items; the answer is the same as the maximum date."""

    def test_the_newest_date_not_the_newest_record_counts(self, tree, check):
        item(tree["dept_a"], published_on=dt.date(2026, 11, 25), column="news")  # older record, newer date
        item(tree["dept_a"], published_on=dt.date(2026, 11, 1), column="news")
        finding = check(tree["dept_a"], "columns_stale")
        assert finding.status == Status.PASS and finding.next_change_on == dt.date(2026, 12, 10)

    def test_an_unpublished_newer_item_does_not_refresh_a_column(self, tree, check):
        item(tree["dept_a"], published_on=dt.date(2026, 11, 1), column="news")
        item(tree["dept_a"], column="news", title="草稿")
        internal = item(tree["dept_a"], published_on=dt.date(2026, 11, 28), column="news", internal=True)
        assert internal.pk
        finding = check(tree["dept_a"], "columns_stale")
        assert finding.status == Status.FAIL and [r.label for r in finding.records] == ["工作动态"]

    def test_a_column_stale_beyond_every_limit_is_stale_not_blank(self, tree, check):
        item(tree["dept_a"], published_on=dt.date(2023, 5, 1), column="personnel")
        item(tree["dept_a"], published_on=dt.date(2023, 5, 1), column="notice")
        long_stale = check(tree["dept_a"], "columns_long_stale")
        assert {"人事信息", "通知公告"} <= {record.label for record in long_stale.records}
        assert "人事信息" not in {r.label for r in check(tree["dept_a"], "columns_blank").records}
        assert [r.label for r in check(tree["dept_a"], "columns_stale").records] == ["通知公告"]

    def test_the_column_page_lists_its_agency_s_items_so_only_they_refresh_it(self, tree, check):
        """Columns hold their agency's items; should one hold another agency's item, the column's
        public page (the agency's items in it) does not list it, and it does not refresh the column."""
        item(tree["dept_a"], published_on=dt.date(2026, 11, 1), column="news")
        other = item(tree["dept_b"], published_on=dt.date(2026, 11, 25))
        other.columns.add(Column.objects.get(agency=tree["dept_a"], code="news"))
        finding = check(tree["dept_a"], "columns_stale")
        assert finding.status == Status.FAIL and [r.label for r in finding.records] == ["工作动态"]


class TestMandatoryColumnEmpty:
    """Art. 20: each applicable category has a column with at least one public item."""

    SETTINGS = "/workbench/catalog/settings/?agency=dept-a"

    def test_pass_when_every_recorded_category_has_a_public_item(self, tree, staff, check):
        services.set_art20_categories(tree["dept_a"], actor=staff["admin_a"], categories=[7, 12])
        item(tree["dept_a"], published_on=dt.date(2026, 11, 2), column="art20-01")
        item(tree["dept_a"], published_on=dt.date(2025, 3, 2), column="art20-02")  # age does not matter
        item(tree["dept_a"], published_on=dt.date(2026, 11, 2), column="budget")  # (七) in 财政预决算
        item(tree["dept_a"], published_on=dt.date(2026, 11, 2), column="art20-12")
        finding = check(tree["dept_a"], "mandatory_column_empty")
        assert (finding.status, finding.count, finding.deduction, finding.records) == (Status.PASS, 0, 0, [])
        assert finding.next_change_on is None and finding.note == ""

    def test_warn_while_the_categories_are_not_recorded(self, tree, check):
        item(tree["dept_a"], published_on=dt.date(2026, 11, 2), column="art20-01")
        item(tree["dept_a"], published_on=dt.date(2026, 11, 2), column="art20-02")
        finding = check(tree["dept_a"], "mandatory_column_empty")
        assert (finding.status, finding.count, finding.deduction) == (Status.WARN, 0, 0)
        assert [(record.type, record.url) for record in finding.records] == [("agency", self.SETTINGS)]
        assert "尚未确认适用的第二十条信息类别，暂按（一）（二）检查" in finding.records[0].label

    def test_fail_lists_each_missing_category_with_its_column_or_the_settings(self, tree, staff, check):
        services.set_art20_categories(tree["dept_a"], actor=staff["office"], categories=[9, 14])
        item(tree["dept_a"], published_on=dt.date(2026, 11, 2), column="art20-01")
        item(tree["dept_a"], column="art20-02")  # a draft does not fill it
        item(tree["dept_a"], published_on=dt.date(2026, 11, 2), column="art20-02", internal=True)
        item(tree["dept_a"], published_on=dt.date(2026, 11, 2), column="personnel")  # not (十四)'s column
        Column.objects.get(agency=tree["dept_a"], code="art20-14").delete()
        item(tree["dept_b"], published_on=dt.date(2026, 11, 2), column="art20-09")  # another agency
        finding = check(tree["dept_a"], "mandatory_column_empty")
        assert (finding.status, finding.count, finding.deduction) == (Status.FAIL, 3, 6)  # −2 each
        column = Column.objects.get(agency=tree["dept_a"], code="art20-02")
        assert [(record.type, record.id, record.url) for record in finding.records] == [
            ("column", column.pk, "/catalog/dept-a/art20-02/"),
            (
                "column",
                Column.objects.get(agency=tree["dept_a"], code="art20-09").pk,
                "/catalog/dept-a/art20-09/",
            ),
            ("art20_category", 14, self.SETTINGS),
        ]
        assert (
            finding.records[0].label.startswith("（二）机关职能")
            and "栏目无已公开信息" in finding.records[0].label
        )
        assert finding.records[2].label.startswith("（十四）公务员招考") and finding.records[
            2
        ].label.endswith("无对应栏目")
        assert finding.note == ""

    def test_unrecorded_agencies_fail_on_one_and_two_with_a_note(self, tree, check):
        finding = check(tree["town"], "mandatory_column_empty")
        assert (finding.status, finding.count, finding.deduction) == (Status.FAIL, 2, 4)
        assert "尚未确认" in finding.note

    def test_the_deduction_is_capped_at_sixteen(self, tree, staff, check):
        services.set_art20_categories(tree["dept_a"], actor=staff["admin_a"], categories=range(1, 16))
        finding = check(tree["dept_a"], "mandatory_column_empty")
        assert (finding.status, finding.count, finding.deduction) == (Status.FAIL, 15, 16)
