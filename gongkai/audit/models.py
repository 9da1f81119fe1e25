"""The append-only audit trail.

Every state change in gongkai writes one ``AuditEvent`` in the same transaction as the change
(see ``gongkai.audit.services.service``). Rows are never updated or deleted: the model refuses
it, the queryset refuses it (both from ``gongkai.core.append_only``), the admin offers no path to it, and on PostgreSQL a trigger refuses
it at the database (SQLite refuses UPDATE; DELETE stays possible there only so that test
databases can be flushed).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet

__all__ = ["AppendOnlyError", "AuditEvent", "AuditEventQuerySet"]


class AuditEventQuerySet(AppendOnlyQuerySet):
    def for_agencies(self, agency_ids):
        if agency_ids is None:
            return self
        return self.filter(agency_id__in=agency_ids)


class AuditEvent(AppendOnlyModel):
    append_only_noun = "审计日志"
    # History is never rewritten: events of an abolished agency stay with it.
    AGENCY_MERGE = "keep"

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Snapshot of who acted, kept even if the user is later renamed; "system" for commands.
    actor_label = models.CharField("操作人名称", max_length=150, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField("动作", max_length=80, db_index=True)
    object_type = models.CharField("对象类型", max_length=80, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    summary = models.TextField("摘要", blank=True)
    data = models.JSONField("数据", default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["agency", "-at"], name="audit_agency_at"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"
