"""The API.md contract of opinion solicitation: paths, fields and error codes."""

import datetime as dt

import pytest
import time_machine
from openpyxl import load_workbook

from gongkai.solicitation.tests.factories import at
from gongkai.testing import error_code

pytestmark = pytest.mark.django_db

DRAFT = {
    "agency": "dept-a",
    "kind": "major_decision",
    "title": "某市公共停车场管理办法（征求意见稿）",
    "draft": "<p>第一条 为了规范公共停车场管理，制定本办法。</p>",
    "explanation": "起草说明",
    "opens_on": "2026-09-01",
    "closes_on": "2026-10-08",
}


def frozen(moment: str):
    return time_machine.travel(at(moment), tick=False)


def created(api, **changes):
    response = api("root").post("/solicitations", {**DRAFT, **changes})
    assert response.status_code == 201, response.content
    return response.json()


def test_creation_answers_the_draft_state_and_the_minimum(api):
    body = created(api)
    assert body["state"] == "draft" and body["min_closes_on"] == "2026-10-08" and body["id"]


@pytest.mark.parametrize(
    ("kind", "opens_on", "min_closes_on"),
    [
        ("major_decision", "2026-09-01", "2026-10-08"),
        ("rule", "2026-01-20", "2026-02-24"),
        ("market_related", "2026-03-05", "2026-04-07"),
        ("normative_document", "2026-02-10", "2026-02-26"),
    ],
)
def test_a_short_period_is_422_with_the_minimum_in_the_details(api, kind, opens_on, min_closes_on):
    response = api("root").post(
        "/solicitations", {**DRAFT, "kind": kind, "opens_on": opens_on, "closes_on": opens_on}
    )
    assert response.status_code == 422 and error_code(response) == "period_too_short"
    assert response.json()["error"]["details"]["min_closes_on"] == min_closes_on


@pytest.mark.parametrize("kind", ["major_decision", "normative_document"])
def test_a_period_at_the_end_of_representable_dates_is_refused_not_a_500(api, kind):
    response = api("root").post(
        "/solicitations", {**DRAFT, "kind": kind, "opens_on": "9999-12-31", "closes_on": "9999-12-31"}
    )
    assert response.status_code == 422 and error_code(response) == "period_too_short"


def test_a_short_period_with_a_reason_is_created(api):
    body = created(api, closes_on="2026-09-10", shortened_reason="情况紧急")
    assert body["period_short"] is True and body["shortened_reason"] == "情况紧急"


def test_publish_then_comment_then_decide_then_feedback(api):
    body = created(api)
    with frozen("2026-08-30 10:00:00"):
        published = api("root").post(f"/solicitations/{body['id']}/publish", raw="")  # no body at all
        assert published.status_code == 200, published.content
        assert published.json()["state"] == "open"
        refused = api().post(f"/public/solicitations/{body['id']}/comments", {"text": "太早了"})
        assert refused.status_code == 409 and error_code(refused) == "solicitation_not_open"
    with frozen("2026-10-08 23:59:00"):
        sent = api().post(
            f"/public/solicitations/{body['id']}/comments",
            {"text": "建议降低收费", "name": "李四", "contact": "x"},
        )
        assert sent.status_code == 201 and set(sent.json()) >= {"id"}
        assert api().get(f"/public/solicitations/{body['id']}").json()["state"] == "open"
    comment_id = sent.json()["id"]
    with frozen("2026-10-09 00:00:01"):
        late = api().post(f"/public/solicitations/{body['id']}/comments", {"text": "晚了"})
        assert late.status_code == 409 and error_code(late) == "solicitation_not_open"
        assert api().get(f"/public/solicitations/{body['id']}").json()["state"] == "closed"
        listed = api("root").get(f"/solicitations/{body['id']}/comments").json()
        assert listed["total"] == 1 and listed["results"][0]["name"] == "李四"
        feedback = {"date": "2026-10-09", "summary": "已研究", "rows": []}
        early = api("root").post(f"/solicitations/{body['id']}/feedback", {**feedback, "date": "2026-10-08"})
        assert early.status_code == 409 and error_code(early) == "solicitation_not_closed"
        undecided = api("root").post(f"/solicitations/{body['id']}/feedback", feedback)
        assert undecided.status_code == 409 and error_code(undecided) == "comments_undecided"
        decide = f"/solicitations/{body['id']}/comments/{comment_id}/decide"
        missing = api("root").post(decide, {"decision": "not_adopted"})
        assert missing.status_code == 422 and error_code(missing) == "reason_required"
        assert api("root").post(decide, {"decision": "not_adopted", "reason": "另有规定"}).status_code == 200
        rows = [
            {"comments": [comment_id], "summary": "降低收费", "decision": "not_adopted", "reason": "另有规定"}
        ]
        report = api("root").post(f"/solicitations/{body['id']}/feedback", {**feedback, "rows": rows})
        assert report.status_code == 200, report.content
        published_feedback = report.json()
        assert published_feedback["totals"]["not_adopted"] == 1 and published_feedback["item"]["index_no"]
        public = api().get(f"/public/solicitations/{body['id']}").json()
    assert public["state"] == "feedback_published"
    assert public["feedback"]["rows"][0]["summary"] == "降低收费"
    assert "李四" not in str(public)


def test_public_lists_filter_by_state_and_hide_drafts(api):
    draft = created(api)
    open_one = created(api, kind="other", opens_on="2026-09-01", closes_on="2026-09-30", title="征集中")
    with frozen("2026-09-01 10:00:00"):
        api("root").post(f"/solicitations/{open_one['id']}/publish")
        open_list = api().get("/public/solicitations", state="open").json()
        assert [row["id"] for row in open_list["results"]] == [open_one["id"]]
        assert open_list["results"][0]["days_left"] == 29
        assert api().get("/public/solicitations", state="closed").json()["total"] == 0
    response = api().get(f"/public/solicitations/{draft['id']}")
    assert response.status_code == 404
    assert api().get("/public/solicitations", state="draft").json()["total"] == 0


def test_an_unknown_state_filter_is_422_not_ignored(api):
    created(api)
    response = api().get("/public/solicitations", state="bogus")
    assert response.status_code == 422 and error_code(response) == "validation_error"
    response = api("root").get("/solicitations", state="bogus")
    assert response.status_code == 422 and error_code(response) == "validation_error"
    assert api("root").get("/solicitations", state="draft").json()["total"] == 1


def test_the_export_is_a_workbook_with_formulas_kept_as_text(api):
    body = created(api, kind="other", closes_on="2026-09-30")
    with frozen("2026-09-02 10:00:00"):
        api("root").post(f"/solicitations/{body['id']}/publish")
        api().post(f"/public/solicitations/{body['id']}/comments", {"text": '=HYPERLINK("http://x","点我")'})
    response = api("root").get(f"/solicitations/{body['id']}/comments.xlsx")
    assert response.status_code == 200
    import io

    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet.cell(row=3, column=5)
    assert cell.value == '=HYPERLINK("http://x","点我")' and cell.data_type == "s"


def test_extension_is_announced_on_the_public_page(api):
    body = created(api)
    with frozen("2026-09-05 10:00:00"):
        api("root").post(f"/solicitations/{body['id']}/publish")
        extended = api("root").post(
            f"/solicitations/{body['id']}/extend", {"closes_on": "2026-10-20", "reason": "应要求延长"}
        )
        assert extended.status_code == 200, extended.content
        public = api().get(f"/public/solicitations/{body['id']}").json()
    assert public["closes_on"] == "2026-10-20"
    assert public["extensions"] == [
        {
            "previous_closes_on": "2026-10-08",
            "closes_on": "2026-10-20",
            "reason": "应要求延长",
            "announced_on": "2026-09-05",
        }
    ]


def test_an_unknown_kind_is_refused(api):
    response = api("root").post("/solicitations", {**DRAFT, "kind": "decree"})
    assert response.status_code == 422 and error_code(response) == "invalid_kind"


def test_creation_opening_into_an_unconfirmed_year_leaves_the_minimum_unknown(api):
    body = created(api, opens_on="2026-12-10", closes_on="2027-01-20")
    assert body["min_closes_on"] is None and body["min_closes_on_unknown_year"] == 2027
    assert dt.date.fromisoformat(body["closes_on"]) == dt.date(2027, 1, 20)


def test_draft_files_are_uploaded_and_removed_until_publication(api, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    body = created(api, kind="other", closes_on="2026-09-30")
    staff = api("root")

    def send(name: str, content: bytes):
        path = f"/api/v1/solicitations/{body['id']}/attachments"
        return staff.client.post(path, {"file": SimpleUploadedFile(name, content)}, **staff.headers)

    refused = send("说明.pdf", b"MZ not a pdf")
    assert refused.status_code == 422 and error_code(refused) == "attachment_type_not_allowed"
    first, second = send("对照表.pdf", b"%PDF-1.4\n%%EOF\n"), send("附表.pdf", b"%PDF-1.4\n%%EOF\n")
    assert first.status_code == 201 and first.json()["name"] == "对照表.pdf"
    removed = staff.client.delete(
        f"/api/v1/solicitations/{body['id']}/attachments/{first.json()['id']}", **staff.headers
    )
    assert removed.status_code == 204
    assert [each["name"] for each in staff.get(f"/solicitations/{body['id']}").json()["attachments"]] == [
        "附表.pdf"
    ]
    with frozen("2026-09-01 10:00:00"):
        staff.post(f"/solicitations/{body['id']}/publish")
    kept = staff.client.delete(
        f"/api/v1/solicitations/{body['id']}/attachments/{second.json()['id']}", **staff.headers
    )
    assert kept.status_code == 409 and error_code(kept) == "solicitation_published"
    public = api().get(f"/public/solicitations/{body['id']}").json()
    assert [each["name"] for each in public["attachments"]] == ["附表.pdf"]
    gone = staff.client.delete(f"/api/v1/solicitations/{body['id']}/attachments/999999", **staff.headers)
    assert gone.status_code == 404


def test_staff_of_another_agency_get_404_for_the_records_and_the_comments(api):
    body = created(api)
    with frozen("2026-09-01 10:00:00"):
        api("root").post(f"/solicitations/{body['id']}/publish")
        sent = api().post(f"/public/solicitations/{body['id']}/comments", {"text": "建议", "name": "李四"})
    other = api("handler_b")
    paths = [
        ("get", f"/solicitations/{body['id']}", None),
        ("get", f"/solicitations/{body['id']}/comments", None),
        ("post", f"/solicitations/{body['id']}/comments/{sent.json()['id']}/decide", {"decision": "adopted"}),
        ("post", f"/solicitations/{body['id']}/extend", {"closes_on": "2026-10-30", "reason": "延长"}),
    ]
    with frozen("2026-09-02 10:00:00"):
        for method, path, payload in paths:
            response = getattr(other, method)(path, payload) if payload else getattr(other, method)(path)
            assert response.status_code == 404, (path, response.content)
        assert body["id"] not in [row["id"] for row in other.get("/solicitations").json()["results"]]
