#!/usr/bin/env python
"""Build the default DOCX letter templates of the applications app (reproducibly).

    .venv/bin/python scripts/build_letter_templates.py

Writes one docxtpl template per letter kind to ``gongkai/applications/letters/docx/<kind>.docx``.
Every paragraph uses one of the styles ``Letter Title``, ``Letter Number``, ``Letter Addressee``,
``Letter Body``, ``Letter Signature``: the PDF keeps their layout (see letters/render.py), and an
agency that starts its own template from one of these keeps them too. The East-Asian font is set
on every style so that Word shows the Chinese in 宋体/仿宋 and not in a fallback.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.shared import Pt  # noqa: E402

from gongkai.applications.letters.texts import KINDS  # noqa: E402
from gongkai.core.documents import docx_bytes, new_docx, set_east_asian_font  # noqa: E402

OUT = ROOT / "gongkai" / "applications" / "letters" / "docx"
TITLE_FONT = "黑体"
BODY_FONT = "仿宋"

OPENING = (
    "本机关于{{ received_on }}收到您提出的政府信息公开申请（查询码：{{ tracking_code }}），"
    "申请获取：“{{ description }}”。"
)
REMEDIES = "{{ remedies }}"

BODIES: dict[str, list[str]] = {
    "correction": [
        OPENING,
        "经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，"
        "现一次性告知您对以下事项作出补正：",
        "{%p for item in items %}",
        "{{ loop.index }}．{{ item }}",  # GB/T 9704 §7.3.3: 1．
        "{%p endfor %}",
        "请您在{{ respond_within_days }}个工作日内，即截至{{ respond_by }}（含当日），向本机关提交补正后的申请。"
        "答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，"
        "本机关不再处理该政府信息公开申请。",
    ],
    "extension": [
        OPENING,
        "因{{ extension_reason }}，本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》"
        "第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长"
        "{{ extension_days }}个工作日，本机关将最迟于{{ due_on }}作出答复。",
        "特此告知。",
    ],
    "later_deadline": [
        OPENING,
        "您申请公开政府信息的数量、频次明显超过合理范围，并已说明理由。经审查，本机关认为申请理由合理，"
        "但是无法在《中华人民共和国政府信息公开条例》第三十三条规定的期限内答复。理由是：{{ later_deadline_reason }}。",
        "根据该条例第三十五条“{{ article_35 }}”的规定，本机关确定延迟答复的合理期限，"
        "将最迟于{{ later_due_on }}作出答复。",
        "特此告知。",
    ],
    "fee": [
        OPENING,
        "您申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》"
        "第四十二条和《政府信息公开信息处理费管理办法》的规定，本机关决定{{ fee_method }}信息处理费。",
        "收费标准（{{ fee_method }}）：{{ fee_standard }}。",
        "计费依据：{{ fee_basis }}，应缴纳信息处理费人民币{{ fee_amount }}元。",
        # The pay-by date is the last day of the 20 working days: paying on it is in time.
        "请您自收到本通知书之日起20个工作日内缴纳，缴费期限截至{{ fee_pay_by }}（含当日）。"
        "缴费方式：{{ payment_info }}。"
        "自本机关发出收费通知至您缴纳费用的期间，不计算在答复期限内；逾期未缴纳的，视为放弃申请，"
        "本机关不再处理该政府信息公开申请。",
        REMEDIES,
    ],
}
REPLY = [
    OPENING,
    "现答复如下：{{ outcome_statement }}",
    "{%p if reason %}",
    "具体理由：{{ reason }}",
    "{%p endif %}",
    "{%p if note %}",
    "{{ note }}",
    "{%p endif %}",
    "{%p if legal_basis %}",  # empty for a withdrawal and 其他处理, which rest on no article
    "依据：{{ legal_basis }}。",
    "{%p endif %}",
    REMEDIES,
]
DISCLOSED_EXTRA = [
    "{%p if delivery %}",
    "本机关将按照您选择的方式（{{ delivery }}）向您提供该政府信息。",
    "{%p endif %}",
]


def body_for(kind: str) -> list[str]:
    if kind in BODIES:
        return BODIES[kind]
    if kind in ("reply_disclosed", "reply_partial"):
        return [*REPLY[:2], *DISCLOSED_EXTRA, *REPLY[2:]]
    if kind == "reply_other":
        return [line for line in REPLY if line != REMEDIES] + [REMEDIES]
    return REPLY


def add_styles(document) -> None:
    styles = document.styles
    specs = [
        ("Letter Title", TITLE_FONT, 20, WD_ALIGN_PARAGRAPH.CENTER, None, True),
        ("Letter Number", BODY_FONT, 14, WD_ALIGN_PARAGRAPH.CENTER, None, False),
        ("Letter Addressee", BODY_FONT, 15, WD_ALIGN_PARAGRAPH.LEFT, None, False),
        ("Letter Body", BODY_FONT, 15, WD_ALIGN_PARAGRAPH.JUSTIFY, Pt(30), False),
        ("Letter Signature", BODY_FONT, 15, WD_ALIGN_PARAGRAPH.RIGHT, None, False),
    ]
    for name, font, size, alignment, indent, bold in specs:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        set_east_asian_font(style, font)
        style.font.size = Pt(size)
        style.font.bold = bold
        style.paragraph_format.alignment = alignment
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.line_spacing = 1.5 if name == "Letter Body" else 1.2
        if indent is not None:
            style.paragraph_format.first_line_indent = indent


def build(kind: str) -> bytes:
    document = new_docx(font=BODY_FONT, size_pt=15)
    add_styles(document)
    title, _ = KINDS[kind]
    document.add_paragraph("{{ letter_title }}", style="Letter Title")  # a draft's says 送审稿
    document.add_paragraph("{{ letter_number }}", style="Letter Number")
    document.add_paragraph("{{ applicant_name }}：", style="Letter Addressee")
    for line in body_for(kind):
        document.add_paragraph(line, style="Letter Body")
    document.add_paragraph("{{ agency_name }}", style="Letter Signature")
    document.add_paragraph("{{ letter_date }}", style="Letter Signature")
    document.add_paragraph("{%p if agency_contact %}", style="Letter Addressee")
    document.add_paragraph("（{{ agency_contact }}）", style="Letter Addressee")
    document.add_paragraph("{%p endif %}", style="Letter Addressee")
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, "gongkai", "gongkai"
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    return _stable_zip(docx_bytes(document))


FIXED_TIME = dt.datetime(2026, 1, 1)


def _stable_zip(content: bytes) -> bytes:
    """The same bytes on every run: fixed member timestamps and order."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name))
    return out.getvalue()


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        (OUT / f"{kind}.docx").write_bytes(build(kind))
        print(f"wrote {OUT.relative_to(ROOT)}/{kind}.docx")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
