"""The editable working-day calendar: confirmed years and their exceptional days.

The database is the source of truth at run time. Built-in years are seeded from the
``chinese-calendar`` package; the disclosure office enters later State Council notices and
regional days (e.g. a 民族自治地方's own holidays) through the workbench, the admin or the API.
"""

import uuid

from django.db import models


class DayType(models.TextChoices):
    HOLIDAY = "holiday", "节假日"
    MAKEUP_WORKDAY = "makeup_workday", "调休上班日"


class CalendarYear(models.Model):
    """A year whose schedule someone has confirmed, nationally (region "") or for a region."""

    year = models.PositiveSmallIntegerField("年度")
    region = models.CharField("地区代码", max_length=32, blank=True, default="", help_text="空为全国")
    source = models.CharField("依据", max_length=200, help_text="例如：国办发明电〔2025〕7号")
    confirmed_on = models.DateField("确认日期")
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["region", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["year", "region"], name="one_schedule_per_year_region")
        ]

    def __str__(self):
        return f"{self.region or '全国'} {self.year}"


class CalendarDay(models.Model):
    """A date that is not what its weekday says: a holiday, or a weekend made a working day."""

    date = models.DateField("日期")
    region = models.CharField("地区代码", max_length=32, blank=True, default="")
    kind = models.CharField("类型", max_length=16, choices=DayType.choices)
    name = models.CharField("名称", max_length=50, help_text="节日名称，或调休对应的节日")

    class Meta:
        verbose_name = "节假日或调休日"
        verbose_name_plural = "节假日和调休日"
        ordering = ["region", "date"]
        constraints = [models.UniqueConstraint(fields=["date", "region"], name="one_entry_per_date_region")]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}"


class CalendarRevision(models.Model):
    """Changes with every calendar edit, so every process rebuilds its cached index."""

    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "日历版本"

    def __str__(self):
        return str(self.token)
