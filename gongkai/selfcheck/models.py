"""The self-check's own records: the scoring scheme (versioned), daily snapshots, the
rectification ledger (整改台账) and the reminders already sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone

from gongkai.selfcheck.vocabulary import Status, TaskStatus, Verdict


class SchemeVersion(models.Model):
    """One version of the scoring scheme (a deployment setting the disclosure office edits).

    The newest version is in force; older ones stay so that a snapshot can say which it used."""

    number = models.PositiveIntegerField("版本号", unique=True)
    rules = models.JSONField("评分规则")  # {code: {"deduction", "cap", "veto"}}
    note = models.CharField("修改说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("修改时间", default=timezone.now)

    class Meta:
        verbose_name = "自查评分方案"
        verbose_name_plural = "自查评分方案"
        ordering = ["-number"]

    def __str__(self):
        return f"第{self.number}版"


class Snapshot(models.Model):
    """An agency's self-check on one day: score, verdict and each indicator's status and count."""

    # History stays with the agency it describes.
    AGENCY_MERGE = "keep"

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机构", on_delete=models.PROTECT, related_name="selfcheck_snapshots"
    )
    date = models.DateField("日期")
    score = models.FloatField("得分")
    verdict = models.CharField("结论", max_length=8, choices=Verdict.choices())
    scheme_number = models.PositiveIntegerField("评分方案版本", null=True, blank=True)
    # {code: {"status": "fail", "count": 3, "deduction": 6.0}}
    indicators = models.JSONField("指标", default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "自查快照"
        verbose_name_plural = "自查快照"
        ordering = ["agency_id", "-date"]
        constraints = [models.UniqueConstraint(fields=["agency", "date"], name="selfcheck_snapshot_per_day")]

    def __str__(self):
        return f"{self.agency_id} {self.date} {self.score}"


# The ledger's order, the same on every backend: open tasks first (a rank, not the alphabetical
# order of the status codes), then by 时限 with the tasks without one last (SQLite and PostgreSQL
# put NULL at opposite ends unless told), then id, so pages never overlap. The status as a plain
# string (``.value``): the Meta.ordering migration then needs no import of the vocabulary.
LEDGER_ORDER = (
    Case(When(status=TaskStatus.OPEN.value, then=Value(0)), default=Value(1), output_field=IntegerField()).asc(),
    F("due_on").asc(nulls_last=True),
    F("id").asc(),
)


class RectificationTask(models.Model):
    """A rectification task (整改任务) opened from a finding; closes itself when the indicator
    passes again at the agency."""

    # Open tasks pass to the successor, which has to rectify them.
    AGENCY_MERGE = "move"

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机构", on_delete=models.PROTECT, related_name="rectification_tasks"
    )
    indicator = models.CharField("指标", max_length=60)
    problem = models.TextField("问题")
    measures = models.TextField("整改措施", blank=True)
    responsible = models.CharField("责任单位", max_length=100, blank=True)
    due_on = models.DateField("时限", null=True, blank=True)
    status = models.CharField("状态", max_length=8, choices=TaskStatus.choices(), default=TaskStatus.OPEN)
    completion = models.TextField("完成情况", blank=True)
    opened_on = models.DateField("立项日期")
    closed_on = models.DateField("完成日期", null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="立项人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "整改任务"
        verbose_name_plural = "整改任务"
        ordering = list(LEDGER_ORDER)
        indexes = [models.Index(fields=["agency", "status"], name="selfcheck_task_agency_status")]

    def __str__(self):
        return self.problem[:40]


class Reminder(models.Model):
    """A reminder sent once: the key names the clock, the threshold and the recipient, so a
    restarted worker never sends it again."""

    AGENCY_MERGE = "keep"

    key = models.CharField("提醒标识", max_length=200, unique=True)
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机构", on_delete=models.PROTECT, related_name="+"
    )
    recipient = models.EmailField("收件人")
    subject = models.CharField("主题", max_length=200)
    sent_on = models.DateField("日期")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "提醒记录"
        verbose_name_plural = "提醒记录"
        ordering = ["-sent_on", "-id"]

    def __str__(self):
        return self.key


STATUS_CHOICES = Status.choices()
