"""Small factories for messages in a given state, dated on the 2026 calendar."""

from __future__ import annotations

import datetime as dt

from gongkai.core.system import SYSTEM
from gongkai.interaction import services

WRITER = {"name": "林留言", "phone": "13912340001", "email": "writer@example.org"}


def message(agency, *, kind="consultation", on=dt.date(2026, 3, 9), consent=True, **fields):
    """A message received online on ``on`` (a Monday by default)."""
    values = {"title": "关于社保卡办理地点的咨询", "body": "请问社保卡在哪里办理？", **WRITER, **fields}
    return services.submit_online(agency=agency, kind=kind, publish_consent=consent, today=on, **values)


def replied(agency, *, on=dt.date(2026, 3, 9), replied_on=dt.date(2026, 3, 11), **fields):
    item = message(agency, on=on, **fields)
    return services.reply(item, actor=SYSTEM, on=replied_on, text="请到市民中心一楼办理。", today=replied_on)
