"""The append-only audit trail.

Every state change in gongkai writes one ``AuditEvent`` in the same transaction as the change
(see ``gongkai.audit.services.service``). Rows are never updated or deleted: the model refuses
it, the queryset refuses it (both from ``gongkai.core.append_only``), the admin offers no path to it, and on PostgreSQL a trigger refuses
it at the database (SQLite refuses UPDATE; DELETE stays possible there only so that test
databases can be flushed).

Each event is also a link of a hash chain (``gongkai.audit.chain``): ``sequence`` is its place in
the deployment's insertion order, ``previous_hash`` and ``hash`` tie it to its predecessor and to
its own content, and ``AuditChainHead`` remembers the newest link. ``manage.py verify_audit``
walks the chain.
"""

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from gongkai.audit import chain
from gongkai.audit.chain import GENESIS
from gongkai.core.append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet
from gongkai.core.bulk import bulk_insert

__all__ = ["AppendOnlyError", "AuditChainHead", "AuditEvent", "AuditEventQuerySet"]


class AuditEventQuerySet(AppendOnlyQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        raise AppendOnlyError("审计日志须逐条写入哈希链，不能批量插入")

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
    # The hash chain (set by ``gongkai.audit.services.record`` under the chain head's lock).
    sequence = models.PositiveBigIntegerField("链序号", unique=True, editable=False)
    previous_hash = models.CharField("前一哈希", max_length=64, editable=False)
    hash = models.CharField("哈希", max_length=64, editable=False)

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
        return f"{timezone.localtime(self.at):%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args, **kwargs):
        """Insert the event as the newest link of the chain, under the chain head's lock."""
        if self.pk is not None:
            return super().save(*args, **kwargs)  # refused by AppendOnlyModel
        with transaction.atomic(using=kwargs.get("using")):
            head = AuditChainHead.locked(using=kwargs.get("using"))
            self.sequence, self.previous_hash = head.sequence + 1, head.hash
            self.hash = chain.link_hash(self.previous_hash, self.chain_content())
            super().save(*args, **kwargs)
            head.sequence, head.hash = self.sequence, self.hash
            head.save(update_fields=["sequence", "hash"])

    @classmethod
    def append_many(cls, events: list["AuditEvent"], using=None) -> list["AuditEvent"]:
        """Insert ``events`` as the next links of the chain, in list order, under one lock of the
        head: the same links, hashes and lock as ``save`` one by one, in two statements instead of
        three per event (bulk imports; ``services.record_many``)."""
        if not events:
            return []
        with transaction.atomic(using=using):
            head = AuditChainHead.locked(using=using)
            sequence, previous = head.sequence, head.hash
            for event in events:
                if event.pk is not None:
                    raise AppendOnlyError("审计日志只能追加，不能修改")
                sequence += 1
                event.sequence, event.previous_hash = sequence, previous
                event.hash = previous = chain.link_hash(previous, event.chain_content())
            bulk_insert(events, using=using or "default")
            head.sequence, head.hash = sequence, previous
            head.save(update_fields=["sequence", "hash"])
        return events

    def chain_content(self) -> dict:
        """What the event's hash covers (``gongkai.audit.chain.CONTENT_FIELDS``)."""
        return {
            "sequence": self.sequence,
            "at": self.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "agency_id": self.agency_id,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "summary": self.summary,
            "data": self.data,
        }


class AuditChainHead(models.Model):
    """The newest link of the chain: one row, locked by every writer of an event.

    Locking it (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` already lets
    one writer in at a time) is what keeps two transactions from chaining to the same
    predecessor. It also lets the verifier notice that the newest events were removed.
    """

    ROW = 1

    sequence = models.PositiveBigIntegerField("最后链序号", default=0)
    hash = models.CharField("最后哈希", max_length=64, default=GENESIS)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"
        default_permissions = ()

    def __str__(self):
        return f"#{self.sequence} {self.hash[:12]}…"

    @classmethod
    def locked(cls, using=None) -> "AuditChainHead":
        """The head row, locked until the end of the transaction (created if missing: a new
        database, or one emptied wholesale by a test flush)."""
        rows = cls.objects.using(using).select_for_update()
        head = rows.filter(pk=cls.ROW).first()
        if head is None:
            head, _ = rows.get_or_create(pk=cls.ROW)
        return head
