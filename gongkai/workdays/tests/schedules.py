"""The State Council's 2024–2026 schedules exactly as domain/calendar.md lists them (test oracle)."""

import datetime as dt


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def span(first: str, last: str) -> list[dt.date]:
    start, end = d(first), d(last)
    return [start + dt.timedelta(days=offset) for offset in range((end - start).days + 1)]


# (festival name, first day, last day) and make-up working days, per year.
HOLIDAYS = {
    2024: [
        ("元旦", "2024-01-01", "2024-01-01"),
        ("春节", "2024-02-10", "2024-02-17"),
        ("清明节", "2024-04-04", "2024-04-06"),
        ("劳动节", "2024-05-01", "2024-05-05"),
        ("端午节", "2024-06-10", "2024-06-10"),
        ("中秋节", "2024-09-15", "2024-09-17"),
        ("国庆节", "2024-10-01", "2024-10-07"),
    ],
    2025: [
        ("元旦", "2025-01-01", "2025-01-01"),
        ("春节", "2025-01-28", "2025-02-04"),
        ("清明节", "2025-04-04", "2025-04-06"),
        ("劳动节", "2025-05-01", "2025-05-05"),
        ("端午节", "2025-05-31", "2025-06-02"),
        (None, "2025-10-01", "2025-10-08"),
    ],  # 国庆+中秋
    2026: [
        ("元旦", "2026-01-01", "2026-01-03"),
        ("春节", "2026-02-15", "2026-02-23"),
        ("清明节", "2026-04-04", "2026-04-06"),
        ("劳动节", "2026-05-01", "2026-05-05"),
        ("端午节", "2026-06-19", "2026-06-21"),
        ("中秋节", "2026-09-25", "2026-09-27"),
        ("国庆节", "2026-10-01", "2026-10-07"),
    ],
}
MAKEUP_DAYS = {
    2024: [
        "2024-02-04",
        "2024-02-18",
        "2024-04-07",
        "2024-04-28",
        "2024-05-11",
        "2024-09-14",
        "2024-09-29",
        "2024-10-12",
    ],
    2025: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
    2026: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
}


def holiday_dates(year: int) -> dict[dt.date, str | None]:
    return {day: name for name, first, last in HOLIDAYS[year] for day in span(first, last)}


def makeup_dates(year: int) -> set[dt.date]:
    return {d(text) for text in MAKEUP_DAYS[year]}
