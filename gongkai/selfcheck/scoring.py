"""Scoring a self-check with a scheme — pure Python, no Django.

A scheme maps an indicator code to ``{"deduction": points per record, "cap": most points the
indicator can cost (None: no cap), "veto": bool}``. Only a failed indicator costs points; a failed
veto indicator makes the verdict 不合格 whatever the score; otherwise a score below 60 fails
(domain/compliance.md: "any veto → 不合格; otherwise 100-point deductions, < 60 不合格").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

FULL_MARKS = 100.0
PASS_MARK = 60.0


@dataclass(frozen=True)
class Scored:
    score: float
    verdict: str  # "pass" | "fail"
    vetoes: tuple[str, ...]
    deductions: dict[str, float]


def deduction(rule: Mapping | None, status: str, count: int) -> float:
    if not rule or status != "fail":
        return 0.0
    points = float(rule.get("deduction") or 0) * max(count, 1)
    cap = rule.get("cap")
    if cap not in (None, ""):
        points = min(points, float(cap))
    return round(points, 2)


def vetoed(rule: Mapping | None, status: str, veto_reached: bool | None = None) -> bool:
    """A veto indicator vetoes when it fails, or, where its provider names a threshold for the veto
    (``veto_reached`` not None), when that threshold is reached."""
    if not rule or not rule.get("veto") or status != "fail":
        return False
    return True if veto_reached is None else veto_reached


def score(findings: Iterable[tuple], scheme: Mapping[str, Mapping]) -> Scored:
    """``findings``: (code, status, count[, veto_reached]) per indicator."""
    deductions, vetoes = {}, []
    for code, status, count, *rest in findings:
        rule = scheme.get(code)
        deductions[code] = deduction(rule, status, count)
        if vetoed(rule, status, rest[0] if rest else None):
            vetoes.append(code)
    total = max(0.0, round(FULL_MARKS - sum(deductions.values()), 2))
    verdict = "fail" if vetoes or total < PASS_MARK else "pass"
    return Scored(total, verdict, tuple(vetoes), deductions)


def average(scores: Iterable[float]) -> float:
    values = list(scores)
    return round(sum(values) / len(values), 2) if values else FULL_MARKS
