"""Working-day endpoints, checked against the State Council notices (domain/calendar.md)."""

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.testing import ApiClient, error_code
from gongkai.workdays.tests.schedules import HOLIDAYS, MAKEUP_DAYS, span

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("year", "name", "first", "last"),
    [(year, name, first, last) for year, rows in HOLIDAYS.items() for name, first, last in rows],
)
def test_every_holiday_of_the_notices(year, name, first, last):
    client = ApiClient()
    for day in span(first, last):
        body = client.get(f"/workdays/{day}").json()
        assert body["is_workday"] is False and body["kind"] == "holiday", day
        if name:
            assert body["name"] == name


@pytest.mark.parametrize("day", [day for days in MAKEUP_DAYS.values() for day in days])
def test_every_make_up_day_of_the_notices(day):
    body = ApiClient().get(f"/workdays/{day}").json()
    assert body == {
        "date": day,
        "is_workday": True,
        "kind": "makeup_workday",
        "name": body["name"],
        "region": "",
    }
    assert body["name"].endswith("调休")


def test_ordinary_days():
    client = ApiClient()
    assert client.get("/workdays/2026-03-03").json()["kind"] == "weekday"
    weekend = client.get("/workdays/2026-03-07").json()
    assert weekend["kind"] == "weekend" and weekend["is_workday"] is False and weekend["name"] is None


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2026-02-10", 1, "2026-02-11"),
        ("2026-02-12", 2, "2026-02-14"),
        ("2026-02-13", 2, "2026-02-24"),
        ("2025-09-26", 3, "2025-09-30"),
        ("2025-09-29", 3, "2025-10-10"),
        ("2026-02-10", 20, "2026-03-16"),
        ("2024-02-08", 5, "2024-02-21"),
        ("2024-09-27", 2, "2024-09-30"),
        ("2024-09-30", 1, "2024-10-08"),
    ],
)
def test_add(start, days, expected):
    response = ApiClient().get("/workdays/add", start=start, days=days)
    assert response.status_code == 200
    assert response.json() == {"start": start, "days": days, "date": expected, "region": ""}


def test_count():
    body = ApiClient().get("/workdays/count", start="2026-02-10", end="2026-03-16").json()
    assert body == {"start": "2026-02-10", "end": "2026-03-16", "count": 20, "region": ""}
    assert ApiClient().get("/workdays/count", start="2026-03-16", end="2026-02-10").json()["count"] == -20


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        ("/workdays/add", {"start": "2026-02-10", "days": 0}, 422, "validation_error"),
        ("/workdays/add", {"start": "2026-02-30", "days": 1}, 422, "validation_error"),
        ("/workdays/add", {"days": 1}, 422, "validation_error"),
        ("/workdays/add", {"start": "2026-12-20", "days": 20}, 409, "calendar_not_confirmed"),
        ("/workdays/count", {"start": "2026-12-01", "end": "2027-01-10"}, 409, "calendar_not_confirmed"),
        ("/workdays/2027-01-04", {}, 409, "calendar_not_confirmed"),
        ("/workdays/not-a-date", {}, 422, "validation_error"),
        # The last representable date: nothing after it is confirmed (was a 500 OverflowError).
        ("/workdays/add", {"start": "9999-12-31", "days": 1}, 409, "calendar_not_confirmed"),
        (
            "/workdays/add",
            {"start": "2026-02-10", "days": 1, "region": "nowhere"},
            409,
            "calendar_not_confirmed",
        ),
    ],
)
def test_errors(path, params, status, code):
    response = ApiClient().get(path, **params)
    assert response.status_code == status, response.content
    assert error_code(response) == code


def test_unconfirmed_error_names_the_year():
    body = ApiClient().get("/workdays/add", start="2026-12-20", days=20).json()
    assert body["error"]["details"] == {"year": 2027, "region": ""}
    assert "2027" in body["error"]["message"]


NOTICE_2027 = {
    "source": "国办发明电〔2026〕测试号",
    "holidays": [
        {"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"},
        {"name": "春节", "start": "2027-02-06", "end": "2027-02-13"},
    ],
    "makeup_days": [{"date": "2027-02-14", "name": "春节调休"}],
}


def test_office_confirms_next_year_and_deadlines_cross_into_it(api):
    response = api("office").put("/workdays/years/2027", NOTICE_2027)
    assert response.status_code == 200, response.content
    assert response.json()["year"] == 2027 and len(response.json()["days"]) == 3 + 8 + 1
    # 2026-12-31 (Thu) + 1 → Jan 1–3 holiday → Monday Jan 4.
    assert api().get("/workdays/add", start="2026-12-31", days=1).json()["date"] == "2027-01-04"
    assert api().get("/workdays/2027-02-14").json()["kind"] == "makeup_workday"
    event = AuditEvent.objects.get(action="calendar.confirm_year")
    assert event.actor_label == "office" and event.data["year"] == 2027


def test_correcting_a_year_replaces_its_days(api):
    api("office").put("/workdays/years/2027", NOTICE_2027)
    corrected = {
        **NOTICE_2027,
        "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-01"}],
        "makeup_days": [],
    }
    assert api("office").put("/workdays/years/2027", corrected).status_code == 200
    assert api().get("/workdays/2027-02-08").json()["kind"] == "weekday"
    assert api().get("/workdays/2027-01-02").json()["kind"] == "weekend"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"makeup_days": [{"date": "2027-02-15", "name": "周一"}]}, "makeup_not_weekend"),
        ({"holidays": [{"name": "春节", "start": "2027-02-13", "end": "2027-02-06"}]}, "invalid_holiday"),
        ({"holidays": [{"name": "春节", "start": "2028-02-06", "end": "2028-02-08"}]}, "date_outside_year"),
        (
            {
                "holidays": [
                    {"name": "甲", "start": "2027-05-01", "end": "2027-05-02"},
                    {"name": "乙", "start": "2027-05-02", "end": "2027-05-03"},
                ]
            },
            "duplicate_day",
        ),
    ],
)
def test_bad_schedules_are_refused_and_nothing_changes(api, change, code):
    response = api("office").put("/workdays/years/2027", {**NOTICE_2027, **change})
    assert response.status_code == 422
    assert error_code(response) == code
    assert api().get("/workdays/2027-01-04").status_code == 409  # 2027 still unconfirmed


def test_only_the_disclosure_office_confirms(api):
    response = api("admin_a").put("/workdays/years/2027", NOTICE_2027)
    assert response.status_code == 403 and error_code(response) == "office_required"
    assert api().put("/workdays/years/2027", NOTICE_2027).status_code == 401


def test_regional_calendar(api):
    regional = {
        "region": "xz",
        "source": "自治区人民政府令",
        "holidays": [{"name": "藏历新年", "start": "2026-02-18", "end": "2026-02-26"}],
        "makeup_days": [],
    }
    assert api("office").put("/workdays/years/2026", regional).status_code == 200
    assert api().get("/workdays/2026-02-25", region="xz").json()["kind"] == "holiday"
    assert api().get("/workdays/2026-02-25").json()["kind"] == "weekday"
    assert api().get("/workdays/add", start="2026-02-13", days=2, region="xz").json()["date"] == "2026-02-27"
    # The region has not confirmed 2025: no guessing there.
    response = api().get("/workdays/2025-06-03", region="xz")
    assert error_code(response) == "calendar_not_confirmed"
    assert response.json()["error"]["details"] == {"year": 2025, "region": "xz"}


def test_years_listing_is_public(api):
    years = api().get("/workdays/years", region="").json()
    by_year = {entry["year"]: entry for entry in years}
    assert {2024, 2025, 2026} <= set(by_year)
    assert any(day["name"] == "春节" for day in by_year[2026]["days"])
