"""Statistics of the catalogue as a table and as an inline SVG bar chart (no script, no style
attribute: the site's CSP forbids inline code). Pure module."""

from __future__ import annotations

from dataclasses import dataclass


def column_year_table(rows: list[dict], items_per_year: dict[int, int]) -> dict:
    """Rows {column, name, year, count} and the number of items per year → years, one line per
    column with counts and shares of the year's items, and the year totals.

    The totals are items, each counted once (``items_per_year``): an item filed under two columns
    is one publication, so the columns' counts may add up to more than the total."""
    years = sorted(year for year in items_per_year if year)
    year_totals = {year: items_per_year[year] for year in years}
    lines: dict[str, dict] = {}
    for row in rows:
        if not row["year"]:
            continue
        line = lines.setdefault(
            row["column"], {"code": row["column"], "name": row["name"], "cells": {}, "total": 0}
        )
        line["cells"][row["year"]] = row["count"]
        line["total"] += row["count"]
    grand = sum(year_totals.values())
    table_lines = []
    for line in sorted(lines.values(), key=lambda entry: (-entry["total"], entry["code"])):
        cells = []
        for year in years:
            count = line["cells"].get(year, 0)
            cells.append({"year": year, "count": count, "share": _share(count, year_totals[year])})
        table_lines.append({**line, "cells": cells, "share": _share(line["total"], grand)})
    return {"years": years, "lines": table_lines, "year_totals": year_totals, "total": grand}


def _share(part: int, whole: int) -> float:
    return round(part / whole * 100, 1) if whole else 0.0


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: int
    y: int
    width: int
    height: int
    label_x: int
    value_y: int


def bar_chart(values: dict, *, height: int = 260, bar_width: int = 48, gap: int = 24) -> dict:
    """Geometry of a bar chart for the template to draw with <rect>/<text> elements."""
    top, bottom = 20, 30
    peak = max(values.values(), default=0) or 1
    bars = []
    for position, (label, value) in enumerate(values.items()):
        bar_height = round(value / peak * (height - top - bottom))
        x = gap + position * (bar_width + gap)
        y = height - bottom - bar_height
        bars.append(Bar(str(label), value, x, y, bar_width, bar_height, x + bar_width // 2, y - 5))
    width = gap + len(bars) * (bar_width + gap)
    return {
        "bars": bars,
        "width": max(width, 120),
        "height": height,
        "axis_y": height - bottom,
        "label_y": height - 10,
    }
