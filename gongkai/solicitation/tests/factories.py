"""Small factories for solicitation tests: dates are always given, never read from the clock."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from gongkai.solicitation import services

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> dt.datetime:
    """A moment in the deployment's time zone: at("2026-10-08 23:59:59")."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def on_day(text: str):
    """Freeze the clock at noon of a day in Asia/Shanghai."""
    return time_machine.travel(at(f"{text} 12:00:00"), tick=False)


def make_solicitation(agency, actor, **fields):
    values = {
        "kind": "major_decision",
        "title": "某市公共停车场管理办法（征求意见稿）",
        "draft": "<p>第一条 为了规范公共停车场管理，制定本办法。</p>",
        "explanation": "起草说明：本办法依据有关法律法规起草。",
        "how_to_comment": "可通过本页面提交意见，或发送电子邮件至 tingche@example.gov.cn。",
        "contacts": "市交通运输局政策法规科，电话 0731-88888888",
        "opens_on": dt.date(2026, 9, 1),
        "closes_on": dt.date(2026, 10, 8),
    }
    values.update(fields)
    return services.create_solicitation(actor=actor, agency=agency, **values)


def open_solicitation(agency, actor, publish_on="2026-09-01", **fields):
    solicitation = make_solicitation(agency, actor, **fields)
    with on_day(publish_on):
        services.publish_solicitation(solicitation, actor=actor)
    solicitation.refresh_from_db()
    return solicitation


def comment(solicitation, text="建议降低收费标准。", when="2026-09-10 10:00:00", **fields):
    return services.submit_comment(solicitation, text=text, at=at(when), **fields)
