"""Working-day endpoints of API.md: what a date is, add N working days, count working days."""

import datetime as dt

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from gongkai.api.auth import staff_auth
from gongkai.workdays import selectors, services

router = Router(tags=["工作日 workdays"])


class DayOut(Schema):
    date: dt.date
    is_workday: bool
    kind: str = Field(..., description="weekday / weekend / holiday / makeup_workday")
    name: str | None = Field(None, description="节日名称（节假日）或调休说明（调休上班日）")
    region: str = ""


class AddQuery(Schema):
    start: dt.date
    days: int = Field(..., ge=1, le=3650, description="第N个工作日，N ≥ 1")
    region: str = ""


class AddOut(Schema):
    start: dt.date
    days: int
    date: dt.date
    region: str = ""


class CountQuery(Schema):
    start: dt.date
    end: dt.date
    region: str = ""


class CountOut(Schema):
    start: dt.date
    end: dt.date
    count: int = Field(..., description="(start, end] 内的工作日数；end 早于 start 时为负数")
    region: str = ""


class HolidayIn(Schema):
    name: str = Field(..., min_length=1, max_length=50)
    start: dt.date
    end: dt.date


class MakeupIn(Schema):
    date: dt.date
    name: str = Field("", max_length=50)


class YearIn(Schema):
    region: str = Field("", max_length=32)
    source: str = Field(..., min_length=1, max_length=200, description="依据，如 国办发明电〔2025〕7号")
    holidays: list[HolidayIn] = []
    makeup_days: list[MakeupIn] = []
    note: str = ""


class DayEntryOut(Schema):
    date: dt.date
    kind: str
    name: str


class YearOut(Schema):
    year: int
    region: str
    source: str
    confirmed_on: dt.date
    days: list[DayEntryOut]


def _day(info, region: str) -> dict:
    return {
        "date": info.date,
        "is_workday": info.is_workday,
        "kind": str(info.kind),
        "name": info.name or None,
        "region": region,
    }


def _year(entry) -> dict:
    return {
        "year": entry.year,
        "region": entry.region,
        "source": entry.source,
        "confirmed_on": entry.confirmed_on,
        "days": list(selectors.days_of_year(entry.year, entry.region)),
    }


# Fixed paths first: /workdays/add must not be taken for a date.
@router.get("/workdays/add", response=AddOut, summary="第N个工作日")
def add_days(request, query: Query[AddQuery]):
    result = selectors.add_workdays(query.start, query.days, region=query.region)
    return {"start": query.start, "days": query.days, "date": result, "region": query.region}


@router.get("/workdays/count", response=CountOut, summary="两日期之间的工作日数")
def count_days(request, query: Query[CountQuery]):
    count = selectors.count_workdays(query.start, query.end, region=query.region)
    return {"start": query.start, "end": query.end, "count": count, "region": query.region}


@router.get("/workdays/years", response=list[YearOut], summary="已确认的年度节假日安排")
def list_years(request, region: str | None = None):
    return [_year(entry) for entry in selectors.years(region)]


@router.put(
    "/workdays/years/{year}",
    response=YearOut,
    auth=staff_auth,
    summary="录入并确认年度节假日安排（政务公开办）",
)
def confirm_year(request, year: int, payload: YearIn):
    entry = services.confirm_year(
        actor=request.user,
        year=year,
        region=payload.region,
        source=payload.source,
        holidays=[services.HolidayRange(h.name, h.start, h.end) for h in payload.holidays],
        makeup_days=[services.MakeupDay(m.date, m.name) for m in payload.makeup_days],
        on=timezone.localdate(),
        note=payload.note,
    )
    return _year(entry)


@router.get("/workdays/{day}", response=DayOut, summary="某日是否为工作日")
def get_day(request, day: dt.date, region: str = ""):
    return _day(selectors.day_info(day, region=region), region)
