import datetime as dt
from decimal import Decimal

from gongkai.core.jsonable import jsonable


def test_values_become_json_values_at_every_depth():
    value = {
        "on": dt.date(2026, 11, 30),
        "at": dt.datetime(2026, 11, 30, 10, 0),
        "amount": Decimal("12.50"),
        "list": [dt.date(2026, 1, 5), (1, None, True)],
        3: {"nested": Decimal("1")},
    }
    assert jsonable(value) == {
        "on": "2026-11-30",
        "at": "2026-11-30T10:00:00",
        "amount": "12.50",
        "list": ["2026-01-05", [1, None, True]],
        "3": {"nested": "1"},
    }
