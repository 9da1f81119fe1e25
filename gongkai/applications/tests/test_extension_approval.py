"""The extension approver (Art. 33: 政府信息公开工作机构负责人同意) is a person in the system or proved
by the signed approval: a reviewer approves by recording it; a handler names the head and uploads
the signed document (PDF or image); a name alone is refused."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.applications import services
from gongkai.applications.models import ExtensionApproval
from gongkai.applications.tests.factories import TODAY, received_application
from gongkai.core.errors import InvalidInput
from gongkai.testing import error_code

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def signed(content=PDF, name="审批单.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def extend(user, application, **data):
    return services.extend(application, actor=user, on=D("2026-02-20"), days=10, reason="需调取档案", today=TODAY, **data)


def test_a_reviewer_approves_in_the_system(tree, staff):
    application = received_application(tree["dept_a"])
    extend(staff["reviewer_a"], application)
    event = application.events.get(action="extend")
    assert event.data["approver"] == "reviewer_a" and event.data["approved_in_system_by"] == "reviewer_a"
    assert "approval_document" not in event.data


def test_a_handler_with_a_name_alone_is_refused(tree, staff):
    application = received_application(tree["dept_a"])
    for data in ({}, {"approver": "王主任"}):
        with pytest.raises(InvalidInput) as refused:
            extend(staff["handler_a"], application, **data)
        assert refused.value.code == "approval_evidence_required"
    assert not application.events.filter(action="extend").exists()


def test_a_handler_names_the_head_and_uploads_the_signed_approval(tree, staff):
    application = received_application(tree["dept_a"])
    with pytest.raises(InvalidInput) as refused:
        extend(staff["handler_a"], application, approval=signed())
    assert refused.value.details == {"field": "approver"}
    extend(staff["handler_a"], application, approver="王主任", approval=signed(PNG, "签批.png"))
    document = ExtensionApproval.objects.get()
    assert (document.approver, document.content_type, document.name) == ("王主任", "image/png", "签批.png")
    event = application.events.get(action="extend")
    assert event.data["approver"] == "王主任" and event.data["approval_document"] == document.pk
    application.refresh_from_db()
    assert application.due_on == D("2026-03-30")


def test_the_approval_must_be_a_pdf_or_an_image_by_its_content(tree, staff):
    application = received_application(tree["dept_a"])
    with pytest.raises(InvalidInput) as refused:
        extend(staff["handler_a"], application, approver="王主任", approval=signed(b"just text", "审批单.pdf"))
    assert refused.value.code == "attachment_type_not_allowed"
    with pytest.raises(InvalidInput) as refused:
        extend(staff["handler_a"], application, approver="王主任", approval=signed(b"", "空.pdf"))
    assert refused.value.code == "attachment_empty"


def test_through_the_api_the_approval_is_uploaded_first(tree, staff, api):
    application = received_application(tree["dept_a"])
    handler = api("handler_a")
    url = f"/api/v1/applications/{application.pk}/extension-approvals"
    refused = handler.post(f"/applications/{application.pk}/actions/extend", {"date": "2026-02-20", "days": 10, "reason": "多", "approver": "王主任"})
    assert refused.status_code == 422 and error_code(refused) == "approval_evidence_required"
    uploaded = handler.client.post(
        url, {"file": signed(), "approver": "王主任"}, **handler.headers
    )
    assert uploaded.status_code == 201, uploaded.content
    document = uploaded.json()
    assert document["approver"] == "王主任" and document["content_type"] == "application/pdf"
    body = handler.post(
        f"/applications/{application.pk}/actions/extend",
        {"date": "2026-02-20", "days": 10, "reason": "多", "approval_document": document["id"]},
    ).json()
    assert body["extension_days"] == 10
    assert body["events"][-1]["data"]["approver"] == "王主任"
    other = received_application(tree["dept_a"])
    foreign = handler.post(
        f"/applications/{other.pk}/actions/extend",
        {"date": "2026-02-20", "days": 10, "reason": "多", "approval_document": document["id"]},
    )
    assert foreign.status_code == 422


def test_the_workbench_form_takes_the_file_and_the_timeline_links_it(tree, staff, client):
    application = received_application(tree["dept_a"])
    page = f"/workbench/apply/{application.pk}/"
    client.force_login(staff["handler_a"])
    assert 'enctype="multipart/form-data"' in client.get(page).content.decode()
    bare = client.post(page + "act/extend/", {"extend-date": "2026-02-20", "extend-days": 10, "extend-reason": "多", "extend-approver": "王主任"})
    assert bare.status_code == 422 and "上传其签批的审批文件" in bare.content.decode()
    posted = client.post(
        page + "act/extend/",
        {
            "extend-date": "2026-02-20",
            "extend-days": 10,
            "extend-reason": "多",
            "extend-approver": "王主任",
            "extend-approval": signed(),
        },
    )
    assert posted.status_code == 302
    document = ExtensionApproval.objects.get()
    text = client.get(page).content.decode()
    link = f"/workbench/apply/{application.pk}/approvals/{document.pk}/"
    assert "批准人：王主任" in text and link in text
    download = client.get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    client.force_login(staff["handler_b"])
    assert client.get(link).status_code == 404
