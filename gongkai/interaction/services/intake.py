"""How a message comes in: written on the portal, or registered by staff from another channel."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.audit.services import record, service
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.core.identifiers import is_phone
from gongkai.interaction import selectors, stored_clock
from gongkai.interaction.models import Message
from gongkai.interaction.services.common import PUBLIC, append_event, today_or_local, tracking_code
from gongkai.interaction.vocabulary import Channel, Kind

HELPERS = ("clean_content",)
MAX_TITLE = 100
MAX_BODY = 2000


def clean_content(*, kind: str, title: str, body: str, name: str, phone: str, email: str) -> dict:
    """The form's rules (domain/interaction.md): every problem at once in ``details.errors``."""
    values = {
        "kind": (kind or "").strip(),
        "title": (title or "").strip(),
        "body": (body or "").strip(),
        "name": (name or "").strip(),
        "phone": (phone or "").strip(),
        "email": (email or "").strip(),
    }
    problems = []

    def problem(field: str, message: str) -> None:
        problems.append({"field": field, "message": message})

    if values["kind"] not in Kind.__members__.values():
        problem("kind", "请选择留言类型（咨询、求助、建议、投诉、纠错）")
    for field, label, limit in (("title", "标题", MAX_TITLE), ("body", "留言内容", MAX_BODY)):
        if not values[field]:
            problem(field, f"请填写{label}")
        elif len(values[field]) > limit:
            problem(field, f"{label}不能超过{limit}字")
    if not values["name"]:
        problem("name", "请填写姓名")
    if not values["phone"]:
        problem("phone", "请填写联系电话")
    elif not is_phone(values["phone"]):
        problem("phone", "联系电话格式不正确（手机号码或带区号的固定电话）")
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            problem("email", "电子邮箱格式不正确")
    if problems:
        raise InvalidInput("validation_error", problems[0]["message"], {"errors": problems, **problems[0]})
    return values


def _create(*, actor, agency: Agency, channel: str, content: dict, consent: bool, action: str, on: dt.date):
    if not agency.active:
        agency = agency.successor()
    limit = selectors.limits_for(agency)[content["kind"]]
    message = Message.objects.create(
        agency=agency,
        tracking_code=tracking_code(),
        channel=channel,
        publish_consent=bool(consent),
        received_on=on,
        **content,
    )
    data = {"agency": agency.code, "kind": content["kind"], "limit": limit, "channel": channel}
    append_event(message, actor=actor, action=action, on=on, data=data)
    stored_clock.refresh(message)
    record(
        actor=actor,
        action=f"message.{action}",
        obj=message,
        agency=agency,
        summary=f"收到{Kind.label_of(content['kind'])}留言（{message.tracking_code}，{Channel.label_of(channel)}）",
        data={"kind": content["kind"], "channel": channel, "received_on": on, "limit": limit},
    )
    return message


@service
def submit_online(
    *,
    agency: Agency,
    kind: str,
    title: str,
    body: str,
    name: str,
    phone: str,
    email: str = "",
    publish_consent: bool = False,
    today: dt.date | None = None,
) -> Message:
    """网上留言: received on the day it is submitted (deployment time zone); the clock starts then."""
    content = clean_content(kind=kind, title=title, body=body, name=name, phone=phone, email=email)
    on = today_or_local(today)
    return _create(
        actor=PUBLIC,
        agency=agency,
        channel=Channel.ONLINE,
        content=content,
        consent=publish_consent,
        action="submit",
        on=on,
    )


@service
def register(
    *,
    actor,
    agency: Agency,
    channel: str,
    kind: str,
    title: str,
    body: str,
    name: str,
    phone: str,
    email: str = "",
    publish_consent: bool = False,
    received_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Message:
    """Staff register a message that came by letter, phone, visit or a 12345 transfer, with its
    receipt date (not in the future; today when not given)."""
    permissions.require(actor, "edit", agency)
    if channel not in Channel.__members__.values():
        raise InvalidInput("validation_error", "留言渠道不正确", {"field": "channel"})
    today = today_or_local(today)
    on = received_on or today
    if on > today:
        raise RuleViolation("date_in_future", "收到日期不能晚于今天", {"field": "received_on"})
    content = clean_content(kind=kind, title=title, body=body, name=name, phone=phone, email=email)
    return _create(
        actor=actor,
        agency=agency,
        channel=channel,
        content=content,
        consent=publish_consent,
        action="register",
        on=on,
    )
