"""The rectification ledger (closes itself, XLSX), the daily snapshots and "since when", and the
reminders (once each, weekly summary)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import Forbidden, RuleViolation
from gongkai.core.system import SYSTEM
from gongkai.notifications.models import OutgoingMail
from gongkai.selfcheck import exports, selectors, services, tasks
from gongkai.selfcheck.models import RectificationTask, Reminder, Snapshot
from gongkai.selfcheck.tests.factories import application
from gongkai.selfcheck.vocabulary import TaskStatus
from gongkai.testing import TODAY

pytestmark = pytest.mark.django_db


class TestLedger:
    def test_open_from_a_finding_then_it_closes_itself(self, tree, staff):
        overdue = application(tree["dept_a"], due_on=dt.date(2026, 11, 27))
        task = services.open_task(
            actor=staff["handler_a"],
            agency=tree["dept_a"],
            indicator="application_overdue",
            today=TODAY,
            measures="立即答复",
            due_on=dt.date(2026, 12, 10),
        )
        assert task.status == TaskStatus.OPEN and overdue.tracking_code in task.problem
        assert task.responsible == tree["dept_a"].name and task.opened_by == staff["handler_a"]
        assert AuditEvent.objects.filter(action="selfcheck.task_opened").count() == 1
        assert services.close_rectified(actor=SYSTEM, today=TODAY) == 0  # still failing
        overdue.state, overdue.concluded_on = "concluded", TODAY
        overdue.save()
        assert services.close_rectified(actor=SYSTEM, today=TODAY) == 1
        task.refresh_from_db()
        assert task.status == TaskStatus.DONE and task.closed_on == TODAY
        assert "自动销号" in task.completion

    def test_the_todo_names_the_responsible_unit_only_when_it_is_another(self, tree, staff):
        from gongkai.selfcheck.todos import rectification_todos

        application(tree["dept_a"], due_on=dt.date(2026, 11, 27))
        opened = {
            responsible: services.open_task(
                actor=staff["handler_a"],
                agency=tree["dept_a"],
                indicator=indicator,
                today=TODAY,
                measures="立即答复",
                due_on=dt.date(2026, 12, 10),
                **({"responsible": responsible} if responsible else {}),
            )
            for responsible, indicator in (("", "application_overdue"), ("甲局办公室", "columns_blank"))
        }
        notes = {
            todo.url: todo.note
            for todo in rectification_todos(user=staff["handler_a"], agency=tree["dept_a"], today=TODAY)
        }
        name = tree["dept_a"].name
        assert notes[f"/workbench/selfcheck/ledger/{opened[''].pk}/"] == name  # not "X，责任单位：X"
        assert (
            notes[f"/workbench/selfcheck/ledger/{opened['甲局办公室'].pk}/"]
            == f"{name}，责任单位：甲局办公室"
        )

    def test_the_todo_lists_dated_tasks_soonest_first_and_undated_ones_after(self, tree, staff):
        from gongkai.selfcheck.tests.factories import tasks as make_tasks
        from gongkai.selfcheck.todos import rectification_todos

        undated = make_tasks(tree["dept_a"], 1)
        later = make_tasks(tree["dept_a"], 1, due_on=dt.date(2026, 12, 20))
        sooner = make_tasks(tree["dept_a"], 1, due_on=dt.date(2026, 12, 5))
        urls = [
            todo.url
            for todo in rectification_todos(user=staff["handler_a"], agency=tree["dept_a"], today=TODAY)
        ]
        assert urls == [f"/workbench/selfcheck/ledger/{task.pk}/" for task in sooner + later + undated]

    def test_no_task_for_a_passing_indicator_or_without_the_right(self, tree, staff):
        with pytest.raises(RuleViolation):
            services.open_task(
                actor=staff["handler_a"], agency=tree["dept_a"], indicator="application_late", today=TODAY
            )
        with pytest.raises(Exception):  # noqa: B017 — NotFound: no role there
            services.open_task(
                actor=staff["handler_b"], agency=tree["dept_a"], indicator="columns_blank", today=TODAY
            )
        assert not RectificationTask.objects.exists()

    def test_a_second_open_task_for_the_same_finding_is_refused(self, tree, staff):
        first = services.open_task(
            actor=staff["handler_a"], agency=tree["dept_a"], indicator="columns_blank", today=TODAY
        )
        with pytest.raises(RuleViolation) as refused:
            services.open_task(
                actor=staff["admin_a"], agency=tree["dept_a"], indicator="columns_blank", today=TODAY
            )
        assert refused.value.code == "task_already_open" and refused.value.details["task"] == first.pk
        assert "整改中" in refused.value.message
        assert RectificationTask.objects.count() == 1

    def test_a_new_task_may_follow_a_completed_one(self, tree, staff):
        first = services.open_task(
            actor=staff["handler_a"], agency=tree["dept_a"], indicator="columns_blank", today=TODAY
        )
        first.status = TaskStatus.DONE
        first.save()
        services.open_task(
            actor=staff["handler_a"], agency=tree["dept_a"], indicator="columns_blank", today=TODAY
        )
        assert RectificationTask.objects.filter(status=TaskStatus.OPEN).count() == 1

    def test_xlsx_in_the_layout_of_sample_003(self, tree, staff):
        services.open_task(
            actor=staff["handler_a"],
            agency=tree["dept_a"],
            indicator="columns_blank",
            today=TODAY,
            problem='=HYPERLINK("x") 空白栏目',
            measures="补充栏目内容",
            responsible="办公室",
            due_on=dt.date(2026, 12, 31),
        )
        tasks_ = selectors.tasks(staff["office"], tree["city"])
        sheet = load_workbook(io.BytesIO(exports.ledger_xlsx(tree["city"], tasks_, TODAY))).active
        assert "整改台账" in sheet["A1"].value
        assert [cell.value for cell in sheet[2]] == [
            "序号",
            "问题",
            "整改措施",
            "责任单位",
            "时限",
            "状态",
            "完成情况",
        ]
        assert [cell.value for cell in sheet[3]] == [
            1,
            '=HYPERLINK("x") 空白栏目',
            "补充栏目内容",
            "办公室",
            "2026-12-31",
            "整改中",
            None,
        ]
        assert sheet["B3"].data_type == "s"

    def test_ledger_scoped_to_what_the_user_sees(self, tree, staff):
        services.open_task(
            actor=staff["handler_a"], agency=tree["dept_a"], indicator="columns_blank", today=TODAY
        )
        services.open_task(
            actor=staff["handler_b"], agency=tree["dept_b"], indicator="columns_blank", today=TODAY
        )
        assert selectors.tasks(staff["office"], tree["city"]).count() == 2
        assert [t.agency for t in selectors.tasks(staff["handler_a"], tree["dept_a"])] == [tree["dept_a"]]


class TestHistory:
    def test_command_takes_one_snapshot_per_agency_and_day(self, tree, staff):
        out = io.StringIO()
        call_command("selfcheck_snapshot", "--date", "2026-11-28", "--no-reminders", stdout=out)
        call_command("selfcheck_snapshot", "--date", "2026-11-28", "--no-reminders", stdout=out)
        assert "完成" in out.getvalue()
        assert Snapshot.objects.filter(date=dt.date(2026, 11, 28)).count() == 4
        snapshot = Snapshot.objects.get(agency=tree["dept_a"], date=dt.date(2026, 11, 28))
        assert snapshot.indicators["columns_blank"]["status"] == "fail"

    def test_since_when(self, tree):
        application(tree["dept_a"], due_on=dt.date(2026, 11, 25))
        for day in (
            dt.date(2026, 11, 24),
            dt.date(2026, 11, 26),
            dt.date(2026, 11, 27),
            dt.date(2026, 11, 30),
        ):
            services.take_snapshots(actor=SYSTEM, today=day)
        since = selectors.since_when(tree["dept_a"], TODAY)
        assert since["application_overdue"] == dt.date(
            2026, 11, 26
        )  # a warning on 11-24, failing since 11-26
        assert "application_late" not in since
        assert selectors.snapshots(tree["dept_a"]).first().date == dt.date(2026, 11, 24)

    def test_the_worker_task(self, tree):
        result = tasks.daily_selfcheck.call("2026-11-30")
        assert result["snapshots"] == 4
        assert Snapshot.objects.filter(date=TODAY).count() == 4

    def test_bad_date(self):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError):
            call_command("selfcheck_snapshot", "--date", "30.11.2026")


class TestReminders:
    def _with_email(self, staff):
        for name in ("handler_a", "reviewer_a", "office"):
            staff[name].email = f"{name}@example.org"
            staff[name].save()

    def test_due_soon_and_overdue_go_once(self, tree, staff):
        self._with_email(staff)
        soon = application(tree["dept_a"], due_on=dt.date(2026, 12, 2))
        application(tree["dept_a"], due_on=dt.date(2026, 11, 25))
        application(tree["dept_a"], due_on=dt.date(2026, 12, 20))  # not yet
        sent = services.send_reminders(actor=SYSTEM, today=TODAY, weekly=False)
        # Two clocks × two staff of dept_a with an address (the annual report of dept_a is overdue too).
        subjects = list(
            OutgoingMail.objects.filter(recipient="handler_a@example.org").values_list("subject", flat=True)
        )
        assert any(soon.tracking_code in subject and "即将到期" in subject for subject in subjects)
        assert sum("已逾期" in subject for subject in subjects) >= 2
        assert sent == OutgoingMail.objects.count() == Reminder.objects.count()
        assert (
            services.send_reminders(actor=SYSTEM, today=TODAY, weekly=False) == 0
        )  # a restart sends nothing
        assert services.send_reminders(actor=SYSTEM, today=dt.date(2026, 12, 1), weekly=False) == 0

    @pytest.mark.parametrize(
        ("due_on", "days_off"),
        [
            (dt.date(2026, 12, 4), [dt.date(2026, 12, 5), dt.date(2026, 12, 6)]),
            (dt.date(2026, 9, 30), [dt.date(2026, 10, 1), dt.date(2026, 10, 7)]),
        ],
        ids=["weekend", "national-day"],
    )
    def test_overdue_goes_on_the_first_day_after_the_due_day_though_a_day_off(
        self, tree, staff, due_on, days_off
    ):
        self._with_email(staff)
        late = application(tree["dept_a"], due_on=due_on)

        def subjects():
            mails = OutgoingMail.objects.filter(
                recipient="handler_a@example.org", subject__contains=late.tracking_code
            )
            return list(mails.order_by("pk").values_list("subject", flat=True))

        services.send_reminders(actor=SYSTEM, today=due_on, weekly=False)
        assert [subject[-3:] for subject in subjects()] == ["将到期"]
        services.send_reminders(actor=SYSTEM, today=days_off[0], weekly=False)
        assert [subject[-3:] for subject in subjects()] == ["将到期", "已逾期"]
        # Once: not again on the next day off, nor on the next working day (a working day late).
        services.send_reminders(actor=SYSTEM, today=days_off[1], weekly=False)
        services.send_reminders(actor=SYSTEM, today=days_off[1] + dt.timedelta(days=1), weekly=False)
        assert len(subjects()) == 2
        assert Reminder.objects.filter(key__contains=f"{late.pk}:{due_on}:overdue:").count() == 2

    @pytest.mark.today("2026-10-05")
    def test_the_weekly_summary_counts_a_clock_past_its_due_day_as_overdue_on_a_holiday(self, tree, staff):
        """Monday 2026-10-05 is in the National Day holiday: an application due 09-30 is overdue."""
        self._with_email(staff)
        today = dt.date(2026, 10, 5)
        application(tree["dept_a"], due_on=dt.date(2026, 9, 30))
        clocks = selectors.clocks_for(list(Agency.objects.filter(active=True)), today)
        overdue = sum(1 for clock in clocks if clock.due_on is not None and clock.due_on < today)
        soon = sum(
            1
            for clock in clocks
            if clock.due_on is not None and clock.due_on >= today and clock.days_left <= 3
        )
        services.send_reminders(actor=SYSTEM, today=today)
        summary = OutgoingMail.objects.get(recipient="office@example.org", subject__contains="周报")
        assert f"其中已逾期{overdue}项、3个工作日内到期{soon}项" in summary.body

    def test_weekly_summary_to_the_office(self, tree, staff):
        self._with_email(staff)
        services.send_reminders(actor=SYSTEM, today=TODAY, weekly=True)
        summary = OutgoingMail.objects.get(recipient="office@example.org", subject__contains="周报")
        assert "测试市甲局" in summary.body and "分" in summary.body
        services.send_reminders(actor=SYSTEM, today=TODAY, weekly=True)
        assert OutgoingMail.objects.filter(subject__contains="周报").count() == 1

    def test_mondays_bring_the_weekly_summary(self, tree, staff):
        self._with_email(staff)
        assert TODAY.weekday() == 0
        services.send_reminders(actor=SYSTEM, today=TODAY)
        assert OutgoingMail.objects.filter(subject__contains="周报").count() == 1
        services.send_reminders(actor=SYSTEM, today=dt.date(2026, 12, 1))
        assert OutgoingMail.objects.filter(subject__contains="周报").count() == 1


def test_scheme_edit_is_refused_for_a_handler(staff):
    with pytest.raises(Forbidden):
        services.save_scheme(actor=staff["handler_a"], rules={})
