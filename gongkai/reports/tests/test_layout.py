"""The printed grids of tables 2–4: every row spans the full width, merges land where the format has them."""

import pytest

from gongkai.reports import charts, layout, tables


def _width_by_row(grid):
    widths = {}
    for row, _column, cell in layout.placed(grid):
        for r in range(row, row + cell.rowspan):
            widths[r] = widths.get(r, 0) + cell.colspan
    return widths


@pytest.mark.parametrize(
    "grid",
    [
        layout.proactive_grid(tables.proactive_table({})),
        layout.applications_grid(tables.applications_table({})),
        layout.review_grid(tables.review_table({})),
    ],
)
def test_every_row_of_every_grid_fills_the_table_width(grid):
    width = layout.grid_width(grid)
    assert set(_width_by_row(grid).values()) == {width}


def test_applications_grid_has_the_format_rows_and_ten_columns():
    rows = tables.applications_table({("new", "commercial"): 4, ("disclosed", "commercial"): 3})
    grid = layout.applications_grid(rows)
    assert layout.grid_width(grid) == 10
    assert len(grid) == 3 + len(tables.TABLE3_KEYS)
    new_row = [cell.text for cell in grid[3]]
    assert new_row == ["一、本年新收政府信息公开申请数量", "0", "4", "0", "0", "0", "0", "4"]
    withheld_head = [cell for cell in layout.placed(grid) if cell[2].text == "（三）不予公开"]
    assert withheld_head[0][2].rowspan == 8


def test_review_grid_puts_fifteen_figures_under_three_groups():
    table = tables.review_table({("litigation_direct", "pending"): 2})
    grid = layout.review_grid(table)
    figures = [cell.text for cell in grid[-1]]
    assert len(figures) == 15
    assert figures[5:10] == ["0", "0", "0", "2", "2"]


def test_fee_amount_prints_without_trailing_zeros():
    assert layout.format_number(12.5) == "12.5"
    assert layout.format_number(0.0) == "0"
    assert layout.format_number(3) == "3"


def test_charts_are_plain_svg_without_scripts_or_inline_styles():
    rows = tables.applications_table(
        {("disclosed", "natural_person"): 5, ("withheld.third_party", "research"): 2}
    )
    for svg in (charts.outcomes_chart(rows, 2026), charts.monthly_chart([1, 0, 3] + [0] * 9, 2026)):
        assert svg.startswith("<svg") and "<title>" in svg
        assert "<script" not in svg and "style=" not in svg
    assert dict(charts.outcome_groups(rows)) == {
        "予以公开": 5,
        "部分公开": 0,
        "不予公开": 2,
        "无法提供": 0,
        "不予处理": 0,
        "其他处理": 0,
    }
