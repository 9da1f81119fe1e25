"""The Messages section of API.md, driven over HTTP with the documented paths, fields and codes."""

import contextlib
import datetime as dt

import pytest

from gongkai.testing import error_code, frozen_instant

pytestmark = pytest.mark.django_db

BODY = {
    "agency": "dept-a",
    "kind": "consultation",
    "title": "社保卡在哪里办理",
    "body": "请问社保卡在哪里办理？",
    "name": "林留言",
    "phone": "13912340001",
    "email": "writer@example.org",
    "publish_consent": True,
}
PERSONAL = ("林留言", "13912340001", "writer@example.org")


@pytest.fixture
def at(time_machine):
    """Move the tests' clock to a day (10:00 Asia/Shanghai), so the API's "today" is that day."""

    @contextlib.contextmanager
    def travel(day: str):
        time_machine.move_to(frozen_instant(dt.date.fromisoformat(day)), tick=True)
        yield

    return travel


def test_the_full_course_of_a_consultation_over_the_api(api, at):
    with at("2026-03-07"):  # Saturday
        created = api().post("/public/messages", BODY)
        assert created.status_code == 201, created.content
        out = created.json()
        assert out["state"] == "received" and out["received_on"] == "2026-03-07"
        assert set(out) >= {"id", "tracking_code", "state", "received_on"}
    message_id, code = out["id"], out["tracking_code"]
    with at("2026-03-09"):
        detail = api("handler_a").get(f"/messages/{message_id}").json()
        assert (detail["due_on"], detail["days_left"], detail["valid"], detail["late"]) == (
            "2026-03-13",
            4,
            True,
            False,
        )
        moved = api("handler_a").post(
            f"/messages/{message_id}/actions/transfer",
            {"date": "2026-03-09", "to_agency": "dept-b", "note": "属乙局职责"},
        )
        assert moved.status_code == 200, moved.content
        assert moved.json()["transfers"] == [
            {"from": "dept-a", "to": "dept-b", "on": "2026-03-09", "late": False}
        ]
        assert api("handler_a").get(f"/messages/{message_id}").status_code == 404
    with at("2026-03-12"):
        replied = api("handler_b").post(
            f"/messages/{message_id}/actions/reply", {"date": "2026-03-12", "text": "请到市民中心办理。"}
        )
        assert replied.status_code == 200, replied.content
        detail = replied.json()
        assert (detail["state"], detail["replied_on"], detail["due_on"], detail["agency"]) == (
            "replied",
            "2026-03-12",
            "2026-03-13",
            "dept-b",
        )
        assert [event["action"] for event in detail["events"]] == ["submit", "transfer", "reply"]
        assert (
            api("handler_b")
            .post(f"/messages/{message_id}/actions/publish", {"date": "2026-03-12"})
            .status_code
            == 403
        )
        published = api("root").post(f"/messages/{message_id}/actions/publish", {"date": "2026-03-12"})
        assert published.status_code == 200 and published.json()["published"] is True
        tracked = api().get(f"/public/messages/track/{code}").json()
        assert tracked["reply"] == "请到市民中心办理。" and tracked["can_rate"] is True
        rated = api().post(
            f"/public/messages/track/{code}/rating", {"rating": "satisfied", "comment": "谢谢"}
        )
        assert rated.status_code == 200 and rated.json()["rating"] == "satisfied"
        again = api().post(f"/public/messages/track/{code}/rating", {"rating": "satisfied"})
        assert (again.status_code, error_code(again)) == (409, "already_rated")
        listed = api().get("/public/messages", agency="dept-b")
        assert listed.json()["total"] == 1
        row = listed.json()["results"][0]
        assert (row["title"], row["reply"], row["agency"]) == (
            "社保卡在哪里办理",
            "请到市民中心办理。",
            "dept-b",
        )
        for response in (
            tracked,
            rated.json(),
            listed.json(),
            api().get(f"/public/messages/{message_id}").json(),
        ):
            assert not any(value in str(response) for value in PERSONAL)
        stats = api().get("/public/messages/stats", year=2026, month=3).json()
        assert {
            key: stats[key] for key in ("received", "accepted", "rejected", "replied", "replied_on_time")
        } == {
            "received": 1,
            "accepted": 1,
            "rejected": 0,
            "replied": 1,
            "replied_on_time": 1,
        }
        assert stats["avg_workdays"] == 4.0  # Mar 9, 10, 11, 12


def test_wrong_state_and_bad_dates_are_409_and_bad_input_422(api, at):
    with at("2026-03-09"):
        message_id = api().post("/public/messages", BODY).json()["id"]
        handler = api("handler_a")
        assert (
            error_code(handler.post(f"/messages/{message_id}/actions/reopen", {"date": "2026-03-09"}))
            == "action_not_allowed"
        )
        assert (
            error_code(handler.post(f"/messages/{message_id}/actions/accept", {"date": "2026-03-10"}))
            == "date_in_future"
        )
        long = handler.post(
            f"/messages/{message_id}/actions/extend", {"date": "2026-03-09", "days": 11, "reason": "复杂"}
        )
        assert (long.status_code, error_code(long)) == (409, "extension_too_long")
        assert handler.post(f"/messages/{message_id}/actions/fly", {"date": "2026-03-09"}).status_code == 404
        bad = api().post("/public/messages", {**BODY, "kind": "gossip"})
        assert (bad.status_code, error_code(bad)) == (422, "validation_error")
        long_title = api().post("/public/messages", {**BODY, "title": "长" * 101})
        assert long_title.status_code == 422
        phone = api().post("/public/messages", {**BODY, "phone": "12"})
        assert (phone.status_code, error_code(phone)) == (422, "validation_error")


def test_staff_register_messages_from_other_channels(api, at):
    with at("2026-03-09"):
        body = {**BODY, "channel": "hotline_12345", "received_on": "2026-03-06", "kind": "complaint"}
        created = api("handler_a").post("/messages", body)
        assert created.status_code == 201, created.content
        # add(2026-03-06, 10): Mar 9–13, 16–20.
        assert created.json()["due_on"] == "2026-03-20"
        future = api("handler_a").post("/messages", {**body, "received_on": "2026-03-10"})
        assert (future.status_code, error_code(future)) == (409, "date_in_future")
        assert api("handler_b").post("/messages", body).status_code == 404
        rows = api("handler_a").get("/messages", kind="complaint").json()
        assert rows["total"] == 1 and rows["results"][0]["channel"] == "hotline_12345"
        assert api("handler_b").get("/messages").json()["total"] == 0


def test_agency_admins_set_the_reply_limits(api):
    assert api().get("/agencies/dept-a/message-limits").json() == {
        "agency": "dept-a",
        "consultation": 5,
        "help": 5,
        "suggestion": 10,
        "complaint": 10,
        "error_report": 3,
    }
    changed = api("admin_a").put("/agencies/dept-a/message-limits", {"consultation": 3, "error_report": 2})
    assert changed.status_code == 200 and changed.json()["consultation"] == 3 and changed.json()["help"] == 5
    assert api("handler_a").put("/agencies/dept-a/message-limits", {"help": 3}).status_code == 403
    assert api("admin_a").put("/agencies/dept-b/message-limits", {"help": 3}).status_code == 404
    assert error_code(api("admin_a").put("/agencies/dept-a/message-limits", {"help": 61})) == "invalid_limit"


def test_public_submissions_share_the_rate_limit(api, settings):
    settings.GONGKAI_PUBLIC_SUBMISSIONS_PER_HOUR = 2
    client = api()
    assert client.post("/public/messages", BODY).status_code == 201
    assert client.post("/public/messages", BODY).status_code == 201
    refused = client.post("/public/messages", BODY)
    assert (refused.status_code, error_code(refused)) == (429, "rate_limited")


def test_unknown_tracking_code_is_404(api):
    assert error_code(api().get("/public/messages/track/NOPE")) == "message_not_found"


def test_a_message_replied_again_shows_the_date_of_the_published_reply_until_published_again(api, at):
    with at("2026-03-09"):
        created = api().post("/public/messages", BODY).json()
    message_id, code = created["id"], created["tracking_code"]
    acts = f"/messages/{message_id}/actions"
    with at("2026-03-11"):
        api("reviewer_a").post(f"{acts}/reply", {"date": "2026-03-11", "text": "请到市民中心办理。"})
        published = api("reviewer_a").post(
            f"{acts}/publish", {"date": "2026-03-11", "reply": "到市民中心办理。"}
        )
        assert published.status_code == 200, published.content
        rated = api().post(f"/public/messages/track/{code}/rating", {"rating": "dissatisfied"})
        assert rated.status_code == 200, rated.content
        assert api("reviewer_a").post(f"{acts}/reopen", {"date": "2026-03-11"}).status_code == 200
    with at("2026-03-18"):
        again = api("reviewer_a").post(
            f"{acts}/reply", {"date": "2026-03-18", "text": "请到街道便民中心办理。"}
        )
        assert again.status_code == 200, again.content
        shown = api().get(f"/public/messages/{message_id}").json()
        listed = api().get("/public/messages", agency="dept-a").json()["results"][0]
        for row in (shown, listed):
            assert (row["reply"], row["replied_on"]) == ("到市民中心办理。", "2026-03-11")
        wording = again.json()["published_wording"]
        assert (wording["reply"], wording["replied_on"], wording["outdated"]) == (
            "到市民中心办理。",
            "2026-03-11",
            True,
        )
        assert api("reviewer_a").post(f"{acts}/unpublish", {"date": "2026-03-18"}).status_code == 200
        republished = api("reviewer_a").post(f"{acts}/publish", {"date": "2026-03-18"})
        assert republished.status_code == 200, republished.content
        assert republished.json()["published_wording"]["outdated"] is False
        shown = api().get(f"/public/messages/{message_id}").json()
        assert (shown["reply"], shown["replied_on"]) == ("请到街道便民中心办理。", "2026-03-18")
