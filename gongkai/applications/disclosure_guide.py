"""The 政府信息公开指南 of an agency (Art. 12), generated from its settings.

The text is built from the agency's contacts (``Agency``: address, office hours, phone, e-mail)
and its ``GuideSettings`` (fax, postal address, application channels, the review body), with the
fee standards (国办函〔2020〕109号) and the remedies of the letters. ``fingerprint`` tells whether
the published guide still says what the settings say; a change publishes a new version.
"""

from __future__ import annotations

import hashlib

from django.template.loader import render_to_string
from django.urls import reverse

from gongkai.applications.letters import texts
from gongkai.applications.models import GuideSettings

REMEDIES = (
    "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关"
    "或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼"
    "（《中华人民共和国政府信息公开条例》第五十一条）。"
)


def title_of(agency) -> str:
    return f"{agency.name}政府信息公开指南"


def settings_of(agency) -> GuideSettings:
    return GuideSettings.objects.filter(agency=agency).first() or GuideSettings(agency=agency)


def channels(agency, settings: GuideSettings) -> list[str]:
    found = []
    if settings.accepts_online:
        found.append(
            f"网上申请：通过本平台“依申请公开 — 在线提交申请”（{reverse('applications:apply')}）填写申请表提交。"
        )
    if settings.accepts_in_person:
        where = f"到{agency.address}" if agency.address else "到本机关政府信息公开工作机构"
        hours = f"（办公时间：{agency.office_hours}）" if agency.office_hours else ""
        found.append(f"当面申请：{where}当面提交书面申请{hours}。")
    if settings.accepts_post:
        address = settings.postal_address or agency.address
        code = f"，邮政编码{settings.postal_code}" if settings.postal_code else ""
        found.append(f"信函申请：寄至{address or '本机关'}{code}，请在信封左下角注明“政府信息公开申请”字样。")
    if settings.accepts_fax and settings.fax:
        found.append(f"传真申请：传真至{settings.fax}，并请在传真件上注明“政府信息公开申请”字样。")
    return found


def html(agency, settings: GuideSettings | None = None) -> str:
    settings = settings or settings_of(agency)
    return render_to_string(
        "applications/guide_item.html",
        {
            "agency": agency,
            "settings": settings,
            "channels": channels(agency, settings),
            "fee_standards": texts.fee_standard_lines(),
            "remedies": REMEDIES,
            "letter_remedies": texts.REMEDIES,
        },
    ).strip()


def fingerprint(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def outdated(agency) -> bool:
    """The agency has a published guide that no longer says what its settings say."""
    settings = GuideSettings.objects.filter(agency=agency).first()
    return bool(settings and settings.item_id and settings.fingerprint != fingerprint(html(agency, settings)))
