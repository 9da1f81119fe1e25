"""How a refusal names a year whose holiday schedule is not confirmed, and who can confirm it —
shared by the apps whose deadlines stop at such a year."""

from __future__ import annotations


def unconfirmed_year_label(year: int | None, region: str = "") -> str:
    where = f"地区“{region}”" if region else ""
    return f"{where}{year}年" if year else "尚未确认的年度"


def who_confirms(year: str, then: str = "办理") -> str:
    """Who can make the date computable, and where (the calendar is the disclosure office's)."""
    return f"请政务公开办在“工作日历”中录入并确认{year}的节假日安排后再{then}。"
