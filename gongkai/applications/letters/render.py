"""Letters to DOCX (docxtpl, from the agency's template or the built-in one) and to PDF.

The PDF is the same letter: the rendered DOCX is read back paragraph by paragraph (python-docx;
the styles ``Letter Title`` … ``Letter Signature`` and direct alignment become HTML classes, bold
runs ``<strong>``, tables tables) and printed by WeasyPrint with the CJK font of
``core.documents``. So an agency's own template changes both formats alike. (``mammoth`` did the
same but took 0.8 s per letter here, most of the 1 s budget.)
"""

from __future__ import annotations

import io
from pathlib import Path

from django.utils.html import escape

from gongkai.agencies.models import Agency
from gongkai.applications.letters.context import Letter, unknown_date_refusal
from gongkai.applications.models import LetterTemplate
from gongkai.core import documents

DEFAULTS = Path(__file__).resolve().parent / "docx"

VOID_STYLE = "Letter Void"  # the 已作废 paragraph put at the head of a voided act's letter
VOID_HEADER = "已作废"  # and in every page's header (DOCX) or top margin (PDF)

STYLE_CLASSES = {
    VOID_STYLE: "void",
    "Letter Title": "title",
    "Letter Number": "number",
    "Letter Addressee": "addressee",
    "Letter Body": "body",
    "Letter Signature": "signature",
}
ALIGN_CLASSES = {1: "center", 2: "right", 3: "justify"}  # WD_ALIGN_PARAGRAPH values

PDF_CSS = """
@page { size: A4; margin: 25mm 24mm 22mm;
        @bottom-center { content: "— " counter(page) " —"; font-size: 11pt; } }  /* GB/T 9704 §7.5 */
html { font-size: 12.5pt; line-height: 1.75; }
h1, p.title { font-size: 18pt; font-weight: bold; text-align: center; margin: 0 0 4pt; letter-spacing: 1pt; }
p { margin: 0 0 4pt; text-align: justify; }
p.number { text-align: center; margin-bottom: 14pt; }
p.body { text-indent: 2em; }
p.signature { text-align: right; margin: 0; }
p.body + p.signature { margin-top: 18pt; }
p.signature, p.signature + p.addressee { break-before: avoid; }  /* signature, date, contact: with the text */
p.center { text-align: center; text-indent: 0; }
p.right { text-align: right; text-indent: 0; }
table { margin: 4pt 0 8pt; }
p.void { color: #c00000; font-weight: bold; text-align: center; text-indent: 0; border: 1.5pt solid #c00000;
         padding: 4pt 6pt; margin: 0 0 12pt; }
"""
# Added for a voided act's letter: the mark in the top margin of every page.
VOID_PAGE_CSS = f"""
@page {{ @top-right {{ content: "{VOID_HEADER}"; color: #c00000; font-weight: bold; font-size: 16pt; }} }}
"""


def default_template(kind: str) -> bytes:
    return (DEFAULTS / f"{kind}.docx").read_bytes()


def agency_template(agency: Agency, kind: str) -> LetterTemplate | None:
    """The agency's own template for ``kind``, else its nearest ancestor's, else None."""
    chain = [agency, *reversed(agency.ancestors())]
    own = {row.agency_id: row for row in LetterTemplate.objects.filter(agency__in=chain, kind=kind)}
    return next((own[item.pk] for item in chain if item.pk in own), None)


def template_bytes(agency: Agency, kind: str) -> bytes:
    custom = agency_template(agency, kind)
    if custom is None:
        return default_template(kind)
    with custom.file.open("rb") as handle:
        return handle.read()


def fill(template: bytes, context: dict, *, strict: bool = False) -> bytes:
    """Render a docxtpl template with ``context`` (values XML-escaped). Templates are uploaded by
    agencies, so Jinja runs sandboxed. ``strict`` makes an unknown variable an error (used to check
    an uploaded template against every known variable)."""
    from docxtpl import DocxTemplate
    from jinja2 import StrictUndefined, Undefined
    from jinja2.sandbox import SandboxedEnvironment

    document = DocxTemplate(io.BytesIO(template))
    environment = SandboxedEnvironment(undefined=StrictUndefined if strict else Undefined, autoescape=True)
    document.render(context, jinja_env=environment, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_docx(letter: Letter) -> bytes:
    """The letter from the agency's template; refused (409 ``calendar_not_confirmed``) when the
    template states a date that cannot be computed yet, rather than printed with a blank."""
    template = template_bytes(letter.application.agency, letter.kind)
    if letter.unknown:
        stated = template_variables(template) & set(letter.unknown)
        if stated:
            raise unknown_date_refusal(letter, stated)
    content = fill(template, letter.context)
    return mark_void(content, letter.void_mark) if letter.voided else content


def mark_void(content: bytes, sentence: str) -> bytes:
    """The letter with the void mark in the document itself, whatever the agency's template: a
    paragraph (style ``Letter Void``: bold, red, centred, boxed) before the first one and
    "已作废" at the head of every page's header. The PDF, read back from the DOCX, shows the same."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    document = Document(io.BytesIO(content))
    red = RGBColor(0xC0, 0x00, 0x00)
    if VOID_STYLE not in [style.name for style in document.styles]:
        style = document.styles.add_style(VOID_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        style.font.bold = True
        style.font.size = Pt(14)
        style.font.color.rgb = red
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style.paragraph_format.space_after = Pt(12)
    paragraphs = document.paragraphs
    if paragraphs:
        paragraphs[0].insert_paragraph_before(sentence, style=VOID_STYLE)
    else:
        document.add_paragraph(sentence, style=VOID_STYLE)
    for position, section in enumerate(document.sections):
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            if header.is_linked_to_previous:
                if position:
                    continue  # shows the previous section's header, marked already
                header.is_linked_to_previous = False  # the first section gets a header of its own
            first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            mark = first.insert_paragraph_before()
            mark.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = mark.add_run(VOID_HEADER)
            run.bold = True
            run.font.size = Pt(16)
            run.font.color.rgb = red
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def template_variables(template: bytes) -> set[str]:
    """Every variable a docxtpl template refers to."""
    from docxtpl import DocxTemplate
    from jinja2.sandbox import SandboxedEnvironment

    return DocxTemplate(io.BytesIO(template)).get_undeclared_template_variables(SandboxedEnvironment())


def docx_to_html(content: bytes, title: str) -> str:
    """The letter's paragraphs and tables as HTML, in document order."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(content))
    parts = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(_paragraph_html(Paragraph(block, document)))
        elif tag == "tbl":
            table = Table(block, document)
            rows = "".join(
                "<tr>" + "".join(f"<td>{escape(cell.text)}</td>" for cell in row.cells) + "</tr>"
                for row in table.rows
            )
            parts.append(f"<table>{rows}</table>")
    return (
        f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"</head><body>{''.join(parts)}</body></html>"
    )


def _paragraph_html(paragraph) -> str:
    style = paragraph.style.name if paragraph.style is not None else ""
    classes = [STYLE_CLASSES.get(style, "")]
    alignment = paragraph.paragraph_format.alignment
    if alignment is not None:
        classes.append(ALIGN_CLASSES.get(int(alignment), ""))
    text = "".join(
        f"<strong>{escape(run.text)}</strong>" if run.bold else escape(run.text) for run in paragraph.runs
    )
    text = text.replace("\n", "<br>")
    css = " ".join(name for name in classes if name)
    return f'<p class="{css}">{text}</p>' if css else f"<p>{text}</p>"


def to_pdf(letter: Letter, docx: bytes | None = None) -> bytes:
    html = docx_to_html(docx or to_docx(letter), letter.title)
    return documents.html_to_pdf(html, css=PDF_CSS + (VOID_PAGE_CSS if letter.voided else ""))
