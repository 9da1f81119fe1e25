"""The year-end warning: open applications whose clock runs into a year with no confirmed schedule.

Shown from 1 October (``year_end.warns``) on the workbench home of every staff member whose agency
has such applications, and on each of those applications' pages, with the count; the disclosure
office, which alone can confirm the year, gets the link to the calendar form.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.agencies import permissions
from gongkai.applications import selectors, year_end
from gongkai.workdays.wording import unconfirmed_year_label


def affected(user, agency, today: dt.date) -> dict[int, list[int]]:
    """Unconfirmed year → ids of the open applications running into it, for the years worth a
    warning today."""
    reached = selectors.reaching_unconfirmed_years(user, agency=agency, today=today)
    return {year: ids for year, ids in sorted(reached.items()) if year and year_end.warns(today, year)}


def text(year: int, count: int, *, this_one: bool = False) -> str:
    label = unconfirmed_year_label(year, "")
    lead = f"本申请的期限跨入{label}。" if this_one else ""
    return (
        f"{lead}本机关有 {count} 件办理中的申请，其期限跨入{label}，而{label}的节假日安排尚未确认："
        f"答复期限暂无法计算，须写明期限的补正、延期答复、收费通知书暂不能出具。"
        f"请政务公开办在“工作日历”中录入并确认{label}的节假日安排。"
    )


def home_warnings(*, user, agency, today: dt.date):
    """The workbench home's warnings (a ``registry`` warning provider)."""
    from gongkai.workbench.registry import StandingWarning

    office = permissions.access_for(user).is_office
    return [
        StandingWarning(
            text(year, len(ids)),
            reverse("workdays_staff:edit") + f"?year={year}" if office else reverse("workdays_staff:index"),
            f"录入{year}年节假日安排" if office else "查看工作日历",
        )
        for year, ids in affected(user, agency, today).items()
    ]


def application_warning(user, application, today: dt.date) -> str:
    """The warning on one application's page, or "" when its clock is not affected."""
    for year, ids in affected(user, application.agency, today).items():
        if application.pk in ids:
            return text(year, len(ids), this_one=True)
    return ""
