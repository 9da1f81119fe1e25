"""Staff of one agency never reach another agency's non-public records.

Every workbench URL and staff API endpoint that takes the id of an application, review, letter,
item, attachment, solicitation or report is walked with dept_a's records: dept_b's handler gets 404
(not even the record's existence leaks), too low a rank 403, an anonymous visitor the login page or
401. Nothing is written by a refused request. The newer duties (messages, guides, proposals,
self-check, mail) are walked in ``test_cross_agency_duties.py``; ``test_cross_agency_coverage.py``
fails on a route that neither walk names.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.applications import services as application_services
from gongkai.applications.tests.factories import received_application
from gongkai.audit.models import AuditEvent
from gongkai.catalog import services as catalog_services
from gongkai.core.system import SYSTEM
from gongkai.solicitation import services as solicitation_services
from gongkai.testing import error_code

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FILE = object()  # in an API body: a PDF sent as the multipart field of that name


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def records(tree, settings, tmp_path):
    """dept_a's application (with a letter and a review), draft item with an attachment, year."""
    settings.MEDIA_ROOT = tmp_path / "media"
    application = received_application(tree["dept_a"])
    application_services.request_correction(
        application, actor=SYSTEM, on=dt.date(2026, 2, 12), items=["请写明文号"], today=TODAY
    )
    review = application_services.file_review(
        application, actor=SYSTEM, kind="review", filed_on=dt.date(2026, 3, 1)
    )
    item = catalog_services.create_item(
        actor=SYSTEM,
        agency=tree["dept_a"],
        title="甲局内部草稿",
        genre="notice",
        formed_on=dt.date(2026, 1, 5),
        body="草稿正文",
    )
    attachment = catalog_services.upload_attachment(
        item, actor=SYSTEM, upload=SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    )
    solicitation = solicitation_services.create_solicitation(
        actor=SYSTEM,
        agency=tree["dept_a"],
        kind="other",
        title="甲局内部草稿征求意见",
        draft="<p>草稿正文</p>",
        opens_on=dt.date(2026, 3, 1),
        closes_on=dt.date(2026, 3, 20),
    )
    solicitation_services.publish_solicitation(solicitation, actor=SYSTEM, on=dt.date(2026, 3, 1))
    comment = solicitation_services.submit_comment(
        solicitation, text="意见", name="张三", at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    )
    draft_solicitation = solicitation_services.create_solicitation(
        actor=SYSTEM,
        agency=tree["dept_a"],
        kind="other",
        title="甲局内部草稿意见征集",
        draft="<p>草稿正文</p>",
        opens_on=dt.date(2026, 3, 1),
        closes_on=dt.date(2026, 3, 20),
    )
    draft_file = solicitation_services.attach_file(
        draft_solicitation,
        actor=SYSTEM,
        upload=SimpleUploadedFile("b.pdf", PDF, content_type="application/pdf"),
    )
    letter_event = application.events.order_by("-id").first()
    group = solicitation_services.group_comments(
        solicitation, actor=SYSTEM, comment_ids=[comment.pk], summary="甲局内部分组"
    )
    approval = application_services.upload_extension_approval(
        application, actor=SYSTEM, approver="甲局局长", upload=_pdf("approval.pdf")
    )
    submission = application_services.submit_correction(
        application, text="补正说明", files=[_pdf("c.pdf")], today=dt.date(2026, 2, 13)
    )
    return {
        "group": group.pk,
        "approval": approval.pk,
        "submission": submission.pk,
        "correction_file": submission.attachments.get().pk,
        "column": tree["dept_a"].catalog_columns.order_by("id").first().code,
        "solicitation": solicitation.pk,
        "draft_file": draft_file.pk,
        "draft_solicitation": draft_solicitation.pk,
        "comment": comment.pk,
        "app": application.pk,
        "event": letter_event.pk,
        "review": review.pk,
        "item": item.pk,
        "attachment": attachment.pk,
    }


# (method, url template) of every workbench page that names one of dept_a's records.
WORKBENCH = [
    ("get", "/workbench/apply/{app}/"),
    ("post", "/workbench/apply/{app}/act/withdraw/"),
    ("post", "/workbench/apply/{app}/act/reply/"),
    ("post", "/workbench/apply/{app}/reviews/"),
    ("post", "/workbench/apply/{app}/reviews/{review}/decide/"),
    ("get", "/workbench/apply/{app}/letters/{event}.docx"),
    ("get", "/workbench/apply/{app}/letters/{event}.pdf"),
    ("get", "/workbench/apply/{app}/approvals/{approval}/"),
    ("post", "/workbench/apply/{app}/corrections/{submission}/receive/"),
    ("get", "/workbench/apply/{app}/corrections/files/{correction_file}/"),
    ("get", "/workbench/catalog/{item}/"),
    ("get", "/workbench/catalog/{item}/edit/"),
    ("post", "/workbench/catalog/{item}/edit/"),
    ("post", "/workbench/catalog/{item}/publish/"),
    ("post", "/workbench/catalog/{item}/screen/"),
    ("post", "/workbench/catalog/{item}/review/"),
    ("post", "/workbench/catalog/{item}/abolish/"),
    ("post", "/workbench/catalog/{item}/internal/"),
    ("post", "/workbench/catalog/{item}/delete/"),
    ("post", "/workbench/catalog/{item}/attach/"),
    ("get", "/workbench/solicitations/{solicitation}/"),
    ("get", "/workbench/solicitations/{draft_solicitation}/edit/"),
    ("post", "/workbench/solicitations/{draft_solicitation}/edit/"),
    ("post", "/workbench/solicitations/{draft_solicitation}/publish/"),
    ("post", "/workbench/solicitations/{draft_solicitation}/attachments/"),
    ("get", "/workbench/solicitations/{draft_solicitation}/attachments/{draft_file}/"),
    ("post", "/workbench/solicitations/{draft_solicitation}/attachments/{draft_file}/delete/"),
    ("post", "/workbench/solicitations/{solicitation}/extend/"),
    ("post", "/workbench/solicitations/{solicitation}/group/"),
    ("post", "/workbench/solicitations/{solicitation}/comments/register/"),
    ("post", "/workbench/solicitations/{solicitation}/comments/{comment}/decide/"),
    ("post", "/workbench/solicitations/{solicitation}/groups/{group}/decide/"),
    ("get", "/workbench/solicitations/{solicitation}/comments/{comment}/file/"),
    ("get", "/workbench/solicitations/{solicitation}/comments.xlsx"),
    ("post", "/workbench/solicitations/{solicitation}/feedback/"),
    ("post", "/workbench/solicitations/{solicitation}/final/"),
    # The report pages act on the switcher's agency; ``?agency=`` opens one below it (the office).
    ("get", "/workbench/reports/2026/?agency=dept-a"),
    ("get", "/workbench/reports/2026/download/xlsx/?agency=dept-a"),
]

# (method, url template, body) of every staff API endpoint that names one of dept_a's records.
API = [
    ("get", "/applications/{app}", None),
    ("post", "/applications/{app}/actions/withdraw", {"date": "2026-02-20"}),
    ("post", "/applications/{app}/reviews", {"kind": "review", "filed_on": "2026-03-02"}),
    ("post", "/applications/{app}/extension-approvals", {"approver": "乙局局长", "file": FILE}),
    ("post", "/reviews/{review}/decide", {"decided_on": "2026-04-01", "result": "maintained"}),
    ("get", "/applications/{app}/letter", None),
    ("get", "/items/by-id/{item}", None),
    ("patch", "/items/by-id/{item}", {"title": "改名"}),
    ("delete", "/items/by-id/{item}", None),
    ("post", "/items/{item}/screen", {}),
    ("post", "/items/{item}/review", {}),
    ("post", "/items/{item}/publish", {"date": "2026-02-01"}),
    ("post", "/items/{item}/abolish", {"date": "2026-02-01"}),
    ("post", "/items/{item}/amend", {"date": "2026-02-01"}),
    ("post", "/items/{item}/internal", {"internal": True}),
    ("post", "/items/{item}/attachments", {"file": FILE}),
    ("get", "/reports/annual/dept-a/2026", None),
    ("put", "/reports/annual/dept-a/2026/inputs", {"narrative": {"overview": "乙局改写"}}),
    ("post", "/reports/annual/dept-a/2026/publish", {"date": "2026-12-30"}),
    ("post", "/reports/annual/dept-a/2026/corrections", {"date": "2026-12-30", "reason": "更正"}),
    ("put", "/catalog/dept-a/settings", {"index_pattern": "{prefix}/{year}-{seq:05d}"}),
    ("post", "/catalog/dept-a/columns", {"code": "yiju", "name": "乙局栏目"}),
    ("patch", "/catalog/dept-a/columns/{column}", {"name": "乙局改名"}),
    ("get", "/solicitations/{solicitation}", None),
    ("get", "/solicitations/{draft_solicitation}", None),
    ("patch", "/solicitations/{draft_solicitation}", {"title": "乙局改写"}),
    ("post", "/solicitations/{draft_solicitation}/publish", {}),
    ("post", "/solicitations/{draft_solicitation}/attachments", {"file": FILE}),
    ("delete", "/solicitations/{draft_solicitation}/attachments/{draft_file}", None),
    ("post", "/solicitations/{solicitation}/extend", {"closes_on": "2026-04-30", "reason": "乙局延长"}),
    ("post", "/solicitations/{solicitation}/final", {"item": "{item}"}),
    ("get", "/solicitations/{solicitation}/comments", None),
    ("get", "/solicitations/{solicitation}/comments.xlsx", None),
    ("post", "/solicitations/{solicitation}/comments/{comment}/decide", {"decision": "adopted"}),
    ("get", "/solicitations/{solicitation}/groups", None),
    ("post", "/solicitations/{solicitation}/groups", {"comments": ["{comment}"], "summary": "乙局分组"}),
    ("post", "/solicitations/{solicitation}/groups/{group}/decide", {"decision": "adopted"}),
    ("post", "/solicitations/{solicitation}/feedback", {"date": "2026-03-25", "summary": "乙局", "rows": []}),
    ("put", "/agencies/dept-a/solicitation-settings", {"note": "乙局改写说明"}),
    ("patch", "/agencies/dept-a", {"name": "乙局改名"}),
    ("put", "/agencies/dept-a/members", {"username": "handler_b", "role": "agency_admin"}),
    (
        "post",
        "/solicitations",
        {
            "agency": "dept-a",
            "kind": "other",
            "title": "乙局冒名",
            "draft": "x",
            "opens_on": "2026-03-01",
            "closes_on": "2026-03-20",
        },
    ),
    (
        "post",
        "/items",
        {"agency": "dept-a", "title": "乙局冒名", "genre": "notice", "body": "x", "formed_on": "2026-01-05"},
    ),
    (
        "post",
        "/applications",
        {
            "agency": "dept-a",
            "channel": "in_person",
            "received_on": "2026-02-10",
            "applicant": {"type": "natural_person", "name": "王五", "phone": "13800138000"},
            "description": "乙局代登记",
        },
    ),
]


def _filled(body, records):
    """The body with "{record}" placeholders replaced by the ids of the records."""
    if isinstance(body, dict):
        return {key: _filled(value, records) for key, value in body.items()}
    if isinstance(body, list):
        return [_filled(value, records) for value in body]
    if isinstance(body, str) and body.startswith("{") and body.endswith("}") and body[1:-1] in records:
        return records[body[1:-1]]
    return body


def _call_api(client, method, path, body):
    """One call of the sweep; a body holding ``FILE`` goes as a multipart form (uploads, imports)."""
    if method == "get":
        return client.get(path)
    if method == "delete":
        return client.client.delete("/api/v1" + path, **client.headers)
    if isinstance(body, dict) and FILE in body.values():
        form = {key: _pdf(key + ".pdf") if value is FILE else value for key, value in body.items()}
        return client.client.post("/api/v1" + path, form, **client.headers)
    return getattr(client, method)(path, body)


def assert_page_not_found(client, method: str, url: str) -> None:
    """A workbench page of another agency: 404, and nothing written (no audit event)."""
    before = AuditEvent.objects.count()
    response = getattr(client, method)(url)
    assert response.status_code == 404, response.status_code
    assert AuditEvent.objects.count() == before


def assert_sent_to_login(client, method: str, url: str) -> None:
    response = getattr(client, method)(url)
    assert response.status_code == 302 and "/workbench/login/" in response["Location"]


def assert_api_not_found(client, method: str, url: str, body, codes=("not_found",)) -> None:
    """A staff API call on another agency's record: 404 with one of ``codes``, nothing written."""
    before = AuditEvent.objects.count()
    response = _call_api(client, method, url, body)
    assert response.status_code == 404, response.content
    assert error_code(response) in codes
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(("method", "url"), WORKBENCH, ids=[f"{m} {u}" for m, u in WORKBENCH])
def test_workbench_pages_of_another_agency_are_not_found(client, staff, records, method, url):
    client.force_login(staff["handler_b"])
    assert_page_not_found(client, method, url.format(**records))


@pytest.mark.parametrize(("method", "url"), WORKBENCH, ids=[f"{m} {u}" for m, u in WORKBENCH])
def test_workbench_pages_send_anonymous_visitors_to_the_login(client, records, method, url):
    assert_sent_to_login(client, method, url.format(**records))


@pytest.mark.parametrize(("method", "url", "body"), API, ids=[f"{m} {u}" for m, u, _ in API])
def test_staff_api_of_another_agency_is_not_found(api, records, method, url, body):
    # An unpublished report is "not published" to everyone outside the agency, public or staff.
    codes = ("not_found", "report_not_published")
    assert_api_not_found(api("handler_b"), method, url.format(**records), _filled(body, records), codes)


@pytest.mark.parametrize(("method", "url", "body"), API, ids=[f"{m} {u}" for m, u, _ in API])
def test_staff_api_without_a_token_is_unauthorised(api, records, method, url, body):
    response = _call_api(api(), method, url.format(**records), _filled(body, records))
    if method == "get" and url.startswith("/reports/"):  # public once published: 404 before
        assert response.status_code == 404, response.content
    else:
        assert response.status_code == 401, response.content


def test_the_public_attachment_of_an_unpublished_item_is_not_found(client, records):
    assert client.get(f"/catalog/attachments/{records['attachment']}/").status_code == 404


def test_a_foreign_review_id_under_ones_own_application_is_not_found(client, staff, tree, records):
    own = received_application(tree["dept_b"])
    client.force_login(staff["handler_b"])
    url = f"/workbench/apply/{own.pk}/reviews/{records['review']}/decide/"
    assert client.post(url, {"decided_on": "2026-04-01", "result": "maintained"}).status_code == 404


# Acts that need more than a handler's rank at the handler's own agency.
LOW_RANK_API = [
    ("post", "/items/{item}/review", {}),
    ("post", "/solicitations/{draft_solicitation}/publish", {}),
    ("put", "/agencies/dept-a/solicitation-settings", {"feedback_workdays": 10}),
    ("put", "/reports/annual/dept-a/2026/inputs", {"narrative": {"overview": "经办人改写"}}),
    ("put", "/catalog/dept-a/settings", {"index_pattern": "{prefix}/{year}-{seq:05d}"}),
]


@pytest.mark.parametrize(("method", "url", "body"), LOW_RANK_API, ids=[u for _, u, _ in LOW_RANK_API])
def test_too_low_a_rank_is_forbidden_not_hidden(api, records, method, url, body):
    client = api("handler_a")
    before = AuditEvent.objects.count()
    response = _call_api(client, method, url.format(**records), _filled(body, records))
    assert response.status_code == 403, response.content
    assert AuditEvent.objects.count() == before


# Acts on the agency tree that only the disclosure office or a superuser may do: refused (403)
# before anything about the agency is read (the tree itself is public).
ELEVATED_API = [
    ("post", "/agencies/dept-a/merge", {"successor": "dept-b", "date": "2026-11-30"}),
    ("post", "/agencies", {"code": "dept-b-sub", "name": "乙局下属机构", "parent": "dept-a"}),
]


@pytest.mark.parametrize(("method", "url", "body"), ELEVATED_API, ids=[u for _, u, _ in ELEVATED_API])
def test_acts_on_the_agency_tree_are_forbidden_to_department_staff(api, records, method, url, body):
    client = api("handler_b")
    before = AuditEvent.objects.count()
    response = _call_api(client, method, url, body)
    assert response.status_code == 403, response.content
    assert error_code(response) in {"office_required", "superuser_required"}
    assert AuditEvent.objects.count() == before


LISTS = [
    ("/solicitations", {"agency": "dept-a"}),
    ("/solicitations", {}),
    ("/applications", {"agency": "dept-a"}),
    ("/staff/items", {"agency": "dept-a"}),
    ("/audit", {"agency": "dept-a"}),
    ("/applications", {}),
    ("/staff/items", {}),
    ("/audit", {}),
]


@pytest.mark.parametrize(("url", "params"), LISTS, ids=[f"{u}?{p}" for u, p in LISTS])
def test_staff_lists_never_include_another_agencys_records(api, records, url, params):
    response = api("handler_b").get(url, **params)
    if params and response.status_code in {403, 404}:
        return
    assert response.status_code == 200, response.content
    assert response.json()["total"] == 0 or not params
    text = response.content.decode()
    assert "甲局内部草稿" not in text and "dept-a" not in text, text[:500]


def test_workbench_lists_never_include_another_agencys_records(client, staff, records):
    client.force_login(staff["handler_b"])
    for url in (
        "/workbench/apply/",
        "/workbench/catalog/",
        "/workbench/audit/",
        "/workbench/",
        "/workbench/solicitations/",
    ):
        text = client.get(url).content.decode()
        assert "甲局内部草稿" not in text and "张三" not in text, url


def test_drafts_reach_no_public_page_feed_or_search(client, records):
    for url in (
        "/api/v1/search?q=内部草稿",
        "/search/?q=内部草稿",
        "/api/v1/items",
        "/catalog/dept-a/",
        "/catalog/feeds/dept-a/rss/",
        "/sitemap.xml",
        "/solicitations/?state=draft",
        "/api/v1/public/solicitations?state=draft",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "甲局内部草稿" not in response.content.decode(), url
