"""E-mail the system sends (replies to message writers, letters, reminders) and its delivery state.

A row is written in the transaction of the act that causes it and delivered afterwards by a
background task (``tasks.deliver``), so no legal state ever depends on a mail having gone out;
failures stay visible to the agency's staff with the last error, and can be retried.
"""

from django.db import models
from django.utils import timezone


class MailStatus(models.TextChoices):
    PENDING = "pending", "待发送"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"


class OutgoingMail(models.Model):
    # Mail history stays with the agency it was sent for (it records what that agency sent).
    AGENCY_MERGE = "keep"

    recipient = models.EmailField("收件人")
    subject = models.CharField("主题", max_length=200)
    body = models.TextField("正文")
    status = models.CharField("状态", max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField("发送次数", default=0)
    last_error = models.TextField("最近一次错误", blank=True)
    # What the mail is about ("interaction.message:12"), and whose staff see it.
    related = models.CharField("关联记录", max_length=120, blank=True, db_index=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outgoing_mail",
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "外发邮件"
        verbose_name_plural = "外发邮件"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "agency"], name="mail_status_agency")]

    def __str__(self):
        return f"{self.recipient} {self.subject}"
