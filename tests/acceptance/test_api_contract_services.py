"""The rest of the API contract (/work/shared/API.md) driven from outside: voiding acts, public tracking
extras, messages, opinion solicitation, proposals, guides, self-check and clocks, and the general rules
(OpenAPI, docs, error body, paging).

Same bootstrap and helpers as ``test_api_contract.py``: a superuser's token, agencies created by
``POST /agencies``, everything else over HTTP.
"""

from __future__ import annotations

import json

import pytest

from tests.acceptance import test_api_contract as contract
from tests.acceptance.test_api_contract import DATE, Http, act, apply, error, ok, show, staff_token

# The same fixtures as the first part of the contract: a superuser's token and three agencies.
admin = contract.admin
agencies = contract.agencies

pytestmark = pytest.mark.django_db


def paged(body: dict) -> list:
    assert set(body) >= {"total", "page", "size", "results"}, body
    assert isinstance(body["total"], int) and isinstance(body["results"], list)
    return body["results"]


# ---------------------------------------------------------------- general rules


def test_openapi_and_docs_are_served():
    schema = ok(Http().get("/openapi.json"))
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/agencies",
        "/api/v1/public/track/{tracking_code}",
        "/api/v1/messages/{message_id}/actions/{action}",
        "/api/v1/solicitations/{solicitation_id}/feedback",
        "/api/v1/proposals/{proposal_id}/actions/{action}",
        "/api/v1/guides/check",
        "/api/v1/selfcheck/{agency}",
        "/api/v1/clocks",
    ):
        assert path in schema["paths"], path
    docs = Http().get("/docs")
    assert docs.status_code == 200 and b"html" in docs.content.lower()


def test_bad_input_is_a_4xx_in_the_error_format(admin, agencies):
    response = admin.client.post(
        "/api/v1/applications", "{not json", content_type="application/json", **admin.headers
    )
    error(response, 400)
    error(admin.post("/applications", {"agency": "edu"}), 422, "validation_error")
    error(admin.get("/applications", page=0), 422)
    error(admin.get("/messages", size=101), 422)
    error(Http().get("/no/such/endpoint"), 404)


# ---------------------------------------------------------------- applications: void, tracking extras


def test_void_cancels_the_latest_act_and_refuses_on_the_submission_alone(admin, agencies):
    created = apply(admin, received_on="2026-02-10")
    error(
        admin.post(f"/applications/{created['id']}/actions/void", {"date": "2026-02-11", "reason": "误登记"}),
        409,
        "nothing_to_void",
    )
    act(admin, created["id"], "extend", "2026-03-02", days=10, reason="复杂", approver="王主任")
    assert show(admin, created["id"])["due_on"] != "2026-03-16"
    body = act(admin, created["id"], "void", "2026-03-03", reason="延期登记错误")
    assert body["due_on"] == "2026-03-16" and body["state"] == "received"
    assert [event["action"] for event in body["events"]][-1] == "void"
    # A reason is required.
    act(admin, created["id"], "extend", "2026-03-04", days=10, reason="复杂", approver="王主任")
    error(admin.post(f"/applications/{created['id']}/actions/void", {"date": "2026-03-05"}), 422)


def test_public_tracking_shows_correction_items_and_the_fee_while_outstanding(admin, agencies):
    anonymous = Http()
    created = apply(admin, received_on="2026-03-02")
    code = created["tracking_code"]
    act(admin, created["id"], "request_correction", "2026-03-03", items=["请写明文件名称"])
    tracked = ok(anonymous.get(f"/public/track/{code}"))
    assert tracked["correction_items"] == ["请写明文件名称"]
    assert isinstance(tracked["timeline"], list)
    assert all(
        {"action", "date"} <= set(entry) and DATE.match(entry["date"]) for entry in tracked["timeline"]
    )
    act(admin, created["id"], "receive_correction", "2026-03-04")
    assert not ok(anonymous.get(f"/public/track/{code}")).get("correction_items")
    act(admin, created["id"], "fee_notice", "2026-03-05", method="per_page", pages=150)
    tracked = ok(anonymous.get(f"/public/track/{code}"))
    assert tracked["fee"]["amount"] == 1700
    text = json.dumps(tracked, ensure_ascii=False)
    for personal in ("张三", "11010519491231002X", "13800138000", "zhangsan@example.com"):
        assert personal not in text


# ---------------------------------------------------------------- messages

MESSAGE = {
    "agency": "edu",
    "kind": "consultation",
    "title": "关于入学报名时间的咨询",
    "body": "请问今年小学入学报名从哪天开始？",
    "name": "王五",
    "phone": "13900139000",
    "email": "wangwu@example.com",
    "publish_consent": True,
}
MESSAGE_DETAIL_KEYS = {
    "id", "tracking_code", "agency", "kind", "state", "received_on", "due_on", "days_left", "replied_on",
    "late", "valid", "published", "transfers", "events",
}  # fmt: skip


@pytest.mark.today("2026-03-13")
def test_message_life_from_submission_to_publication_and_rating(admin, agencies):
    anonymous = Http()
    created = ok(anonymous.post("/public/messages", MESSAGE), 201)
    assert set(created) >= {"id", "tracking_code", "state", "received_on"}
    assert created["state"] == "received" and created["received_on"] == "2026-03-13"
    message_id, code = created["id"], created["tracking_code"]
    body = ok(admin.get(f"/messages/{message_id}"))
    assert set(body) >= MESSAGE_DETAIL_KEYS, MESSAGE_DETAIL_KEYS - set(body)
    assert body["agency"] == "edu" and body["kind"] == "consultation" and DATE.match(body["due_on"])
    ok(admin.post(f"/messages/{message_id}/actions/accept", {"date": "2026-03-13"}))
    body = ok(
        admin.post(
            f"/messages/{message_id}/actions/extend", {"date": "2026-03-13", "days": 5, "reason": "需核实"}
        )
    )
    error(admin.post(f"/messages/{message_id}/actions/accept", {"date": "2026-03-13"}), 409)
    body = ok(
        admin.post(
            f"/messages/{message_id}/actions/reply", {"date": "2026-03-13", "text": "报名从5月1日开始。"}
        )
    )
    assert body["replied_on"] == "2026-03-13" and body["late"] is False
    assert all({"action", "date", "by", "data"} <= set(event) for event in body["events"])
    body = ok(
        admin.post(f"/messages/{message_id}/actions/publish", {"date": "2026-03-13", "title": "入学报名时间"})
    )
    assert body["published"] is True
    tracked = ok(anonymous.get(f"/public/messages/track/{code}"))
    assert set(tracked) >= {
        "state",
        "kind",
        "agency",
        "received_on",
        "due_on",
        "replied_on",
        "reply",
        "rating",
    }
    assert tracked["reply"] == "报名从5月1日开始。" and tracked["rating"] is None
    text = json.dumps(tracked, ensure_ascii=False)
    assert "王五" not in text and "13900139000" not in text and "wangwu@example.com" not in text
    rated = ok(
        anonymous.post(f"/public/messages/track/{code}/rating", {"rating": "satisfied", "comment": "很快"})
    )
    assert rated["rating"] == "satisfied"
    public = paged(ok(anonymous.get("/public/messages", agency="edu", kind="consultation")))
    assert [row["title"] for row in public] == ["入学报名时间"]
    assert "王五" not in json.dumps(public, ensure_ascii=False)
    stats = ok(anonymous.get("/public/messages/stats", agency="edu", year=2026, month=3))
    assert set(stats) >= {"received", "accepted", "rejected", "replied", "replied_on_time", "avg_workdays"}
    assert (stats["received"], stats["replied"], stats["replied_on_time"]) == (1, 1, 1)
    body = ok(admin.post(f"/messages/{message_id}/actions/unpublish", {"date": "2026-03-13"}))
    assert body["published"] is False
    error(anonymous.get("/public/messages/track/NO-SUCH"), 404)


@pytest.mark.today("2026-03-13")
def test_staff_registered_messages_rejection_transfer_and_list(admin, agencies):
    registered = ok(
        admin.post("/messages", {**MESSAGE, "channel": "hotline_12345", "received_on": "2026-02-27"}), 201
    )
    assert registered["received_on"] == "2026-02-27" and registered["state"] == "received"
    for channel in ("online", "letter", "phone", "in_person"):
        ok(admin.post("/messages", {**MESSAGE, "channel": channel, "received_on": "2026-02-27"}), 201)
    error(admin.post("/messages", {**MESSAGE, "channel": "pigeon"}), 422)
    error(admin.post("/public/messages", {**MESSAGE, "kind": "praise"}), 422)
    rejected = ok(
        admin.post(
            f"/messages/{registered['id']}/actions/reject",
            {"date": "2026-03-02", "reason_code": "duplicate", "note": "与前一条相同"},
        )
    )
    assert rejected["valid"] is False
    other = ok(admin.post("/messages", {**MESSAGE, "received_on": "2026-02-27"}), 201)
    moved = ok(
        admin.post(
            f"/messages/{other['id']}/actions/transfer",
            {"date": "2026-03-02", "to_agency": "health", "note": "职责"},
        )
    )
    assert moved["transfers"] and set(moved["transfers"][0]) >= {"from", "to", "on"}
    assert (moved["transfers"][0]["from"], moved["transfers"][0]["to"]) == ("edu", "health")
    listing = ok(admin.get("/messages", agency="edu", size=2))
    assert len(paged(listing)) == 2 and listing["size"] == 2
    assert ok(admin.get("/messages", agency="edu", kind="consultation", overdue="false"))["total"] >= 1
    error(
        admin.post(
            f"/messages/{other['id']}/actions/extend", {"date": "2026-03-02", "days": 11, "reason": "x"}
        ),
        409,
    )
    error(Http().get("/messages"), 401)


def test_message_limits_are_set_by_the_agency_admin(admin, agencies):
    limits = ok(admin.put("/agencies/edu/message-limits", {"consultation": 5, "help": 5, "complaint": 10}))
    assert limits["consultation"] == 5 and limits["complaint"] == 10
    handler = Http(staff_token(admin, "edu_handler", "edu"))
    error(handler.put("/agencies/edu/message-limits", {"consultation": 3}), 403)


# ---------------------------------------------------------------- solicitation

SOLICITATION = {
    "agency": "edu",
    "kind": "rule",
    "title": "某市中小学校管理办法（征求意见稿）",
    "draft": "第一条 为了规范中小学校管理，制定本办法。",
    "explanation": "起草说明",
}


@pytest.mark.today("2026-03-02")
def test_solicitation_period_comments_decisions_and_feedback(admin, agencies, time_machine):
    import datetime as dt

    from gongkai.testing import frozen_instant

    short = error(
        admin.post("/solicitations", {**SOLICITATION, "opens_on": "2026-03-02", "closes_on": "2026-03-20"}),
        422,
        "period_too_short",
    )
    assert short["details"]["min_closes_on"] == "2026-04-01"
    shortened = ok(
        admin.post(
            "/solicitations",
            {
                **SOLICITATION,
                "opens_on": "2026-03-02",
                "closes_on": "2026-03-20",
                "shortened_reason": "上级要求",
            },
        ),
        201,
    )
    assert shortened["state"] == "draft" and shortened["min_closes_on"] == "2026-04-01"
    created = ok(
        admin.post("/solicitations", {**SOLICITATION, "opens_on": "2026-03-02", "closes_on": "2026-04-01"}),
        201,
    )
    sid = created["id"]
    assert set(created) >= {"id", "state", "min_closes_on"} and created["state"] == "draft"
    error(Http().post(f"/public/solicitations/{sid}/comments", {"text": "意见"}), 404)
    published = admin.client.post(f"/api/v1/solicitations/{sid}/publish", **admin.headers)  # no body at all
    assert ok(published)["state"] == "open"
    listed = paged(ok(Http().get("/public/solicitations", state="open")))
    assert sid in {row["id"] for row in listed}
    assert ok(Http().get(f"/public/solicitations/{sid}"))["id"] == sid
    first = ok(
        Http().post(f"/public/solicitations/{sid}/comments", {"text": "建议增加家长参与。", "name": "赵六"}),
        201,
    )
    second = ok(Http().post(f"/public/solicitations/{sid}/comments", {"text": "第三条表述不清。"}), 201)
    comments = ok(admin.get(f"/solicitations/{sid}/comments"))
    rows = comments["results"] if isinstance(comments, dict) else comments
    assert {row["id"] for row in rows} == {first["id"], second["id"]}
    error(
        admin.post(f"/solicitations/{sid}/comments/{first['id']}/decide", {"decision": "partially_adopted"}),
        422,
        "reason_required",
    )
    error(
        admin.post(f"/solicitations/{sid}/comments/{first['id']}/decide", {"decision": "not_adopted"}),
        422,
        "reason_required",
    )
    ok(admin.post(f"/solicitations/{sid}/comments/{first['id']}/decide", {"decision": "adopted"}))
    feedback = {
        "date": "2026-04-10",
        "summary": "共收到意见2条",
        "rows": [
            {"comments": [first["id"]], "summary": "家长参与", "decision": "adopted"},
            {
                "comments": [second["id"]],
                "summary": "条文表述",
                "decision": "not_adopted",
                "reason": "已明确",
            },
        ],
    }
    error(admin.post(f"/solicitations/{sid}/feedback", feedback), 409, "solicitation_not_closed")
    time_machine.move_to(frozen_instant(dt.date(2026, 4, 2)), tick=False)
    error(
        Http().post(f"/public/solicitations/{sid}/comments", {"text": "迟到的意见"}),
        409,
        "solicitation_not_open",
    )
    error(admin.post(f"/solicitations/{sid}/feedback", feedback), 409, "comments_undecided")
    ok(
        admin.post(
            f"/solicitations/{sid}/comments/{second['id']}/decide",
            {"decision": "not_adopted", "reason": "已明确"},
        )
    )
    time_machine.move_to(frozen_instant(dt.date(2026, 4, 10)), tick=False)
    result = ok(admin.post(f"/solicitations/{sid}/feedback", feedback))
    assert json.dumps(result, ensure_ascii=False)  # the published feedback
    assert ok(Http().get(f"/public/solicitations/{sid}"))["state"] == "feedback_published"


# ---------------------------------------------------------------- proposals


def test_proposal_deadlines_answer_rating_and_publication(admin, agencies):
    created = ok(
        admin.post(
            "/proposals",
            {
                "agency": "edu",
                "kind": "deputy_suggestion",
                "session": "十七届人大五次会议",
                "number": 101,
                "title": "关于增加学位供给的建议",
                "assigned_on": "2026-03-16",
            },
        ),
        201,
    )
    assert set(created) >= {"id", "due_on"} and DATE.match(created["due_on"])
    pid = created["id"]
    body = ok(admin.get(f"/proposals/{pid}"))
    keys = {"id", "state", "assigned_on", "due_on", "answered_on", "late", "result_class", "published_on"}
    assert set(body) >= keys, keys - set(body)
    assert body["assigned_on"] == "2026-03-16" and body["answered_on"] is None
    extended = ok(
        admin.post(f"/proposals/{pid}/actions/extend", {"date": "2026-04-01", "reason": "涉及多部门"})
    )
    assert extended["due_on"] == "2026-09-16"  # six months from assignment
    answered = ok(
        admin.post(
            f"/proposals/{pid}/actions/answer",
            {"date": "2026-05-06", "result_class": "A", "doc_number": "某教建〔2026〕1号"},
        )
    )
    assert (
        answered["answered_on"] == "2026-05-06"
        and answered["result_class"] == "A"
        and answered["late"] is False
    )
    ok(admin.post(f"/proposals/{pid}/actions/rate", {"date": "2026-05-20", "satisfaction": "satisfied"}))
    error(admin.post(f"/proposals/{pid}/actions/publish", {"date": "2026-05-21", "mode": "summary"}), 422)
    published = ok(
        admin.post(
            f"/proposals/{pid}/actions/publish",
            {"date": "2026-05-21", "mode": "summary", "reason": "涉及在建项目"},
        )
    )
    assert published["published_on"] == "2026-05-21"
    error(admin.post(f"/proposals/{pid}/actions/no_such", {"date": "2026-05-21"}), 404)
    error(Http().get(f"/proposals/{pid}"), 401)


# ---------------------------------------------------------------- guides


def test_guides_findings_and_agency_check(admin, agencies):
    created = ok(
        admin.post(
            "/guides",
            {
                "agency": "edu",
                "name": "民办学校设立审批",
                "basis": "《中华人民共和国民办教育促进法》",
                "materials": [{"name": "申请书", "form": "原件", "copies": 1, "required": True}],
                "statutory_days": 20,
                "promised_days": 10,
            },
        ),
        201,
    )
    assert set(created) >= {"id", "findings"}
    elements = {finding.get("element") for finding in created["findings"]}
    assert {"conditions", "location", "hours", "phone", "procedure"} <= elements
    assert all("code" in finding for finding in created["findings"])
    check = ok(admin.get("/guides/check", agency="edu"))
    assert set(check) >= {"deduction", "missing_elements", "findings"}
    assert {"conditions", "location"} <= set(check["missing_elements"])
    assert all({"guide", "code"} <= set(finding) for finding in check["findings"])
    error(admin.post("/guides", {"agency": "edu"}), 422)
    error(Http().get("/guides/check", agency="edu"), 401)


# ---------------------------------------------------------------- self-check and clocks


def test_selfcheck_report_shape(admin, agencies):
    report = ok(admin.get("/selfcheck/city", scope="tree", date="2026-06-30"))
    assert set(report) >= {"agency", "date", "score", "verdict", "vetoes", "indicators"}
    assert report["agency"] == "city" and report["date"] == "2026-06-30"
    assert report["verdict"] in ("pass", "fail") and isinstance(report["vetoes"], list)
    assert report["indicators"]
    for indicator in report["indicators"]:
        keys = {"code", "name", "status", "count", "deduction", "records", "rule", "source", "next_change_on"}
        assert set(indicator) >= keys, keys - set(indicator)
        assert indicator["status"] in ("pass", "warn", "fail")
        for record in indicator["records"]:
            assert set(record) >= {"type", "id", "label", "url"}
    error(admin.get("/selfcheck/city", date="2026-02-30"), 422)
    error(admin.get("/selfcheck/nowhere"), 404)
    error(Http().get("/selfcheck/city"), 401)


@pytest.mark.today("2026-03-02")
def test_clocks_list_every_running_clock_by_due_date(admin, agencies):
    apply(admin, received_on="2026-03-02")
    apply(admin, received_on="2026-02-10")
    apply(admin, channel="online")  # not yet received: no clock
    clocks = ok(admin.get("/clocks", agency="city", scope="tree"))
    assert isinstance(clocks, list) and len(clocks) >= 2
    for clock in clocks:
        keys = {"kind", "object_type", "object_id", "label", "due_on", "days_left", "explanation"}
        assert set(clock) >= keys, keys - set(clock)
    dues = [clock["due_on"] for clock in clocks if clock["due_on"]]
    assert dues == sorted(dues)
    leading_unknown = [clock["due_on"] is None for clock in clocks]
    assert leading_unknown == sorted(leading_unknown, reverse=True)
    error(Http().get("/clocks"), 401)


def test_staff_of_another_agency_get_404_on_messages_and_proposals(admin, agencies):
    message = ok(admin.post("/messages", {**MESSAGE, "received_on": "2026-03-02"}), 201)
    proposal = ok(
        admin.post(
            "/proposals",
            {"agency": "edu", "kind": "cppcc_proposal", "session": "十三届政协五次会议", "number": "7",
             "title": "关于校园安全的提案", "assigned_on": "2026-03-16"},
        ),
        201,
    )  # fmt: skip
    other = Http(staff_token(admin, "health_handler", "health"))
    error(other.get(f"/messages/{message['id']}"), 404)
    error(other.get(f"/proposals/{proposal['id']}"), 404)
    error(other.get("/selfcheck/edu"), 404)


@pytest.mark.today("2026-03-10")
def test_feedback_dated_after_the_close_but_sent_while_open_is_not_closed(admin, agencies):
    created = ok(
        admin.post("/solicitations", {**SOLICITATION, "opens_on": "2026-03-02", "closes_on": "2026-04-01"}),
        201,
    )
    ok(admin.post(f"/solicitations/{created['id']}/publish", {"date": "2026-03-02"}))
    ok(Http().post(f"/public/solicitations/{created['id']}/comments", {"text": "一条意见"}), 201)
    body = {"date": "2026-04-10", "summary": "情况", "rows": []}
    error(admin.post(f"/solicitations/{created['id']}/feedback", body), 409, "solicitation_not_closed")
