"""Letters to DOCX (docxtpl, from the agency's template or the built-in one) and to PDF.

The PDF is the same letter: the rendered DOCX is turned into HTML by ``mammoth`` (the paragraph
styles ``Letter Title`` … ``Letter Signature`` map to classes) and printed by WeasyPrint with the
CJK font of ``core.documents``. So an agency's own template changes both formats alike.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.utils.html import escape

from gongkai.agencies.models import Agency
from gongkai.applications.letters.context import Letter
from gongkai.applications.models import LetterTemplate
from gongkai.core import documents

DEFAULTS = Path(__file__).resolve().parent / "docx"

STYLE_MAP = """
p[style-name='Letter Title'] => h1:fresh
p[style-name='Letter Number'] => p.number:fresh
p[style-name='Letter Addressee'] => p.addressee:fresh
p[style-name='Letter Body'] => p.body:fresh
p[style-name='Letter Signature'] => p.signature:fresh
"""

PDF_CSS = """
@page { size: A4; margin: 25mm 24mm 22mm; }
html { font-size: 12.5pt; line-height: 1.75; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4pt; letter-spacing: 1pt; }
p { margin: 0 0 4pt; text-align: justify; }
p.number { text-align: center; margin-bottom: 14pt; }
p.body { text-indent: 2em; }
p.signature { text-align: right; margin: 0; }
p.signature:first-of-type, h1 + p.number + p.addressee ~ p.signature { margin-top: 18pt; }
ol, ul { margin: 0 0 4pt 2em; padding: 0; }
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


def fill(template: bytes, context: dict) -> bytes:
    """Render a docxtpl template with ``context`` (values XML-escaped)."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(io.BytesIO(template))
    document.render(context, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_docx(letter: Letter) -> bytes:
    return fill(template_bytes(letter.application.agency, letter.kind), letter.context)


def docx_to_html(content: bytes, title: str) -> str:
    import mammoth

    body = mammoth.convert_to_html(io.BytesIO(content), style_map=STYLE_MAP).value
    return (
        f'<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"</head><body>{body}</body></html>"
    )


def to_pdf(letter: Letter, docx: bytes | None = None) -> bytes:
    html = docx_to_html(docx or to_docx(letter), letter.title)
    return documents.html_to_pdf(html, css=PDF_CSS)
