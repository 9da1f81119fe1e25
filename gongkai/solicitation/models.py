"""Opinion solicitation (意见征集): drafts put out for comment, comments, decisions, feedback.

Stored state is only what people did (created, published, extended, commented, decided, published the
feedback); whether a solicitation is closed follows from ``closes_on`` and the day, never from a job.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from gongkai.core.attachments import PublishedFile
from gongkai.solicitation.vocabulary import (
    CHANNEL_LABELS,
    DECISION_LABELS,
    KIND_LABELS,
    Decision,
    Kind,
)

KindChoices = models.TextChoices(
    "KindChoices", [(kind.name, (kind.value, KIND_LABELS[kind])) for kind in Kind]
)
DecisionChoices = models.TextChoices(
    "DecisionChoices", [(decision.name, (decision.value, DECISION_LABELS[decision])) for decision in Decision]
)

COMMENT_MAX_CHARS = 5000


class Solicitation(models.Model):
    """A draft published for public comment, with its period and contacts."""

    # The successor agency takes over the consultation and owes its feedback.
    AGENCY_MERGE = "move"

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="征集机构", on_delete=models.PROTECT, related_name="solicitations"
    )
    kind = models.CharField("类型", max_length=24, choices=KindChoices.choices)
    title = models.CharField("标题", max_length=300)
    draft = models.TextField("征求意见稿")  # sanitised HTML
    explanation = models.TextField("起草说明", blank=True)  # sanitised HTML
    how_to_comment = models.TextField("意见反馈方式", blank=True)
    contacts = models.TextField("联系方式", blank=True)
    hearing = models.TextField("听证会、座谈会等安排", blank=True)
    opens_on = models.DateField("征求意见开始日期")
    closes_on = models.DateField("征求意见截止日期")
    shortened_reason = models.TextField("缩短征求意见期限的理由", blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    final_item = models.ForeignKey(
        "catalog.Item",
        verbose_name="正式出台的文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="solicitations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"
        ordering = ["-opens_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "published_on"], name="solicitation_agency_published"),
            models.Index(fields=["published_on", "closes_on"], name="solicitation_public_period"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("solicitation:detail", args=[self.pk])

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def is_published(self) -> bool:
        return self.published_on is not None


class Extension(models.Model):
    """An announced extension of the period while it was open (closing early is never allowed)."""

    solicitation = models.ForeignKey(Solicitation, on_delete=models.CASCADE, related_name="extensions")
    previous_closes_on = models.DateField("原截止日期")
    closes_on = models.DateField("延长后截止日期")
    reason = models.TextField("延长理由")
    announced_on = models.DateField("公告日期")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "延长征求意见期限"
        verbose_name_plural = "延长征求意见期限"
        ordering = ["announced_on", "id"]

    def __str__(self):
        return f"{self.previous_closes_on} → {self.closes_on}"


class Attachment(PublishedFile):
    """A file published with the draft (the full text, a comparison table, …)."""

    solicitation = models.ForeignKey(Solicitation, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to="solicitation/%Y/%m/")

    class Meta:
        verbose_name = "征求意见附件"
        verbose_name_plural = "征求意见附件"
        ordering = ["id"]


class CommentGroup(models.Model):
    """Similar comments that staff decide together under one summary."""

    solicitation = models.ForeignKey(Solicitation, on_delete=models.CASCADE, related_name="groups")
    summary = models.TextField("意见摘要")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "意见分组"
        verbose_name_plural = "意见分组"
        ordering = ["id"]

    def __str__(self):
        return self.summary[:40]


class Comment(models.Model):
    """One comment from the public. Name and contact are for the drafting office only."""

    solicitation = models.ForeignKey(Solicitation, on_delete=models.PROTECT, related_name="comments")
    number = models.PositiveIntegerField("序号")
    text = models.TextField("意见内容")
    name = models.CharField("姓名或单位", max_length=100, blank=True)
    contact = models.CharField("联系方式", max_length=200, blank=True)
    attachment = models.FileField("附件", upload_to="solicitation/comments/%Y/%m/", blank=True)
    attachment_name = models.CharField("附件名", max_length=200, blank=True)
    attachment_type = models.CharField("附件类型", max_length=100, blank=True)
    received_at = models.DateTimeField("提交时间")
    received_on = models.DateField("提交日期")  # the day in the deployment's time zone
    channel = models.CharField("渠道", max_length=20, default="online")
    group = models.ForeignKey(
        CommentGroup,
        verbose_name="分组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    decision = models.CharField("采纳情况", max_length=24, choices=DecisionChoices.choices, blank=True)
    reason = models.TextField("理由", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "意见"
        verbose_name_plural = "意见"
        ordering = ["solicitation_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["solicitation", "number"], name="solicitation_comment_number")
        ]

    def __str__(self):
        return f"{self.solicitation_id}-{self.number}"

    @property
    def decision_label(self) -> str:
        return DECISION_LABELS[Decision(self.decision)] if self.decision else "未处理"

    @property
    def channel_label(self) -> str:
        return CHANNEL_LABELS.get(self.channel, self.channel)


class Feedback(models.Model):
    """意见采纳情况: the published report, also a catalogue item (column ``solicitation``)."""

    solicitation = models.OneToOneField(Solicitation, on_delete=models.PROTECT, related_name="feedback")
    published_on = models.DateField("发布日期")
    summary = models.TextField("总体情况说明")
    item = models.OneToOneField(
        "catalog.Item",
        verbose_name="目录信息",
        on_delete=models.PROTECT,
        related_name="solicitation_feedback",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "意见采纳情况"
        verbose_name_plural = "意见采纳情况"

    def __str__(self):
        return f"{self.solicitation}：意见采纳情况"


class FeedbackRow(models.Model):
    """One line of the report table: 序号 / 意见摘要 / 采纳情况 / 理由 (no names)."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField("序号")
    summary = models.TextField("意见摘要")
    decision = models.CharField("采纳情况", max_length=24, choices=DecisionChoices.choices)
    reason = models.TextField("理由", blank=True)
    comments = models.ManyToManyField(Comment, related_name="feedback_rows")

    class Meta:
        ordering = ["feedback_id", "position"]

    def __str__(self):
        return f"{self.position}. {self.summary[:40]}"

    @property
    def decision_label(self) -> str:
        return DECISION_LABELS[Decision(self.decision)]


class AgencySettings(models.Model):
    """Per agency: the feedback limit (indicator ``feedback_missing``) and the explanatory note shown
    when the agency put nothing out for comment in the last twelve months (sample 003)."""

    # The successor's own settings apply; the old note stays with the old agency for the record.
    AGENCY_MERGE = "keep"

    agency = models.OneToOneField(
        "agencies.Agency", on_delete=models.PROTECT, related_name="solicitation_settings"
    )
    feedback_workdays = models.PositiveSmallIntegerField("采纳情况公布时限（工作日）", default=20)
    note = models.TextField("情况说明", blank=True)
    note_on = models.DateField("情况说明日期", null=True, blank=True)

    class Meta:
        verbose_name = "意见征集设置"
        verbose_name_plural = "意见征集设置"

    def __str__(self):
        return str(self.agency)
