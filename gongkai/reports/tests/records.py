"""Hand-built records for report tests, written with the cached columns the report reads."""

from __future__ import annotations

import datetime as dt
import itertools

from django.apps import apps

_numbers = itertools.count(1)


def application(
    agency,
    applicant_type: str,
    received_on: dt.date | None,
    concluded_on: dt.date | None = None,
    outcome: str = "",
    *,
    event_on: dt.date | None = None,
) -> int:
    """An application with its cached columns; ``event_on`` also records a registration event."""
    Application = apps.get_model("applications", "Application")
    number = next(_numbers)
    record = Application.objects.create(
        agency=agency,
        tracking_code=f"T{number:09d}",
        channel="in_person" if received_on else "online",
        applicant_type=applicant_type,
        name="张三",
        phone="13800000000",
        description="申请公开的信息",
        state="concluded" if concluded_on else ("received" if received_on else "submitted"),
        received_on=received_on,
        concluded_on=concluded_on,
        outcome=outcome,
    )
    if event_on is not None:
        apps.get_model("applications", "ApplicationEvent").objects.create(
            application=record, action="register", on=event_on
        )
    return record.pk


def review(agency, application_id, kind, filed_on, decided_on=None, result=""):
    Review = apps.get_model("applications", "Review")
    return Review.objects.create(
        agency=agency,
        application_id=application_id,
        kind=kind,
        filed_on=filed_on,
        decided_on=decided_on,
        result=result,
    ).pk


def item(agency, genre, *, published_on, abolished_on=None, state="published"):
    Item = apps.get_model("catalog", "Item")
    number = next(_numbers)
    return Item.objects.create(
        agency=agency,
        title=f"文件{number}",
        genre=genre,
        formed_on=published_on or dt.date(2026, 1, 1),
        state=state,
        published_on=published_on,
        abolished_on=abolished_on,
        validity="abolished" if abolished_on else "valid",
        index_no=f"IDX-{number}" if state == "published" else None,
    ).pk
