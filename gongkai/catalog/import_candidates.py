"""Turning files and sheet rows into catalogue drafts: the shared core of ``import_items`` and the
workbench upload.

``prepare_*`` read and validate without touching the database and return ``Candidate`` objects — what
was extracted, what is wrong (``errors``: the row or file is skipped) and what was guessed
(``warnings``: shown for confirmation). ``import_candidate`` creates one item through
``services.create_item`` (and, when asked, ``publish_item``) in its own transaction.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from gongkai.catalog.extraction import extract, parse_date, parse_number
from gongkai.catalog.files import PAGE_SUFFIXES, SHEET_KINDS, read_sheet, read_text, sniff
from gongkai.catalog.vocabulary import GENRE_ALIASES, Disclosure, Genre, code_of
from gongkai.core.choices import codes, pairs
from gongkai.core.errors import InvalidInput

LIST_SEPARATORS = re.compile(r"[、,，;；|\s]+")
TRUE_WORDS = {"是", "true", "1", "yes", "y", "内部"}


@dataclass
class Candidate:
    """One item to be created, as read from a file or a sheet row."""

    origin: str  # the file name, or "sheet.csv 第12行"
    line: int | None = None
    title: str = ""
    doc_number: str = ""
    doc_number_damaged: bool = False
    genre: str = ""
    formed_on: dt.date | None = None
    published_on: dt.date | None = None
    issuer: str = ""
    source: str = ""  # 信息来源 as the document's metadata block states it
    body: str = ""
    topic: str = ""
    keywords: str = ""
    summary: str = ""
    audience: str = ""
    columns: list[str] = field(default_factory=list)
    disclosure: str = "proactive"
    not_disclosed_reason: str = ""
    internal: bool = False
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def genre_code(value: str) -> str | None:
    """体裁分类 from a code, its label (domain/catalog.md) or an alias; spaces inside are ignored."""
    return code_of(Genre, "".join(value.split()), GENRE_ALIASES)


def unknown_genre(value: str) -> str:
    """The error for a 体裁分类 that names none: with the closest name when one is near, else all of them."""
    names = [label for _, label in pairs(Genre)] + list(GENRE_ALIASES)
    closest = difflib.get_close_matches("".join(value.split()), names, n=1, cutoff=0.5)
    if closest:
        return f"体裁分类“{value}”不存在，是否为“{closest[0]}”？"
    return f"体裁分类“{value}”不存在，应为：{'、'.join(names)}"


def prepare_text(origin: str, text: str, *, genre: str, today: dt.date) -> Candidate:
    """A candidate from the text of one document (TXT/DOCX/PDF)."""
    return finish(_from_text(origin, text, genre), today=today)


def _from_text(origin: str, text: str, genre: str) -> Candidate:
    extracted = extract(text)
    candidate = Candidate(
        origin=origin,
        title=extracted.title,
        doc_number=extracted.doc_number,
        doc_number_damaged=extracted.doc_number_damaged,
        formed_on=extracted.formed_on,
        published_on=extracted.published_on,
        issuer=extracted.issuer,
        body=without_title(extracted.body, extracted.title),
        source=extracted.metadata.get("source", ""),
        keywords=extracted.metadata.get("keywords", ""),
        summary=extracted.metadata.get("summary", ""),
        topic=extracted.metadata.get("topic", ""),
        audience=extracted.metadata.get("audience", ""),
        warnings=list(extracted.warnings),
    )
    labelled_genre = extracted.metadata.get("genre", "")
    candidate.genre = genre_code(labelled_genre) or genre
    return candidate


def without_title(body: str, title: str) -> str:
    """The body without its leading line(s) that are the title (the item shows its title above the
    body; a saved page gives it twice, as ``<title>`` and heading). Only lines equal to the title once
    whitespace is normalised go; blank lines between them with them."""
    if not title.strip():
        return body
    same = " ".join(title.split())
    lines = body.split("\n")
    start = 0
    while start < len(lines) and (not lines[start].strip() or " ".join(lines[start].split()) == same):
        start += 1
    if not any(line.strip() for line in lines[:start]):
        return body  # no title line at the top: the body stays as extracted
    return "\n".join(lines[start:])


def prepare_file(name: str, data: bytes, *, genre: str, today: dt.date) -> Candidate:
    """A candidate from an uploaded or named document file; unreadable files become an error."""
    try:
        return prepare_text(name, read_text(name, data), genre=genre, today=today)
    except InvalidInput as error:
        return Candidate(origin=name, errors=[error.message])


def prepare_sheet(
    name: str, data: bytes, *, genre: str, today: dt.date, files: dict[str, bytes] | None = None
) -> tuple[list[Candidate], list[str]]:
    """Candidates from a metadata sheet, one per non-empty row, and sheet-level notes.

    ``files`` maps file names (as the 文件 column writes them) to their bytes; a row naming a file
    takes its body, and whatever its sheet cells leave empty, from that file.
    """
    sheet = read_sheet(name, data)
    notes = [f"未识别的列“{header}”已忽略" for header in sheet.ignored_headers]
    files = {} if files is None else files
    candidates = [_prepare_row(name, row.line, row.values, genre, today, files) for row in sheet.rows]
    return candidates, notes


def _text(values: dict, key: str) -> str:
    value = values.get(key)
    return "" if value is None else str(value).strip()


def _prepare_row(name, line, values, genre, today, files) -> Candidate:
    candidate = Candidate(origin=f"{name} 第{line}行", line=line)
    file_name = _text(values, "file")
    if file_name:
        data = files.get(file_name) or files.get(Path(file_name).name)
        if data is None:
            candidate.errors.append(f"找不到文件“{file_name}”")
        else:
            try:
                base = _from_text(file_name, read_text(file_name, data), "")
            except InvalidInput as error:
                candidate.errors.append(error.message)
            else:
                candidate = base
                candidate.origin, candidate.line = f"{name} 第{line}行", line
    _apply_cells(candidate, values, genre)
    return finish(candidate, today=today)


# The extraction's warnings about a field (their starts): void once a sheet cell gives the field.
EXTRACTION_WARNINGS = {
    "title": ("未找到标题", "标题可能是"),
    "doc_number": ("文号“",),
    "issuer": ("发文机关按",),
    "formed_on": ("发布日期早于成文日期",),
    "published_on": ("发布日期早于成文日期",),
}


def _apply_cells(candidate: Candidate, values: dict, default_genre: str) -> None:
    """Sheet cells override what was extracted from the file; each bad cell is an error of the row.
    What the extraction warned about a field a cell gives no longer applies and is dropped."""
    given = [key for key in EXTRACTION_WARNINGS if _text(values, key)]
    void = tuple(start for key in given for start in EXTRACTION_WARNINGS[key])
    candidate.warnings = [warning for warning in candidate.warnings if not warning.startswith(void)]
    for key in (
        "title",
        "body",
        "topic",
        "keywords",
        "summary",
        "audience",
        "not_disclosed_reason",
        "issuer",
        "source",
    ):
        if _text(values, key):
            setattr(candidate, key, _text(values, key))
    if _text(values, "doc_number"):
        set_doc_number(candidate, _text(values, "doc_number"))
    for key, label in (("formed_on", "生成日期"), ("published_on", "发布日期")):
        raw = values.get(key)
        if isinstance(raw, dt.date):
            setattr(candidate, key, raw)
        elif _text(values, key):
            on = parse_date(_text(values, key))
            if on is None:
                candidate.errors.append(
                    f"{label}“{_text(values, key)}”无法识别（应如 2026-01-05 或 2026年1月5日）"
                )
            setattr(candidate, key, on)
    dates = candidate.formed_on, candidate.published_on
    if {"formed_on", "published_on"} & set(given) and None not in dates and dates[1] < dates[0]:
        candidate.warnings.append("发布日期早于成文日期，请核对")
    if _text(values, "genre"):
        code = genre_code(_text(values, "genre"))
        if code is None:
            candidate.errors.append(unknown_genre(_text(values, "genre")))
        candidate.genre = code or ""
    elif not candidate.genre:
        candidate.genre = default_genre
    if _text(values, "columns"):
        candidate.columns = [part for part in LIST_SEPARATORS.split(_text(values, "columns")) if part]
    if _text(values, "disclosure"):
        disclosure = code_of(Disclosure, _text(values, "disclosure"))
        if disclosure is None:
            candidate.errors.append(
                f"公开属性“{_text(values, 'disclosure')}”应为主动公开、依申请公开或不予公开"
            )
        candidate.disclosure = disclosure or "proactive"
    if _text(values, "internal"):
        candidate.internal = _text(values, "internal").lower() in TRUE_WORDS


def set_doc_number(candidate: Candidate, value: str) -> None:
    number = parse_number(value)
    if number is None:
        candidate.doc_number, candidate.doc_number_damaged = value, False
        candidate.warnings.append(f"文号“{value}”不符合 GB/T 9704 格式，按原样保留")
        return
    candidate.doc_number, candidate.doc_number_damaged = number.text, number.damaged
    if number.damaged:
        candidate.warnings.append(f"文号“{value}”有残缺，按“{number.text}”读取，请核对")
    elif number.rewritten:
        candidate.warnings.append(f"文号“{value}”按规范写法（简体）记为“{number.text}”")


def finish(candidate: Candidate, *, today: dt.date) -> Candidate:
    """Checks every candidate must pass, and the date fallback (formed_on ← published_on ← today)."""
    if not candidate.title:
        candidate.errors.append("缺少信息名称（标题）")
    elif len(candidate.title) > 200:
        candidate.errors.append("信息名称超过200字")
    if not candidate.body.strip() and not any("文件" in error for error in candidate.errors):
        candidate.errors.append("缺少正文（“正文”或“文件”列）")
    if not candidate.genre:
        if not any(error.startswith("体裁分类") for error in candidate.errors):  # an unknown value said it
            candidate.errors.append("缺少体裁分类")
    elif candidate.genre not in codes(Genre):
        candidate.errors.append(unknown_genre(candidate.genre))
    if candidate.disclosure == "not_disclosed" and not candidate.not_disclosed_reason:
        candidate.errors.append("不予公开的信息必须写明理由（条例第十四条至第十六条）")
    if candidate.formed_on is None and not any("生成日期" in error for error in candidate.errors):
        if candidate.published_on is not None:
            candidate.formed_on = candidate.published_on
            candidate.warnings.append("未找到成文日期，按发布日期计")
        else:
            candidate.formed_on = today
            candidate.warnings.append("未找到成文日期或发布日期，按导入当日计")
    if candidate.formed_on and candidate.formed_on > today:
        candidate.errors.append("生成日期晚于今天")
    return candidate


def prepare_paths(paths: list[Path], *, genre: str, today: dt.date) -> list[Candidate]:
    """Candidates from document files and directories of them (sorted, non-recursive)."""
    return [source() for source in path_sources(paths, genre=genre, today=today)]


def prepare_path(path: Path, *, genre: str, today: dt.date) -> Candidate:
    """A candidate from a document file on disk; an unreadable file becomes an error."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return Candidate(origin=str(path), errors=[f"无法读取文件：{error.strerror}"])
    return prepare_file(path.name, data, genre=genre, today=today)


def path_sources(paths: list[Path], *, genre: str, today: dt.date) -> list[Callable[[], Candidate]]:
    """One picklable callable per document file (``prepare_path``), so that the reading and the
    extraction can run in worker processes (bulk import); calling it gives the candidate."""
    return [partial(prepare_path, path, genre=genre, today=today) for path in _expand(paths)]


def _expand(paths: list[Path]) -> list[Path]:
    expanded = []
    for path in paths:
        if path.is_dir():
            expanded += sorted(p for p in path.iterdir() if p.suffix.lower() in {".txt", ".docx", ".pdf", *PAGE_SUFFIXES})
        else:
            expanded.append(path)
    return expanded


def prepare_sheet_path(path: Path, *, genre: str, today: dt.date) -> tuple[list[Candidate], list[str]]:
    """A sheet on disk; its 文件 column names files relative to the sheet's folder."""
    data = path.read_bytes()
    if sniff(path.name, data) not in (*SHEET_KINDS, "txt"):
        raise InvalidInput("unreadable_file", f"文件“{path.name}”不是 CSV 或 XLSX 表格")
    files = _FolderFiles(path.parent)
    return prepare_sheet(path.name, data, genre=genre, today=today, files=files)


def sheet_sources(
    path: Path, *, genre: str, today: dt.date
) -> tuple[list[Callable[[], Candidate]], list[str]]:
    """``prepare_sheet_path`` in two steps: the sheet is read now, and each row becomes a picklable
    callable that reads its file and extracts (bulk import runs them in worker processes)."""
    data = path.read_bytes()
    if sniff(path.name, data) not in (*SHEET_KINDS, "txt"):
        raise InvalidInput("unreadable_file", f"文件“{path.name}”不是 CSV 或 XLSX 表格")
    sheet = read_sheet(path.name, data)
    notes = [f"未识别的列“{header}”已忽略" for header in sheet.ignored_headers]
    files = _FolderFiles(path.parent)
    sources = [
        partial(_prepare_row, path.name, row.line, row.values, genre, today, files) for row in sheet.rows
    ]
    return sources, notes


class _FolderFiles(dict):
    """Reads a named file from the sheet's folder on first use (and never outside it)."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder.resolve()

    def get(self, name, default=None):
        if "/" not in name and "\x00" not in name and name not in (".", ".."):
            # A plain name: one lstat tells a regular file right in the folder (no symlink to
            # follow), where resolving the path cost a stat per component (issue 19).
            target = self.folder / name
            try:
                regular = stat.S_ISREG(os.lstat(target).st_mode)
            except FileNotFoundError:
                return default
            if regular:
                return target.read_bytes()
        target = (self.folder / name).resolve()
        if not target.is_relative_to(self.folder) or not target.is_file():
            return default
        return target.read_bytes()
