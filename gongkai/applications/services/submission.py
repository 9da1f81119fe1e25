"""How an application comes in: submitted online (Art. 29) or registered by staff (Art. 31)."""

from __future__ import annotations

import datetime as dt

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.applications import stored_clock
from gongkai.applications.choices import IMMEDIATE_CHANNELS, Action, Channel, Delivery, Format
from gongkai.applications.intake import Applicant, clean_applicant
from gongkai.applications.models import Application
from gongkai.applications.services.common import PUBLIC, append_event, today_or_local, tracking_code
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput, RuleViolation


def _create(*, actor, agency: Agency, channel: str, applicant: Applicant, fields: dict, action, on, data):
    if not agency.active:
        agency = agency.successor()
    application = Application.objects.create(
        agency=agency, tracking_code=tracking_code(), channel=channel, **applicant.model_fields(), **fields
    )
    append_event(application, actor=actor, action=action, on=on, data=data)
    stored_clock.refresh(application)
    return application


def _content(description: str, purpose: str, format: str, delivery: str) -> dict:
    description = (description or "").strip()
    if not description:
        raise InvalidInput("validation_error", "请描述所需政府信息", {"field": "description"})
    if format and format not in Format.values:
        raise InvalidInput("validation_error", "获取信息方式应为 paper 或 electronic", {"field": "format"})
    if delivery and delivery not in Delivery.values:
        raise InvalidInput("validation_error", "获取途径不正确", {"field": "delivery"})
    return {
        "description": description,
        "purpose": purpose or "",
        "format": format or "",
        "delivery": delivery or "",
    }


def _received_on(channel: str, received_on: dt.date | None, today: dt.date) -> dt.date:
    """The date of the registration event; required for the channels received on hand-in (Art. 31)."""
    if channel not in Channel.values:
        raise InvalidInput("validation_error", "申请渠道不正确", {"field": "channel"})
    if channel in IMMEDIATE_CHANNELS and received_on is None:
        raise InvalidInput(
            "validation_error", "当面提交或邮寄（需签收）的申请须填写收到日期", {"field": "received_on"}
        )
    on = received_on or today
    if on > today:
        raise RuleViolation("date_in_future", "收到日期不能晚于今天", {"field": "received_on"})
    return on


@service
def submit_online(
    *,
    agency: Agency,
    applicant: Applicant,
    description: str,
    purpose: str = "",
    format: str = "",
    delivery: str = "",
    today: dt.date | None = None,
    identity_required: bool = True,
) -> Application:
    """网上申请 (Art. 29): recorded as submitted; the clock starts only at ``confirm_receipt`` (Art. 31)."""
    today = today_or_local(today)
    applicant = clean_applicant(applicant, today=today, identity_required=identity_required)
    fields = _content(description, purpose, format, delivery)
    application = _create(
        actor=PUBLIC,
        agency=agency,
        channel=Channel.ONLINE,
        applicant=applicant,
        fields=fields,
        action=Action.SUBMIT,
        on=today,
        data={"channel": Channel.ONLINE},
    )
    record(
        actor=PUBLIC,
        action="application.submit",
        obj=application,
        agency=application.agency,
        summary=f"网上提交政府信息公开申请（{application.tracking_code}）",
        data={"channel": Channel.ONLINE},
    )
    return application


@service
def register(
    *,
    actor,
    agency: Agency,
    channel: str,
    applicant: Applicant,
    description: str,
    received_on: dt.date | None = None,
    purpose: str = "",
    format: str = "",
    delivery: str = "",
    today: dt.date | None = None,
    identity_required: bool = True,
) -> Application:
    """Staff register an application (Art. 31). In person and registered post are received on the
    day handed in / signed for (``received_on``, required); an ordinary letter, a fax or an online
    application is received when ``confirm_receipt`` records the date confirmed with the applicant
    — a ``received_on`` given for those is recorded as the day it arrived, and no legal date of the
    application may precede it (without one the arrival day is unknown and not bounded)."""
    permissions.require(actor, "edit", agency)
    today = today_or_local(today)
    on = _received_on(channel, received_on, today)
    applicant = clean_applicant(applicant, today=today, identity_required=identity_required)
    fields = _content(description, purpose, format, delivery)
    data = {"channel": channel, "received": channel in IMMEDIATE_CHANNELS}
    if received_on is not None:
        data["arrived"] = True
    application = _create(
        actor=actor,
        agency=agency,
        channel=channel,
        applicant=applicant,
        fields=fields,
        action=Action.REGISTER,
        on=on,
        data=data,
    )
    record(
        actor=actor,
        action="application.register",
        obj=application,
        agency=application.agency,
        summary=f"登记政府信息公开申请（{application.tracking_code}，{Channel(channel).label}）",
        data={"channel": channel, "received_on": application.received_on},
    )
    return application
