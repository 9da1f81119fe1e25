"""Payloads of the guides API. A guide carries nothing personal: the same shape for the public and
staff (staff also see whether it is public and its findings)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.guides import checks
from gongkai.guides.models import Guide

FIELDS = (
    "code",
    "name",
    "topic",
    "implementing_body",
    "basis",
    "conditions",
    "location",
    "hours",
    "phone",
    "procedure",
    "statutory_days",
    "promised_days",
    "fee_basis",
    "fee_amount",
    "consultation",
    "complaint",
    "visits",
    "online_url",
    "faq",
)


def finding_payload(finding: checks.Finding, *, with_guide: bool = False) -> dict:
    payload = {"code": str(finding.code), "message": finding.message}
    if finding.element is not None:
        payload["element"] = str(finding.element)
    if finding.detail:
        payload["detail"] = finding.detail
    if with_guide:
        payload = {"guide": finding.guide, **payload}
    return payload


def material_payload(material) -> dict:
    return {
        "name": material.name,
        "form": [code for code in material.form.split(",") if code],
        "form_label": material.form_label,
        "copies": material.copies,
        "required": material.required,
        "sample": material.sample,
    }


def guide_payload(guide: Guide, *, findings: list[checks.Finding] | None = None) -> dict:
    payload = {
        "id": guide.pk,
        "agency": guide.agency.code,
        "agency_name": guide.agency.name,
        **{name: getattr(guide, name) for name in FIELDS},
        "materials": [material_payload(material) for material in guide.materials.all()],
        "updated_on": guide.updated_on.isoformat(),
        "url": reverse("guides:detail", args=[guide.pk]),
    }
    if findings is not None:
        payload["public"] = guide.public
        payload["findings"] = [finding_payload(finding) for finding in findings]
    return payload


def check_payload(agency, deduction: checks.Deduction, findings: list[checks.Finding]) -> dict:
    return {
        "agency": agency.code,
        "deduction": deduction.points,
        "missing_elements": [str(element) for element in deduction.missing_elements],
        "findings": [finding_payload(finding, with_guide=True) for finding in findings],
    }
