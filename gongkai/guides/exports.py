"""Guides to XLSX in the layout the import reads (``layouts.GUIDE_COLUMNS``): a title row, the
header, then one row per material with the guide's cells repeated, so an office can fill in the
same sheet and import it back. Text cells are string cells (never evaluated as formulas)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from gongkai.core.documents import file_response
from gongkai.guides.layouts import GUIDE_COLUMNS
from gongkai.guides.models import Guide
from gongkai.guides.vocabulary import MATERIAL_FORM_LABELS, MaterialForm

KEYS = list(GUIDE_COLUMNS)
HEADERS = [GUIDE_COLUMNS[key].labels[0] for key in KEYS]
BLANK_TEMPLATE_NOTE = "填表说明：同一事项的多项材料各占一行，事项名称相同的相邻行为同一事项；时限填写工作日数（如“20个工作日”或“即办”）。"


def _days(value) -> str:
    if value is None:
        return ""
    return "即办" if value == 0 else f"{value}个工作日"


def _guide_cells(guide: Guide) -> dict[str, object]:
    cells = {key: getattr(guide, key, "") for key in KEYS if not key.startswith("material_")}
    cells["statutory_days"] = _days(guide.statutory_days)
    cells["promised_days"] = _days(guide.promised_days)
    cells["visits"] = "" if guide.visits is None else str(guide.visits)
    return cells


def _material_cells(material) -> dict[str, object]:
    forms = "、".join(MATERIAL_FORM_LABELS[MaterialForm(code)] for code in material.form.split(",") if code)
    return {
        "material_name": material.name,
        "material_form": forms,
        "material_copies": "" if material.copies is None else str(material.copies),
        "material_required": "必要" if material.required else "非必要",
        "material_sample": material.sample,
    }


def guides_xlsx(guides: Iterable[Guide], title: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "办事指南"
    heading = sheet.cell(row=1, column=1, value=title)
    heading.data_type = "s"
    heading.font = Font(bold=True)
    for column, header in enumerate(HEADERS, start=1):
        sheet.cell(row=2, column=column, value=header).font = Font(bold=True)
    line = 3
    for guide in guides:
        materials = list(guide.materials.all()) or [None]
        for material in materials:
            values = {**_guide_cells(guide), **(_material_cells(material) if material else {})}
            for column, key in enumerate(KEYS, start=1):
                value = values.get(key, "")
                cell = sheet.cell(row=line, column=column, value=str(value) if value not in (None, "") else None)
                if cell.value is not None:
                    cell.data_type = "s"
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            line += 1
    note = sheet.cell(row=line + 1, column=1, value=BLANK_TEMPLATE_NOTE)
    note.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def guides_response(guides: Iterable[Guide], agency) -> object:
    content = guides_xlsx(guides, f"{agency.name}办事指南")
    return file_response(content, f"办事指南-{agency.code}.xlsx", "xlsx")
