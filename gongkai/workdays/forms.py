"""The workbench form for entering a year's schedule as the notice lists it."""

from __future__ import annotations

import datetime as dt
import re

from django import forms

from gongkai.workdays.services import HolidayRange, MakeupDay

LINE_HELP = (
    "每行一项。节假日：名称 开始日期 [结束日期]，如“春节 2027-02-06 2027-02-14”；"
    "调休上班日：“调休 日期 [说明]”，如“调休 2027-02-20 春节调休”。以 # 开头的行为注释。"
)
DATE = r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?"


def _date(match: tuple[str, str, str], line_no: int) -> dt.date:
    try:
        return dt.date(int(match[0]), int(match[1]), int(match[2]))
    except ValueError as error:
        raise forms.ValidationError(f"第{line_no}行：日期不存在") from error


def parse_schedule(text: str) -> tuple[list[HolidayRange], list[MakeupDay]]:
    holidays: list[HolidayRange] = []
    makeup: list[MakeupDay] = []
    errors = []
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        dates = re.findall(DATE, line)
        name = re.split(DATE, line)[0].strip(" ：:，,")
        rest = re.sub(DATE, " ", line).replace(name, "", 1).strip(" ：:，,至-—~")
        try:
            if not dates:
                raise forms.ValidationError(f"第{line_no}行：没有找到日期")
            if name in {"调休", "调休上班", "上班"}:
                makeup.append(MakeupDay(_date(dates[0], line_no), rest or "调休上班"))
            else:
                if not name:
                    raise forms.ValidationError(f"第{line_no}行：缺少节日名称")
                first = _date(dates[0], line_no)
                last = _date(dates[1], line_no) if len(dates) > 1 else first
                holidays.append(HolidayRange(name, first, last))
        except forms.ValidationError as error:
            errors.append(error)
    if errors:
        raise forms.ValidationError(errors)
    return holidays, makeup


class YearScheduleForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    region = forms.CharField(
        label="地区代码", required=False, max_length=32, help_text="全国安排留空；地方性节假日填写地区代码"
    )
    source = forms.CharField(label="依据", max_length=200, help_text="例如：国办发明电〔2026〕×号")
    schedule = forms.CharField(
        label="节假日与调休", widget=forms.Textarea(attrs={"rows": 12}), required=False, help_text=LINE_HELP
    )

    def clean_schedule(self):
        holidays, makeup = parse_schedule(self.cleaned_data["schedule"])
        self.cleaned_data["holidays"] = holidays
        self.cleaned_data["makeup_days"] = makeup
        return self.cleaned_data["schedule"]


def schedule_text(days) -> str:
    """The inverse of ``parse_schedule`` for pre-filling the form with a year's current days."""
    lines: list[str] = []
    run: list = []

    def flush():
        if run:
            first, last = run[0].date, run[-1].date
            lines.append(f"{run[0].name} {first:%Y-%m-%d}" + (f" {last:%Y-%m-%d}" if last != first else ""))
            run.clear()

    for day in days:
        if day.kind == "holiday":
            if run and (run[-1].name != day.name or (day.date - run[-1].date).days != 1):
                flush()
            run.append(day)
        else:
            flush()
            lines.append(f"调休 {day.date:%Y-%m-%d} {day.name}")
    flush()
    return "\n".join(lines)
