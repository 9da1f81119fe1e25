"""The report document in every output: HTML (portal and PDF), DOCX, XLSX.

All take the JSON document of ``figures`` (live or frozen) and draw the same ``layout`` grids.
The document is the national format and nothing else: the cross-checks of the figures are a tool
of the staff who compile it (workbench page, staff JSON), never printed in the report.
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from gongkai.core import documents
from gongkai.reports import charts, layout

PDF_CSS = """
h1 { font-size: 18pt; text-align: center; margin: 0 0 4pt; }
h2 { font-size: 13pt; margin: 14pt 0 6pt; break-after: avoid; }
.report-meta { text-align: center; color: #444; font-size: 10pt; }
p { text-indent: 2em; margin: 0 0 6pt; }
/* A table (with its caption) starts on a new page rather than leave its caption alone at the foot of one. */
.report-table-scroll { break-inside: avoid; }
.report-table { font-size: 8.5pt; margin-bottom: 8pt; page-break-inside: auto; }
.report-table caption { caption-side: top; font-weight: bold; padding-bottom: 4pt; }
.report-table th { font-weight: normal; background: #f2f2f2; }
.report-table td.num { text-align: center; }
.report-charts figure { margin: 8pt 0; page-break-inside: avoid; }
.report-charts figcaption { text-align: center; font-size: 9pt; }
"""


def grids(document: dict) -> dict:
    return {
        "proactive": layout.proactive_grid(document["proactive"]),
        "applications": layout.applications_grid(document["applications"]["rows"]),
        "review": layout.review_grid(document["review_litigation"]),
    }


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


def context(document: dict, *, with_charts: bool = True) -> dict:
    narrative = document.get("narrative") or {}
    result = {
        "doc": document,
        "grids": grids(document),
        "narrative": {key: paragraphs(narrative.get(key, "")) for key in ("overview", "problems", "other")},
    }
    if with_charts:
        result["charts"] = {
            "outcomes": mark_safe(charts.outcomes_chart(document["applications"]["rows"], document["year"])),  # noqa: S308 (built from escaped parts)
            "monthly": mark_safe(  # noqa: S308
                charts.monthly_chart(document.get("monthly_applications") or [0] * 12, document["year"])
            ),
        }
    return result


def title(document: dict) -> str:
    suffix = "（汇总）" if document.get("scope") == "tree" else ""
    return f"{document['agency_name']}{document['year']}年政府信息公开工作年度报告{suffix}"


def status_line(document: dict) -> str:
    """What the reader must know about the figures: published on a day, or live (a draft, or the
    records as they stand now after publication)."""
    if not document.get("live"):
        revision = document.get("revision") or 1
        return f"发布日期：{document['published_on']}" + (
            f"（第{revision}版，更正版本）" if revision > 1 else ""
        )
    if document.get("status") == "published":
        return (
            f"实时数据（已于{document['published_on']}发布第{document['revision']}版，公开的是发布时的数据）"
        )
    return "草稿 · 数据截至生成时"


def filename(document: dict, fmt: str) -> str:
    revision = document.get("revision")
    if document.get("live"):
        version = "（实时数据）" if document.get("status") == "published" else "（草稿）"
    else:
        version = f"（第{revision}版）" if revision and revision > 1 else ""
    return f"{title(document)}{version}.{fmt}"


def to_pdf(document: dict) -> bytes:
    html = render_to_string("reports/pdf.html", context(document))
    return documents.html_to_pdf(html, css=PDF_CSS)


def to_docx(document: dict) -> bytes:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = documents.new_docx(size_pt=12)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title(document))
    run.bold = True
    run.font.size = Pt(16)
    documents.set_east_asian_font(run)
    meta = doc.add_paragraph(status_line(document))
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ctx = context(document, with_charts=False)
    sections = [
        ("一、总体情况", ctx["narrative"]["overview"], None),
        ("二、主动公开政府信息情况", [], ctx["grids"]["proactive"]),
        ("三、收到和处理政府信息公开申请情况", [], ctx["grids"]["applications"]),
        ("四、政府信息公开行政复议、行政诉讼情况", [], ctx["grids"]["review"]),
        ("五、存在的主要问题及改进情况", ctx["narrative"]["problems"] or ["无。"], None),
        ("六、其他需要报告的事项", ctx["narrative"]["other"] or ["无。"], None),
    ]
    for heading_text, texts, grid in sections:
        head = doc.add_paragraph()
        head_run = head.add_run(heading_text)
        head_run.bold = True
        documents.set_east_asian_font(head_run)
        for text in texts:
            paragraph = doc.add_paragraph(text)
            paragraph.paragraph_format.first_line_indent = Pt(24)
        if grid:
            table = _docx_table(doc, grid)
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
    return documents.docx_bytes(doc)


def _docx_table(doc, grid):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    width = layout.grid_width(grid)
    table = doc.add_table(rows=len(grid), cols=width)
    table.style = "Table Grid"
    # One snapshot of the cells (``table.cell`` rebuilds the whole list on every call); the merges
    # touch only their own spans, so the other references stay valid.
    snapshot = table._cells
    for row, column, cell in layout.placed(grid):
        target = snapshot[row * width + column]
        if cell.rowspan > 1 or cell.colspan > 1:
            last = snapshot[(row + cell.rowspan - 1) * width + column + cell.colspan - 1]
            target = target.merge(last)
        target.text = cell.text
        for paragraph in target.paragraphs:
            if cell.number or cell.colspan > 1:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in paragraph.runs:
                run.font.size = Pt(9)
    return table


def to_xlsx(document: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    book = Workbook()
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="F2F2F2")
    ctx = context(document, with_charts=False)
    sheets = [
        ("主动公开", "二、主动公开政府信息情况", ctx["grids"]["proactive"]),
        ("依申请公开", "三、收到和处理政府信息公开申请情况", ctx["grids"]["applications"]),
        ("复议诉讼", "四、政府信息公开行政复议、行政诉讼情况", ctx["grids"]["review"]),
    ]
    for index, (name, caption, grid) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name
        heading = sheet.cell(row=1, column=1, value=f"{title(document)} {caption}")
        heading.data_type = "s"  # an agency name starting with "=" stays text, never a formula
        heading.font = Font(bold=True)
        for row, column, cell in layout.placed(grid):
            r, c = row + 2, column + 1
            target = sheet.cell(row=r, column=c)
            target.value = _xlsx_value(cell)
            target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if cell.header:
                target.fill = fill
            for rr in range(r, r + cell.rowspan):
                for cc in range(c, c + cell.colspan):
                    sheet.cell(row=rr, column=cc).border = border
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_cells(
                    start_row=r, start_column=c, end_row=r + cell.rowspan - 1, end_column=c + cell.colspan - 1
                )
        for letter in "ABCDEFGHIJKLMNO":
            sheet.column_dimensions[letter].width = 14
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(cell: layout.Cell):
    if not cell.number:
        return cell.text
    try:
        return int(cell.text)
    except ValueError:
        return float(cell.text)


# The downloadable renderings by format (portal, workbench and API share them).
FORMATS = {"pdf": to_pdf, "docx": to_docx, "xlsx": to_xlsx}
