"""Statistics of the catalogue as a table and as an inline SVG bar chart (no script, no style
attribute: the site's CSP forbids inline code). Pure module."""

from __future__ import annotations

from dataclasses import dataclass


def column_year_table(rows: list[dict]) -> dict:
    """Rows {column, name, year, count} → years, lines per column with counts and shares per year."""
    years = sorted({row["year"] for row in rows if row["year"]})
    year_totals = {year: sum(row["count"] for row in rows if row["year"] == year) for year in years}
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
            share = count / year_totals[year] * 100 if year_totals[year] else 0.0
            cells.append({"year": year, "count": count, "share": round(share, 1)})
        share_total = line["total"] / grand * 100 if grand else 0.0
        table_lines.append({**line, "cells": cells, "share": round(share_total, 1)})
    return {"years": years, "lines": table_lines, "year_totals": year_totals, "total": grand}


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
