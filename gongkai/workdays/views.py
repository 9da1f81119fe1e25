"""Workbench pages of the calendar (disclosure office)."""

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from gongkai.agencies import permissions
from gongkai.core.errors import DomainError
from gongkai.core.parsing import parse_int
from gongkai.workbench.context import staff_view
from gongkai.workdays import selectors, services
from gongkai.workdays.forms import YearScheduleForm, schedule_text

MONTH_NAMES = [f"{month}月" for month in range(1, 13)]


@staff_view
def index(request):
    today = timezone.localdate()
    entries = list(selectors.years())
    confirmed = {(entry.region, entry.year) for entry in entries}
    return render(
        request,
        "workdays/index.html",
        {
            "entries": entries,
            "next_year": today.year + 1,
            "next_year_confirmed": ("", today.year + 1) in confirmed,
            "can_edit": permissions.access_for(request.user).is_office,
        },
    )


# An unconfirmed year this close to today is one staff are sent to (the calendar's clock and
# indicator link to next year's page): it says what is missing instead of a bare 404.
UNCONFIRMED_YEARS_AHEAD = 2


@staff_view
def year_detail(request, year: int, region: str = ""):
    entry = selectors.years(region).filter(year=year).first()
    if entry is None:
        if not 0 <= year - timezone.localdate().year <= UNCONFIRMED_YEARS_AHEAD:
            raise Http404("该年度尚未确认")
        return render(
            request,
            "workdays/unconfirmed.html",
            {"year": year, "region": region, "can_edit": permissions.access_for(request.user).is_office},
        )
    calendar = selectors.workdays(region)
    months = [(MONTH_NAMES[month - 1], _weeks(calendar.month(year, month))) for month in range(1, 13)]
    return render(
        request,
        "workdays/year.html",
        {
            "entry": entry,
            "months": months,
            "days": selectors.days_of_year(year, region),
            "can_edit": permissions.access_for(request.user).is_office,
        },
    )


def _weeks(days):
    """Rows of 7 cells (Monday first) with None for padding."""
    cells = [None] * days[0].date.weekday() + list(days)
    cells += [None] * (-len(cells) % 7)
    return [cells[index : index + 7] for index in range(0, len(cells), 7)]


@staff_view
def edit_year(request):
    if not permissions.access_for(request.user).is_office:
        messages.error(request, "仅政务公开办可录入节假日安排")
        return redirect("workdays_staff:index")
    initial = {
        "year": request.GET.get("year") or timezone.localdate().year + 1,
        "region": request.GET.get("region", ""),
    }
    if request.method == "GET" and parse_int(initial["year"]) is not None:
        existing = selectors.years(initial["region"]).filter(year=parse_int(initial["year"])).first()
        if existing:
            initial["source"] = existing.source
            initial["schedule"] = schedule_text(selectors.days_of_year(existing.year, existing.region))
    form = YearScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.confirm_year(
                actor=request.user,
                year=data["year"],
                region=data["region"] or "",
                source=data["source"],
                holidays=data["holidays"],
                makeup_days=data["makeup_days"],
                on=timezone.localdate(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"已确认{entry.region or '全国'}{entry.year}年节假日安排")
            if entry.region:
                return redirect("workdays_staff:region_year", region=entry.region, year=entry.year)
            return redirect("workdays_staff:year", year=entry.year)
    return render(request, "workdays/edit.html", {"form": form})


def calendar_todo(*, user, agency, today: dt.date):
    """Remind the disclosure office, from 1 October, that next year's schedule is not confirmed."""
    from gongkai.workbench.registry import TodoItem

    if today.month < 10 or not permissions.access_for(user).is_office:
        return []
    if selectors.years("").filter(year=today.year + 1).exists():
        return []
    deadline = dt.date(today.year, 12, 31)
    return [
        TodoItem(
            "工作日历",
            f"{today.year + 1}年节假日安排尚未确认：跨年的期限将无法计算",
            f"/workbench/workdays/edit/?year={today.year + 1}",
            deadline,
            None,
            "国务院办公厅通知发布后请及时录入",
        )
    ]
