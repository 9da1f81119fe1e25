"""The publication ledger (信息发布台账): each published item with when it went out, who
published it (发布人) and who signed it off (审核人) — the record an inspection asks for."""

from __future__ import annotations

import io

from gongkai.agencies.names import staff_name

HEADINGS = ("序号", "标题", "索引号", "发布机构", "发布时间", "发布人", "审核人", "审查放行理由")
WIDTHS = (6, 48, 24, 24, 12, 12, 12, 40)


def rows(items) -> list[tuple]:
    """One row per item, in the order given (the selector sorts by publication date)."""
    return [
        (
            number,
            item.title,
            item.index_no,
            item.agency.name,
            item.published_on.isoformat() if item.published_on else "",
            staff_name(item.published_by),
            staff_name(item.reviewed_by),
            "；".join(override.reason for override in item.overrides.all()),
        )
        for number, item in enumerate(items, start=1)
    ]


def to_xlsx(items, *, title: str) -> bytes:
    """The ledger as a workbook: a title line, the headings, one row per item. Every text cell is
    stored as text, so a title beginning with "=" is never read as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "信息发布台账"
    _text(sheet.cell(row=1, column=1), title).font = Font(bold=True, size=14)
    for column, heading in enumerate(HEADINGS, start=1):
        _text(sheet.cell(row=2, column=column), heading).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS[column - 1]
    for row, values in enumerate(rows(items), start=3):
        sheet.cell(row=row, column=1, value=values[0])
        for column, value in enumerate(values[1:], start=2):
            _text(sheet.cell(row=row, column=column), value)
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(cell, value: str):
    cell.value = value
    cell.data_type = "s"
    return cell
