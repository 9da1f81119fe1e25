"""The rectification ledger (整改台账) as XLSX, in the layout of the rectification lists offices
hand in (sample 003: each problem with its rectification, numbered): a title row, then 序号 / 问题 /
整改措施 / 责任单位 / 时限 / 状态 / 完成情况. Text cells are written as strings, never formulas."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from gongkai.core.documents import file_response
from gongkai.selfcheck.vocabulary import TaskStatus

HEADERS = ["序号", "问题", "整改措施", "责任单位", "时限", "状态", "完成情况"]
WIDTHS = [6, 50, 50, 18, 12, 10, 40]


def ledger_xlsx(agency, tasks, today: dt.date) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "整改台账"
    title = sheet.cell(row=1, column=1, value=f"{agency.name}政务公开自查整改台账（{today.isoformat()}）")
    title.data_type = "s"
    title.font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    for column, header in enumerate(HEADERS, start=1):
        sheet.cell(row=2, column=column, value=header).font = Font(bold=True)
        sheet.column_dimensions[chr(64 + column)].width = WIDTHS[column - 1]
    for number, task in enumerate(tasks, start=1):
        values = [
            number,
            task.problem,
            task.measures,
            task.responsible,
            task.due_on.isoformat() if task.due_on else "",
            TaskStatus(task.status).label,
            task.completion,
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number + 2, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ledger_response(agency, tasks, today: dt.date):
    return file_response(
        ledger_xlsx(agency, tasks, today), f"整改台账-{agency.code}-{today.isoformat()}.xlsx", "xlsx"
    )
