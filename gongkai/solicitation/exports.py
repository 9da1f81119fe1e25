"""Comments to XLSX for the drafting office (domain/solicitation.md; issue 15 item 4).

Every text cell is written as a string cell, so a comment typed as ``=HYPERLINK(...)`` stays text
and is never evaluated as a formula when the sheet is opened (as the annual-report export does).
Names and contacts are written only for staff of the agency that ran the consultation.
"""

from __future__ import annotations

import io

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from gongkai.core.documents import file_response
from gongkai.solicitation.models import Solicitation

HEADERS = ["序号", "提交时间", "姓名或单位", "联系方式", "意见内容", "附件", "分组", "采纳情况", "理由"]
WIDTHS = [6, 18, 16, 20, 60, 16, 24, 14, 40]
WITHHELD = "（仅起草机构工作人员可见）"


def _row(comment, personal: bool) -> list:
    return [
        comment.number,
        timezone.localtime(comment.received_at).strftime("%Y-%m-%d %H:%M")
        if comment.channel == "online"
        else f"{comment.received_on:%Y-%m-%d}（{comment.channel_label}）",
        comment.name if personal else WITHHELD,
        comment.contact if personal else WITHHELD,
        comment.text,
        comment.attachment_name,
        comment.group.summary if comment.group_id else "",
        comment.decision_label,
        comment.reason,
    ]


def comments_xlsx(solicitation: Solicitation, *, personal: bool) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "意见汇总"
    title = sheet.cell(row=1, column=1, value=f"《{solicitation.title}》征求意见汇总")
    title.data_type = "s"
    title.font = Font(bold=True)
    for column, header in enumerate(HEADERS, start=1):
        sheet.cell(row=2, column=column, value=header).font = Font(bold=True)
        sheet.column_dimensions[chr(64 + column)].width = WIDTHS[column - 1]
    comments = solicitation.comments.select_related("group").order_by("number")
    for row, comment in enumerate(comments, start=3):
        for column, value in enumerate(_row(comment, personal), start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def comments_response(solicitation: Solicitation, *, personal: bool):
    content = comments_xlsx(solicitation, personal=personal)
    return file_response(content, f"意见汇总-{solicitation.pk}.xlsx", "xlsx")
