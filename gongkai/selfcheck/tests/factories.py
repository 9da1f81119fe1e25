"""Records built straight into the tables the indicators read (cache columns set as the services
would leave them), so each test states exactly the situation it checks."""

from __future__ import annotations

import datetime as dt
import itertools

from gongkai.applications.models import Application
from gongkai.catalog.models import Column, Item
from gongkai.interaction.models import Message
from gongkai.selfcheck.models import RectificationTask

_numbers = itertools.count(1)


def item(agency, *, published_on=None, column: str | None = None, **fields) -> Item:
    defaults = {
        "title": f"信息{next(_numbers)}",
        "genre": "notice",
        "formed_on": published_on or dt.date(2026, 11, 2),
    }
    if published_on is not None:
        defaults.update(state="published", published_on=published_on, index_no=f"T-{next(_numbers)}")
    created = Item.objects.create(agency=agency, **{**defaults, **fields})
    if column:
        created.columns.add(Column.objects.get(agency=agency, code=column))
    return created


def application(agency, **fields) -> Application:
    number = next(_numbers)
    defaults = {
        "tracking_code": f"A{number:08d}",
        "channel": "online",
        "applicant_type": "natural_person",
        "name": "张三",
        "phone": "13800000000",
        "description": f"申请公开第{number}项信息",
        "state": "received",
        "received_on": dt.date(2026, 11, 2),
    }
    return Application.objects.create(agency=agency, **{**defaults, **fields})


def message(agency, **fields) -> Message:
    number = next(_numbers)
    defaults = {
        "tracking_code": f"M{number:08d}",
        "kind": "consultation",
        "title": f"咨询{number}",
        "body": "请问……",
        "name": "李四",
        "phone": "13900000000",
        "received_on": dt.date(2026, 11, 2),
        "state": "received",
    }
    return Message.objects.create(agency=agency, **{**defaults, **fields})


def tasks(agency, count: int, **fields) -> list[RectificationTask]:
    """``count`` rectification tasks at ``agency``, numbered in their problem text."""
    defaults = {"indicator": "columns_blank", "opened_on": dt.date(2026, 11, 2)}
    return RectificationTask.objects.bulk_create(
        RectificationTask(
            agency=agency, problem=f"{agency.code} 问题{next(_numbers)}", **{**defaults, **fields}
        )
        for _ in range(count)
    )
