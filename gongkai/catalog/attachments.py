"""Attachment checks: the type is decided by the file's magic bytes, not by its name or the
browser's claim; the size limit comes from ``GONGKAI_ATTACHMENT_MAX_BYTES`` (default 50 MB)."""

from __future__ import annotations

import io
import logging
import zipfile

from django.conf import settings

from gongkai.core import uploads
from gongkai.core.errors import InvalidInput

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def max_bytes() -> int:
    return int(getattr(settings, "GONGKAI_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def detect_kind(head: bytes, data_for_zip, name: str) -> str | None:
    """One of TYPES' keys, or None when the content is not an accepted type."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(OLE2):
        # OLE2 also holds .doc and .ppt; accept it only as a spreadsheet by name.
        return "xls" if name.lower().endswith(".xls") else None
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(data_for_zip) as archive:
                if uploads.expands_too_far(archive):
                    return None
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def check_upload(upload) -> str:
    """Validate an uploaded file; returns the detected kind or raises ``InvalidInput``."""
    limit = max_bytes()
    if upload.size > limit:
        raise InvalidInput(
            "attachment_too_large",
            f"附件大小超过限制（最大{limit // (1024 * 1024)}MB）",
            {"size": upload.size, "max_bytes": limit},
        )
    if upload.size == 0:
        raise InvalidInput("attachment_empty", "附件为空文件")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    kind = detect_kind(head, upload, upload.name or "")
    upload.seek(0)
    if kind is None:
        raise InvalidInput(
            "attachment_type_not_allowed",
            "附件只能是 DOCX、PDF、XLS、XLSX、PNG 或 JPG 文件（按文件内容判断）",
        )
    return kind


def extract_text(kind: str, upload) -> str:
    """Text of the attachment for screening (empty for images and on unreadable files)."""
    upload.seek(0)
    data = io.BytesIO(upload.read())
    upload.seek(0)
    try:
        if kind == "docx":
            return _docx_text(data)
        if kind == "pdf":
            return _pdf_text(data)
        if kind == "xlsx":
            return _xlsx_text(data)
    except Exception:  # a damaged file is still stored; its text is simply unknown
        logger.warning("could not extract text from a %s attachment", kind, exc_info=True)
    return ""


def _docx_text(data) -> str:
    import docx

    document = docx.Document(data)
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _pdf_text(data) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(data).pages)


def _xlsx_text(data) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(data, read_only=True, data_only=True)
    lines = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells = [str(value) for value in row if value is not None]
            if cells:
                lines.append("\t".join(cells))
    return "\n".join(lines)
