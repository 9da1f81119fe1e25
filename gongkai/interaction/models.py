"""Public messages (互动交流), their events, the agencies' reply limits and the FAQ.

The events are the truth: a message's state, deadline, transfers, reply, rating and publication are
replayed from its ``MessageEvent`` rows by the pure ``deadlines`` module. The columns marked as
cache on ``Message`` are rewritten by every service (``manage.py rebuild_message_clocks`` rebuilds
them), so lists, statistics and the self-check indicators are plain indexed queries.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongkai.core.append_only import AppendOnlyModel
from gongkai.interaction.choices import Action, Channel, Kind, Rating, RejectReason, State


class Message(models.Model):
    """A message from the public: consultation, help, suggestion, complaint or error report."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="办理机构", on_delete=models.PROTECT, related_name="messages"
    )
    tracking_code = models.CharField("查询码", max_length=20, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    channel = models.CharField("渠道", max_length=20, choices=Channel.choices, default=Channel.ONLINE)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("留言内容")
    # The writer's particulars: staff of the handling agency only, never on a public page.
    name = models.CharField("留言人姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    publish_consent = models.BooleanField("同意公开", default=False)

    # The current reply text and the wording published on the portal (the original stays above).
    reply_text = models.TextField("答复内容", blank=True)
    reply_agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="答复机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_title = models.CharField("公开标题", max_length=100, blank=True)
    published_body = models.TextField("公开留言内容", blank=True)
    published_reply = models.TextField("公开答复内容", blank=True)
    rating_comment = models.TextField("评价意见", blank=True)

    # Cache of the replayed clock (see the module docstring).
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.RECEIVED)
    received_on = models.DateField("收到日期")
    due_on = models.DateField("答复期限", null=True, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    first_replied_on = models.DateField("首次答复日期", null=True, blank=True)
    reply_workdays = models.IntegerField("答复用时（工作日）", null=True, blank=True)
    late = models.BooleanField("逾期答复", default=False)
    first_reply_late = models.BooleanField("首次答复逾期", default=False)
    transfer_late = models.BooleanField("转办超时", default=False)
    reject_reason = models.CharField("不予受理理由", max_length=20, choices=RejectReason.choices, blank=True)
    rating = models.CharField("评价", max_length=24, choices=Rating.choices, blank=True)
    rated_on = models.DateField("评价日期", null=True, blank=True)
    published = models.BooleanField("已公开", default=False)
    published_on = models.DateField("公开日期", null=True, blank=True)
    published_replied_on = models.DateField("公开答复的答复日期", null=True, blank=True)

    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = "互动留言"
        verbose_name_plural = "互动留言"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "state", "due_on"], name="message_agency_state_due"),
            models.Index(fields=["agency", "received_on"], name="message_agency_received"),
            models.Index(fields=["published", "agency", "replied_on"], name="message_published"),
            # The public list's order (``selectors.published``): its first page is read from here
            # instead of sorting every published message. The expression must stay the
            # selector's ``published_reply_on()``, or the planner cannot use it.
            models.Index(
                Coalesce("published_replied_on", "replied_on").desc(),
                F("id").desc(),
                name="message_published_order",
                condition=Q(published=True),
            ),
        ]

    def __str__(self):
        return f"{self.tracking_code} {self.title}"

    @classmethod
    def on_agency_merge(cls, old, new, field_name):
        """The successor answers the abolished agency's messages; who replied stays as it was."""
        if field_name != "agency":
            return 0
        return cls.objects.filter(agency=old).update(agency=new)


class MessageEvent(AppendOnlyModel):
    """One act on a message, dated with its legal date ``on``; never changed."""

    append_only_noun = "留言办理记录"

    message = models.ForeignKey(Message, verbose_name="留言", on_delete=models.PROTECT, related_name="events")
    action = models.CharField("动作", max_length=20, choices=Action.choices)
    on = models.DateField("日期")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField("操作人名称", max_length=150, blank=True)
    data = models.JSONField("数据", default=dict, blank=True)
    created_at = models.DateTimeField("记录时间", default=timezone.now)

    class Meta:
        verbose_name = "留言办理记录"
        verbose_name_plural = "留言办理记录"
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.on} {self.action}"


class ReplyLimits(models.Model):
    """An agency's reply limits in working days (domain/interaction.md: no national limit).

    Agencies without their own use the nearest ancestor's, then the defaults of the spec.
    """

    # The successor keeps its own limits; the abolished agency's stay with it.
    AGENCY_MERGE = "keep"

    agency = models.OneToOneField(
        "agencies.Agency", verbose_name="机构", on_delete=models.CASCADE, related_name="reply_limits"
    )
    consultation = models.PositiveSmallIntegerField("咨询", default=5)
    help = models.PositiveSmallIntegerField("求助", default=5)
    suggestion = models.PositiveSmallIntegerField("建议", default=10)
    complaint = models.PositiveSmallIntegerField("投诉", default=10)
    error_report = models.PositiveSmallIntegerField("纠错", default=3)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "留言答复时限"
        verbose_name_plural = "留言答复时限"

    def __str__(self):
        return f"{self.agency} 答复时限"


class Faq(models.Model):
    """A question/answer pair of an agency's 常见问题, often made from a published reply."""

    AGENCY_MERGE = "move"

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机构", on_delete=models.PROTECT, related_name="faqs"
    )
    topic = models.CharField("主题", max_length=40, blank=True)
    question = models.CharField("问题", max_length=200)
    answer = models.TextField("解答")
    source = models.ForeignKey(
        Message,
        verbose_name="来源留言",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="faqs",
    )
    public = models.BooleanField("公开", default=True)
    sort_order = models.IntegerField("排序", default=0)
    created_on = models.DateField("创建日期")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "常见问题"
        verbose_name_plural = "常见问题"
        ordering = ["agency", "topic", "sort_order", "id"]
        indexes = [models.Index(fields=["public", "agency", "topic"], name="faq_public_agency_topic")]

    def __str__(self):
        return self.question
