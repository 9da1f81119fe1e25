"""Shared document helpers: HTML → PDF (WeasyPrint) and DOCX with a proper Chinese font.

PDF: WeasyPrint with the CJK font that ``scripts/install-system-packages.sh`` installs
(fonts-wqy-zenhei, 文泉驿正黑 — measured far faster than Noto CJK); fonts are subset to the glyphs
used, so a one-page letter stays small. DOCX: Word picks the East-Asian font from the ``w:eastAsia``
attribute, which python-docx does not set — ``set_east_asian_font`` does, for styles and runs.
"""

from __future__ import annotations

import io
from urllib.parse import quote

from django.http import HttpResponse

CJK_FONT = "WenQuanYi Zen Hei"
DOCX_FONT = "宋体"  # what a Chinese reader's Word has; the PDF uses the installed CJK font

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
}

PDF_BASE_CSS = f"""
@page {{ size: A4; margin: 22mm 20mm; }}
html {{ font-family: "{CJK_FONT}", sans-serif; font-size: 11pt; line-height: 1.6; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 0.6pt solid #000; padding: 2pt 4pt; vertical-align: middle; }}
"""


def inline_only_fetcher():
    """WeasyPrint may read only ``data:`` URLs: documents are built from records people typed,
    so a stray ``<img src="file:///…">`` or ``http://`` reference must never read a server file
    or reach the network (WeasyPrint skips the resource and logs a warning)."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def html_to_pdf(html: str, *, css: str = "", base_url: str | None = None) -> bytes:
    """Render an HTML document to PDF with the CJK font, fonts subset to the glyphs used."""
    from weasyprint import CSS, HTML

    stylesheets = [CSS(string=PDF_BASE_CSS + css)]
    return HTML(string=html, base_url=base_url, url_fetcher=inline_only_fetcher()).write_pdf(
        stylesheets=stylesheets, full_fonts=False, hinting=False, uncompressed_pdf=False
    )


def set_east_asian_font(target, name: str = DOCX_FONT) -> None:
    """Set the Latin and East-Asian font of a python-docx style or run (w:rFonts/@w:eastAsia)."""
    from docx.oxml.ns import qn

    target.font.name = name
    element = target.element if hasattr(target, "element") else target._element
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def new_docx(font: str = DOCX_FONT, size_pt: float = 12):
    """A blank python-docx Document whose every built-in style uses ``font`` for Chinese text."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    for style in document.styles:
        if style.type == 1 or style.type == 3:  # paragraph and table styles carry run properties
            try:
                set_east_asian_font(style, font)
            except AttributeError:  # a style without run properties
                continue
    document.styles["Normal"].font.size = Pt(size_pt)
    return document


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def ascii_filename(filename: str) -> str:
    """``filename`` with what is not printable ASCII left out, for the header's plain ``filename``.
    A Chinese name loses its words and keeps the separators around them: those are trimmed from the
    stem (``-ABC-2026.pdf`` → ``ABC-2026.pdf``), and an empty stem becomes ``document``."""
    name = filename.encode("ascii", "ignore").decode()
    # Control characters (a CR/LF in an agency name) would make the header invalid: a 500.
    name = "".join(char for char in name if char.isprintable())
    name = name.replace('"', "").replace("\\", "")
    stem, dot, extension = name.rpartition(".") if "." in name else (name, "", "")
    return f"{stem.strip(' -_.') or 'document'}{dot}{extension}"


def content_disposition(filename: str, *, inline: bool = False, fallback: str = "") -> str:
    """RFC 6266/5987: an ASCII fallback plus the UTF-8 (Chinese) filename. ``fallback`` is a
    meaningful ASCII name for clients that ignore ``filename*`` (default: ``filename`` without
    its non-ASCII characters)."""
    ascii_name = ascii_filename(fallback or filename)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def file_response(
    content: bytes, filename: str, fmt: str, *, inline: bool = False, fallback: str = ""
) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(filename, inline=inline, fallback=fallback)
    response["Content-Length"] = str(len(content))
    return response
