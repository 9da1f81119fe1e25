"""Two small charts as inline SVG, drawn on the server (the CSP forbids inline scripts and styles;
SVG presentation attributes are neither). Pure Python; the output is escaped markup."""

from __future__ import annotations

from html import escape

from gongkai.reports.tables import OUTCOME_ROWS

BAR = "#b3261e"
AXIS = "#555555"
OUTCOME_GROUPS = [
    ("disclosed", "予以公开"),
    ("partially_disclosed", "部分公开"),
    ("withheld", "不予公开"),
    ("unable", "无法提供"),
    ("not_processed", "不予处理"),
    ("other", "其他处理"),
]


def outcome_groups(rows: dict) -> list[tuple[str, int]]:
    totals = dict.fromkeys((key for key, _ in OUTCOME_GROUPS), 0)
    for key, _, _ in OUTCOME_ROWS:
        totals[key.split(".")[0]] += rows[key]["total"]
    return [(label, totals[key]) for key, label in OUTCOME_GROUPS]


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def outcomes_chart(rows: dict, year: int) -> str:
    """Horizontal bars: applications concluded in the year by kind of outcome."""
    data = outcome_groups(rows)
    width, label_width, bar_height, gap = 560, 100, 22, 10
    peak = max([value for _, value in data] + [1])
    usable = width - label_width - 60
    body = []
    for index, (label, value) in enumerate(data):
        y = 10 + index * (bar_height + gap)
        length = round(usable * value / peak)
        body.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" font-size="13" fill="{AXIS}">'
            f"{escape(label)}</text>"
            f'<rect x="{label_width}" y="{y}" width="{length}" height="{bar_height}" fill="{BAR}"/>'
            f'<text x="{label_width + length + 6}" y="{y + 16}" font-size="13" fill="#222222">{value}</text>'
        )
    height = 20 + len(data) * (bar_height + gap)
    return _svg(width, height, f"{year}年办理结果分布", body)


def monthly_chart(months: list[int], year: int) -> str:
    """Vertical bars: applications received per month."""
    width, height, left, bottom, top = 560, 230, 36, 34, 26
    peak = max([*months, 1])
    slot = (width - left - 8) / 12
    usable = height - top - bottom
    body = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 4}" y2="{height - bottom}" '
        f'stroke="{AXIS}" stroke-width="1"/>'
    ]
    for index, value in enumerate(months):
        bar = round(usable * value / peak)
        minor = ' class="minor"' if index % 2 else ""  # 2月, 4月…: left out on a narrow screen
        x = left + index * slot + slot * 0.15
        y = height - bottom - bar
        body.append(
            f'<rect x="{x:.1f}" y="{y}" width="{slot * 0.7:.1f}" height="{bar}" fill="{BAR}"/>'
            f'<text x="{x + slot * 0.35:.1f}" y="{height - 10}" text-anchor="middle" font-size="12" '
            f'fill="{AXIS}"{minor}>{index + 1}月</text>'
        )
        if value:
            body.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{y - 4}" text-anchor="middle" font-size="11" '
                f'fill="#222222">{value}</text>'
            )
    return _svg(width, height, f"{year}年各月新收申请数量", body)
