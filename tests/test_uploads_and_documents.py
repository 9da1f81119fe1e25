"""Uploads and generated documents: ZIP bombs are refused before anything inflates them, and the
PDF renderer reads no file or URL named in a document."""

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
