"""The proactive catalogue (主动公开目录): columns, items with their metadata block, attachments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from gongkai.catalog.vocabulary import (
    PUBLIC_SCOPE,
    Audience,
    Disclosure,
    Genre,
    ItemState,
    PublicationMode,
    Topic,
    Validity,
)
from gongkai.core.attachments import PublishedFile

DEFAULT_INDEX_PATTERN = "{prefix}/{year}-{seq:05d}"


class Column(models.Model):
    """A column (栏目) of an agency's catalogue."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="catalog_columns")
    code = models.CharField("栏目代码", max_length=40)
    name = models.CharField("栏目名称", max_length=100)
    order = models.IntegerField("排序", default=0)

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["agency_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="catalog_column_code_per_agency")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def on_agency_merge(cls, old, new, field_name):
        """Columns of the abolished agency join the successor's column with the same code."""
        moved = 0
        for column in list(cls.objects.filter(agency=old)):
            target = cls.objects.filter(agency=new, code=column.code).first()
            if target is None:
                column.agency = new
                column.save(update_fields=["agency"])
            else:
                through = Item.columns.through
                item_ids = through.objects.filter(column=column).values_list("item_id", flat=True)
                target.items.add(*item_ids)
                through.objects.filter(column=column).delete()
                column.delete()
            moved += 1
        return moved


class CatalogSettings(models.Model):
    """Per-agency catalogue settings."""

    # The successor keeps its own numbering; the abolished agency's settings stay for the record.
    AGENCY_MERGE = "keep"

    agency = models.OneToOneField(
        "agencies.Agency", on_delete=models.PROTECT, related_name="catalog_settings"
    )
    index_pattern = models.CharField(
        "索引号格式",
        max_length=80,
        default=DEFAULT_INDEX_PATTERN,
        help_text="可用部分：{prefix} {year} {month} {topic} {genre} {seq:05d}",
    )
    four_eyes = models.BooleanField(
        "审核人须不同于起草人",
        default=False,
        help_text="开启后，起草信息的工作人员不能审核或发布同一条信息（双人复核）",
    )
    # The Art. 20 categories (numbers 1–15) that apply to the agency, as recorded by its admin or the
    # disclosure office; always holds (一)(二). None: not recorded yet — the self-check then checks
    # (一)(二) only and warns (indicator ``mandatory_column_empty``).
    art20_categories = models.JSONField("适用的《条例》第二十条信息类别", null=True, blank=True)

    class Meta:
        verbose_name = "目录设置"
        verbose_name_plural = "目录设置"

    def __str__(self):
        return f"{self.agency}: {self.index_pattern}"


class IndexCounter(models.Model):
    """The last sequence number given per agency and year: 索引号 are gap-free and never reused."""

    # Numbers already given stay unique under the old agency's prefix.
    AGENCY_MERGE = "keep"

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="catalog_counter_per_year")]

    def __str__(self):
        return f"{self.agency_id}/{self.year}: {self.last}"


# What the public catalogue shows: published, proactive, not internal (``ItemQuerySet.public``).
PUBLIC = models.Q(state=ItemState.PUBLISHED, disclosure=Disclosure.PROACTIVE, internal=False)


class ItemQuerySet(models.QuerySet):
    def public(self):
        """What the public catalogue shows: published, proactive, not internal."""
        return self.filter(state=ItemState.PUBLISHED, disclosure=Disclosure.PROACTIVE, internal=False)


class Item(models.Model):
    """One piece of government information in the catalogue, with its metadata block."""

    # No index of its own: the (agency, …) indexes below lead with it.
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="发布机构",
        on_delete=models.PROTECT,
        related_name="catalog_items",
        db_index=False,
    )
    title = models.CharField("信息名称", max_length=300)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    genre = models.CharField("体裁分类", max_length=24, choices=Genre.choices)
    topic = models.CharField("主题分类", max_length=32, choices=Topic.choices, blank=True)
    audience = models.JSONField("服务对象分类", default=list, blank=True)
    keywords = models.CharField("关键词", max_length=200, blank=True)
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True)  # sanitised HTML
    body_text = models.TextField("正文文本", blank=True, editable=False)
    formed_on = models.DateField("生成日期")
    changed_on = models.DateField("变更日期", null=True, blank=True)
    disclosure = models.CharField(
        "公开属性", max_length=16, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    not_disclosed_reason = models.TextField("不予公开理由", blank=True)
    internal = models.BooleanField("仅内部可见", default=False)
    columns = models.ManyToManyField(Column, verbose_name="栏目", blank=True, related_name="items")
    state = models.CharField("状态", max_length=12, choices=ItemState.choices, default=ItemState.DRAFT)
    index_no = models.CharField("索引号", max_length=120, unique=True, null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    due_on = models.DateField("应公开日期", null=True, blank=True)
    late = models.BooleanField("逾期公开", default=False)
    validity = models.CharField("有效性", max_length=12, choices=Validity.choices, default=Validity.VALID)
    abolished_on = models.DateField("废止日期", null=True, blank=True)
    amended_on = models.DateField("修改日期", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name="修改后文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    interprets = models.ForeignKey(
        "self",
        verbose_name="所解读文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
    )
    interpretation_lag = models.IntegerField("解读滞后工作日", null=True, blank=True)
    source = models.CharField("信息来源", max_length=100, blank=True)
    publication_modes = models.JSONField("公开方式", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="起草人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who ran the last 保密审查 of the current text, who signed it off (审核人) and who published it
    # (发布人). A change of the text sends the item back to draft and clears the first two.
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审查人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The self-check's screening of the published text (personal_data_published): whether the
    # title or body gives a blocking finding, and the version of the screening rules that said so
    # ("" until screened; a change of the text clears both, ``save`` below).
    screening_blocks = models.BooleanField("公开文本含阻断项", default=False, editable=False)
    screened_with = models.CharField("审查规则版本", max_length=16, blank=True, default="", editable=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        ordering = ["-published_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "genre", "published_on"], name="catalog_item_agency_genre"),
            models.Index(fields=["agency", "abolished_on"], name="catalog_item_agency_abolished"),
            models.Index(fields=["agency", "state"], name="catalog_item_agency_state"),
            # The public lists: newest first, public filter applied while walking the index.
            models.Index(fields=["-published_on", "-id"], name="catalog_item_newest"),
            # The annual report's table 2 and items by column (reports/aggregates.py): covering.
            models.Index(
                fields=["genre", "state", "published_on", "abolished_on", "agency"],
                name="item_report_genre",
            ),
            models.Index(fields=["published_on", "state", "agency", "id"], name="item_report_published"),
            # The self-check (catalog/selfcheck_indicators.py): an agency's public items newest first
            # (the columns' newest items), and partial indexes on the few rows its indicators count. Each
            # leads with the agency and the state the queries ask for, so that SQLite, which keeps no
            # statistics unless told, prefers them to catalog_item_agency_state by their columns.
            models.Index(fields=["agency", "published_on"], condition=PUBLIC, name="item_public_agency"),
            models.Index(
                fields=["agency", "state", "published_on"],
                condition=PUBLIC & models.Q(late=True),
                name="item_late",
            ),
            models.Index(
                fields=["agency", "state", "genre", "published_on"],
                condition=models.Q(interpretation_lag__gt=3),
                name="item_interpretation_lagging",
            ),
            # The policies owed a 解读 (interpretation_lag): counted without reading the rows.
            models.Index(
                fields=["agency", "state", "genre", "published_on"],
                condition=PUBLIC,
                name="item_public_genre",
            ),
            models.Index(
                fields=["agency", "state", "validity"],
                condition=models.Q(abolished_on__isnull=False) | models.Q(successor__isnull=False),
                name="item_superseded",
            ),
            models.Index(
                fields=["agency", "disclosure"],
                condition=~models.Q(state=ItemState.PUBLISHED),
                name="item_unpublished",
            ),
            models.Index(
                fields=["agency", "state", "disclosure", "published_on"],
                condition=models.Q(screening_blocks=True),
                name="item_screening_blocks",
            ),
            models.Index(
                fields=["agency", "state", "screened_with"],
                condition=models.Q(disclosure=Disclosure.PROACTIVE, internal=False),
                name="item_proactive_screened_with",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, update_fields=None, **kwargs):
        # A new text must be screened again by the self-check.
        if update_fields is None or {"title", "summary", "body_text"} & set(update_fields):
            self.screened_with, self.screening_blocks = "", False
            if update_fields is not None:
                update_fields = {*update_fields, "screened_with", "screening_blocks"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("catalog:item", args=[self.index_no]) if self.index_no else ""

    @classmethod
    def on_agency_merge(cls, old, new, field_name):
        """Items move with the agency's duties: the successor holds and publishes them, their
        索引号 stay as given, and receivers of ``item_changed`` (search) see the new agency."""
        from gongkai.catalog.signals import item_changed

        ids = list(cls.objects.filter(**{field_name: old}).values_list("pk", flat=True))
        cls.objects.filter(pk__in=ids).update(**{field_name: new})
        for item in cls.objects.filter(pk__in=ids).select_related("agency"):
            item_changed.send(sender=cls, item=item, action="agency_merged")
        return len(ids)

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [labels.get(value, value) for value in self.audience or []]

    @property
    def publication_mode_labels(self) -> list[str]:
        labels = dict(PublicationMode.choices)
        return [labels.get(value, value) for value in self.publication_modes or []]

    @property
    def publication_scope(self) -> str:
        """公开范围 of the metadata block: the public catalogue shows proactive items to everyone."""
        return PUBLIC_SCOPE

    @property
    def is_public(self) -> bool:
        return (
            self.state == ItemState.PUBLISHED
            and self.disclosure == Disclosure.PROACTIVE
            and not self.internal
        )


class Attachment(PublishedFile):
    """A file published with an item (DOCX, PDF, XLS, XLSX, PNG, JPG)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to="catalog/%Y/%m/")

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["id"]


class ScreeningOverride(models.Model):
    """A publication that went ahead despite blocking screening findings (Art. 17 保密审查):
    who decided it, why, and what was found (masked). The self-check counts these."""

    item = models.ForeignKey(Item, verbose_name="信息", on_delete=models.CASCADE, related_name="overrides")
    reason = models.TextField("放行理由")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="放行人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on = models.DateField("放行日期")
    findings = models.JSONField("审查发现（已遮蔽）", default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "审查放行记录"
        verbose_name_plural = "审查放行记录"
        ordering = ["-decided_on", "-id"]

    def __str__(self):
        return f"{self.item}: {self.reason[:20]}"
