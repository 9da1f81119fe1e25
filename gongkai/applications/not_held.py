"""本机关不掌握相关政府信息: the two answers of Art. 36 behind one outcome — pure Python, no Django.

Row 三（四）1 of the annual report (``unable.not_held``) counts two different answers:

- Art. 36(四) 经检索没有所申请公开信息的，告知申请人该政府信息不存在 — ``not_exist``, the default;
- Art. 36(五) 所申请公开信息不属于本行政机关负责公开的，告知申请人并说明理由；能够确定负责公开该政府
  信息的行政机关的，告知申请人该行政机关的名称、联系方式 — ``other_agency``.

Both stay in the same row; the letter differs. The reply records which answer it gave (``not_held``)
and, for (五), the agency responsible (Art. 10 says which one is) and its contact when it is known.
"""

from __future__ import annotations

from collections.abc import Mapping

from gongkai.applications.vocabulary import NotHeld, Outcome

FIELDS = ("not_held", "other_agency_name", "other_agency_contact")
NAME_MAX, CONTACT_MAX = 200, 300


def reply_data(
    outcome: str, *, not_held: str = "", other_agency_name: str = "", other_agency_contact: str = ""
) -> dict:
    """The sub-choice as a reply records it: a reply ``unable.not_held`` always names its answer
    (default (四), today's wording); what was given for another outcome is kept for ``problem`` to refuse."""
    data = {}
    if not_held or outcome == Outcome.UNABLE_NOT_HELD:
        data["not_held"] = not_held or NotHeld.NOT_EXIST.value
    for field, value in (
        ("other_agency_name", other_agency_name),
        ("other_agency_contact", other_agency_contact),
    ):
        if (value or "").strip():
            data[field] = value.strip()
    return data


def problem(data: Mapping) -> tuple[str, str, dict] | None:
    """(code, message, details) when the reply's sub-choice does not fit its outcome, else None."""
    not_held = data.get("not_held")
    name, contact = data.get("other_agency_name", ""), data.get("other_agency_contact", "")
    if not_held and data.get("outcome") != Outcome.UNABLE_NOT_HELD:
        return (
            "not_held_not_applicable",
            "只有处理结果为“本机关不掌握相关政府信息”时，才能选择不掌握的情形",
            {"field": "not_held"},
        )
    if not_held and not_held not in NotHeld.labels():
        return (
            "validation_error",
            "不掌握的情形不正确：应为 not_exist（经检索没有）或 other_agency（不属于本机关负责公开）",
            {"field": "not_held"},
        )
    if (name or contact) and not_held != NotHeld.OTHER_AGENCY:
        return (
            "other_agency_not_applicable",
            "只有不掌握的情形为“不属于本机关负责公开”时，才能填写负责公开的行政机关及其联系方式",
            {"field": "other_agency_name" if name else "other_agency_contact"},
        )
    if len(name) > NAME_MAX or len(contact) > CONTACT_MAX:
        field = "other_agency_name" if len(name) > NAME_MAX else "other_agency_contact"
        limit = NAME_MAX if field == "other_agency_name" else CONTACT_MAX
        return (
            "validation_error",
            f"负责公开的行政机关的名称或联系方式过长（最多{limit}字）",
            {"field": field},
        )
    if bool(name) != bool(contact):
        return (
            "other_agency_incomplete",
            "能够确定负责公开该政府信息的行政机关的，应当告知申请人该机关的名称和联系方式"
            "（条例第三十六条第（五）项）：请同时填写名称和联系方式，不能确定的两项都不填",
            {"field": "other_agency_contact" if name else "other_agency_name"},
        )
    if not_held == NotHeld.OTHER_AGENCY and not (data.get("reason") or "").strip():
        return (
            "not_held_reason_required",
            "告知申请人所申请信息不属于本机关负责公开的，应当说明理由（条例第三十六条第（五）项）：请填写理由",
            {"field": "reason"},
        )
    return None
