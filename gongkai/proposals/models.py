"""Deputies' suggestions and CPPCC proposals (建议提案办理) and key tasks (重点工作任务分工).

Stored are only the acts (assigned, extended, answered, rated, answered again, published); the
state, the due days and lateness follow from them and the calendar (``clocks``). Proposers are
kept for staff and never published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.proposals.progress import TASK_STATUS_LABELS, TaskStatus
from gongkai.proposals.vocabulary import (
    KIND_LABELS,
    PUBLICATION_MODE_LABELS,
    RESULT_CLASS_LABELS,
    SATISFACTION_LABELS,
    Kind,
    PublicationMode,
    ResultClass,
    Satisfaction,
)

KindChoices = models.TextChoices("KindChoices", [(k.name, (k.value, KIND_LABELS[k])) for k in Kind])
ResultChoices = models.TextChoices(
    "ResultChoices", [(r.name, (r.value, RESULT_CLASS_LABELS[r])) for r in ResultClass]
)
SatisfactionChoices = models.TextChoices(
    "SatisfactionChoices", [(s.name, (s.value, SATISFACTION_LABELS[s])) for s in Satisfaction]
)
ModeChoices = models.TextChoices(
    "ModeChoices", [(m.name, (m.value, PUBLICATION_MODE_LABELS[m])) for m in PublicationMode]
)
StatusChoices = models.TextChoices(
    "StatusChoices", [(s.name, (s.value, TASK_STATUS_LABELS[s])) for s in TaskStatus]
)


class Proposal(models.Model):
    # The successor agency inherits the duty to answer.
    AGENCY_MERGE = "move"

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="主办单位", on_delete=models.PROTECT, related_name="proposals"
    )
    kind = models.CharField("类型", max_length=24, choices=KindChoices.choices)
    session = models.CharField("届次", max_length=60)
    number = models.CharField("编号", max_length=30)
    title = models.CharField("标题", max_length=300)
    proposers = models.CharField("领衔人及附议人", max_length=500, blank=True)  # never published
    assigned_on = models.DateField("交办日期")
    extension_reason = models.TextField("延期理由", blank=True)
    extended_on = models.DateField("延期日期", null=True, blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    doc_number = models.CharField("答复文号", max_length=100, blank=True)
    result_class = models.CharField("办理结果", max_length=2, choices=ResultChoices.choices, blank=True)
    answer_text = models.TextField("答复正文", blank=True)
    satisfaction = models.CharField(
        "满意度", max_length=24, choices=SatisfactionChoices.choices, blank=True
    )
    rated_on = models.DateField("反馈日期", null=True, blank=True)
    second_answered_on = models.DateField("再次答复日期", null=True, blank=True)
    second_doc_number = models.CharField("再次答复文号", max_length=100, blank=True)
    second_answer_text = models.TextField("再次答复正文", blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True)
    publication_mode = models.CharField("公开方式", max_length=10, choices=ModeChoices.choices, blank=True)
    publication_reason = models.TextField("摘要公开理由", blank=True)
    item = models.ForeignKey(
        "catalog.Item", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="公开信息"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"
        ordering = ["-assigned_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "session", "number"], name="proposal_number")
        ]
        indexes = [
            models.Index(fields=["agency", "answered_on"], name="proposal_agency_answered"),
            models.Index(fields=["published_on"], name="proposal_published"),
        ]

    def __str__(self):
        return f"{self.session}第{self.number}号"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[Kind(self.kind)]

    @property
    def extended(self) -> bool:
        return self.extended_on is not None


def _merge_parts(rows, lead: str, old, new, kept=None) -> int:
    """An agency merge for co-agency rows (``rows``: the model's base manager; ``lead``: the path
    from a row to its record's lead agency). The successor takes the abolished agency's part,
    unless it already has a part in that record, as co-agency or as lead (the record's lead moves
    from ``old`` to ``new`` in the same merge); a part that would duplicate one is dropped, and so
    is the successor's co-agency part in a record it now leads. Rows matching ``kept`` (a
    co-handler's views already sent: the record's history) stay as they are, under the name of
    the agency that wrote them. Returns the rows moved or dropped."""
    record = lead.rsplit("__", 1)[0]
    led = models.Q(**{f"{lead}__in": (old.pk, new.pk)})
    taken = led | models.Q(**{f"{record}__in": rows.filter(agency=new).values(record)})
    droppable = rows.exclude(kept) if kept is not None else rows
    changed = droppable.filter(taken, agency=old).delete()[0]
    changed += droppable.filter(led, agency=new).delete()[0]
    return changed + rows.filter(agency=old).exclude(taken).update(agency=new)


class CoHandler(models.Model):
    """A co-handling agency (协办单位): its views go to the lead by ``views_due_on``."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="co_handlers")
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="协办单位", on_delete=models.PROTECT, related_name="co_handled_proposals"
    )
    views_due_on = models.DateField("协办意见截止日期", null=True, blank=True)  # null: the default
    views = models.TextField("协办意见", blank=True)
    views_sent_on = models.DateField("协办意见提交日期", null=True, blank=True)

    class Meta:
        verbose_name = "协办单位"
        verbose_name_plural = "协办单位"
        constraints = [models.UniqueConstraint(fields=["proposal", "agency"], name="proposal_co_handler")]

    def __str__(self):
        return f"{self.proposal} · {self.agency}"

    @classmethod
    def on_agency_merge(cls, old, new, field_name):
        """The successor co-handles in the abolished agency's place (``_merge_parts``); views the
        abolished agency already sent stay on record under its name."""
        kept = models.Q(views_sent_on__isnull=False)
        return _merge_parts(cls._base_manager.all(), "proposal__agency", old, new, kept=kept)


class YearReport(models.Model):
    """The year's overall handling report, generated from the records and published as an item."""

    AGENCY_MERGE = "keep"

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    published_on = models.DateField("公开日期")
    totals = models.JSONField("统计", default=dict)
    item = models.ForeignKey("catalog.Item", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "建议提案办理情况年度报告"
        verbose_name_plural = "建议提案办理情况年度报告"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="proposal_year_report")]

    def __str__(self):
        return f"{self.agency} {self.year}"


class KeyTask(models.Model):
    """A key task (重点工作任务) with its lead and co agencies and a deadline."""

    AGENCY_MERGE = "move"

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="牵头单位", on_delete=models.PROTECT, related_name="key_tasks"
    )
    co_agencies = models.ManyToManyField(
        "agencies.Agency", verbose_name="配合单位", related_name="+", blank=True, through="TaskCoAgency"
    )
    source = models.CharField("任务来源", max_length=200)  # e.g. 2026年政府工作报告
    title = models.CharField("任务内容", max_length=500)
    assigned_on = models.DateField("分工日期")
    deadline = models.DateField("完成时限", null=True, blank=True)
    public = models.BooleanField("在门户公开", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "重点工作任务"
        verbose_name_plural = "重点工作任务"
        ordering = ["deadline", "id"]

    def __str__(self):
        return self.title[:40]


class TaskCoAgency(models.Model):
    """A co-agency (配合单位) of a key task."""

    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "配合单位"
        verbose_name_plural = "配合单位"

    def __str__(self):
        return f"{self.task_id} · {self.agency_id}"

    @classmethod
    def on_agency_merge(cls, old, new, field_name):
        """The successor cooperates in the abolished agency's place, once (``_merge_parts``)."""
        return _merge_parts(cls._base_manager.all(), "task__agency", old, new)


class TaskUpdate(models.Model):
    task = models.ForeignKey(KeyTask, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField("进展日期")
    status = models.CharField("状态", max_length=12, choices=StatusChoices.choices)
    text = models.TextField("进展情况")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "任务进展"
        verbose_name_plural = "任务进展"
        ordering = ["-on", "-id"]

    def __str__(self):
        return f"{self.task_id} {self.on}"
