"""Stored suggestions and proposals through the API of API.md: due days by 民法典 Arts. 202–203 on
the calendar (worked by hand), extension, answers, satisfaction and the second answer, publication
as a catalogue item in column ``proposals``, the year's report, co-handlers, key tasks, indicators."""

import datetime as dt

import pytest

from gongkai.catalog.models import Item
from gongkai.proposals import selectors
from gongkai.proposals.models import Proposal
from gongkai.testing import confirm_synthetic_year, error_code

pytestmark = pytest.mark.django_db

BODY = {"agency": "dept-a", "kind": "deputy_suggestion", "session": "十七届人大三次会议", "number": 58,
        "title": "关于加快城区公共充电桩建设的建议", "proposers": "王某某等5名代表"}  # fmt: skip
ANSWER = "经研究，今年新建公共充电桩420个，下一步将推进老旧小区充电设施改造。"


def created(api, assigned_on, **changes):
    response = api("reviewer_a").post("/proposals", {**BODY, "assigned_on": assigned_on, **changes})
    assert response.status_code == 201, response.content
    return response.json()


def act(api, proposal, action, user="reviewer_a", **body):
    return api(user).post(f"/proposals/{proposal['id']}/actions/{action}", body)


@pytest.mark.parametrize(
    ("assigned_on", "due_on"),
    [
        ("2026-01-31", "2026-04-30"),  # no 31 April: the month's last day
        ("2026-07-01", "2026-10-08"),  # 1 October is 国庆节 (1–7 October): the next working day
        ("2026-03-10", "2026-06-10"),
    ],
)
def test_due_day_three_months_after_assignment(api, assigned_on, due_on):
    assert created(api, assigned_on)["due_on"] == due_on


def test_30_november_plus_three_months_waits_for_the_2027_calendar(api):
    body = created(api, "2026-11-30")
    assert body["due_on"] is None and "2027" in body["due_unknown_reason"]
    confirm_synthetic_year(2027)
    # 28 February 2027 (no 30 February) is a Sunday: Monday 1 March.
    assert api("reviewer_a").get(f"/proposals/{body['id']}").json()["due_on"] == "2027-03-01"


@pytest.mark.today("2026-08-01")
def test_extension_gives_six_months_and_needs_a_reason(api):
    proposal = created(api, "2026-03-10")
    refused = act(api, proposal, "extend", date="2026-04-01", reason="")
    assert refused.status_code == 422
    body = act(api, proposal, "extend", date="2026-04-01", reason="涉及多个部门，处理难度大").json()
    assert body["due_on"] == "2026-09-10" and body["extended"] is True
    again = act(api, proposal, "extend", date="2026-04-02", reason="再延")
    assert again.status_code == 409 and error_code(again) == "already_extended"


def test_answer_rate_second_answer_and_lateness(api):
    proposal = created(api, "2026-01-05")  # due 2026-04-07 (5 April is 清明节 weekend → Tuesday 7th)
    body = act(
        api,
        proposal,
        "answer",
        date="2026-05-06",
        result_class="B",
        doc_number="甲发〔2026〕12号",
        text=ANSWER,
    ).json()
    assert body["state"] == "answered" and body["late"] is True and body["result_class"] == "B"
    assert (
        act(api, proposal, "answer", date="2026-05-07", result_class="A", doc_number="x").status_code == 409
    )
    bad = act(api, proposal, "rate", date="2026-05-07", satisfaction="happy")
    assert bad.status_code == 422
    body = act(api, proposal, "rate", date="2026-05-31", satisfaction="dissatisfied").json()
    # 31 May + 1 month: no 31 June → 30 June, a Tuesday.
    assert body["state"] == "second_answer_due" and body["second_answer_due_on"] == "2026-06-30"
    body = act(
        api, proposal, "second_answer", date="2026-06-20", doc_number="甲发〔2026〕30号", text="再次答复"
    ).json()
    assert body["state"] == "second_answered"


def test_second_answer_due_31_january_plus_one_month(api):
    proposal = created(api, "2025-12-01")
    act(
        api,
        proposal,
        "answer",
        date="2026-01-20",
        result_class="A",
        doc_number="甲发〔2026〕1号",
        text=ANSWER,
    )
    body = act(api, proposal, "rate", date="2026-01-31", satisfaction="dissatisfied").json()
    # No 31 February: the 28th, a Saturday that is a make-up working day in 2026.
    assert body["second_answer_due_on"] == "2026-02-28"


def test_the_second_answer_and_publication_limits_are_deployment_settings(api, settings):
    # domain/services.md §4: 不满意 → second answer "1 month later (setting)"; publication "within
    # 20 working days of answering (setting)". A province allowing 2 months and 15 working days:
    settings.GONGKAI_PROPOSAL_SECOND_ANSWER_MONTHS = 2
    settings.GONGKAI_PROPOSAL_PUBLICATION_WORKDAYS = 15
    proposal = created(api, "2026-01-05")
    body = act(
        api,
        proposal,
        "answer",
        date="2026-02-10",
        result_class="A",
        doc_number="甲发〔2026〕5号",
        text=ANSWER,
    ).json()
    # Feb 11, 12, 13, 14 (make-up Saturday), then 24, 25, 26, 27, 28 (make-up Saturday), Mar 2–6, Mar 9.
    assert body["publication_due_on"] == "2026-03-09"
    body = act(api, proposal, "rate", date="2026-03-31", satisfaction="dissatisfied").json()
    # 31 March + 2 months: 31 May, a Sunday → Monday 1 June.
    assert body["second_answer_due_on"] == "2026-06-01"


def test_acts_out_of_order_or_in_the_future_are_refused(api):
    proposal = created(api, "2026-10-09")
    early = act(api, proposal, "answer", date="2026-10-01", result_class="A", doc_number="x")
    assert early.status_code == 409 and error_code(early) == "date_before_previous_act"
    future = act(api, proposal, "answer", date="2026-12-01", result_class="A", doc_number="x")
    assert future.status_code == 409 and error_code(future) == "date_in_future"
    assert act(api, proposal, "publish", date="2026-11-01", mode="full").status_code == 409
    unknown = act(api, proposal, "dance", date="2026-11-01")
    assert unknown.status_code == 404 and error_code(unknown) == "unknown_action"
    duplicate = api("reviewer_a").post("/proposals", {**BODY, "assigned_on": "2026-10-09"})
    assert duplicate.status_code == 409 and error_code(duplicate) == "proposal_exists"


def test_publication_in_full_is_a_catalogue_item_without_the_proposers(api, client):
    proposal = created(api, "2026-08-03")
    act(
        api,
        proposal,
        "answer",
        date="2026-10-20",
        result_class="A",
        doc_number="甲发〔2026〕58号",
        text=ANSWER,
    )
    body = act(api, proposal, "publish", date="2026-11-02", mode="full").json()
    assert body["published_on"] == "2026-11-02" and body["index_no"]
    item = Item.objects.get(index_no=body["index_no"])
    assert item.columns.filter(code="proposals").exists() and ANSWER in item.body
    assert "王某某" not in item.body and "王某某" not in item.title
    listing = api().get("/public/proposals").json()
    assert listing["total"] == 1 and "proposers" not in listing["results"][0]
    page = client.get("/proposals/").content.decode()
    assert "关于加快城区公共充电桩建设的建议" in page and "王某某" not in page
    assert act(api, proposal, "publish", date="2026-11-03", mode="full").status_code == 409


def test_summary_publication_needs_a_reason_and_a_handler_may_not_publish(api):
    proposal = created(api, "2026-08-03")
    act(api, proposal, "answer", date="2026-10-20", result_class="C", doc_number="甲发〔2026〕59号")
    assert (
        act(api, proposal, "publish", user="handler_a", date="2026-11-02", mode="summary").status_code == 403
    )
    assert act(api, proposal, "publish", date="2026-11-02", mode="summary", summary="摘要").status_code == 422
    body = act(
        api,
        proposal,
        "publish",
        date="2026-11-02",
        mode="summary",
        summary="因条件限制留作参考。",
        reason="涉及尚未决策的规划内容",
    ).json()
    assert body["publication_mode"] == "summary"


def test_full_publication_of_an_answer_recorded_without_its_text(api):
    """API.md's answer {result_class, doc_number} has no text: published in full, the item holds the
    answer's record and says that its text was not entered."""
    proposal = created(api, "2026-08-03")
    act(api, proposal, "answer", date="2026-10-20", result_class="B", doc_number="甲发〔2026〕61号")
    response = act(api, proposal, "publish", date="2026-11-02", mode="full")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["publication_mode"], body["published_on"]) == ("full", "2026-11-02")
    item = Item.objects.get(index_no=body["index_no"])
    assert "答复文号：甲发〔2026〕61号" in item.body and "答复正文未录入本平台" in item.body


def test_full_text_with_a_phone_number_is_stopped_by_screening(api):
    proposal = created(api, "2026-08-03")
    act(api, proposal, "answer", date="2026-10-20", result_class="A", doc_number="甲发〔2026〕60号",
        text="答复正文。联系人：张三，电话 13912345678。")  # fmt: skip
    response = act(api, proposal, "publish", date="2026-11-02", mode="full")
    assert response.status_code == 409 and error_code(response) == "screening_findings"
    assert Proposal.objects.get(pk=proposal["id"]).published_on is None


LETTER = (
    "王某某代表：您提出的关于加快城区公共充电桩建设的建议收悉。" + ANSWER
    + "联系单位：甲局规划科，联系电话：0571-87001234，电子邮箱：ghk@jia.gov.cn。"
)


def test_full_publication_refuses_the_proposers_names_and_contact_details(api):
    """services.md §4: proposers are never published and the full text goes out without contact
    details. A letter that names the deputy and carries a landline and an e-mail address (which
    screening only warns about) is refused until the published wording leaves them out."""
    proposal = created(api, "2026-08-03")
    act(api, proposal, "answer", date="2026-10-20", result_class="A", doc_number="甲发〔2026〕62号", text=LETTER)
    refused = act(api, proposal, "publish", date="2026-11-02", mode="full")
    assert refused.status_code == 409 and error_code(refused) == "personal_data_in_wording"
    details = refused.json()["error"]["details"]
    assert details["fields"] == details["proposers"] == ["answer_text"]
    assert details["contact"] == ["landline", "email"]
    assert Proposal.objects.get(pk=proposal["id"]).published_on is None
    in_summary = act(api, proposal, "publish", date="2026-11-02", mode="summary",
                     summary="王某某代表所提建议已采纳。", reason="答复涉及未公开的规划")  # fmt: skip
    assert in_summary.status_code == 409 and error_code(in_summary) == "personal_data_in_wording"
    wording = "您提出的关于加快城区公共充电桩建设的建议收悉。" + ANSWER
    body = act(api, proposal, "publish", date="2026-11-02", mode="full", text=wording).json()
    item = Item.objects.get(index_no=body["index_no"])
    assert ANSWER in item.body and "王某某" not in item.body and "87001234" not in item.body


def test_co_handlers_see_the_record_and_send_views_by_the_default_date(api):
    proposal = created(api, "2026-03-10", co_handlers=["dept-b"])
    co = proposal["co_handlers"][0]
    assert (
        co["agency"] == "dept-b" and co["views_due_on"] == "2026-05-09"
    )  # 10 May is a Sunday; Saturday 9th is a make-up working day
    assert api("handler_b").get(f"/proposals/{proposal['id']}").status_code == 200
    assert (
        act(
            api, proposal, "answer", user="handler_b", date="2026-04-01", result_class="A", doc_number="x"
        ).status_code
        == 404
    )
    body = act(
        api,
        proposal,
        "co_views",
        user="handler_b",
        date="2026-04-20",
        agency="dept-b",
        views="同意主办单位意见",
    ).json()
    assert body["co_handlers"][0]["views_sent_on"] == "2026-04-20"


def test_the_lead_sets_the_date_of_a_co_handlers_views(api):
    """domain/services.md §4: co-handlers send their views by a date the lead sets (default one
    month before the due day); the date lies between 交办 and the answer's due day."""
    proposal = created(api, "2026-03-10", co_handlers=["dept-b"])  # answer due 2026-06-10
    body = act(
        api, proposal, "views_due", date="2026-03-11", agency="dept-b", views_due_on="2026-04-15"
    ).json()
    assert body["co_handlers"][0]["views_due_on"] == "2026-04-15"
    too_late = act(api, proposal, "views_due", date="2026-03-11", agency="dept-b", views_due_on="2026-06-11")
    assert too_late.status_code == 409 and error_code(too_late) == "views_due_after_answer_due"
    by_co_handler = act(
        api,
        proposal,
        "views_due",
        user="handler_b",
        date="2026-03-11",
        agency="dept-b",
        views_due_on="2026-04-20",
    )
    assert by_co_handler.status_code == 404
    unknown = act(api, proposal, "views_due", date="2026-03-11", agency="dept-c", views_due_on="2026-04-20")
    assert unknown.status_code == 404 and error_code(unknown) == "co_handler_not_found"
    body = act(api, proposal, "views_due", date="2026-03-12", agency="dept-b").json()  # back to the default
    assert body["co_handlers"][0]["views_due_on"] == "2026-05-09"
    act(api, proposal, "co_views", user="handler_b", date="2026-04-20", agency="dept-b", views="同意")
    sent = act(api, proposal, "views_due", date="2026-04-21", agency="dept-b", views_due_on="2026-05-20")
    assert sent.status_code == 409 and error_code(sent) == "views_sent"


def test_other_agencies_do_not_see_a_proposal(api):
    proposal = created(api, "2026-03-10")
    assert api("handler_b").get(f"/proposals/{proposal['id']}").status_code == 404
    assert api("handler_b").get("/proposals").json()["total"] == 0


def test_year_report_counts_classes_and_satisfaction(api, client):
    first = created(api, "2026-01-05")
    second = created(api, "2026-02-02", number=59)
    created(api, "2026-03-02", number=60)
    act(api, first, "answer", date="2026-03-20", result_class="A", doc_number="甲发〔2026〕1号", text=ANSWER)
    act(api, first, "rate", date="2026-03-25", satisfaction="satisfied")
    act(api, second, "answer", date="2026-06-20", result_class="B", doc_number="甲发〔2026〕2号", text=ANSWER)
    act(api, second, "rate", date="2026-06-25", satisfaction="dissatisfied")
    response = api("reviewer_a").post(
        "/proposals/reports", {"agency": "dept-a", "year": 2026, "date": "2026-11-30"}
    )
    assert response.status_code == 201, response.content
    totals = response.json()["totals"]
    assert totals["total"] == 3 and totals["answered"] == 2 and totals["on_time"] == 1
    assert totals["by_class"] == {"A": 1, "B": 1, "C": 0}
    assert totals["by_satisfaction"] == {"satisfied": 1, "basically_satisfied": 0, "dissatisfied": 1}
    assert "2026年建议提案办理工作总体情况" in client.get("/proposals/").content.decode()


@pytest.mark.today("2027-01-10")
def test_indicators(tree, api):
    confirm_synthetic_year(2027)
    late = created(api, "2026-08-03")  # due 2026-11-03, unanswered on 2027-01-10
    answered = created(api, "2026-10-09", number=61)
    act(
        api,
        answered,
        "answer",
        date="2026-11-02",
        result_class="A",
        doc_number="甲发〔2026〕61号",
        text=ANSWER,
    )
    ids = [tree["dept_a"].pk]
    today = dt.date(2027, 1, 10)
    assert [p.pk for p in selectors.proposal_overdue(ids, today)] == [late["id"]]
    assert [p.pk for p in selectors.proposal_unpublished(ids, today)] == [answered["id"]]  # due 2026-11-30
    assert selectors.proposal_report_missing(ids, today) == [(tree["dept_a"].pk, 2026)]


def test_key_tasks_progress_public_page_and_findings(api, client, tree):
    task = api("reviewer_a").post(
        "/tasks",
        {"agency": "dept-a", "co_agencies": ["dept-b"], "source": "2026年政府工作报告",
         "title": "新建公共充电桩400个以上", "assigned_on": "2026-03-01", "deadline": "2026-06-30"},
    ).json()  # fmt: skip
    assert task["status"] == "overdue"
    assert {f["code"] for f in task["findings"]} == {
        "no_update_this_quarter",
        "overdue",
        "key_task_no_progress",
    }
    response = api("handler_b").post(
        f"/tasks/{task['id']}/progress", {"date": "2026-10-15", "status": "at_risk", "text": "已建成300个"}
    )
    assert response.status_code == 201
    detail = api("reviewer_a").get(f"/tasks/{task['id']}").json()
    assert {f["code"] for f in detail["findings"]} == {"overdue"}
    assert [
        task.pk for task in selectors.key_task_no_progress([tree["dept_a"].pk], dt.date(2026, 11, 30))
    ] == []
    page = client.get("/proposals/tasks/").content.decode()
    assert "新建公共充电桩400个以上" in page and "已建成300个" in page and "逾期未完成" in page
    refused = api("handler_b").post(
        f"/tasks/{task['id']}/progress", {"date": "2026-10-16", "status": "overdue", "text": "x"}
    )
    assert refused.status_code == 422


def test_answers_owed_are_running_clocks_on_the_dashboard(api):
    """API.md GET /clocks lists every running clock, domain/compliance.md names "proposal answers":
    the answer owed (3 months after 交办), the second answer after a 不满意 rating (1 month), the
    publication of an answer (20 working days), an unknown due day first with the reason."""
    owed = created(api, "2026-09-15")  # 15 December 2026, a Tuesday
    unknown = created(api, "2026-11-30", number=59)  # 28 February 2027: the 2027 calendar is unknown
    dissatisfied = created(api, "2026-08-10", number=60)
    answer = {"date": "2026-10-09", "result_class": "B", "doc_number": "测甲建〔2026〕3号", "text": ANSWER}
    act(api, dissatisfied, "answer", **answer)
    act(api, dissatisfied, "rate", date="2026-11-02", satisfaction="dissatisfied")  # again by 2 December
    done = created(api, "2026-08-11", number=61)
    act(api, done, "answer", **{**answer, "result_class": "A", "doc_number": "测甲建〔2026〕4号"})
    act(api, done, "rate", date="2026-11-02", satisfaction="satisfied")
    other = api("handler_b").post("/proposals", {**BODY, "agency": "dept-b", "assigned_on": "2026-09-15"})
    assert other.status_code == 201

    body = api("handler_a").get("/clocks", agency="dept-a").json()
    clocks = [entry for entry in body if entry["object_type"] == "proposal"]
    # Both answered proposals also owe the publication of their answer: 20 working days after
    # 9 October 2026 (10 October a make-up Saturday is day 1) is 5 November, overdue.
    assert [(entry["object_id"], entry["kind"], entry["due_on"], entry["days_left"]) for entry in clocks] == [
        (unknown["id"], "proposal_answer", None, None),
        (dissatisfied["id"], "proposal_publication", "2026-11-05", -17),
        (done["id"], "proposal_publication", "2026-11-05", -17),
        (dissatisfied["id"], "proposal_second_answer", "2026-12-02", 2),
        (owed["id"], "proposal_answer", "2026-12-15", 11),
    ]
    assert "20个工作日内公开" in clocks[1]["explanation"]
    assert "2027" in clocks[0]["explanation"] and body[0]["object_id"] == unknown["id"]
    assert all(entry["agency"] == "dept-a" for entry in clocks)
    assert clocks[4]["label"].startswith("十七届人大三次会议第58号")
    assert "《代表法》第五十一条" in clocks[4]["explanation"]
    # A CPPCC proposal's answer is due in the same time, under the CPPCC's own rules, not the 代表法.
    proposal = created(api, "2026-09-16", kind="cppcc_proposal", session="十三届政协三次会议", number=7)
    listed = api("handler_a").get("/clocks", agency="dept-a").json()
    entry = next(e for e in listed if (e["object_type"], e["object_id"]) == ("proposal", proposal["id"]))
    assert entry["due_on"] == "2026-12-16" and "代表法》第" not in entry["explanation"]
    assert "政协提案工作条例" in entry["explanation"]


def test_summary_publication_with_the_fields_of_api_md_only(api):
    """API.md: answer {result_class, doc_number}, then publish {mode: "summary", reason?}: no
    summary text is required; the published summary states the result class and the answer's number."""
    proposal = created(api, "2026-08-03")
    act(api, proposal, "answer", date="2026-10-20", result_class="C", doc_number="甲发〔2026〕59号")
    response = act(
        api, proposal, "publish", date="2026-11-02", mode="summary", reason="涉及尚未决策的规划内容"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["publication_mode"], body["published_on"]) == ("summary", "2026-11-02")
    item = Item.objects.get(index_no=body["index_no"])
    assert item.summary == "办理结果为C类（因条件限制或其他原因留作参考），已以甲发〔2026〕59号作出答复。"
    assert "涉及尚未决策的规划内容" in item.body and item.summary in item.body


def test_a_public_task_s_progress_is_screened_before_the_portal_shows_it(api, client, tree):
    """Art. 17 保密审查 (domain/screening.md): the progress text of a public task goes straight to
    the portal, so a blocking finding stops it unless a reviewer of the lead gives a substantive
    reason, kept in the audit event with the masked findings only."""
    from gongkai.audit.models import AuditEvent

    task = api("reviewer_a").post(
        "/tasks",
        {"agency": "dept-a", "co_agencies": ["dept-b"], "source": "2026年政府工作报告",
         "title": "新建公共充电桩400个以上", "assigned_on": "2026-03-01", "deadline": "2026-12-31"},
    ).json()  # fmt: skip
    leak = {"date": "2026-11-02", "status": "on_track", "text": "已建成300个，联系人张三13812345678"}
    refused = api("handler_b").post(f"/tasks/{task['id']}/progress", leak)
    assert refused.status_code == 409 and error_code(refused) == "screening_findings"
    assert refused.json()["error"]["details"]["findings"][0]["masked"] == "138****5678"
    reason = "该号码为项目公开的服务热线，经核实可以公开"
    not_reviewer = api("handler_b").post(f"/tasks/{task['id']}/progress", {**leak, "override_reason": reason})
    assert not_reviewer.status_code == 403
    assert (
        api("reviewer_a")
        .post(f"/tasks/{task['id']}/progress", {**leak, "override_reason": "同意"})
        .status_code
        == 422
    )
    assert "13812345678" not in client.get("/proposals/tasks/").content.decode()
    done = api("reviewer_a").post(f"/tasks/{task['id']}/progress", {**leak, "override_reason": reason})
    assert done.status_code == 201
    event = AuditEvent.objects.filter(action="proposals.task_progress").latest("id")
    assert event.data["override_reason"] == reason and event.data["screening"][0]["masked"] == "138****5678"
    assert "13812345678" not in str(event.data)
    clean = api("handler_b").post(
        f"/tasks/{task['id']}/progress", {**leak, "date": "2026-11-03", "text": "已建成320个"}
    )
    assert clean.status_code == 201


def test_list_filters_refuse_values_they_do_not_know(api):
    """An unknown state or kind is a 422 naming the parameter, as the other lists answer it: a
    filter silently ignored would list everything as if it had matched."""
    created(api, "2026-10-09")
    handling = api("reviewer_a").get("/proposals?state=handling").json()
    assert handling["total"] == 1
    for path in ("/proposals?state=bogus", "/public/proposals?kind=bogus"):
        response = api("reviewer_a").get(path)
        assert response.status_code == 422, path
        assert response.json()["error"]["code"] == "validation_error"
    assert api().get("/public/proposals?kind=cppcc_proposal").status_code == 200


@pytest.mark.parametrize("value", [0, -1, 13, "1"])
def test_a_second_answer_limit_out_of_range_is_a_startup_error(settings, value):
    from gongkai.core.checks import proposal_limits_are_sane

    settings.GONGKAI_PROPOSAL_SECOND_ANSWER_MONTHS = value
    assert [error.id for error in proposal_limits_are_sane(None)] == ["gongkai.E004"]
