"""The agency's 政府信息公开指南 (Art. 12): its settings, and its publication in column ``guide``.

``update_guide_settings`` stores what the guide states beyond the agency's contacts and publishes
a new version when the text changes; ``publish_guide`` publishes the generated text as a
catalogue item (genre and column ``guide``) and marks the previous version 已修改, linked to the
new one. The catalogue acts are done by the system (the text is generated, not drafted by a person);
the settings change is the staff member's act.
"""

from __future__ import annotations

import datetime as dt
import re

from gongkai.agencies import permissions
from gongkai.applications import disclosure_guide
from gongkai.applications.models import GuideSettings
from gongkai.applications.services.common import today_or_local
from gongkai.audit.services import record, service
from gongkai.catalog import prescreen
from gongkai.catalog import services as catalog
from gongkai.catalog.vocabulary import ItemState, Validity
from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.core.system import SYSTEM
from gongkai.screening.screen import KIND_LABELS

TEXT_FIELDS = {"fax": 50, "postal_address": 200, "postal_code": 10, "review_body": 100}
FLAGS = ("accepts_online", "accepts_in_person", "accepts_post", "accepts_fax")
# Publication over a screening finding (an office mobile number) needs a reason: the guide states
# the agency's own contacts, which Art. 12 requires to be public. Only ``mobile`` findings are let
# through so; any other blocking finding refuses the publication.
PUBLISH_REASON = "本指南由机关设置自动生成，所列联系方式为本机关办公联系方式，依《条例》第十二条应当公开。"


def _clean(fields: dict) -> dict:
    unknown = set(fields) - set(TEXT_FIELDS) - set(FLAGS)
    if unknown:
        raise InvalidInput("validation_error", f"未知字段：{'、'.join(sorted(unknown))}")
    cleaned = {}
    for name, value in fields.items():
        if name in FLAGS:
            cleaned[name] = bool(value)
            continue
        value = (value or "").strip()
        if len(value) > TEXT_FIELDS[name]:
            raise InvalidInput("validation_error", f"内容过长（最多{TEXT_FIELDS[name]}字）", {"field": name})
        cleaned[name] = value
    if cleaned.get("postal_code") and not re.fullmatch(r"\d{6}", cleaned["postal_code"]):
        raise InvalidInput("validation_error", "邮政编码应为6位数字", {"field": "postal_code"})
    if cleaned.get("fax") and not re.fullmatch(r"[\d\-－ ()（）+]{5,50}", cleaned["fax"]):
        raise InvalidInput("validation_error", "传真号码格式不正确", {"field": "fax"})
    return cleaned


@service
def update_guide_settings(agency, *, actor, today: dt.date | None = None, **fields) -> GuideSettings:
    """Change what the agency's guide states; a changed text is published as a new version."""
    permissions.require(actor, "manage", agency)
    cleaned = _clean(fields)
    settings = GuideSettings.objects.select_for_update().filter(agency=agency).first() or GuideSettings(
        agency=agency
    )
    for name, value in cleaned.items():
        setattr(settings, name, value)
    if settings.accepts_fax and not settings.fax:
        raise InvalidInput("validation_error", "接受传真申请的，请填写传真号码", {"field": "fax"})
    settings.save()
    record(
        actor=actor,
        action="application.guide_settings.update",
        obj=settings,
        agency=agency,
        summary=f"修改{agency.name}政府信息公开指南设置",
        data={"fields": sorted(cleaned)},
    )
    if settings.item_id is None or disclosure_guide.outdated(agency):
        publish_guide(agency, actor=actor, today=today)
    settings.refresh_from_db()
    return settings


def _refuse_findings_beyond_contacts(item) -> None:
    """The automatic override covers the office's own mobile number only (Art. 12 contacts): any
    other blocking finding (an ID or bank-card number, a secret marker typed into the address or the
    review body) stops the publication, and the settings change with it (one transaction)."""
    others = [finding for finding in prescreen.blocking(prescreen.screen(item)) if finding["kind"] != "mobile"]
    if others:
        shown = "、".join(  # a setting stated twice in the guide is named once
            dict.fromkeys(f"{KIND_LABELS.get(finding['kind'], finding['kind'])}“{finding['masked']}”" for finding in others)
        )
        raise RuleViolation(
            "screening_findings",
            f"指南内容中发现可能涉及个人信息或涉密标志的内容：{shown}，请修改通信地址或行政复议机关等设置后再保存",
            {"findings": prescreen.public_view(others)},
        )


@service
def publish_guide(agency, *, actor, today: dt.date | None = None):
    """Publish the guide generated from the agency's settings (a new version if one exists)."""
    permissions.require(actor, "manage", agency)
    today = today_or_local(today)
    settings = GuideSettings.objects.select_for_update().filter(agency=agency).first() or GuideSettings(
        agency=agency
    )
    body = disclosure_guide.html(agency, settings)
    previous = settings.item
    item = catalog.create_item(
        actor=SYSTEM,
        agency=agency,
        title=disclosure_guide.title_of(agency),
        genre="guide",
        formed_on=today,
        body=body,
        columns=["guide"],
    )
    _refuse_findings_beyond_contacts(item)
    item = catalog.publish_item(item, actor=SYSTEM, on=today, override_reason=PUBLISH_REASON, today=today)
    if (
        previous is not None
        and previous.state == ItemState.PUBLISHED
        and previous.validity != Validity.ABOLISHED
        and previous.formed_on <= today
    ):
        catalog.amend_item(previous, actor=SYSTEM, on=today, successor=item)
    settings.item, settings.fingerprint = item, disclosure_guide.fingerprint(body)
    settings.version += 1
    settings.save()
    record(
        actor=actor,
        action="application.guide.publish",
        obj=item,
        agency=agency,
        summary=f"发布{disclosure_guide.title_of(agency)}（第{settings.version}版，索引号{item.index_no}）",
        data={
            "item": item.pk,
            "index_no": item.index_no,
            "version": settings.version,
            "previous": getattr(previous, "pk", None),
        },
    )
    return item
