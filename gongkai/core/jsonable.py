"""Values made fit for a JSON column: the data of audit events and of applications' and messages' events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models


def jsonable(value: Any) -> Any:
    """Dates, decimals and model instances become strings (a date its ISO form, a model its key),
    inside dicts and lists too, so the JSON column accepts them."""
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)
