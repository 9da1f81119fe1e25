"""The printed layout of tables 2–4 as in the national format, with merged cells — pure Python.

Each table becomes a grid: a list of rows, each a list of ``Cell``s with row and column spans, as an
HTML table would be written. The HTML page, the DOCX and the XLSX all render these same grids, so
the three outputs cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from gongkai.reports.tables import (
    APPLICANT_COLUMNS,
    OUTCOME_ROWS,
    REVIEW_COLUMNS,
    TABLE2_ROWS,
)


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    number: bool = False
    column_heading: bool = False  # heads the column below it (else a one-column heading heads its row)


def _h(text: str, rowspan: int = 1, colspan: int = 1, *, column: bool = False) -> Cell:
    return Cell(text, rowspan, colspan, header=True, column_heading=column)


def _n(value, colspan: int = 1) -> Cell:
    return Cell(format_number(value), 1, colspan, number=True)


def format_number(value) -> str:
    if isinstance(value, float | Decimal):
        text = f"{Decimal(str(value)):.4f}".rstrip("0").rstrip(".")
        return text or "0"
    return str(value)


def proactive_grid(table: Mapping[str, Mapping]) -> list[list[Cell]]:
    """Table 2: one block per item of Art. 20, each with its own heading row."""
    grid: list[list[Cell]] = []
    previous_item = None
    for group, label, item, columns in TABLE2_ROWS:
        if item != previous_item:
            grid.append([_h(item, colspan=4)])
            if len(columns) == 1:
                grid.append([_h("信息内容", column=True), _h(columns[0][1], colspan=3, column=True)])
            else:
                grid.append([_h("信息内容", column=True), *[_h(name, column=True) for _, name in columns]])
            previous_item = item
        if len(columns) == 1:
            grid.append([_h(label), _n(table[group][columns[0][0]], colspan=3)])
        else:
            grid.append([_h(label), *[_n(table[group][key]) for key, _ in columns]])
    return grid


def applications_grid(rows: Mapping[str, Mapping[str, int]]) -> list[list[Cell]]:
    """Table 3 with the format's three header rows and the grouped outcome labels."""
    columns = [key for key, _ in APPLICANT_COLUMNS] + ["total"]

    def numbers(key: str) -> list[Cell]:
        return [_n(rows[key][column]) for column in columns]

    grid = [
        [
            _h("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            _h("申请人情况", 1, 7),
        ],
        [_h("自然人", 2), _h("法人或其他组织", 1, 5), _h("总计", 2)],
        [_h(name) for _, name in APPLICANT_COLUMNS[1:]],
        [_h("一、本年新收政府信息公开申请数量", 1, 3), *numbers("new")],
        [_h("二、上年结转政府信息公开申请数量", 1, 3), *numbers("carried_over")],
    ]
    section_sizes: dict[str, int] = {}
    for _, section, _ in OUTCOME_ROWS:
        section_sizes[section] = section_sizes.get(section, 0) + 1
    result_rows = len(OUTCOME_ROWS) + 1  # plus （七）总计
    seen: set[str] = set()
    for index, (key, section, label) in enumerate(OUTCOME_ROWS):
        row: list[Cell] = []
        if index == 0:
            row.append(_h("三、本年度办理结果", result_rows))
        if not label:
            row.append(_h(section, 1, 2))
        else:
            if section not in seen:
                row.append(_h(section, section_sizes[section]))
                seen.add(section)
            row.append(_h(label))
        grid.append([*row, *numbers(key)])
    grid.append([_h("（七）总计", 1, 2), *numbers("concluded_total")])
    grid.append([_h("四、结转下年度继续办理", 1, 3), *numbers("carried_forward")])
    return grid


def review_grid(table: Mapping[str, Mapping[str, int]]) -> list[list[Cell]]:
    """Table 4: review, then litigation split into direct and after-review suits."""
    names = [name for _, name in REVIEW_COLUMNS]
    keys = [key for key, _ in REVIEW_COLUMNS]
    return [
        [_h("行政复议", 1, 5), _h("行政诉讼", 1, 10)],
        [*[_h(name, 2) for name in names], _h("未经复议直接起诉", 1, 5), _h("复议后起诉", 1, 5)],
        [*[_h(name) for name in names], *[_h(name) for name in names]],
        [
            _n(table[group][key])
            for group in ("review", "litigation_direct", "litigation_after_review")
            for key in keys
        ],
    ]


def grid_width(grid: list[list[Cell]]) -> int:
    return sum(cell.colspan for cell in grid[0])


def placed(grid: list[list[Cell]]) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) of every cell, with positions taken by row spans skipped, as a browser
    lays out an HTML table. Used by the DOCX and XLSX writers to merge ranges."""
    taken: set[tuple[int, int]] = set()
    result = []
    for row_index, row in enumerate(grid):
        column = 0
        for cell in row:
            while (row_index, column) in taken:
                column += 1
            result.append((row_index, column, cell))
            for r in range(row_index, row_index + cell.rowspan):
                for c in range(column, column + cell.colspan):
                    taken.add((r, c))
            column += cell.colspan
    return result
