"""The Applications section of API.md, every act and its refusals, with hand-worked 2026 dates."""

import datetime as dt

import pytest

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.tests.factories import ID_NUMBER, body
from gongkai.audit.models import AuditEvent
from gongkai.testing import TODAY, error_code

pytestmark = pytest.mark.django_db


def register(client, received_on="2026-02-10", channel="in_person", **extra):
    payload = {**body(), "channel": channel, **extra}
    if received_on:
        payload["received_on"] = received_on
    response = client.post("/applications", payload)
    assert response.status_code == 201, response.json()
    return response.json()


def act(client, application_id, action, **fields):
    return client.post(f"/applications/{application_id}/actions/{action}", fields)


def snapshot(application_id):
    application = Application.objects.get(pk=application_id)
    return (
        [(e.action, e.on) for e in ApplicationEvent.objects.filter(application_id=application_id)],
        application.state,
        application.due_on,
        application.paused,
        application.outcome,
        AuditEvent.objects.count(),
    )


# Submission ------------------------------------------------------------------------------------


def test_public_submission_creates_a_submitted_application_without_a_deadline(api):
    response = api().post("/public/applications", body())
    assert response.status_code == 201
    data = response.json()
    assert set(data) >= {"id", "tracking_code", "state"} and data["state"] == "submitted"
    detail = api("handler_a").get(f"/applications/{data['id']}").json()
    assert detail["received_on"] is None and detail["due_on"] is None and detail["channel"] == "online"
    assert detail["events"][0]["action"] == "submit"


@pytest.mark.parametrize(
    ("applicant", "field"),
    [
        ({"id_number": "110105194912310021"}, "applicant.id_number"),  # wrong check character
        ({"phone": "12345"}, "applicant.phone"),
        ({"email": "not-an-email"}, "applicant.email"),
        ({"name": ""}, "applicant.name"),
    ],
)
def test_public_submission_checks_the_applicant_in_chinese(api, applicant, field):
    response = api().post("/public/applications", body(**applicant))
    assert response.status_code == 422
    assert error_code(response) == "validation_error"
    error = response.json()["error"]
    assert error["details"]["field"] == field and "申请人" in error["message"]
    assert Application.objects.count() == 0


def test_public_submission_without_identity_particulars_is_accepted_for_correction(api):
    """API.md: id_number? and org_name? — missing particulars are a 补正 matter (Art. 30)."""
    person = api().post("/public/applications", body(id_number=""))
    organisation = api().post("/public/applications", body(type="commercial", id_number=""))
    assert person.status_code == 201 and organisation.status_code == 201, (person.json(), organisation.json())
    detail = api("handler_a").get(f"/applications/{organisation.json()['id']}").json()
    assert detail["applicant_type"] == "commercial"


def test_an_organisation_needs_its_name_and_a_valid_credit_code(api):
    payload = body(type="commercial", org_name="某公司", org_code="91110000100000000A")
    response = api().post("/public/applications", payload)
    assert (
        response.status_code == 422 and response.json()["error"]["details"]["field"] == "applicant.org_code"
    )
    payload = body(type="commercial", org_name="某公司", org_code="91110000100000000R")
    assert api().post("/public/applications", payload).status_code == 201


def test_unknown_applicant_type_is_422(api):
    assert api().post("/public/applications", body(type="alien")).status_code == 422


def test_public_submissions_are_rate_limited_per_client(api, settings):
    settings.GONGKAI_PUBLIC_SUBMISSIONS_PER_HOUR = 3
    client = api()
    codes = [client.post("/public/applications", body()).status_code for _ in range(4)]
    assert codes == [201, 201, 201, 429]
    assert error_code(client.post("/public/applications", body())) == "rate_limited"


def test_invalid_attempts_are_limited_too_so_ids_cannot_be_probed(api, settings):
    settings.GONGKAI_PUBLIC_SUBMISSIONS_PER_HOUR = 2
    client = api()
    bad = body(id_number="110105194912310021")
    codes = [client.post("/public/applications", bad).status_code for _ in range(11)]
    assert codes == [422] * 10 + [429]


def test_staff_register_in_person_with_received_on_starts_the_clock(api):
    data = register(api("handler_a"))
    assert data["state"] == "received"
    detail = api("handler_a").get(f"/applications/{data['id']}").json()
    assert detail["received_on"] == "2026-02-10" and detail["due_on"] == "2026-03-16"
    assert detail["paused"] is False and detail["outcome"] is None and detail["days_left"] < 0


def test_staff_register_what_arrived_even_without_id_number_or_organisation_name(api):
    """API.md makes id_number and org_name optional: a paper application lacking them is still
    received (补正 follows); what is given is still checked."""
    person = {"type": "natural_person", "name": "张三", "phone": "13800138000"}
    data = register(api("handler_a"), applicant=person)
    detail = api("handler_a").get(f"/applications/{data['id']}").json()
    assert detail["due_on"] == "2026-03-16" and detail["applicant"]["id_number"] == ""
    company = {"type": "commercial", "name": "某某科技有限公司", "phone": "0591-87654321"}
    data = register(api("handler_a"), applicant=company)
    detail = api("handler_a").get(f"/applications/{data['id']}").json()
    assert detail["applicant_type"] == "commercial" and detail["applicant"]["org_name"] == "某某科技有限公司"
    wrong = {**person, "id_number": "110105194912310021"}
    response = api("handler_a").post(
        "/applications", {**body(), "applicant": wrong, "channel": "in_person", "received_on": "2026-02-10"}
    )
    assert (
        response.status_code == 422 and response.json()["error"]["details"]["field"] == "applicant.id_number"
    )


def test_staff_register_in_person_requires_received_on(api):
    response = api("handler_a").post("/applications", {**body(), "channel": "registered_post"})
    assert response.status_code == 422 and response.json()["error"]["details"]["field"] == "received_on"


def test_an_ordinary_letter_is_received_when_receipt_is_confirmed(api):
    client = api("handler_a")
    data = register(client, received_on=None, channel="post")
    assert data["state"] == "submitted"
    response = act(client, data["id"], "confirm_receipt", date="2026-02-10")
    assert response.status_code == 200
    assert response.json()["due_on"] == "2026-03-16" and response.json()["state"] == "received"


def test_staff_of_another_agency_get_404(api):
    data = register(api("handler_a"))
    assert api("handler_b").get(f"/applications/{data['id']}").status_code == 404
    assert (
        act(api("handler_b"), data["id"], "reply", date="2026-03-01", outcome="disclosed").status_code == 404
    )
    assert api("handler_b").post("/applications", {**body(), "channel": "fax"}).status_code == 404


# Acts ------------------------------------------------------------------------------------------


def test_correction_restarts_the_clock_from_the_corrected_application(api):
    client = api("handler_a")
    app_id = register(client)["id"]
    response = act(client, app_id, "request_correction", date="2026-02-12", items=["请写明文件名称或文号"])
    assert response.status_code == 200, response.json()
    detail = response.json()
    assert detail["state"] == "correction_requested" and detail["due_on"] is None and detail["paused"]
    assert detail["correction_respond_by"] == "2026-03-11"
    detail = act(client, app_id, "receive_correction", date="2026-03-09").json()
    assert detail["state"] == "received" and detail["due_on"] == "2026-04-07"


def test_consultation_pauses_and_extends_the_deadline(api):
    client = api("handler_a")
    app_id = register(client)["id"]
    detail = act(client, app_id, "start_consultation", date="2026-02-13", third_party="某公司").json()
    assert detail["paused"] is True and detail["due_on"] is None and detail["state"] == "in_consultation"
    detail = act(client, app_id, "end_consultation", date="2026-02-27").json()
    assert detail["due_on"] == "2026-03-23" and detail["paused_days"] == 5
    assert "征求意见暂停 5 个工作日" in detail["due_explained"]


def test_extension_by_a_reviewer(api):
    client = api("reviewer_a")
    app_id = register(client, received_on="2026-09-10")["id"]
    detail = act(client, app_id, "extend", date="2026-10-14", days=20, reason="需调取档案").json()
    assert detail["due_on"] == "2026-11-11" and detail["extension_days"] == 20
    assert detail["events"][-1]["data"]["approver"] == "reviewer_a"


def test_a_handler_cannot_extend_on_a_named_approver_alone(api):
    """The signed approval must be uploaded too (test_extension_approval.py covers that path)."""
    client = api("handler_a")
    app_id = register(client, received_on="2026-09-10")["id"]
    for extra in ({}, {"approver": "王主任"}):
        response = act(client, app_id, "extend", date="2026-10-01", days=5, reason="r", **extra)
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "approval_evidence_required"
        assert response.json()["error"]["details"]["field"] == "approval"


def test_fee_per_page_pauses_until_paid(api):
    client = api("handler_a")
    app_id = register(client, received_on="2025-01-20")["id"]
    detail = act(client, app_id, "fee_notice", date="2025-01-24", method="per_page", pages=100).json()
    assert detail["state"] == "awaiting_fee" and detail["fee"]["amount"] == 700
    assert detail["fee"]["pay_by"] == "2025-02-27" and detail["fee"]["pages"] == 100
    detail = act(client, app_id, "fee_paid", date="2025-02-10").json()
    assert detail["due_on"] == "2025-03-04" and detail["fee"]["paid_on"] == "2025-02-10"


def test_fee_per_item_counts_the_applicants_applications_in_the_month(api):
    client = api("handler_a")
    ids = [register(client, received_on="2026-03-02")["id"] for _ in range(11)]
    response = act(client, ids[0], "fee_notice", date="2026-03-03", method="per_item")
    assert error_code(response) == "fee_not_chargeable"
    detail = act(client, ids[10], "fee_notice", date="2026-03-03", method="per_item").json()
    assert detail["fee"]["nth"] == 11 and detail["fee"]["amount"] == 100


def test_fee_lapse_concludes_as_fee_lapsed(api):
    client = api("handler_a")
    app_id = register(client, received_on="2025-01-20")["id"]
    act(client, app_id, "fee_notice", date="2025-01-24", method="per_page", pages=31)
    assert error_code(act(client, app_id, "fee_lapsed", date="2025-02-27")) == "fee_not_lapsed"
    detail = act(client, app_id, "fee_lapsed", date="2025-02-28").json()
    assert detail["state"] == "concluded" and detail["outcome"] == "other.fee_lapsed"


def test_correction_lapse_concludes_as_correction_lapsed(api):
    client = api("handler_a")
    app_id = register(client)["id"]
    act(client, app_id, "request_correction", date="2026-02-12", items="请写明文号", respond_within_days=15)
    assert error_code(act(client, app_id, "correction_lapsed", date="2026-03-11")) == "correction_not_lapsed"
    detail = act(client, app_id, "correction_lapsed", date="2026-03-12").json()
    assert detail["outcome"] == "other.correction_lapsed" and detail["concluded_on"] == "2026-03-12"


@pytest.mark.parametrize(("date", "late"), [("2026-03-16", False), ("2026-03-17", True)])
def test_reply_concludes_and_is_late_after_the_due_date(api, date, late):
    client = api("reviewer_a")  # a withholding reply needs sign-off: a reviewer's reply is its own
    app_id = register(client)["id"]
    detail = act(
        client, app_id, "reply", date=date, outcome="withheld.third_party", reason="涉及商业秘密"
    ).json()
    assert detail["state"] == "concluded" and detail["outcome"] == "withheld.third_party"
    assert detail["replied_on"] == date and detail["late"] is late and detail["days_left"] is None


def test_withdrawal_counts_as_other_other(api):
    client = api("handler_a")
    app_id = register(client)["id"]
    detail = act(client, app_id, "withdraw", date="2026-02-20").json()
    assert detail["outcome"] == "other.other" and detail["state"] == "concluded"


def test_a_later_deadline_under_article_35(api):
    client = api("handler_a")
    app_id = register(client)["id"]
    detail = act(
        client, app_id, "set_later_deadline", date="2026-03-10", due_on="2026-04-30", reason="申请量大"
    ).json()
    assert detail["due_on"] == "2026-04-30"


# Refusals: 409 with a code, and nothing changed -------------------------------------------------

REFUSALS = [
    ("correction_too_late", [], ("request_correction", {"date": "2026-02-27", "items": ["x"]})),
    (
        "correction_already_requested",
        [
            ("request_correction", {"date": "2026-02-11", "items": ["x"]}),
            ("receive_correction", {"date": "2026-02-12"}),
        ],
        ("request_correction", {"date": "2026-02-13", "items": ["y"]}),
    ),
    (
        "correction_not_lapsed",
        [("request_correction", {"date": "2026-02-12", "items": ["x"]})],
        ("correction_lapsed", {"date": "2026-03-11"}),
    ),
    (
        "extension_too_late",
        [],
        ("extend", {"date": "2026-03-17", "days": 5, "reason": "r", "approver": "王"}),
    ),
    (
        "extension_too_long",
        [],
        ("extend", {"date": "2026-03-02", "days": 21, "reason": "r", "approver": "王"}),
    ),
    (
        "extension_already_granted",
        [("extend", {"date": "2026-03-02", "days": 5, "reason": "r", "approver": "王"})],
        ("extend", {"date": "2026-03-03", "days": 5, "reason": "r", "approver": "王"}),
    ),
    ("action_not_allowed", [], ("confirm_receipt", {"date": "2026-02-11"})),
    ("action_not_allowed", [], ("end_consultation", {"date": "2026-02-11"})),
    (
        "action_not_allowed",
        [("start_consultation", {"date": "2026-02-11", "third_party": "某"})],
        ("reply", {"date": "2026-02-12", "outcome": "disclosed"}),
    ),
    (
        "action_not_allowed",
        [("reply", {"date": "2026-02-11", "outcome": "disclosed"})],
        ("withdraw", {"date": "2026-02-12"}),
    ),
    ("date_before_previous_event", [], ("reply", {"date": "2026-02-09", "outcome": "disclosed"})),
    ("date_in_future", [], ("reply", {"date": "2099-01-05", "outcome": "disclosed"})),
    ("fee_notice_too_late", [], ("fee_notice", {"date": "2026-03-17", "method": "per_page", "pages": 50})),
    ("consultation_too_late", [], ("start_consultation", {"date": "2026-03-17", "third_party": "某"})),
    (
        "fee_already_noticed",
        [
            ("fee_notice", {"date": "2026-02-11", "method": "per_page", "pages": 50}),
            ("fee_paid", {"date": "2026-02-12"}),
        ],
        ("fee_notice", {"date": "2026-02-13", "method": "per_page", "pages": 50}),
    ),
    (
        "fee_not_lapsed",
        [("fee_notice", {"date": "2026-02-11", "method": "per_page", "pages": 50})],
        ("fee_lapsed", {"date": "2026-02-12"}),
    ),
    ("fee_not_chargeable", [], ("fee_notice", {"date": "2026-02-11", "method": "per_page", "pages": 30})),
    (
        "later_deadline_not_later",
        [],
        ("set_later_deadline", {"date": "2026-02-11", "due_on": "2026-03-16", "reason": "r"}),
    ),
    (
        "later_deadline_too_late",
        [],
        ("set_later_deadline", {"date": "2026-03-17", "due_on": "2026-05-16", "reason": "r"}),
    ),
]


@pytest.mark.parametrize(("code", "before", "attempt"), REFUSALS, ids=[code for code, _, _ in REFUSALS])
def test_a_refused_act_is_409_with_its_code_and_changes_nothing(api, code, before, attempt):
    # A reviewer: extensions are approved in the system, replies need no sign-off.
    client = api("reviewer_a")
    app_id = register(client)["id"]
    for action, fields in before:
        response = act(client, app_id, action, **fields)
        assert response.status_code == 200, response.json()
    unchanged = snapshot(app_id)
    response = act(client, app_id, attempt[0], **attempt[1])
    assert response.status_code == 409, response.json()
    assert error_code(response) == code
    assert snapshot(app_id) == unchanged


def test_an_unknown_action_is_404_with_its_code(api):
    client = api("handler_a")
    app_id = register(client)["id"]
    response = act(client, app_id, "teleport", date="2026-02-11")
    assert response.status_code == 404 and error_code(response) == "unknown_action"


@pytest.mark.parametrize(
    ("action", "fields"),
    [
        ("reply", {"date": "2026-02-11"}),
        ("reply", {"date": "2026-02-11", "outcome": "other.fee_lapsed"}),
        ("reply", {"date": "2026-02-11", "outcome": "bogus"}),
        ("request_correction", {"date": "2026-02-11"}),
        ("start_consultation", {"date": "2026-02-11"}),
        ("extend", {"date": "2026-02-11", "days": 0, "reason": "r"}),
        ("fee_notice", {"date": "2026-02-11", "method": "per_page"}),
        ("set_later_deadline", {"date": "2026-02-11", "reason": "r"}),
        ("reply", {"outcome": "disclosed"}),
    ],
)
def test_missing_or_bad_fields_are_422_and_change_nothing(api, action, fields):
    client = api("handler_a")
    app_id = register(client)["id"]
    unchanged = snapshot(app_id)
    response = act(client, app_id, action, **fields)
    assert response.status_code == 422, response.json()
    assert snapshot(app_id) == unchanged


# Lists, tracking, reviews, fees ------------------------------------------------------------------


def test_list_filters_by_state_overdue_and_year_within_scope(api, staff):
    client = api("handler_a")
    old = register(client, received_on="2025-06-03")["id"]
    done = register(client, received_on="2026-11-02")["id"]
    act(client, done, "reply", date="2026-11-03", outcome="disclosed")
    listed = client.get("/applications").json()
    assert listed["total"] == 2 and set(listed) == {"total", "page", "size", "results"}
    assert [row["id"] for row in client.get("/applications", overdue="true").json()["results"]] == [old]
    assert [row["id"] for row in client.get("/applications", overdue="false").json()["results"]] == [done]
    assert [row["id"] for row in client.get("/applications", year=2025).json()["results"]] == [old]
    assert [row["id"] for row in client.get("/applications", state="concluded").json()["results"]] == [done]
    assert api("handler_b").get("/applications").json()["total"] == 0
    assert api("handler_b").get("/applications", agency="dept-a").status_code == 404


def test_tracking_shows_progress_and_nothing_personal(api):
    client = api("handler_a")
    data = register(client)
    act(client, data["id"], "reply", date="2026-03-02", outcome="disclosed")
    response = api().get(f"/public/track/{data['tracking_code'].lower()}")
    assert response.status_code == 200
    tracked = response.json()
    assert tracked["state"] == "concluded" and tracked["replied_on"] == "2026-03-02"
    assert tracked["received_on"] == "2026-02-10" and tracked["due_on"] == "2026-03-16"
    assert tracked["outcome"] == "disclosed"
    text = response.content.decode()
    assert ID_NUMBER not in text and "13800138000" not in text and "张三" not in text
    assert api().get("/public/track/NOPE").status_code == 404


def test_reviews_are_filed_and_decided_once(api):
    client = api("handler_a")
    app_id = register(client)["id"]
    act(client, app_id, "reply", date="2026-03-02", outcome="withheld.process_info")
    response = client.post(f"/applications/{app_id}/reviews", {"kind": "review", "filed_on": "2026-04-01"})
    assert response.status_code == 201
    review = response.json()
    assert review["result"] is None and review["agency"] == "dept-a"
    decide = f"/reviews/{review['id']}/decide"
    assert error_code(client.post(decide, {"decided_on": "2026-03-31", "result": "maintained"})) == (
        "date_before_previous_event"
    )
    decided = client.post(decide, {"decided_on": "2026-05-20", "result": "maintained"}).json()
    assert decided["result"] == "maintained" and decided["decided_on"] == "2026-05-20"
    assert error_code(client.post(decide, {"decided_on": "2026-05-21", "result": "corrected"})) == (
        "review_already_decided"
    )
    assert api("handler_b").post(decide, {"decided_on": "2026-05-21", "result": "other"}).status_code == 404
    assert client.get(f"/applications/{app_id}").json()["reviews"][0]["result"] == "maintained"


@pytest.mark.parametrize(
    ("params", "amount"),
    [
        ({"method": "per_item", "nth": 10}, 0),
        ({"method": "per_item", "nth": 11}, 100),
        ({"method": "per_item", "nth": 31}, 200),
        ({"method": "per_page", "pages": 101}, 720),
        ({"method": "per_page", "pages": 201}, 2740),
    ],
)
def test_fee_quotes(api, params, amount):
    response = api().get("/fees/quote", **params)
    assert response.status_code == 200 and response.json()["amount"] == amount


def test_fee_quote_needs_its_parameter(api):
    assert api().get("/fees/quote", method="per_page").status_code == 422
    assert api().get("/fees/quote", method="both", pages=3).status_code == 422


def test_every_act_is_audited_once(api):
    client = api("handler_a")
    app_id = register(client)["id"]
    before = AuditEvent.objects.count()
    act(client, app_id, "start_consultation", date="2026-02-11", third_party="某")
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.first().action == "application.start_consultation"


def test_today_is_the_default_limit_for_dates(api):
    client = api("handler_a")
    app_id = register(client)["id"]
    tomorrow = (TODAY + dt.timedelta(days=2)).isoformat()
    assert error_code(act(client, app_id, "withdraw", date=tomorrow)) == "date_in_future"


@pytest.mark.parametrize("id_type", ["id_card", "身份证", None])
def test_common_spellings_of_the_resident_id_card_are_checked_as_one(api, id_type):
    good = api().post("/public/applications", body(id_type=id_type))
    assert good.status_code == 201, good.json()
    bad = api().post("/public/applications", body(id_type=id_type, id_number="110105194912310021"))
    assert bad.status_code == 422


def test_a_passport_number_is_not_checked_as_a_resident_id(api):
    response = api().post("/public/applications", body(id_type="passport", id_number="E12345678"))
    assert response.status_code == 201


# No legal date before the application reached the agency (issue 11, item 1) -------------------


@pytest.mark.today("2026-06-15")
def test_receipt_of_an_online_application_cannot_be_confirmed_before_it_was_submitted(api):
    created = api().post("/public/applications", body()).json()
    client = api("handler_a")
    for early in ("2020-01-01", "2026-06-12"):
        response = act(client, created["id"], "confirm_receipt", date=early)
        assert response.status_code == 409 and error_code(response) == "date_before_arrival"
        assert response.json()["error"]["details"]["arrived_on"] == "2026-06-15"
    response = act(client, created["id"], "confirm_receipt", date="2026-06-15")
    assert response.status_code == 200 and response.json()["received_on"] == "2026-06-15"


def test_a_fax_registered_with_its_arrival_date_cannot_be_received_before_it(api):
    client = api("handler_a")
    data = register(client, received_on="2026-02-09", channel="fax")
    assert data["state"] == "submitted"
    response = act(client, data["id"], "confirm_receipt", date="2026-02-06")
    assert response.status_code == 409 and error_code(response) == "date_before_arrival"
    response = act(client, data["id"], "confirm_receipt", date="2026-02-10")
    assert response.status_code == 200 and response.json()["due_on"] == "2026-03-16"
