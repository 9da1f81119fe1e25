"""The report follows applications handled through the public API (API.md), not hand-set columns."""

PERSON = {
    "type": "natural_person",
    "name": "张三",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800000000",
}


def _register(api, received_on, description="请公开2025年度部门预算"):
    response = api("handler_a").post(
        "/applications",
        {
            "agency": "dept-a",
            "applicant": PERSON,
            "description": description,
            "channel": "in_person",
            "received_on": received_on,
        },
    )
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def _act(api, application_id, action, **body):
    # A reviewer: a reply other than disclosure is signed off by one (审核签发).
    response = api("reviewer_a").post(f"/applications/{application_id}/actions/{action}", body)
    assert response.status_code == 200, (action, response.json())


def test_replies_withdrawals_and_open_cases_land_in_their_rows(api):
    answered = _register(api, "2025-03-03")
    _act(api, answered, "reply", date="2025-03-10", outcome="partially_disclosed", reason="部分涉及第三方")
    withdrawn = _register(api, "2025-05-06")
    _act(api, withdrawn, "withdraw", date="2025-05-07")
    late = _register(api, "2025-12-29")
    _act(api, late, "reply", date="2026-01-06", outcome="disclosed")
    online = api().post(
        "/public/applications", {"agency": "dept-a", "applicant": PERSON, "description": "网上申请未确认"}
    )
    assert online.status_code == 201
    review = api("handler_a").post(
        f"/applications/{answered}/reviews", {"kind": "review", "filed_on": "2025-04-01"}
    )
    assert review.status_code in (200, 201), review.json()
    decided = api("handler_a").post(
        f"/reviews/{review.json()['id']}/decide", {"decided_on": "2026-01-12", "result": "maintained"}
    )
    assert decided.status_code == 200, decided.json()

    body = api("admin_a").get("/reports/annual/dept-a/2025").json()
    rows = body["applications"]["rows"]
    assert rows["new"]["natural_person"] == 3 and rows["new"]["total"] == 3
    assert rows["partially_disclosed"]["natural_person"] == 1
    assert rows["other.other"]["natural_person"] == 1
    assert rows["concluded_total"]["total"] == 2
    assert rows["carried_forward"]["total"] == 1
    assert body["review_litigation"]["review"] == {
        "maintained": 0,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 1,
    }
    assert body["passed"], body["checks"]
    next_year = api("admin_a").get("/reports/annual/dept-a/2026").json()
    assert next_year["applications"]["rows"]["carried_over"]["total"] == 1
    assert next_year["applications"]["rows"]["disclosed"]["total"] == 1
