"""Factories for guide tests: a complete guide and sheets built in memory."""

from __future__ import annotations

import io

import openpyxl

from gongkai.guides import services

COMPLETE = {
    "name": "食品经营许可（新办）",
    "topic": "市场监管",
    "basis": "《中华人民共和国食品安全法》第三十五条",
    "conditions": "具有与经营的食品品种、数量相适应的经营场所。",
    "location": "市民中心一楼12号窗口",
    "hours": "工作日 8:30-12:00，14:30-17:30",
    "phone": "0731-12345604",
    "procedure": "申请→受理→审查→决定→发证",
    "statutory_days": 20,
    "promised_days": 5,
    "fee_basis": "不收费",
}
MATERIALS = [{"name": "食品经营许可申请书", "form": "原件", "copies": 1}, {"name": "营业执照", "form": "复印件"}]


def make_guide(agency, actor, materials=None, **changes):
    fields = {**COMPLETE, **changes}
    return services.create_guide(
        actor=actor, agency=agency, materials=MATERIALS if materials is None else materials, **fields
    )


def workbook_bytes(rows, merges=()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for merge in merges:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
