"""Uploads and generated documents: ZIP bombs are refused before anything inflates them, and the
PDF renderer reads no file or URL named in a document."""

import contextlib
import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from gongkai.applications.letters import services as letter_services
from gongkai.catalog import attachments, files
from gongkai.core import documents, uploads
from gongkai.core.errors import InvalidInput
from gongkai.core.system import SYSTEM


def swollen_docx(inflated: int) -> bytes:
    """A DOCX-looking ZIP whose one extra part inflates to ``inflated`` bytes of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/zeros.bin", bytes(inflated))
    return buffer.getvalue()


@pytest.fixture
def small_limit(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNZIPPED_BYTES", 1024 * 1024)


def test_an_attachment_that_inflates_too_far_is_refused(small_limit):
    data = swollen_docx(2 * 1024 * 1024)
    assert len(data) < 64 * 1024
    with pytest.raises(InvalidInput) as error:
        attachments.check_upload(SimpleUploadedFile("a.docx", data))
    assert error.value.code == "attachment_type_not_allowed"


def test_an_import_file_that_inflates_too_far_is_refused(small_limit):
    with pytest.raises(InvalidInput) as error:
        files.sniff("a.docx", swollen_docx(2 * 1024 * 1024))
    assert "过大" in error.value.message


@pytest.mark.django_db
def test_a_letter_template_that_inflates_too_far_is_refused(small_limit, tree):
    with pytest.raises(InvalidInput) as error:
        letter_services.upload_letter_template(
            tree["dept_a"], "correction", swollen_docx(2 * 1024 * 1024), actor=SYSTEM
        )
    assert error.value.code == "template_too_large"


def test_a_normal_docx_still_passes(small_limit):
    assert attachments.check_upload(SimpleUploadedFile("a.docx", swollen_docx(1000))) == "docx"


def _png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def test_pdf_rendering_reads_no_local_file_named_in_the_html(tmp_path):
    image = tmp_path / "secret.png"
    image.write_bytes(_png())
    html = f'<html><body><p>正文</p><img src="file://{image}" width="50"></body></html>'
    pdf = PdfReader(io.BytesIO(documents.html_to_pdf(html)))
    assert len(pdf.pages[0].images) == 0


def test_pdf_rendering_keeps_inline_data_images():
    import base64

    html = f'<img src="data:image/png;base64,{base64.b64encode(_png()).decode()}" width="50">'
    pdf = PdfReader(io.BytesIO(documents.html_to_pdf(html)))
    assert len(pdf.pages[0].images) == 1


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.django_db
def test_attachments_keep_a_safe_stored_name_and_download_as_attachments(
    api, tree, client, settings, tmp_path
):
    import datetime as dt

    from gongkai.catalog import services as catalog_services

    settings.MEDIA_ROOT = tmp_path / "media"
    item = catalog_services.create_item(
        actor=SYSTEM,
        agency=tree["dept_a"],
        title="附件测试",
        genre="notice",
        formed_on=dt.date(2026, 1, 5),
        body="正文",
    )
    staff_api = api("handler_a")
    upload = SimpleUploadedFile("../../../etc/<script>.pdf", PDF, content_type="text/html")
    response = staff_api.client.post(
        f"/api/v1/items/{item.pk}/attachments", {"file": upload}, **staff_api.headers
    )
    assert response.status_code == 201, response.content
    attachment = item.attachments.get()
    assert ".." not in attachment.file.name and attachment.file.name.startswith("catalog/")
    assert (tmp_path / "media" / attachment.file.name).is_file()
    assert attachment.content_type == "application/pdf"  # from the bytes, not the browser's claim
    html = SimpleUploadedFile(
        "page.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    refused = staff_api.client.post(
        f"/api/v1/items/{item.pk}/attachments", {"file": html}, **staff_api.headers
    )
    assert refused.status_code == 422
    catalog_services.publish_item(item, actor=SYSTEM, on=dt.date(2026, 1, 6))
    download = client.get(f"/catalog/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"


def test_download_names_with_control_characters_make_a_valid_header():
    response = documents.file_response(b"x", "甲局\r\nSet-Cookie: a=b\t.pdf", "pdf")
    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header and header.startswith("attachment;")


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("关于印发某某办法的通知" * 50)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def exotic_zip() -> bytes:
    """A DOCX whose central directory claims a ZIP version zipfile cannot read (NotImplementedError)."""
    data = bytearray(_docx_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 6 : central + 8] = (149).to_bytes(2, "little")
    return bytes(data)


def garbled_deflate() -> bytes:
    """A DOCX whose document.xml deflate stream is garbage (zlib.error while inflating)."""
    data = bytearray(_docx_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start : start + info.compress_size] = b"\xff" * info.compress_size
    return bytes(data)


@pytest.mark.parametrize("make", [exotic_zip, garbled_deflate])
def test_damaged_office_files_are_refused_with_a_reason_everywhere(make, tree, db):
    import datetime as dt

    from gongkai.catalog.import_candidates import prepare_file, prepare_sheet

    data = make()
    for call in (
        lambda: files.read_text("a.docx", data),
        lambda: prepare_sheet("a.xlsx", data, genre="other", today=dt.date(2026, 1, 1), files={}),
        lambda: attachments.check_upload(SimpleUploadedFile("a.docx", data)),
        lambda: letter_services.upload_letter_template(tree["dept_a"], "correction", data, actor=SYSTEM),
    ):
        with contextlib.suppress(InvalidInput):
            call()
    candidate = prepare_file("a.docx", data, genre="other", today=dt.date(2026, 1, 1))
    assert candidate.errors


@pytest.mark.django_db
def test_control_characters_in_an_upload_name_never_reach_the_database(api, tree, settings, tmp_path):
    import datetime as dt

    from gongkai.catalog import services as catalog_services

    settings.MEDIA_ROOT = tmp_path / "media"
    item = catalog_services.create_item(
        actor=SYSTEM,
        agency=tree["dept_a"],
        title="附件测试",
        genre="notice",
        formed_on=dt.date(2026, 1, 5),
        body="正文",
    )
    staff_api = api("handler_a")
    upload = SimpleUploadedFile("a\x00b\r\n.pdf", PDF, content_type="application/pdf")
    response = staff_api.client.post(
        f"/api/v1/items/{item.pk}/attachments", {"file": upload}, **staff_api.headers
    )
    assert response.status_code in {201, 400, 422}, response.content
    for attachment in item.attachments.all():
        assert all(char.isprintable() for char in attachment.name)
