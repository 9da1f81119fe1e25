"""The annual report (政府信息公开工作年度报告, Arts. 49–50): inputs per agency and year, and the
published revisions whose figures are frozen.

Tables 2–4 are computed from the records (``selectors``) until the report is published; publishing
stores the complete figures, checks and narrative as revision 1, and they are never recomputed. A
correction after publication is a new, visible revision with its reason; earlier revisions stay.
"""

from django.conf import settings
from django.db import models


def empty_narrative() -> dict:
    return {"overview": "", "problems": "", "other": ""}


class AnnualReport(models.Model):
    """What staff enter for one agency's report of one year (figures that no record holds)."""

    # A report belongs to the agency that made it; after a merger the successor writes its own.
    AGENCY_MERGE = "keep"

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="报告机构", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    licensing_decisions = models.PositiveIntegerField("行政许可本年处理决定数量", null=True, blank=True)
    penalty_decisions = models.PositiveIntegerField("行政处罚本年处理决定数量", null=True, blank=True)
    coercion_decisions = models.PositiveIntegerField("行政强制本年处理决定数量", null=True, blank=True)
    fee_income_wan_yuan = models.DecimalField(
        "行政事业性收费本年收费金额（万元）", max_digits=14, decimal_places=4, null=True, blank=True
    )
    # {"overview": 总体情况, "problems": 存在的主要问题及改进情况, "other": 其他需要报告的事项}
    narrative = models.JSONField("报告正文", default=empty_narrative, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ["-year", "agency__path"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_report_per_agency_year")]

    def __str__(self):
        return f"{self.agency} {self.year}年度报告"

    @property
    def latest_revision(self):
        return self.revisions.order_by("-number").first()

    def inputs(self) -> dict:
        return {
            "licensing_decisions": self.licensing_decisions,
            "penalty_decisions": self.penalty_decisions,
            "coercion_decisions": self.coercion_decisions,
            "fee_income_wan_yuan": (
                str(self.fee_income_wan_yuan) if self.fee_income_wan_yuan is not None else None
            ),
            "narrative": {**empty_narrative(), **(self.narrative or {})},
        }


class ReportRevision(models.Model):
    """A published, frozen state of a report. Revision 1 is the publication; later ones corrections."""

    AGENCY_MERGE = "keep"

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveSmallIntegerField("修订号")
    # {"agency": <report JSON for the agency alone>, "tree": <report JSON for its subtree>}
    figures = models.JSONField("发布数据")
    passed = models.BooleanField("校验通过", default=True)
    reason = models.TextField("更正说明", blank=True)
    published_on = models.DateField("发布日期")
    published_at = models.DateTimeField("发布时间", auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The catalogue item (栏目“年度报告”) that carries this revision, when the catalogue is installed.
    catalog_item_id = models.BigIntegerField("目录信息", null=True, blank=True)

    class Meta:
        verbose_name = "年度报告发布版本"
        verbose_name_plural = "年度报告发布版本"
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="one_revision_number")]

    def __str__(self):
        return f"{self.report} 第{self.number}版"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("update_fields") == ["catalog_item_id"]:
            raise ValueError("已发布的年度报告版本不可修改，请发布更正版本")
        super().save(*args, **kwargs)
