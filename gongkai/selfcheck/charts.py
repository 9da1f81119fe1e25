"""The trend of an agency's score as an SVG polyline (no script, no inline style: CSP)."""

from __future__ import annotations

WIDTH, HEIGHT, PAD = 600, 160, 24


def trend_svg(snapshots) -> dict | None:
    """Points and labels for ``templates/selfcheck/_trend.html``; None with fewer than two days."""
    snapshots = list(snapshots)
    if len(snapshots) < 2:
        return None
    step = (WIDTH - 2 * PAD) / (len(snapshots) - 1)

    def y(score: float) -> float:
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * max(0.0, min(score, 100.0)) / 100, 1)

    points = [(round(PAD + index * step, 1), y(s.score), s) for index, s in enumerate(snapshots)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "polyline": " ".join(f"{x},{py}" for x, py, _ in points),
        "points": points,
        "pass_y": y(60),
        "first": snapshots[0].date,
        "last": snapshots[-1].date,
        "left": PAD,
        "right": WIDTH - PAD,
    }
