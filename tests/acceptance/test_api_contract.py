"""The API contract (/work/shared/API.md) driven from outside, as an integrator would.

Bootstrap exactly as the contract says: a superuser created by ``createsuperuser --noinput`` with
``DJANGO_SUPERUSER_PASSWORD``, a token printed by ``manage.py api_token admin``, agencies created by
``POST /agencies``; everything else only through HTTP. Expected dates are worked out by hand from
the State Council holiday notices for 2024–2026 (domain/calendar.md); each is explained where
it is not obvious.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.core.management import call_command
from django.test import Client

from gongkai.testing import frozen_instant

pytestmark = pytest.mark.django_db

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$")


class Http:
    """A bare HTTP client for /api/v1 with an optional bearer token."""

    def __init__(self, token: str | None = None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params):
        return self.client.get("/api/v1" + path, params, **self.headers)

    def post(self, path: str, body=None):
        return self.client.post(
            "/api/v1" + path, json.dumps(body or {}), content_type="application/json", **self.headers
        )

    def put(self, path: str, body=None):
        return self.client.put(
            "/api/v1" + path, json.dumps(body or {}), content_type="application/json", **self.headers
        )


def ok(response, status: int = 200):
    assert response.status_code == status, (response.status_code, response.content[:2000])
    return response.json()


def error(response, status: int, code: str | None = None) -> dict:
    """Assert the contract's error format and return the error object."""
    assert response.status_code == status, (response.status_code, response.content[:2000])
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    assert isinstance(body["error"]["code"], str) and body["error"]["code"]
    assert re.search(r"[\u4e00-\u9fff]", body["error"]["message"]), body  # 中文说明
    assert isinstance(body["error"]["details"], dict)
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]


def superuser_token(username: str = "admin") -> str:
    call_command(
        "createsuperuser",
        "--noinput",
        "--username",
        username,
        "--email",
        "a@example.com",
        stdout=io.StringIO(),
    )
    out = io.StringIO()
    call_command("api_token", username, stdout=out)
    token = out.getvalue().strip()
    assert token and "\n" not in token and " " not in token
    return token


@pytest.fixture
def admin(monkeypatch) -> Http:
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Acceptance-Pa55word!")
    return Http(superuser_token())


@pytest.fixture
def agencies(admin) -> dict:
    """city government with two departments; edu has its own organisation code for 索引号."""
    city = ok(admin.post("/agencies", {"code": "city", "name": "某市人民政府"}), 201)
    edu = ok(
        admin.post(
            "/agencies",
            {"code": "edu", "name": "某市教育局", "parent": "city", "index_prefix": "003111216"},
        ),
        201,
    )
    health = ok(
        admin.post("/agencies", {"code": "health", "name": "某市卫生健康委员会", "parent": "city"}), 201
    )
    return {"city": city, "edu": edu, "health": health}


# ---------------------------------------------------------------- agencies


def test_agencies_created_with_parent_and_default_index_prefix(admin, agencies):
    assert {k: agencies["city"][k] for k in ("code", "name", "parent", "index_prefix")} == {
        "code": "city",
        "name": "某市人民政府",
        "parent": None,
        "index_prefix": "city",
    }
    assert agencies["edu"]["parent"] == "city" and agencies["edu"]["index_prefix"] == "003111216"
    assert agencies["health"]["index_prefix"] == "health"
    listed = ok(Http().get("/agencies"))
    assert isinstance(listed, list)
    by_code = {row["code"]: row for row in listed}
    assert set(by_code) >= {"city", "edu", "health"}
    for row in listed:
        assert {"code", "name", "parent", "index_prefix"} <= set(row)


def test_agency_errors(admin, agencies):
    error(admin.post("/agencies", {"code": "city", "name": "重复"}), 409)
    error(admin.post("/agencies", {"name": "无代码"}), 422, "validation_error")
    error(admin.post("/agencies", {"code": "有中文", "name": "x"}), 422)
    error(Http().post("/agencies", {"code": "anon", "name": "x"}), 401)
    error(Http("not-a-token").post("/agencies", {"code": "anon", "name": "x"}), 401)


# ---------------------------------------------------------------- working days

DAYS = [
    # (date, kind, is_workday, name of the holiday)
    ("2024-01-01", "holiday", False, "元旦"),
    ("2024-02-04", "makeup_workday", True, None),  # Sunday worked for 春节
    ("2024-02-10", "holiday", False, "春节"),  # a Saturday inside the range is a holiday
    ("2024-02-17", "holiday", False, "春节"),
    ("2024-02-18", "makeup_workday", True, None),
    ("2024-04-07", "makeup_workday", True, None),
    ("2024-05-11", "makeup_workday", True, None),
    ("2024-06-10", "holiday", False, "端午节"),
    ("2024-09-14", "makeup_workday", True, None),
    ("2024-09-16", "holiday", False, "中秋节"),
    ("2024-10-12", "makeup_workday", True, None),
    ("2024-10-13", "weekend", False, None),
    ("2025-01-26", "makeup_workday", True, None),
    ("2025-02-04", "holiday", False, "春节"),
    ("2025-02-08", "makeup_workday", True, None),
    ("2025-04-04", "holiday", False, "清明节"),
    ("2025-04-27", "makeup_workday", True, None),
    ("2025-05-05", "holiday", False, "劳动节"),
    ("2025-05-31", "holiday", False, "端午节"),
    ("2025-09-28", "makeup_workday", True, None),
    ("2025-10-01", "holiday", False, "国庆节"),
    ("2025-10-08", "holiday", False, None),
    ("2025-10-11", "makeup_workday", True, None),
    ("2025-10-13", "weekday", True, None),
    ("2026-01-02", "holiday", False, "元旦"),
    ("2026-01-04", "makeup_workday", True, None),
    ("2026-02-14", "makeup_workday", True, None),
    ("2026-02-23", "holiday", False, "春节"),
    ("2026-02-28", "makeup_workday", True, None),
    ("2026-05-09", "makeup_workday", True, None),
    ("2026-06-19", "holiday", False, "端午节"),
    ("2026-09-20", "makeup_workday", True, None),
    ("2026-09-25", "holiday", False, "中秋节"),
    ("2026-10-10", "makeup_workday", True, None),
    ("2026-11-28", "weekend", False, None),
    ("2026-11-30", "weekday", True, None),
]


def test_workday_kinds_follow_the_state_council_notices():
    api = Http()
    for day, kind, is_workday, name in DAYS:
        body = ok(api.get(f"/workdays/{day}"))
        assert body["date"] == day and body["kind"] == kind and body["is_workday"] is is_workday, body
        if name:
            assert body["name"] == name, body


ADDS = [
    ("2026-02-10", 1, "2026-02-11"),
    ("2026-02-12", 2, "2026-02-14"),
    ("2026-02-13", 2, "2026-02-24"),
    ("2025-09-26", 3, "2025-09-30"),
    ("2025-09-29", 3, "2025-10-10"),
    ("2026-02-10", 20, "2026-03-16"),
    # Sep 29 (Sun, make-up) 1, Sep 30 2, Oct 1–7 holiday, Oct 8–11 6, Oct 12 (Sat, make-up) 7.
    ("2024-09-27", 7, "2024-10-12"),
    ("2024-02-08", 20, "2024-03-13"),
    ("2025-12-24", 20, "2026-01-22"),  # across the year end: Jan 1–3 holiday, Jan 4 (Sun) worked
    ("2024-10-01", 1, "2024-10-08"),  # counting starts the next day even from a holiday
]


def test_add_and_count_working_days():
    api = Http()
    for start, days, date in ADDS:
        body = ok(api.get("/workdays/add", start=start, days=days))
        assert (body["start"], body["days"], body["date"]) == (start, days, date)
        counted = ok(api.get("/workdays/count", start=start, end=date))
        assert (counted["start"], counted["end"], counted["count"]) == (start, date, days)
    # (2025-01-24, 2025-02-10]: Jan 26 (Sun, make-up), Jan 27, Feb 5, 6, 7, Feb 8 (Sat, make-up), Feb 10.
    assert ok(api.get("/workdays/count", start="2025-01-24", end="2025-02-10"))["count"] == 7
    assert ok(api.get("/workdays/count", start="2026-03-02", end="2026-03-02"))["count"] == 0


def test_working_day_errors():
    api = Http()
    error(api.get("/workdays/add", start="2026-02-10", days=0), 422)
    error(api.get("/workdays/add", start="2026-02-30", days=1), 422)
    error(api.get("/workdays/not-a-date"), 422)
    error(api.get("/workdays/add", start="2026-12-20", days=20), 409, "calendar_not_confirmed")
    error(api.get("/workdays/add", start="9999-12-31", days=1), 409, "calendar_not_confirmed")


# ---------------------------------------------------------------- applications

PERSON = {
    "type": "natural_person",
    "name": "张三",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "email": "zhangsan@example.com",
    "address": "某市某区某路1号",
}
COMPANY = {
    "type": "commercial",
    "name": "李四",
    "org_name": "某某科技有限公司",
    "org_code": "91350100M000100Y43",
    "phone": "0591-87654321",
}
DETAIL_KEYS = {
    "id",
    "tracking_code",
    "agency",
    "channel",
    "applicant_type",
    "state",
    "received_on",
    "due_on",
    "days_left",
    "paused",
    "outcome",
    "replied_on",
    "fee",
    "events",
}


def apply(admin, *, channel="in_person", received_on=None, agency="edu", applicant=PERSON, **extra) -> dict:
    body = {
        "agency": agency,
        "applicant": applicant,
        "description": "请公开2025年度某市中小学校舍维修经费的使用明细",
        "purpose": "研究",
        "format": "electronic",
        "delivery": "email",
        "channel": channel,
        **extra,
    }
    if received_on:
        body["received_on"] = received_on
    created = ok(admin.post("/applications", body), 201)
    assert isinstance(created["id"], int) and created["tracking_code"]
    return created


def act(admin, app_id, action, date, **fields) -> dict:
    return ok(admin.post(f"/applications/{app_id}/actions/{action}", {"date": date, **fields}))


def refused(admin, app_id, action, date, code=None, status=409, **fields) -> dict:
    return error(
        admin.post(f"/applications/{app_id}/actions/{action}", {"date": date, **fields}), status, code
    )


def show(admin, app_id) -> dict:
    body = ok(admin.get(f"/applications/{app_id}"))
    assert set(body) >= DETAIL_KEYS, DETAIL_KEYS - set(body)
    return body


def test_in_person_application_has_the_worked_example_deadline(admin, agencies):
    created = apply(admin, received_on="2026-02-10")
    assert created["state"] == "received"
    body = show(admin, created["id"])
    assert body["channel"] == "in_person" and body["applicant_type"] == "natural_person"
    assert body["agency"] == "edu" and body["received_on"] == "2026-02-10"
    assert body["due_on"] == "2026-03-16"  # domain/applications.md hand-worked example
    assert body["paused"] is False and body["outcome"] is None and body["replied_on"] is None
    assert body["fee"] is None
    today_count = ok(Http().get("/workdays/count", start=_today(), end="2026-03-16"))["count"]
    assert body["days_left"] == today_count < 0  # long overdue by now
    assert body["events"] and {"action", "date", "by", "data"} <= set(body["events"][0])
    assert all(DATE.match(event["date"]) for event in body["events"])
    assert TIMESTAMP.match(body["created_at"]), body["created_at"]  # times carry their offset


def _today() -> str:
    """The date the suite's clock is frozen at (root conftest.py)."""
    from gongkai.testing import TODAY

    return TODAY.isoformat()


def test_registered_post_needs_the_signing_date_and_other_channels_wait_for_confirmation(admin, agencies):
    error(
        admin.post(
            "/applications",
            {"agency": "edu", "applicant": PERSON, "description": "某文件", "channel": "in_person"},
        ),
        422,
    )
    signed = apply(admin, channel="registered_post", received_on="2025-09-26")
    assert show(admin, signed["id"])["due_on"] == "2025-10-30"
    for channel in ("online", "fax", "post"):
        created = apply(admin, channel=channel)
        body = show(admin, created["id"])
        assert body["state"] == "submitted" and body["received_on"] is None and body["due_on"] is None
        # Sep 28 (Sun, make-up) 1, Sep 29–30 3, Oct 1–8 holiday, Oct 9–11 6 (Oct 11 Sat make-up),
        # Oct 13–17 11, Oct 20–24 16, Oct 27–30 20.
        body = act(admin, created["id"], "confirm_receipt", "2025-09-26")
        assert body["state"] == "received" and body["received_on"] == "2025-09-26"
        assert body["due_on"] == "2025-10-30"
        refused(admin, created["id"], "confirm_receipt", "2025-09-27", "action_not_allowed")


def test_staff_registration_needs_only_the_contracts_required_applicant_fields(admin, agencies):
    for kind in ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"):
        created = apply(
            admin,
            received_on="2026-02-10",
            applicant={"type": kind, "name": "申请人", "phone": "13800138000"},
        )
        body = show(admin, created["id"])
        assert body["applicant_type"] == kind and body["due_on"] == "2026-03-16"


@pytest.mark.today("2026-02-12")
def test_online_submission_is_public_and_tracked_without_personal_data(admin, agencies, time_machine):
    anonymous = Http()
    created = ok(
        anonymous.post(
            "/public/applications",
            {
                "agency": "edu",
                "applicant": PERSON,
                "description": "请公开某校2025年招生计划",
                "format": "paper",
                "delivery": "post",
            },
        ),
        201,
    )
    assert set(created) >= {"id", "tracking_code", "state"} and created["state"] == "submitted"
    tracked = ok(anonymous.get(f"/public/track/{created['tracking_code']}"))
    assert {"state", "received_on", "due_on", "replied_on", "outcome"} <= set(tracked)
    assert tracked["state"] == "submitted" and tracked["due_on"] is None
    text = json.dumps(tracked, ensure_ascii=False)
    for personal in ("张三", "11010519491231002X", "13800138000", "zhangsan@example.com", "某区某路"):
        assert personal not in text
    # Submitted online on 2026-02-12: receipt cannot be confirmed for an earlier day (issue 11).
    refused(admin, created["id"], "confirm_receipt", "2026-02-11", "date_before_arrival")
    act(admin, created["id"], "confirm_receipt", "2026-02-12")
    time_machine.move_to(frozen_instant(dt.date(2026, 3, 18)), tick=True)
    # Feb 13 1, Feb 14 (Sat, make-up) 2, Feb 15–23 春节, Feb 24–27 6, Feb 28 (Sat) 7, Mar 2–6 12,
    # Mar 9–13 17, Mar 16–18 20.
    act(admin, created["id"], "reply", "2026-03-18", outcome="disclosed")
    tracked = ok(anonymous.get(f"/public/track/{created['tracking_code']}"))
    assert tracked["received_on"] == "2026-02-12" and tracked["due_on"] == "2026-03-18"
    assert tracked["replied_on"] == "2026-03-18" and tracked["outcome"] == "disclosed"
    assert tracked["state"] == "concluded"
    error(anonymous.get("/public/track/NO-SUCH-CODE"), 404)
    error(anonymous.post("/public/applications", {"agency": "edu", "description": "x"}), 422)
    error(
        anonymous.post(
            "/public/applications",
            {"agency": "edu", "applicant": {**PERSON, "type": "alien"}, "description": "x"},
        ),
        422,
    )


def test_correction_restarts_the_clock_within_seven_working_days(admin, agencies):
    # R = 2024-09-27 (Fri): Sep 29 (Sun, make-up) 1, Sep 30 2, Oct 1–7 国庆, Oct 8–11 6,
    # Oct 12 (Sat, make-up) 7 → the latest correction notice is 2024-10-12.
    late = apply(admin, received_on="2024-09-27")
    refused(admin, late["id"], "request_correction", "2024-10-14", "correction_too_late", items=["文件名称"])
    app = apply(admin, received_on="2024-09-27")
    body = act(admin, app["id"], "request_correction", "2024-10-12", items=["请写明文件名称或文号"])
    assert body["state"] == "correction_requested" and body["due_on"] is None
    refused(admin, app["id"], "request_correction", "2024-10-12", items=["再次"])
    refused(admin, app["id"], "reply", "2024-10-13", outcome="disclosed")
    # C = 2024-10-14 (Mon): Oct 15–18 4, Oct 21–25 9, Oct 28–Nov 1 14, Nov 4–8 19, Nov 11 20.
    body = act(admin, app["id"], "receive_correction", "2024-10-14")
    assert body["state"] == "received" and body["due_on"] == "2024-11-11" and body["paused"] is False
    body = act(
        admin, app["id"], "reply", "2024-11-11", outcome="unable.still_unclear", reason="补正后仍不明确"
    )
    assert body["outcome"] == "unable.still_unclear" and body["replied_on"] == "2024-11-11"
    assert body["state"] == "concluded"


def test_correction_lapses_only_after_the_period(admin, agencies):
    app = apply(admin, received_on="2026-02-10")
    # Asked on 2026-02-12 to answer within 10 working days: Feb 13 1, Feb 14 2, Feb 24–27 6,
    # Feb 28 7, Mar 2–4 10 → by 2026-03-04.
    act(admin, app["id"], "request_correction", "2026-02-12", items=["文号"], respond_within_days=10)
    refused(admin, app["id"], "correction_lapsed", "2026-03-04", "correction_not_lapsed")
    body = act(admin, app["id"], "correction_lapsed", "2026-03-05")
    assert body["state"] == "concluded" and body["outcome"] == "other.correction_lapsed"
    refused(admin, app["id"], "reply", "2026-03-06", "action_not_allowed", outcome="disclosed")


def test_consultation_time_is_not_counted(admin, agencies):
    # R = 2025-01-20: base due 2025-02-21. Consultation (2025-01-24, 2025-02-10] = 7 working days
    # (Jan 26 Sun make-up, Jan 27, Feb 5, 6, 7, Feb 8 Sat make-up, Feb 10) → add(R, 27) = 2025-03-04.
    app = apply(admin, received_on="2025-01-20")
    assert show(admin, app["id"])["due_on"] == "2025-02-21"
    body = act(admin, app["id"], "start_consultation", "2025-01-24", third_party="某某科技有限公司")
    assert body["state"] == "in_consultation" and body["paused"] is True and body["due_on"] is None
    body = act(admin, app["id"], "end_consultation", "2025-02-10")
    assert body["paused"] is False and body["due_on"] == "2025-03-04"
    body = act(admin, app["id"], "reply", "2025-03-04", outcome="withheld.third_party", reason="第三方不同意")
    assert body["outcome"] == "withheld.third_party"


def test_extension_once_by_at_most_twenty_days_before_the_due_date(admin, agencies):
    # R = 2026-04-01: base due add(R, 20) = 2026-04-30 (Apr 4–6 清明, May 1–5 劳动节).
    app = apply(admin, received_on="2026-04-01")
    assert show(admin, app["id"])["due_on"] == "2026-04-30"
    refused(admin, app["id"], "extend", "2026-04-20", days=21, reason="太多")
    too_late = apply(admin, received_on="2026-04-01")
    refused(admin, too_late["id"], "extend", "2026-05-06", "extension_too_late", days=20, reason="复杂")
    # add(R, 40): Apr 30 is 20; May 6–8 23, May 9 (Sat, make-up) 24, May 11–15 29, 18–22 34,
    # May 25–29 39, Jun 1 40.
    body = act(admin, app["id"], "extend", "2026-04-30", days=20, reason="需调取档案", approver="王主任")
    assert body["due_on"] == "2026-06-01"
    refused(admin, app["id"], "extend", "2026-05-06", "extension_already_granted", days=5, reason="再延")


def test_fee_wait_is_not_counted_and_payment_resumes_the_clock(admin, agencies):
    # R = 2026-09-01: base due 2026-09-29. Fee notice 2026-09-10, paid 2026-10-12:
    # (Sep 10, Oct 12] = Sep 11, 14–18, Sep 20 (Sun, make-up), 21–24, 28–30, Oct 8, 9, Oct 10
    # (Sat, make-up), Oct 12 = 18 → add(R, 38) = 2026-10-29.
    app = apply(admin, received_on="2026-09-01")
    body = act(admin, app["id"], "fee_notice", "2026-09-10", method="per_page", pages=150)
    assert body["state"] == "awaiting_fee" and body["paused"] is True and body["due_on"] is None
    # 70 pages at 10 yuan + 50 pages at 20 yuan.
    assert body["fee"]["amount"] == 1700
    body = act(admin, app["id"], "fee_paid", "2026-10-12")
    assert body["due_on"] == "2026-10-29" and body["paused"] is False
    body = act(admin, app["id"], "reply", "2026-10-29", outcome="disclosed")
    assert body["outcome"] == "disclosed"


def test_unpaid_fee_lapses_after_twenty_working_days(admin, agencies):
    # Notice 2026-05-08: pay by add(May 8, 20): May 9 (Sat, make-up) 1, May 11–15 6, 18–22 11,
    # 25–29 16, Jun 1–4 20 → 2026-06-04.
    app = apply(admin, received_on="2026-05-06")
    act(admin, app["id"], "fee_notice", "2026-05-08", method="per_page", pages=31)
    refused(admin, app["id"], "fee_lapsed", "2026-06-04", "fee_not_lapsed")
    body = act(admin, app["id"], "fee_lapsed", "2026-06-05")
    assert body["state"] == "concluded" and body["outcome"] == "other.fee_lapsed"


def test_pauses_and_extension_add_up_across_the_year_end(admin, agencies):
    # R = 2025-12-10, base due 2026-01-08. Consultation (2025-12-19, 2026-01-09] = Dec 22–26, 29–31,
    # Jan 4 (Sun, make-up), Jan 5–9 = 14. Extension 10. Fee wait (2026-01-20, 2026-02-27] = Jan 21–23,
    # 26–30, Feb 2–6, 9–13, Feb 14 (Sat, make-up), Feb 24–27 = 23 → add(R, 20 + 14 + 10 + 23) = 2026-03-20.
    app = apply(admin, received_on="2025-12-10")
    act(admin, app["id"], "start_consultation", "2025-12-19", third_party="某公司")
    assert act(admin, app["id"], "end_consultation", "2026-01-09")["due_on"] == "2026-01-28"
    assert act(admin, app["id"], "extend", "2026-01-12", days=10, reason="复杂", approver="王主任")[
        "due_on"
    ] == ("2026-02-11")
    act(admin, app["id"], "fee_notice", "2026-01-20", method="per_page", pages=31)
    body = act(admin, app["id"], "fee_paid", "2026-02-27")
    assert body["due_on"] == "2026-03-20" and body["fee"]["amount"] == 10
    body = act(admin, app["id"], "reply", "2026-03-23", outcome="disclosed")
    assert body["replied_on"] == "2026-03-23" and body["due_on"] == "2026-03-20"


@pytest.mark.today("2026-11-16")
def test_days_left_counts_working_days_from_today(admin, agencies):
    app = apply(admin, received_on="2026-11-02")
    body = show(admin, app["id"])
    # Nov 3–6 4, Nov 9–13 9, 16–20 14, 23–27 19, Nov 30 20.
    assert body["due_on"] == "2026-11-30"
    # Today (the frozen clock) is 2026-11-16: Nov 17–20 4, 23–27 9, Nov 30 10.
    assert body["days_left"] == ok(Http().get("/workdays/count", start="2026-11-16", end="2026-11-30"))["count"]
    assert body["days_left"] == 10


def test_per_item_fee_counts_the_applicants_applications_in_the_month(admin, agencies):
    ids = [apply(admin, received_on="2026-03-02")["id"] for _ in range(11)]
    refused(admin, ids[0], "fee_notice", "2026-03-03", "fee_not_chargeable", method="per_item")
    body = act(admin, ids[10], "fee_notice", "2026-03-03", method="per_item")
    assert body["fee"]["amount"] == 100 and body["state"] == "awaiting_fee"


REPLY_OUTCOMES = [
    "disclosed",
    "partially_disclosed",
    "withheld.state_secret",
    "withheld.law_prohibited",
    "withheld.security_stability",
    "withheld.third_party",
    "withheld.internal_affairs",
    "withheld.process_info",
    "withheld.enforcement_file",
    "withheld.query_matter",
    "unable.not_held",
    "unable.needs_creation",
    "unable.still_unclear",
    "not_processed.petition",
    "not_processed.repeated",
    "not_processed.publication",
    "not_processed.excessive",
    "not_processed.confirm_reissue",
    "other.other",
]


def test_every_reply_outcome_and_withdrawal(admin, agencies):
    for outcome in REPLY_OUTCOMES:
        app = apply(admin, received_on="2025-06-03")
        if outcome == "unable.still_unclear":  # Art. 30: only after a correction came back
            refused(
                admin, app["id"], "reply", "2025-06-10", "still_unclear_without_correction", outcome=outcome
            )
            act(admin, app["id"], "request_correction", "2025-06-04", items=["请写明文号"])
            act(admin, app["id"], "receive_correction", "2025-06-06")
        body = act(admin, app["id"], "reply", "2025-06-10", outcome=outcome, reason="依据条例")
        assert (body["state"], body["outcome"], body["replied_on"]) == ("concluded", outcome, "2025-06-10")
    app = apply(admin, received_on="2025-06-03")
    refused(admin, app["id"], "reply", "2025-06-10", outcome="no.such.outcome", status=422)
    body = act(admin, app["id"], "withdraw", "2025-06-05")
    assert body["state"] == "concluded" and body["outcome"] == "other.other"
    refused(admin, app["id"], "withdraw", "2025-06-06", "action_not_allowed")


def test_application_errors(admin, agencies):
    app = apply(admin, received_on="2026-03-02")
    error(admin.post(f"/applications/{app['id']}/actions/no_such_action", {"date": "2026-03-03"}), 404)
    refused(admin, app["id"], "reply", "2026-03-01", "date_before_previous_event", outcome="disclosed")
    refused(admin, app["id"], "reply", "2099-01-01", outcome="disclosed")
    error(admin.post(f"/applications/{app['id']}/actions/reply", {"outcome": "disclosed"}), 422)
    error(admin.get("/applications/999999"), 404)
    error(Http().get(f"/applications/{app['id']}"), 401)
    error(Http().get("/applications"), 401)


def test_list_filters_and_pagination(admin, agencies):
    for _ in range(3):
        apply(admin, received_on="2025-03-03")
    replied = apply(admin, received_on="2026-03-02", agency="health")
    act(admin, replied["id"], "reply", "2026-03-05", outcome="disclosed")
    apply(admin, channel="online", agency="health")
    page = ok(admin.get("/applications", size=2, page=1))
    assert set(page) == {"total", "page", "size", "results"}
    assert (page["total"], page["page"], page["size"], len(page["results"])) == (5, 1, 2, 2)
    assert len(ok(admin.get("/applications", size=2, page=3))["results"]) == 1
    assert ok(admin.get("/applications", agency="edu"))["total"] == 3
    assert ok(admin.get("/applications", agency="health", state="concluded"))["total"] == 1
    assert ok(admin.get("/applications", year=2025))["total"] == 3
    assert ok(admin.get("/applications", overdue="true"))["total"] == 3  # the 2025 ones, unanswered
    assert ok(admin.get("/applications", overdue="false"))["total"] == 2
    error(admin.get("/applications", size=101), 422)


def test_reviews_and_decisions(admin, agencies):
    app = apply(admin, received_on="2025-03-03")
    act(admin, app["id"], "reply", "2025-03-20", outcome="withheld.process_info")
    for kind in ("review", "litigation_direct", "litigation_after_review"):
        review = ok(
            admin.post(f"/applications/{app['id']}/reviews", {"kind": kind, "filed_on": "2025-04-10"}), 201
        )
        assert review["kind"] == kind and review["filed_on"] == "2025-04-10"
        decided = ok(
            admin.post(f"/reviews/{review['id']}/decide", {"decided_on": "2025-06-10", "result": "corrected"})
        )
        assert decided["result"] == "corrected" and decided["decided_on"] == "2025-06-10"
        error(
            admin.post(
                f"/reviews/{review['id']}/decide", {"decided_on": "2025-06-11", "result": "maintained"}
            ),
            409,
        )
    error(admin.post(f"/applications/{app['id']}/reviews", {"kind": "appeal", "filed_on": "2025-04-10"}), 422)
    error(admin.post("/reviews/999999/decide", {"decided_on": "2025-06-10", "result": "other"}), 404)


def test_letters_download_as_docx_and_pdf(admin, agencies):
    app = apply(admin, received_on="2025-03-03")
    act(admin, app["id"], "reply", "2025-03-20", outcome="partially_disclosed", reason="部分涉及个人隐私")
    docx = admin.get(f"/applications/{app['id']}/letter", format="docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "wordprocessingml" in docx["Content-Type"]
    import docx as python_docx

    text = "\n".join(p.text for p in python_docx.Document(io.BytesIO(docx.content)).paragraphs)
    # The outcome, its reason and the remedies (review within 60 days, litigation within 6 months).
    assert "部分涉及个人隐私" in text and "60日" in text and "6个月" in text
    pdf = admin.get(f"/applications/{app['id']}/letter", format="pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-" and pdf["Content-Type"] == "application/pdf"
    error(admin.get(f"/applications/{app['id']}/letter", format="odt"), 422)
    error(Http().get(f"/applications/{app['id']}/letter", format="pdf"), 401)


PER_ITEM = {1: 0, 10: 0, 11: 100, 30: 100, 31: 200, 40: 200, 41: 300, 50: 300, 51: 400, 75: 600}
# Progressive: 31–100 at 10, 101–200 at 20, 201+ at 40 yuan a page.
PER_PAGE = {0: 0, 1: 0, 30: 0, 31: 10, 100: 700, 101: 720, 150: 1700, 200: 2700, 201: 2740, 250: 4700}


def test_fee_quotes_follow_the_progressive_bands():
    api = Http()
    for nth, amount in PER_ITEM.items():
        body = ok(api.get("/fees/quote", method="per_item", nth=nth))
        assert body["amount"] == amount, (nth, body)
    for pages, amount in PER_PAGE.items():
        body = ok(api.get("/fees/quote", method="per_page", pages=pages))
        assert body["amount"] == amount, (pages, body)
    error(api.get("/fees/quote", method="per_item"), 422)
    error(api.get("/fees/quote", method="per_hour", nth=3), 422)
    error(api.get("/fees/quote", method="per_item", nth=0), 422)


# ---------------------------------------------------------------- cross-agency and roles


def staff_token(admin, username: str, agency: str, role: str = "handler") -> str:
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(username=username, password="Acceptance-Pa55word!")
    ok(admin.put(f"/agencies/{agency}/members", {"username": username, "role": role}))
    out = io.StringIO()
    call_command("api_token", username, stdout=out)
    return out.getvalue().strip()


def test_staff_of_one_agency_get_404_for_another_agencys_records(admin, agencies):
    app = apply(admin, received_on="2026-03-02", agency="edu")
    draft = ok(admin.post("/items", item_body(agency="edu")), 201)
    other = Http(staff_token(admin, "health_handler", "health"))
    error(other.get(f"/applications/{app['id']}"), 404)
    error(
        other.post(
            f"/applications/{app['id']}/actions/reply", {"date": "2026-03-03", "outcome": "disclosed"}
        ),
        404,
    )
    error(other.post(f"/items/{draft['id']}/publish", {"date": "2026-03-03"}), 404)
    assert ok(other.get("/applications"))["total"] == 0
    error(other.get("/applications", agency="edu"), 404)
    error(other.get("/reports/annual/edu/2026"), 404)
    error(other.put("/reports/annual/edu/2026/inputs", {"licensing_decisions": 1}), 404)
    error(other.post(f"/applications/{app['id']}/reviews", {"kind": "review", "filed_on": "2026-04-01"}), 404)
    own = Http(staff_token(admin, "edu_handler", "edu"))
    assert ok(own.get(f"/applications/{app['id']}"))["id"] == app["id"]


# ---------------------------------------------------------------- catalogue


def item_body(**overrides) -> dict:
    return {
        "agency": "edu",
        "title": "某市教育局关于做好2026年义务教育招生工作的通知",
        "doc_number": "某教发〔2026〕3号",
        "genre": "normative_document",
        "topic": "科技、教育",  # names are accepted as well as codes
        "audience": ["公民"],
        "keywords": ["招生", "义务教育"],
        "summary": "义务教育阶段招生安排",
        "body": "各区县教育局：\n现就2026年义务教育招生工作通知如下。",
        "formed_on": "2026-02-10",
        "disclosure": "proactive",
        **overrides,
    }


def test_publication_assigns_index_numbers_and_the_twenty_day_limit(admin, agencies):
    created = ok(admin.post("/items", item_body()), 201)
    assert isinstance(created["id"], int) and created["state"] == "draft"
    # Not public while a draft.
    assert ok(Http().get("/items", agency="edu"))["total"] == 0
    # formed 2026-02-10 → due add(Feb 10, 20) = 2026-03-16 (same count as the application example).
    published = ok(admin.post(f"/items/{created['id']}/publish", {"date": "2026-03-16"}))
    assert published["index_no"] == "003111216/2026-00001"
    assert (published["published_on"], published["due_on"], published["late"]) == (
        "2026-03-16",
        "2026-03-16",
        False,
    )
    second = ok(admin.post("/items", item_body(title="第二件", genre="notice", doc_number="")), 201)
    published = ok(admin.post(f"/items/{second['id']}/publish", {"date": "2026-03-17"}))
    assert published["index_no"] == "003111216/2026-00002" and published["late"] is True
    # The default prefix is the agency code.
    third = ok(admin.post("/items", item_body(agency="health", title="卫健委通知", genre="notice")), 201)
    assert (
        ok(admin.post(f"/items/{third['id']}/publish", {"date": "2026-03-02"}))["index_no"]
        == "health/2026-00001"
    )
    # Publishing twice is refused.
    error(admin.post(f"/items/{created['id']}/publish", {"date": "2026-03-20"}), 409)

    detail = ok(Http().get("/items/003111216/2026-00001"))
    assert detail["index_no"] == "003111216/2026-00001" and detail["title"] == item_body()["title"]
    assert detail["doc_number"] == "某教发〔2026〕3号" and detail["genre"] == "normative_document"
    assert detail["published_on"] == "2026-03-16" and detail["formed_on"] == "2026-02-10"
    assert "招生" in detail["body"] and detail["validity"] == "valid"
    error(Http().get("/items/003111216/2026-09999"), 404)


def test_screening_findings_stop_publication_unless_overridden(admin, agencies):
    leaky = ok(
        admin.post("/items", item_body(body="联系人张三，身份证号11010519491231002X，电话13800138000。")), 201
    )
    refusal = error(
        admin.post(f"/items/{leaky['id']}/publish", {"date": "2026-03-02"}), 409, "screening_findings"
    )
    kinds = {finding["kind"] for finding in refusal["details"]["findings"]}
    assert {"id_card", "mobile"} <= kinds
    assert ok(Http().get("/items", agency="edu"))["total"] == 0
    # A reason must say something: "经本人同意公开" is too thin to check later (issue 11, item 5).
    error(
        admin.post(
            f"/items/{leaky['id']}/publish", {"date": "2026-03-02", "override_reason": "经本人同意公开"}
        ),
        422,
        "override_reason_insufficient",
    )
    published = ok(
        admin.post(
            f"/items/{leaky['id']}/publish",
            {"date": "2026-03-02", "override_reason": "联系人张三书面同意公开其身份证号和手机号码"},
        )
    )
    assert published["index_no"] == "003111216/2026-00001"


def test_not_disclosed_needs_a_reason_and_never_publishes(admin, agencies):
    error(admin.post("/items", item_body(disclosure="not_disclosed")), 422)
    secret = ok(
        admin.post("/items", item_body(disclosure="not_disclosed", not_disclosed_reason="属于国家秘密")), 201
    )
    error(admin.post(f"/items/{secret['id']}/publish", {"date": "2026-03-02"}), 409)
    error(admin.post("/items", item_body(genre="poetry")), 422)
    error(admin.post("/items", item_body(agency="nowhere")), 404)
    error(Http().post("/items", item_body()), 401)


def test_abolish_amend_and_public_list_filters(admin, agencies):
    def publish(date, **overrides):
        created = ok(admin.post("/items", item_body(**overrides)), 201)
        return ok(admin.post(f"/items/{created['id']}/publish", {"date": date})) | {"id": created["id"]}

    old = publish(
        "2025-03-03", formed_on="2025-02-20", title="旧办法", genre="rule", doc_number="某教规〔2025〕1号"
    )
    new = publish(
        "2026-03-02", formed_on="2026-02-26", title="新办法", genre="rule", doc_number="某教规〔2026〕1号"
    )
    gone = publish("2025-05-06", formed_on="2025-04-28", title="废止的通知", genre="notice")
    publish("2026-03-03", formed_on="2026-03-02", title="内部通知", genre="notice", internal=True)
    assert old["index_no"] == "003111216/2025-00001" and gone["index_no"] == "003111216/2025-00002"
    assert new["index_no"] == "003111216/2026-00001"

    amended = ok(
        admin.post(f"/items/{old['id']}/amend", {"date": "2026-03-02", "successor": new["index_no"]})
    )
    assert amended["validity"] == "amended" and amended["successor"]["index_no"] == new["index_no"]
    abolished = ok(admin.post(f"/items/{gone['id']}/abolish", {"date": "2026-01-05"}))
    assert abolished["validity"] == "abolished" and abolished["abolished_on"] == "2026-01-05"

    public = Http()
    listing = ok(public.get("/items", agency="edu"))
    assert set(listing) == {"total", "page", "size", "results"}
    assert listing["total"] == 3  # the internal one is not public
    assert ok(public.get("/items", agency="edu", year=2025))["total"] == 2
    assert ok(public.get("/items", agency="edu", genre="rule"))["total"] == 2
    assert ok(public.get("/items", agency="edu", validity="valid"))["total"] == 1
    assert ok(public.get("/items", agency="edu", validity="abolished"))["total"] == 1
    assert ok(public.get("/items", agency="edu", size=1, page=2))["size"] == 1
    # Rules land in the Art. 20 (一) column by default, notices in 通知公告.
    assert ok(public.get("/items", agency="edu", column="art20-01"))["total"] == 2
    assert ok(public.get("/items", agency="edu", column="notice"))["total"] == 1
    error(public.get("/items", size=500), 422)
    assert ok(public.get(f"/items/{old['index_no']}"))["validity"] == "amended"


# ---------------------------------------------------------------- screening


def test_screening_offsets_and_masks(admin):
    text = (
        "张三身份证11010519491231002X，手机138-1234-5678，统一社会信用代码91350100M000100Y43，日期20180131。"
    )
    findings = ok(admin.post("/screening", {"text": text}))["findings"]
    by_kind = {finding["kind"]: finding for finding in findings}
    assert set(by_kind) == {"id_card", "mobile"}, findings
    card = by_kind["id_card"]
    assert text[card["start"] : card["end"]] == "11010519491231002X"
    assert card["masked"] == "110105********002X"
    phone = by_kind["mobile"]
    assert text[phone["start"] : phone["end"]] == "138-1234-5678"
    assert "****" in phone["masked"]
    assert ok(admin.post("/screening", {"text": "无个人信息的正文。"}))["findings"] == []
    error(Http().post("/screening", {"text": text}), 401)
    error(admin.post("/screening", {}), 422)


# ---------------------------------------------------------------- annual report

APPLICANT_COLUMNS = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
]
# The table-3 rows of domain/annual-report.md: the reply outcomes plus the lapses, in the format's order.
ROW_KEYS = [
    "new",
    "carried_over",
    *REPLY_OUTCOMES[:-1],
    "other.correction_lapsed",
    "other.fee_lapsed",
    "other.other",
    "concluded_total",
    "carried_forward",
]


def applicant_of(kind: str) -> dict:
    if kind == "natural_person":
        return PERSON
    return {**COMPANY, "type": kind}


def row(**counts) -> dict:
    values = {column: counts.get(column, 0) for column in APPLICANT_COLUMNS}
    return values | {"total": sum(values.values())}


def table3(report) -> dict:
    rows = report["applications"]["rows"]
    assert list(rows) == ROW_KEYS or set(rows) == set(ROW_KEYS), list(rows)
    for key, values in rows.items():
        assert set(values) == {*APPLICANT_COLUMNS, "total"}, (key, values)
        assert values["total"] == sum(values[column] for column in APPLICANT_COLUMNS), (key, values)
    return rows


def build_year(admin):
    """Applications, reviews and catalogue items of 2025–2026, dated by hand."""

    def new(kind, received_on=None, agency="edu", channel="in_person"):
        return apply(
            admin, agency=agency, channel=channel, received_on=received_on, applicant=applicant_of(kind)
        )["id"]

    a1 = new("natural_person", "2025-12-15")  # open at the end of 2025, replied in 2026
    act(admin, a1, "reply", "2026-01-08", outcome="disclosed")
    new("commercial", "2025-12-22")  # open through 2026
    a3 = new("natural_person", "2025-06-03")  # all in 2025
    act(admin, a3, "reply", "2025-06-10", outcome="disclosed")
    a4 = new("research", channel="online")
    act(admin, a4, "confirm_receipt", "2026-03-02")
    act(admin, a4, "reply", "2026-03-10", outcome="withheld.state_secret")
    a5 = new("social_welfare", "2026-04-01")
    act(admin, a5, "withdraw", "2026-04-02")
    a6 = new("legal_service", "2026-05-06")
    # Five working days from May 7: May 8, May 9 (Sat, make-up), May 11, 12, 13.
    act(admin, a6, "request_correction", "2026-05-07", items=["文号"], respond_within_days=5)
    refused(admin, a6, "correction_lapsed", "2026-05-13", "correction_not_lapsed")
    act(admin, a6, "correction_lapsed", "2026-05-14")
    a7 = new("other_org", "2026-06-01")
    # Pay by add(Jun 2, 20): Jun 3–5 3, 8–12 8, 15–18 12 (Jun 19 端午), 22–26 17, Jun 29, 30, Jul 1 20.
    act(admin, a7, "fee_notice", "2026-06-02", method="per_page", pages=40)
    refused(admin, a7, "fee_lapsed", "2026-07-01", "fee_not_lapsed")
    act(admin, a7, "fee_lapsed", "2026-07-02")
    new("natural_person", channel="online")  # never confirmed: not received, not counted
    new("natural_person", "2026-11-02")  # open at the end of 2026
    a10 = new("commercial", "2026-07-01")
    act(admin, a10, "reply", "2026-07-10", outcome="partially_disclosed")
    h1 = new("natural_person", "2026-03-02", agency="health")
    act(admin, h1, "reply", "2026-03-05", outcome="not_processed.repeated")

    def review(app_id, kind, filed_on, decided_on=None, result=None):
        created = ok(admin.post(f"/applications/{app_id}/reviews", {"kind": kind, "filed_on": filed_on}), 201)
        if decided_on:
            ok(admin.post(f"/reviews/{created['id']}/decide", {"decided_on": decided_on, "result": result}))

    review(a4, "review", "2026-04-01", "2026-05-01", "maintained")
    review(a10, "litigation_direct", "2026-08-03")
    review(a3, "review", "2025-07-01", "2026-01-10", "corrected")  # filed 2025, pending at 2025-12-31

    def item(genre, formed_on, published_on, title):
        created = ok(admin.post("/items", item_body(genre=genre, formed_on=formed_on, title=title)), 201)
        ok(admin.post(f"/items/{created['id']}/publish", {"date": published_on}))
        return created["id"]

    r1 = item("rule", "2025-02-20", "2025-03-03", "旧规章")
    item("rule", "2026-02-26", "2026-03-02", "新规章")
    item("normative_document", "2026-03-25", "2026-04-01", "规范性文件一")
    n2 = item("normative_document", "2026-04-28", "2026-05-06", "规范性文件二")
    item("notice", "2026-04-28", "2026-05-06", "普通通知")
    ok(admin.post(f"/items/{r1}/abolish", {"date": "2026-01-05"}))
    ok(admin.post(f"/items/{n2}/abolish", {"date": "2026-09-01"}))


def test_annual_report_tables_match_the_records(admin, agencies):
    build_year(admin)
    report = ok(admin.get("/reports/annual/edu/2026"))
    rows = table3(report)
    expected = {
        "new": row(
            natural_person=1, commercial=1, research=1, social_welfare=1, legal_service=1, other_org=1
        ),
        "carried_over": row(natural_person=1, commercial=1),
        "disclosed": row(natural_person=1),
        "partially_disclosed": row(commercial=1),
        "withheld.state_secret": row(research=1),
        "other.correction_lapsed": row(legal_service=1),
        "other.fee_lapsed": row(other_org=1),
        "other.other": row(social_welfare=1),
        "concluded_total": row(
            natural_person=1, commercial=1, research=1, social_welfare=1, legal_service=1, other_org=1
        ),
        "carried_forward": row(natural_person=1, commercial=1),
    }
    for key in ROW_KEYS:
        assert rows[key] == expected.get(key, row()), (key, rows[key])

    assert report["proactive"]["rules"] == {"issued": 1, "abolished": 1, "in_force": 1}
    assert report["proactive"]["normative_documents"] == {"issued": 2, "abolished": 1, "in_force": 1}
    assert report["review_litigation"]["review"] == {
        "maintained": 1,
        "corrected": 0,
        "other": 0,
        "pending": 0,
        "total": 1,
    }
    assert report["review_litigation"]["litigation_direct"] == {
        "maintained": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    }
    assert report["review_litigation"]["litigation_after_review"]["total"] == 0

    previous = ok(admin.get("/reports/annual/edu/2025"))
    rows = table3(previous)
    assert rows["new"] == row(natural_person=2, commercial=1)
    assert rows["carried_over"] == row()
    assert rows["disclosed"] == row(natural_person=1) == rows["concluded_total"]
    assert rows["carried_forward"] == row(natural_person=1, commercial=1) == table3(report)["carried_over"]
    assert previous["review_litigation"]["review"]["pending"] == 1
    assert previous["proactive"]["rules"] == {"issued": 1, "abolished": 0, "in_force": 1}

    tree = ok(admin.get("/reports/annual/city/2026", scope="tree"))
    rows = table3(tree)
    assert rows["new"]["total"] == 7 and rows["new"]["natural_person"] == 2
    assert rows["not_processed.repeated"] == row(natural_person=1)
    assert rows["concluded_total"]["total"] == 7
    assert table3(ok(admin.get("/reports/annual/city/2026")))["new"] == row()


def test_annual_report_inputs_and_documents(admin, agencies):
    saved = ok(
        admin.put(
            "/reports/annual/edu/2026/inputs",
            {
                "licensing_decisions": 12,
                "penalty_decisions": 3,
                "coercion_decisions": 0,
                "fee_income_wan_yuan": 1.25,
                "narrative": {"overview": "总体情况正文", "problems": "存在问题正文", "other": "其他事项"},
            },
        )
    )
    report = ok(admin.get("/reports/annual/edu/2026"))
    for body in (saved, report):
        proactive = body["proactive"]
        assert proactive["licensing"] == {"decisions": 12} and proactive["penalty"] == {"decisions": 3}
        assert proactive["coercion"] == {"decisions": 0} and proactive["fees"] == {"amount_wan_yuan": 1.25}
    error(admin.put("/reports/annual/edu/2026/inputs", {"licensing_decisions": -1}), 422)
    error(Http().put("/reports/annual/edu/2026/inputs", {"licensing_decisions": 1}), 401)
    for fmt, magic in (("docx", b"PK"), ("xlsx", b"PK"), ("pdf", b"%PDF-")):
        response = admin.get("/reports/annual/edu/2026", format=fmt)
        assert response.status_code == 200 and response.content.startswith(magic), fmt
    error(admin.get("/reports/annual/nowhere/2026"), 404)
    error(Http().get("/reports/annual/edu/2026"), 404)  # not public before publication


# ---------------------------------------------------------------- search

SEARCH_DOCS = [
    # (agency, genre, published_on, title, body)
    (
        "edu",
        "budget",
        "2025-03-03",
        "某市教育局2025年部门预算",
        "本局2025年“三公”经费预算为12.5万元，比上年下降。",
    ),
    (
        "edu",
        "notice",
        "2026-03-02",
        "关于义务教育招生的通知",
        "政府信息公开工作由办公室负责。招生报名时间为七月。",
    ),
    (
        "health",
        "news",
        "2026-04-01",
        "卫健委召开工作会议",
        "会议研究了政府网站和信息化建设；三公经费情况另行公布。",
    ),
    ("health", "notice", "2026-05-06", "關於流感防控的通知", "請各單位做好流感防控工作，經費由財政保障。"),
    (
        "edu",
        "news",
        "2026-05-06",
        "教育局开展<script>alert(1)</script>安全演练",
        "演练注重安全教育，A&B班参加。",
    ),
]


def publish_search_docs(admin) -> dict:
    numbers = {}
    for agency, genre, published_on, title, body in SEARCH_DOCS:
        created = ok(
            admin.post(
                "/items",
                item_body(
                    agency=agency, genre=genre, title=title, body=body, doc_number="", formed_on=published_on
                ),
            ),
            201,
        )
        numbers[title] = ok(admin.post(f"/items/{created['id']}/publish", {"date": published_on}))["index_no"]
    draft = item_body(title="草稿三公经费", body="未发布的三公经费草稿", doc_number="")
    ok(admin.post("/items", draft), 201)
    internal = ok(
        admin.post("/items", item_body(title="内部三公经费", body="内部", doc_number="", internal=True)), 201
    )
    ok(admin.post(f"/items/{internal['id']}/publish", {"date": "2026-03-02"}))
    return numbers


def titles(body) -> set:
    return {result["title"] for result in body["results"]}


def test_search_finds_chinese_terms_as_substrings_of_the_normalised_text(admin, agencies):
    publish_search_docs(admin)
    public = Http()
    body = ok(public.get("/search", q="三公经费"))
    assert {"total", "took_ms", "results", "facets"} <= set(body)
    assert set(body["facets"]) >= {"agency", "genre", "year"}
    # “三公”经费 matches once punctuation is ignored; drafts and internal items never match.
    assert titles(body) == {"某市教育局2025年部门预算", "卫健委召开工作会议"} and body["total"] == 2
    for result in body["results"]:
        assert {"index_no", "title", "agency", "published_on", "snippet"} <= set(result)
        assert DATE.match(result["published_on"]) and "<mark>" in result["snippet"]
    # Two terms are ANDed anywhere; -term excludes.
    assert titles(ok(public.get("/search", q="政府 信息"))) == {
        "关于义务教育招生的通知",
        "卫健委召开工作会议",
    }
    assert titles(ok(public.get("/search", q="政府 信息 -网站"))) == {"关于义务教育招生的通知"}
    # A quoted phrase is one term: 政府信息 is contiguous only in the notice.
    assert titles(ok(public.get("/search", q='"政府信息"'))) == {"关于义务教育招生的通知"}
    # Traditional characters on either side are folded to simplified.
    assert titles(ok(public.get("/search", q="流感防控"))) == {"關於流感防控的通知"}
    assert titles(ok(public.get("/search", q="經費"))) == {
        "某市教育局2025年部门预算",
        "卫健委召开工作会议",
        "關於流感防控的通知",
    }
    # Filters.
    assert titles(ok(public.get("/search", q="经费", agency="health"))) == {
        "卫健委召开工作会议",
        "關於流感防控的通知",
    }
    assert titles(ok(public.get("/search", q="经费", year=2025))) == {"某市教育局2025年部门预算"}
    assert titles(ok(public.get("/search", q="经费", genre="news"))) == {"卫健委召开工作会议"}
    paged = ok(public.get("/search", q="经费", size=1, page=2))
    assert paged["total"] == 3 and len(paged["results"]) == 1
    assert ok(public.get("/search", q="没有这样的词语组合"))["total"] == 0


def test_search_snippets_are_escaped_except_for_marks(admin, agencies):
    publish_search_docs(admin)
    body = ok(Http().get("/search", q="班参加"))
    assert body["total"] == 1
    snippet = body["results"][0]["snippet"]
    assert "<mark>" in snippet and "A&amp;B" in snippet
    cleaned = snippet.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in cleaned and ">" not in cleaned
    # The title's markup is text, never HTML, in the results either.
    found = ok(Http().get("/search", q="安全演练"))
    assert found["total"] == 1 and "<script>" not in found["results"][0]["snippet"]


def test_published_report_is_public_and_frozen(admin, agencies):
    first = apply(admin, received_on="2025-03-03")
    act(admin, first["id"], "reply", "2025-03-10", outcome="disclosed")
    ok(admin.post("/reports/annual/edu/2025/publish", {"date": "2026-01-20"}), 201)
    public = ok(Http().get("/reports/annual/edu/2025"))
    assert table3(public)["new"] == row(natural_person=1)
    assert set(public) >= {"proactive", "applications", "review_litigation"}
    # A record entered after publication does not change the published report.
    late = apply(admin, received_on="2025-04-01")
    act(admin, late["id"], "reply", "2025-04-03", outcome="disclosed")
    assert table3(ok(Http().get("/reports/annual/edu/2025")))["new"] == row(natural_person=1)
