"""Reading the spreadsheets offices already keep: XLSX tables with Chinese headers, merged cells and
"同上" — no Django.

What an office's sheet looks like in practice, and what the reader does about it:
- a title row ("青溪镇基层政务公开标准目录") above the header: the header is the first row naming at
  least two known columns;
- a two-row header, a parent cell merged across its sub-columns ("公开对象" over "全社会 | 特定群众",
  marked with √ in the rows): a sub-column that is an option of its parent becomes a mark in the
  parent's value ("■全社会"), a sub-column that is itself a known column ("一级事项" under "公开事项")
  is that column;
- cells merged down a block of rows (一级事项 over its 二级事项): every row of the block reads the
  value of the merged cell;
- "同上" in a cell: the value of the same column in the row above;
- a column nobody knows is reported (``unknown_columns``), never dropped silently;
- every row keeps its sheet line, so problems are reported where the office will look.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from gongkai.core import uploads
from gongkai.core.errors import InvalidInput

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
HEADER_SEARCH_ROWS = 15
SAME_AS_ABOVE = re.compile(r"^同\s*上[。.]?$")
REQUIRED_MARKS = frozenset("■√✓✔●☑")
OPTIONAL_MARKS = frozenset("□○◯☐")
NEGATIVE_MARKS = frozenset("×✗✘-－/")
NOTE = re.compile(r"^(?:注|备注|说明|填表说明)\s*[:：0-9１-９一、.]")
# What a damaged ZIP container raises while openpyxl reads it.
BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    EOFError,
    OSError,
    KeyError,
    ValueError,
    SyntaxError,
    IndexError,
    TypeError,
)


@dataclass(frozen=True)
class Column:
    """A column the layout knows: header texts accepted for it, and the options of a column that a
    sheet may also spread over marked sub-columns (公开对象 → 全社会 / 特定群众)."""

    labels: tuple[str, ...]
    options: tuple[str, ...] = ()
    required: bool = False


@dataclass
class Row:
    line: int
    values: dict[str, str]

    def get(self, key: str) -> str:
        return self.values.get(key, "")


@dataclass
class Problem:
    line: int | None
    message: str
    column: str = ""

    def as_dict(self) -> dict:
        return {"line": self.line, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        where = f"第{self.line}行" if self.line else "表头"
        return f"{where}{'“' + self.column + '”' if self.column else ''}：{self.message}"


@dataclass
class Table:
    sheet: str
    header_line: int
    rows: list[Row]
    columns: list[str]  # keys found, in sheet order
    unknown_columns: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _unreadable(name: str, message: str) -> InvalidInput:
    return InvalidInput("unreadable_file", f"文件“{name}”{message}", {"file": name})


@dataclass
class Grid:
    """One worksheet's cells as text, every merged range filled with its top-left value; ``filled``
    marks the cells a merge filled (not a row's own content); ``merges`` are 1-based and inclusive."""

    title: str
    cells: list[list[str]]
    filled: list[list[bool]]
    merges: list[tuple[int, int, int, int]]  # (min_row, max_row, min_col, max_col)

    def row(self, line: int) -> list[str]:
        return self.cells[line - 1] if 0 < line <= len(self.cells) else []

    def own(self, line: int, index: int) -> str:
        """The text a row itself holds in a column ("" where a merge reaches into it)."""
        cells = self.row(line)
        if index >= len(cells) or self.filled[line - 1][index]:
            return ""
        return cells[index]


def load_grid(name: str, data: bytes, sheet_name: str | None = None) -> Grid:
    """Read one worksheet of an XLSX file (the first, or ``sheet_name``)."""
    import openpyxl

    if len(data) > MAX_BYTES:
        raise _unreadable(name, f"超过 {MAX_BYTES // 1024 // 1024} MB，请拆分后再导入")
    if not data.startswith(b"PK\x03\x04"):
        raise _unreadable(name, "不是 XLSX 表格（请在表格软件中另存为 .xlsx）")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if uploads.expands_too_far(archive):
                raise _unreadable(name, "解压后内容过大，无法导入")
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except BROKEN as error:
        raise _unreadable(name, "已损坏，无法读取 XLSX 内容") from error
    try:
        if sheet_name is not None and sheet_name not in workbook.sheetnames:
            raise InvalidInput("sheet_not_found", f"文件“{name}”中没有工作表“{sheet_name}”", {"file": name})
        sheet = workbook[sheet_name] if sheet_name else workbook.worksheets[0]
        if sheet.max_row > MAX_ROWS:
            raise _unreadable(name, f"超过{MAX_ROWS}行，请拆分后再导入")
        cells = [[_text(cell.value) for cell in row] for row in sheet.iter_rows()]
        merges = [(m.min_row, m.max_row, m.min_col, m.max_col) for m in sheet.merged_cells.ranges]
        return grid_of(sheet.title, cells, merges)
    finally:
        workbook.close()


def grid_of(title: str, cells: list[list[str]], merges: list[tuple[int, int, int, int]]) -> Grid:
    width = max((len(row) for row in cells), default=0)
    cells = [row + [""] * (width - len(row)) for row in cells]
    filled = [[False] * width for _ in cells]
    for min_row, max_row, min_col, max_col in merges:
        value = cells[min_row - 1][min_col - 1]
        for row in range(min_row, min(max_row, len(cells)) + 1):
            for column in range(min_col, min(max_col, width) + 1):
                cells[row - 1][column - 1] = value
                filled[row - 1][column - 1] = (row, column) != (min_row, min_col)
    return Grid(title, cells, filled, merges)


def read_table(
    name: str, data: bytes, columns: Mapping[str, Column], *, sheet_name: str | None = None
) -> Table:
    """The rows of the first worksheet (or ``sheet_name``) as ``{column key: text}``."""
    return table_from_grid(load_grid(name, data, sheet_name), columns)


def table_from_grid(grid: Grid, columns: Mapping[str, Column]) -> Table:
    header_line = _find_header(grid, columns)
    if header_line is None:
        labels = "、".join(column.labels[0] for column in columns.values() if column.required)
        raise InvalidInput(
            "sheet_missing_columns",
            f"工作表“{grid.title}”前{HEADER_SEARCH_ROWS}行中找不到表头（应包含：{labels}）",
            {"sheet": grid.title},
        )
    two_rows = _has_sub_header(grid, header_line, columns)
    mapping, unknown = _map_header(grid, header_line, two_rows, columns)
    found = list(dict.fromkeys(key for key, _ in mapping.values()))
    table = Table(grid.title, header_line, [], found, unknown)
    for key, column in columns.items():
        if column.required and key not in found:
            table.problems.append(Problem(None, "缺少必需的列", column.labels[0]))
    previous: dict[str, str] = {}
    for line in range(header_line + (2 if two_rows else 1), len(grid.cells) + 1):
        row = _read_row(grid, line, mapping, previous, table.problems, columns)
        if row is not None:
            table.rows.append(row)
            previous = row.values
    return table


def _label_index(columns: Mapping[str, Column]) -> dict[str, str]:
    return {_key(label): key for key, column in columns.items() for label in column.labels}


def _find_header(grid: Grid, columns: Mapping[str, Column]) -> int | None:
    """The first row naming at least two known columns (a title row may stand above it)."""
    labels = _label_index(columns)
    for line in range(1, min(HEADER_SEARCH_ROWS, len(grid.cells)) + 1):
        if len({labels[_key(cell)] for cell in grid.row(line) if _key(cell) in labels}) >= 2:
            return line
    return None


def _has_sub_header(grid: Grid, header_line: int, columns: Mapping[str, Column]) -> bool:
    """Two header rows: a header cell is merged across columns or down into the next row, and the
    next row names a known column or an option of the column above it."""
    merged = any(
        min_row == header_line and (max_row > min_row or max_col > min_col)
        for min_row, max_row, min_col, max_col in grid.merges
    )
    if not merged or header_line >= len(grid.cells):
        return False
    labels = _label_index(columns)
    parents, subs = grid.row(header_line), grid.row(header_line + 1)
    for index, sub in enumerate(subs):
        parent_key = labels.get(_key(parents[index]))
        if _key(sub) in labels or (parent_key and _option(columns[parent_key], sub)):
            return True
    return False


def _map_header(grid: Grid, header_line: int, two_rows: bool, columns: Mapping[str, Column]):
    """Column index → (key, option or ""), and the header texts nobody knows."""
    labels = _label_index(columns)
    mapping: dict[int, tuple[str, str]] = {}
    unknown: list[str] = []
    parents = grid.row(header_line)
    subs = grid.row(header_line + 1) if two_rows else [""] * len(parents)
    for index, parent in enumerate(parents):
        sub = subs[index]
        parent_key = labels.get(_key(parent))
        if not sub or _key(sub) == _key(parent):
            if parent_key:
                mapping[index] = (parent_key, "")
            elif parent:
                unknown.append(parent)
        elif _key(sub) in labels:
            mapping[index] = (labels[_key(sub)], "")
        elif parent_key and _option(columns[parent_key], sub):
            mapping[index] = (parent_key, _option(columns[parent_key], sub))
        else:
            unknown.append(f"{parent}/{sub}" if parent else sub)
    return mapping, list(dict.fromkeys(unknown))


def _option(column: Column, text: str) -> str:
    wanted = _key(text)
    return next((option for option in column.options if _key(option) == wanted), "")


def _read_row(grid: Grid, line: int, mapping, previous: dict[str, str], problems, columns) -> Row | None:
    own = [grid.own(line, index) for index in mapping if grid.own(line, index)]
    if not own or (len(own) == 1 and NOTE.match(own[0])):
        return None  # blank, reached only by a merge from above, or a note under the table
    cells = grid.row(line)
    values: dict[str, str] = {}
    marks: dict[str, list[str]] = {}
    repeated: set[str] = set()
    for index, (key, option) in mapping.items():
        text = cells[index]
        if SAME_AS_ABOVE.match(text):
            if key not in previous:
                problems.append(Problem(line, "为“同上”，但上方没有可重复的内容", columns[key].labels[0]))
                continue
            if option:
                repeated.add(key)  # a marked sub-column says 同上: the parent's whole value repeats
                continue
            text = previous[key]
        if option:
            selected = marks.setdefault(key, [])
            if _mark(text):
                selected.append(_mark(text) + option)
            continue
        values[key] = text
    for key, selected in marks.items():
        values[key] = previous.get(key, "") if key in repeated else " ".join(selected)
    return Row(line, values)


def _mark(text: str) -> str:
    """■ for a required or plain mark (√, ■, 是), □ for an optional one, "" for none (×, 否)."""
    text = text.strip()
    if not text or text[0] in NEGATIVE_MARKS or text in ("否", "无"):
        return ""
    return "□" if text[0] in OPTIONAL_MARKS else "■"


def split_marked(text: str) -> list[tuple[str, bool]]:
    """ "■政府网站 □公示栏" or "政府网站、公示栏" → [(name, required)]: ■/√ or no mark is required,
    □ is optional."""
    items = []
    for part in re.split(r"[、,，;；/\s]+|(?=[■□√✓✔●○☐☑])", unicodedata.normalize("NFKC", text or "")):
        part = part.strip()
        if not part:
            continue
        required = part[0] not in OPTIONAL_MARKS
        name = part.lstrip("".join(REQUIRED_MARKS | OPTIONAL_MARKS)).strip()
        if name:
            items.append((name, required))
    return items
