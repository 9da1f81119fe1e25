"""What the solicitation services share: the period check on the agency's calendar, screening,
and the state derived from the dates."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.solicitation import periods
from gongkai.solicitation.models import Solicitation
from gongkai.workdays.selectors import workdays
from gongkai.workdays.wording import unconfirmed_year_label, who_confirms

HELPERS = ("local_today", "period_check", "require_period", "locked", "screening_findings", "require_on")


class PublicCommenter:
    """The actor of a comment sent through the portal: a member of the public, not an account."""

    pk = None
    is_authenticated = False

    def get_username(self) -> str:
        return "public"


PUBLIC = PublicCommenter()


def local_today() -> dt.date:
    return timezone.localdate()


def require_on(on: dt.date, today: dt.date) -> dt.date:
    """Acts are dated on or before today: nothing is recorded as done on a day still to come."""
    if on > today:
        raise RuleViolation(
            "date_in_future", "日期不能晚于今天", {"date": on.isoformat(), "today": today.isoformat()}
        )
    return on


def period_check(solicitation: Solicitation, opens_on: dt.date | None = None) -> periods.PeriodCheck:
    calendar = workdays(solicitation.agency.region).calendar
    return periods.check_period(
        solicitation.kind, opens_on or solicitation.opens_on, solicitation.closes_on, calendar
    )


def require_period(solicitation: Solicitation, opens_on: dt.date | None = None) -> periods.PeriodCheck:
    """A period known to be shorter than the minimum needs a published reason (713号令 Art. 15:
    "因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明")."""
    if solicitation.closes_on < (opens_on or solicitation.opens_on):
        raise InvalidInput("invalid_period", "征求意见截止日期不能早于开始日期")
    check = period_check(solicitation, opens_on)
    if check.short and not solicitation.shortened_reason:
        minimum = periods.MINIMUM_PERIODS[periods.Kind(solicitation.kind)]
        earliest = check.min_closes_on.isoformat() if check.min_closes_on else None
        if earliest:
            when = f"，截止日期最早为{earliest}"
        else:
            # Known to be short whatever the calendar says, but the earliest day needs a year nobody
            # confirmed: say so rather than leave the date out silently.
            year = unconfirmed_year_label(check.unknown_year)
            when = f"，因{year}节假日安排尚未确认，暂无法计算最早截止日期（{who_confirms(year, '计算')[:-1]}）"
        raise InvalidInput(
            "period_too_short",
            f"{solicitation.kind_label}征求意见期限一般不少于{minimum.label}（{minimum.source}）"
            + when
            + "；确需缩短的，须说明理由并随征求意见稿公布",
            {"min_closes_on": earliest, "unknown_year": check.unknown_year},
        )
    return check


def locked(solicitation: Solicitation) -> Solicitation:
    """The row, re-read under a lock: two people acting at once are serialised."""
    return Solicitation.objects.select_for_update().select_related("agency").get(pk=solicitation.pk)


def screening_findings(texts: list[tuple[str, str]], today: dt.date) -> list[dict]:
    """Blocking personal-data or secret-marker findings in what is about to go public."""
    from gongkai.screening.detectors import blocking, scan

    findings = []
    for field, text in texts:
        for finding in blocking(scan(text or "", today=today)):
            findings.append(
                {"kind": finding.kind, "start": finding.start, "end": finding.end, "masked": finding.masked,
                 "severity": finding.severity, "field": field}
            )  # fmt: skip
    return findings
