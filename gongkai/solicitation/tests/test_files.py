"""Files of a solicitation: the draft's attachments (uploaded in the workbench, checked by content,
downloadable from the portal once published), the comment's optional file (PDF/DOCX/image, for the
drafting office only) and the XLSX of comments (names and contacts only for the agency's staff)."""

import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from gongkai.audit.models import AuditEvent
from gongkai.solicitation import services
from gongkai.solicitation.exports import WITHHELD
from gongkai.solicitation.models import Attachment, Comment
from gongkai.solicitation.tests.factories import at, comment, make_solicitation, open_solicitation
from gongkai.solicitation.tests.test_pages import with_captcha

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def frozen(moment: str):
    return time_machine.travel(at(moment), tick=False)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def upload(client, solicitation, filename: str, content: bytes, **extra):
    return client.post(
        f"/workbench/solicitations/{solicitation.pk}/attachments/",
        {"file": SimpleUploadedFile(filename, content), **extra},
        follow=True,
    )


def test_staff_upload_a_file_to_the_draft_and_the_portal_serves_it_once_published(client, tree, staff):
    solicitation = make_solicitation(tree["dept_a"], staff["handler_a"])
    client.force_login(staff["handler_a"])
    page = upload(client, solicitation, "对照表.pdf", PDF, name="新旧条文对照表").content.decode()
    found = Attachment.objects.get()
    assert "已上传附件“新旧条文对照表”" in page and found.name == "新旧条文对照表"
    assert found.content_type == "application/pdf" and found.size == len(PDF)
    staff_url = f"/workbench/solicitations/{solicitation.pk}/attachments/{found.pk}/"
    assert staff_url in page and body(client.get(staff_url)) == PDF
    public_url = f"/solicitations/{solicitation.pk}/attachments/{found.pk}/"
    assert client.get(public_url).status_code == 404  # a draft's files are not public

    with frozen("2026-09-01 09:00:00"):
        services.publish_solicitation(solicitation, actor=staff["reviewer_a"])
        detail = client.get(f"/solicitations/{solicitation.pk}/").content.decode()
    assert public_url in detail and "新旧条文对照表" in detail
    response = client.get(public_url)
    assert response.status_code == 200 and body(response) == PDF
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("说明.pdf", b"MZ\x90\x00 not a pdf at all", "附件只能是 DOCX、PDF、XLS、XLSX、PNG 或 JPG 文件"),
        ("空.pdf", b"", "附件为空文件"),
    ],
)
def test_a_file_that_is_not_an_accepted_type_is_refused(client, tree, staff, name, content, message):
    solicitation = make_solicitation(tree["dept_a"], staff["handler_a"])
    client.force_login(staff["handler_a"])
    page = upload(client, solicitation, name, content).content.decode()
    assert message in page and not Attachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, tree, staff, settings):
    settings.GONGKAI_ATTACHMENT_MAX_BYTES = 20
    solicitation = make_solicitation(tree["dept_a"], staff["handler_a"])
    client.force_login(staff["handler_a"])
    page = upload(client, solicitation, "大.pdf", PDF).content.decode()
    assert "附件大小超过限制" in page and not Attachment.objects.exists()


def test_a_draft_file_can_be_removed_but_a_published_notice_keeps_its_files(
    client, tree, staff, tmp_path, django_capture_on_commit_callbacks
):
    solicitation = make_solicitation(tree["dept_a"], staff["handler_a"])
    client.force_login(staff["handler_a"])
    upload(client, solicitation, "错传.pdf", PDF)
    upload(client, solicitation, "对照表.pdf", PDF)
    wrong, kept = Attachment.objects.order_by("pk")
    stored = tmp_path / wrong.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):  # the file goes once the act is committed
        page = client.post(
            f"/workbench/solicitations/{solicitation.pk}/attachments/{wrong.pk}/delete/", follow=True
        ).content.decode()
    assert "已删除附件“错传.pdf”" in page
    assert list(Attachment.objects.all()) == [kept] and not stored.exists()
    assert AuditEvent.objects.filter(action="solicitation.detach", object_id=str(solicitation.pk)).exists()

    with frozen("2026-09-01 09:00:00"):
        services.publish_solicitation(solicitation, actor=staff["reviewer_a"])
    page = client.post(
        f"/workbench/solicitations/{solicitation.pk}/attachments/{kept.pk}/delete/", follow=True
    ).content.decode()
    assert "意见征集已发布，不能修改" in page and Attachment.objects.count() == 1
    page = upload(client, solicitation, "补充.pdf", PDF).content.decode()
    assert "意见征集已发布，不能修改" in page and Attachment.objects.count() == 1


def test_staff_of_another_agency_neither_upload_nor_download(client, tree, staff):
    solicitation = make_solicitation(tree["dept_a"], staff["handler_a"])
    found = services.attach_file(
        solicitation, actor=staff["handler_a"], upload=SimpleUploadedFile("a.pdf", PDF)
    )
    client.force_login(staff["handler_b"])
    assert upload(client, solicitation, "b.pdf", PDF).status_code == 404
    url = f"/workbench/solicitations/{solicitation.pk}/attachments/{found.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url + "delete/").status_code == 404
    assert Attachment.objects.count() == 1


def test_a_comment_may_carry_a_file_that_only_the_drafting_office_can_open(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    with frozen("2026-09-10 10:00:00"):
        data = with_captcha(client, solicitation, {"text": "详见附件中的修改建议。"})
        data["attachment"] = SimpleUploadedFile("修改建议.png", PNG)
        response = client.post(f"/solicitations/{solicitation.pk}/comment/", data)
    assert response.status_code == 302
    received = Comment.objects.get()
    assert (received.attachment_name, received.attachment_type) == ("修改建议.png", "image/png")
    url = f"/workbench/solicitations/{solicitation.pk}/comments/{received.pk}/file/"
    assert url not in client.get(f"/solicitations/{solicitation.pk}/").content.decode()

    client.force_login(staff["handler_a"])
    assert url in client.get(f"/workbench/solicitations/{solicitation.pk}/").content.decode()
    assert body(client.get(url)) == PNG
    client.force_login(staff["office"])  # a supervising office sees the comment, not the file
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


@pytest.mark.parametrize(
    ("name", "content"),
    [("表格.xlsx", None), ("程序.pdf", b"MZ\x90\x00 an executable")],
)
def test_a_comment_file_other_than_pdf_docx_or_an_image_is_refused(client, tree, staff, name, content):
    if content is None:  # a real workbook: accepted for drafts, not for comments
        from openpyxl import Workbook

        buffer = io.BytesIO()
        Workbook().save(buffer)
        content = buffer.getvalue()
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    with frozen("2026-09-10 10:00:00"):
        data = with_captcha(client, solicitation, {"text": "见附件"})
        data["attachment"] = SimpleUploadedFile(name, content)
        response = client.post(f"/solicitations/{solicitation.pk}/comment/", data)
    assert response.status_code == 422
    assert "附件只能是" in response.content.decode() and not Comment.objects.exists()


def sheet_of(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_the_xlsx_has_names_and_contacts_only_for_the_agencys_own_staff(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    comment(solicitation, "建议降低收费标准。", name="王小明", contact="wang@example.com")
    comment(solicitation, "第五条表述不清。")
    url = f"/workbench/solicitations/{solicitation.pk}/comments.xlsx"

    client.force_login(staff["handler_a"])
    response = client.get(url)
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = sheet_of(response)
    assert [cell.value for cell in sheet[2]][:5] == ["序号", "提交时间", "姓名或单位", "联系方式", "意见内容"]
    assert [cell.value for cell in sheet[3]][:5] == [
        1, "2026-09-10 10:00", "王小明", "wang@example.com", "建议降低收费标准。"
    ]  # fmt: skip
    assert sheet.cell(row=4, column=5).value == "第五条表述不清。" and sheet.max_row == 4

    client.force_login(staff["office"])
    sheet = sheet_of(client.get(url))
    assert [sheet.cell(row=3, column=column).value for column in (3, 4, 5)] == [
        WITHHELD, WITHHELD, "建议降低收费标准。"
    ]  # fmt: skip
    assert "王小明" not in str([[cell.value for cell in row] for row in sheet.iter_rows()])

    client.force_login(staff["handler_b"])
    assert client.get(url).status_code == 404


def test_the_api_xlsx_follows_the_same_rule(api, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    comment(solicitation, name="王小明", contact="wang@example.com")
    path = f"/solicitations/{solicitation.pk}/comments.xlsx"
    assert sheet_of(api("handler_a").get(path)).cell(row=3, column=3).value == "王小明"
    assert sheet_of(api("office").get(path)).cell(row=3, column=3).value == WITHHELD
    assert api("handler_b").get(path).status_code == 404


def test_a_refused_file_is_reported_next_to_the_upload_form_and_the_name_is_kept(client, tree, staff):
    solicitation = make_solicitation(tree["dept_a"], staff["handler_a"])
    client.force_login(staff["handler_a"])
    response = client.post(
        f"/workbench/solicitations/{solicitation.pk}/attachments/",
        {"file": SimpleUploadedFile("说明.txt", b"plain text"), "name": "起草依据清单"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    panel = page[page.index('id="attachments"') : page.index("</section>", page.index('id="attachments"'))]
    assert "附件只能是 DOCX、PDF、XLS、XLSX、PNG 或 JPG 文件" in panel
    assert 'class="field field-invalid" id="field-file"' in panel
    assert 'value="起草依据清单"' in panel and 'aria-invalid="true"' in panel
    assert f'action="/workbench/solicitations/{solicitation.pk}/attachments/#attachments"' in panel
    assert not Attachment.objects.exists()


def test_a_refused_comment_file_is_marked_on_the_file_field_in_the_words_of_its_label(client, tree, staff):
    solicitation = open_solicitation(tree["dept_a"], staff["reviewer_a"])
    with frozen("2026-09-10 10:00:00"):
        blank = client.get(f"/solicitations/{solicitation.pk}/").content.decode()
        data = with_captcha(client, solicitation, {"text": "见附件"})
        data["attachment"] = SimpleUploadedFile("意见.txt", b"plain text")
        response = client.post(f"/solicitations/{solicitation.pk}/comment/", data)
    assert "PDF、DOCX、PNG 或 JPG 文件（按文件内容判断），最大10MB" in blank
    assert response.status_code == 422
    page = response.content.decode()
    field = page[
        page.index('id="field-attachment"') : page.index("</div>", page.index('id="field-attachment"'))
    ]
    assert "附件只能是 PDF、DOCX、PNG 或 JPG 文件（按文件内容判断）" in field
    assert 'aria-invalid="true"' in field and "XLS" not in page
    assert 'class="field field-invalid" id="field-attachment"' in page
    assert "见附件" in page and not Comment.objects.exists()
