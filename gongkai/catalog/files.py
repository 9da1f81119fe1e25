"""Text out of uploaded or imported files, and rows out of metadata sheets.

Types are recognised by their first bytes, never by the name alone: PDF (``%PDF-``), DOCX and XLSX (ZIP
containers told apart by their parts), and plain text (UTF-8 with or without BOM, UTF-16 with BOM, or
GB18030, the superset of GBK/GB2312 that Chinese office software writes). Every failure is an
``InvalidInput`` with a Chinese message naming the file. No Django import beyond the error class.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from gongkai.core import uploads
from gongkai.core.errors import InvalidInput

MAX_BYTES = 20 * 1024 * 1024
# What a damaged ZIP container raises while python-docx or openpyxl reads it: bad headers, bad
# deflate streams (zlib.error), unsupported ZIP versions, missing parts, malformed XML.
BROKEN_CONTAINER = (
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    EOFError,
    OSError,
    KeyError,
    ValueError,
    SyntaxError,  # lxml's XMLSyntaxError
    IndexError,
)
DOCUMENT_KINDS = ("txt", "docx", "pdf")
SHEET_KINDS = ("csv", "xlsx")


def _unreadable(name: str, message: str) -> InvalidInput:
    return InvalidInput("unreadable_file", f"文件“{name}”{message}", {"file": name})


def sniff(name: str, data: bytes) -> str:
    """The file's kind: ``txt``, ``csv``, ``docx``, ``xlsx`` or ``pdf`` (from content, not extension)."""
    if len(data) > MAX_BYTES:
        raise _unreadable(name, f"超过 {MAX_BYTES // 1024 // 1024} MB，请拆分后再导入")
    if not data.strip():
        raise _unreadable(name, "是空文件")
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if uploads.expands_too_far(archive):
                    raise _unreadable(name, "解压后内容过大，无法导入")
                names = set(archive.namelist())
        except BROKEN_CONTAINER as error:
            raise _unreadable(name, "已损坏，无法打开") from error
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise _unreadable(name, "是压缩包或不支持的 Office 格式，仅支持 DOCX、XLSX")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _unreadable(name, "是旧版 Office 格式（.doc/.xls），请另存为 .docx 或 .xlsx 后再导入")
    decode_text(name, data)  # raises when the bytes are not text
    return "csv" if name.lower().endswith(".csv") else "txt"


def decode_text(name: str, data: bytes) -> str:
    """Plain text: BOM first, then strict UTF-8, then GB18030; binary content is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _unreadable(name, "的 UTF-16 文字不完整或已损坏") from error
    if b"\x00" in data[:4096]:
        raise _unreadable(name, "不是文本文件，也不是可识别的 DOCX、PDF 或 XLSX 文件")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _unreadable(name, "的文字编码无法识别（应为 UTF-8 或 GBK/GB18030）")


def read_text(name: str, data: bytes) -> str:
    """The text of a TXT, DOCX or PDF file."""
    kind = sniff(name, data)
    if kind in ("txt", "csv"):
        text = decode_text(name, data)
        return _page_text(text) if _is_page(name, text) else text
    if kind == "docx":
        return _docx_text(name, data)
    if kind == "pdf":
        return _pdf_text(name, data)
    raise _unreadable(name, "是表格文件，请作为元数据表导入")


PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
PAGE_START = re.compile(r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html)\b", re.I | re.S)
CELL_OR_TITLE_END = re.compile(r"(?i)<\s*/\s*(title|td|th)\s*>")


def _is_page(name: str, text: str) -> bool:
    """A web page saved from a site (an office migrating its old site): by its name or its start."""
    return name.lower().endswith(PAGE_SUFFIXES) or bool(PAGE_START.match(text.lstrip("\ufeff")))


def _page_text(markup: str) -> str:
    """The text a page shows, one line per block (scripts and styles dropped), cells a tab apart."""
    from gongkai.catalog.text import nh3_text

    return nh3_text(CELL_OR_TITLE_END.sub(lambda m: m[0] + ("\n" if m[1].lower() == "title" else "\t"), markup))


def _docx_text(name: str, data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, *BROKEN_CONTAINER) as error:
        raise _unreadable(name, "已损坏，无法读取 DOCX 内容") from error
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    text = "\n".join(lines).strip()
    if not text:
        raise _unreadable(name, "中没有文字内容")
    return text


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _unreadable(name, "已加密，请先解除密码保护")
        text = "\n".join((page.extract_text() or "") for page in reader.pages).strip()
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise _unreadable(name, "已损坏或不是有效的 PDF") from error
    if not text:
        raise _unreadable(name, "中没有可提取的文字（可能是扫描件），请先进行文字识别")
    return text


# --- metadata sheets ---------------------------------------------------------------------------------

# Sheet header (Chinese as catalogue pages print it, the other names agencies' sheets use for the same
# field, or the API field name) → field. Any other header is reported as ignored, never dropped silently.
HEADERS: dict[str, tuple[str, ...]] = {
    "title": ("信息名称", "标题", "名称", "文件名称", "信息标题", "文件标题", "公文标题", "title"),
    "doc_number": ("文号", "发文字号", "发文文号", "发文号", "doc_number"),
    "genre": ("体裁分类", "体裁", "genre"),
    "formed_on": ("生成日期", "成文日期", "成文时间", "印发日期", "发文日期", "formed_on"),
    "published_on": ("发布日期", "发布时间", "公开日期", "公开时间", "公布日期", "published_on"),
    "columns": ("栏目", "信息分类", "所属栏目", "栏目名称", "信息栏目", "columns"),
    "body": ("正文", "内容", "body"),
    "file": ("文件", "正文文件", "file"),
    "topic": ("主题分类", "所属主题", "topic"),
    "keywords": ("关键词", "关键字", "主题词", "keywords"),
    "summary": ("内容概述", "内容摘要", "摘要", "summary"),
    "audience": ("服务对象分类", "服务对象", "audience"),
    "disclosure": ("公开属性", "公开方式", "disclosure"),
    "not_disclosed_reason": ("不予公开理由", "not_disclosed_reason"),
    "internal": ("内部", "internal"),
    "issuer": ("发布机构", "发文机关", "发文机构", "发文单位", "发布单位", "发布机关", "issuer"),
    "source": ("信息来源", "来源", "source"),
}
_HEADER_FIELD = {label.lower(): key for key, labels in HEADERS.items() for label in labels}


@dataclass
class SheetRow:
    line: int
    values: dict[str, object]


@dataclass
class Sheet:
    rows: list[SheetRow]
    ignored_headers: list[str] = field(default_factory=list)


def _header_field(cell: object) -> str | None:
    text = "".join(str(cell or "").split()).lower()
    return _HEADER_FIELD.get(text)


def read_sheet(name: str, data: bytes) -> Sheet:
    """Rows of a CSV or XLSX metadata sheet with the line number each starts on (header = line 1)."""
    kind = sniff(name, data)
    if kind == "xlsx":
        records = _xlsx_records(name, data)
    elif kind in ("csv", "txt"):
        records = _csv_records(name, decode_text(name, data))
    else:
        raise _unreadable(name, "不是 CSV 或 XLSX 表格")
    try:
        header_line, header = next(records)
    except StopIteration as error:
        raise _unreadable(name, "中没有表头") from error
    fields = [_header_field(cell) for cell in header]
    if "title" not in fields and "file" not in fields:
        raise InvalidInput(
            "sheet_missing_columns",
            f"表格“{name}”第{header_line}行应为表头，且至少包含“信息名称”或“文件”列",
            {"file": name, "line": header_line},
        )
    ignored = [
        str(cell) for cell, key in zip(header, fields, strict=True) if key is None and cell not in (None, "")
    ]
    rows = []
    for line, cells in records:
        values = {key: cell for key, cell in zip(fields, cells, strict=False) if key is not None}
        if any(str(value).strip() for value in values.values() if value is not None):
            rows.append(SheetRow(line, values))
    return Sheet(rows, ignored)


def _csv_records(name: str, text: str):
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:  # e.g. a cell longer than the csv module's 128K-character limit
        raise InvalidInput(
            "unreadable_file", f"表格“{name}”第{start}行无法读取：{error}", {"file": name, "line": start}
        ) from error


def _xlsx_records(name: str, data: bytes):
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except BROKEN_CONTAINER as error:
        raise _unreadable(name, "已损坏，无法读取 XLSX 内容") from error
    try:
        sheet = workbook.worksheets[0]
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        while True:
            try:
                line, cells = next(rows)
            except StopIteration:
                return
            except BROKEN_CONTAINER as error:  # read_only mode inflates the sheet as it goes
                raise _unreadable(name, "已损坏，无法读取 XLSX 内容") from error
            yield line, [_cell(value) for value in cells]
    finally:
        workbook.close()


def _cell(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value
