"""Service guides (办事指南): one record per service with the elements of domain/services.md §1 and
its materials as rows. Findings are computed from the record (``stored_checks``), never stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from gongkai.guides.vocabulary import MATERIAL_FORM_LABELS, MaterialForm


class Guide(models.Model):
    # The successor agency provides the service and keeps its guide.
    AGENCY_MERGE = "move"

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="实施机构", on_delete=models.PROTECT, related_name="service_guides"
    )
    code = models.CharField("事项编码", max_length=64, blank=True)
    name = models.CharField("事项名称", max_length=300)
    topic = models.CharField("服务主题", max_length=60, blank=True)
    implementing_body = models.CharField("实施主体", max_length=200, blank=True)
    basis = models.TextField("设定依据", blank=True)
    conditions = models.TextField("申请条件", blank=True)
    location = models.TextField("办理地点", blank=True)
    hours = models.TextField("办理时间", blank=True)
    phone = models.CharField("联系电话", max_length=200, blank=True)
    procedure = models.TextField("办理流程", blank=True)
    statutory_days = models.PositiveIntegerField("法定办结时限（工作日）", null=True, blank=True)
    promised_days = models.PositiveIntegerField("承诺办结时限（工作日）", null=True, blank=True)
    fee_basis = models.TextField("收费依据", blank=True)
    fee_amount = models.TextField("收费标准", blank=True)
    consultation = models.TextField("咨询方式", blank=True)
    complaint = models.TextField("监督投诉方式", blank=True)
    visits = models.PositiveIntegerField("到现场次数", null=True, blank=True)
    online_url = models.URLField("网上办理入口", max_length=500, blank=True)
    faq = models.TextField("常见问题", blank=True)
    public = models.BooleanField("在门户公开", default=True)
    updated_on = models.DateField("更新日期")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "办事指南"
        verbose_name_plural = "办事指南"
        ordering = ["agency_id", "topic", "name", "id"]
        indexes = [
            models.Index(fields=["agency", "public"], name="guide_agency_public"),
            models.Index(fields=["topic"], name="guide_topic"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("guides:detail", args=[self.pk])


class Material(models.Model):
    """One row of 办理材料: name, form (原件/复印件/电子, several joined by commas), copies, whether
    required, and the sample or blank form (a link or a note)."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="materials")
    position = models.PositiveIntegerField("序号")
    name = models.CharField("材料名称", max_length=300)
    form = models.CharField("材料形式", max_length=40, blank=True)
    copies = models.PositiveIntegerField("份数", null=True, blank=True)
    required = models.BooleanField("必要", default=True)
    sample = models.CharField("样表/空表", max_length=500, blank=True)

    class Meta:
        verbose_name = "办理材料"
        verbose_name_plural = "办理材料"
        ordering = ["guide_id", "position"]
        constraints = [models.UniqueConstraint(fields=["guide", "position"], name="guide_material_position")]

    def __str__(self):
        return self.name

    @property
    def form_label(self) -> str:
        return "、".join(MATERIAL_FORM_LABELS[MaterialForm(code)] for code in self.form.split(",") if code)


class PowerList(models.Model):
    """One revision of an agency's 权责清单: each import is a new revision with its date; the portal
    shows the newest."""

    # A merged agency's list stays its own history.
    AGENCY_MERGE = "keep"

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="power_lists")
    revision = models.PositiveIntegerField("版本")
    revised_on = models.DateField("调整日期")
    file_name = models.CharField("导入文件", max_length=200)
    note = models.CharField("调整说明", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "权责清单"
        verbose_name_plural = "权责清单"
        ordering = ["agency_id", "-revision"]
        constraints = [models.UniqueConstraint(fields=["agency", "revision"], name="power_list_revision")]

    def __str__(self):
        return f"{self.agency_id} 第{self.revision}版"


class PowerEntry(models.Model):
    power_list = models.ForeignKey(PowerList, on_delete=models.CASCADE, related_name="entries")
    line = models.PositiveIntegerField("表格行号")
    code = models.CharField("编码", max_length=64, blank=True)
    name = models.CharField("职权名称", max_length=300)
    power_type = models.CharField("职权类型", max_length=20, blank=True)
    basis = models.TextField("设定依据", blank=True)
    implementing_body = models.CharField("实施主体", max_length=300, blank=True)
    responsibilities = models.TextField("责任事项", blank=True)
    accountability = models.TextField("追责情形", blank=True)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "权责事项"
        verbose_name_plural = "权责事项"
        ordering = ["power_list_id", "line"]
        indexes = [models.Index(fields=["power_list", "power_type"], name="power_entry_type")]

    def __str__(self):
        return self.name

    @property
    def power_type_label(self) -> str:
        from gongkai.guides.vocabulary import POWER_TYPE_LABELS, PowerType

        return POWER_TYPE_LABELS[PowerType(self.power_type)] if self.power_type else "未填写"


class StandardEntry(models.Model):
    """One entry (二级事项) of an agency's 基层政务公开标准目录, as imported; links and confirmations
    are staff's (kept across re-imports by 一级事项 + 二级事项)."""

    # The successor agency takes over the catalogue's duties.
    AGENCY_MERGE = "move"

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="standard_entries")
    line = models.PositiveIntegerField("表格行号")
    number = models.CharField("序号", max_length=20, blank=True)
    first_level = models.CharField("一级事项", max_length=200)
    second_level = models.CharField("二级事项", max_length=200)
    content = models.TextField("公开内容（要素）", blank=True)
    basis = models.TextField("公开依据", blank=True)
    time_limit = models.TextField("公开时限", blank=True)  # the sheet's words, always kept
    time_rule = models.CharField("时限类型", max_length=32)
    time_days = models.PositiveIntegerField("工作日数", null=True, blank=True)
    time_period = models.CharField("周期", max_length=12, blank=True)
    subject = models.CharField("公开主体", max_length=300, blank=True)
    channels = models.JSONField("公开渠道和载体", default=list)  # [[name, required], ...]
    audiences = models.JSONField("公开对象", default=list)
    modes = models.JSONField("公开方式", default=list)
    levels = models.JSONField("公开层级", default=list)
    imported_on = models.DateField("导入日期")  # the first import that brought it; re-imports keep it
    columns = models.ManyToManyField("catalog.Column", through="EntryColumn", related_name="+", blank=True)

    class Meta:
        verbose_name = "标准目录事项"
        verbose_name_plural = "标准目录事项"
        ordering = ["agency_id", "line"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "first_level", "second_level"], name="standard_entry_key")
        ]

    def __str__(self):
        return f"{self.first_level} / {self.second_level}"

    @property
    def rule(self):
        from gongkai.guides.time_rules import Period, TimeRule, TimeRuleKind

        return TimeRule(
            TimeRuleKind(self.time_rule), self.time_limit, self.time_days, Period(self.time_period) if self.time_period else None
        )


class EntryColumn(models.Model):
    """A catalogue column staff confirmed as where an entry's information is published."""

    entry = models.ForeignKey(StandardEntry, on_delete=models.CASCADE, related_name="links")
    column = models.ForeignKey("catalog.Column", on_delete=models.CASCADE, related_name="+")
    confirmed_on = models.DateField("确认日期")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "column"], name="standard_entry_column")]

    def __str__(self):
        return f"{self.entry_id} → {self.column_id}"


class ChannelConfirmation(models.Model):
    """Staff confirm an offline channel (公示栏, 便民服务站 …) carries the entry, with the date."""

    entry = models.ForeignKey(StandardEntry, on_delete=models.CASCADE, related_name="confirmations")
    channel = models.CharField("渠道", max_length=60)
    confirmed_on = models.DateField("确认日期")
    note = models.CharField("说明", max_length=300, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-confirmed_on", "-id"]

    def __str__(self):
        return f"{self.channel} {self.confirmed_on}"
