"""An agency replaces (or restores) the DOCX template of one kind of letter — audited acts."""

from __future__ import annotations

import io
import zipfile

from django.core.files.base import ContentFile

from gongkai.agencies import permissions
from gongkai.agencies.models import Agency
from gongkai.applications.letters import texts
from gongkai.applications.letters.context import sample_context
from gongkai.applications.letters.render import fill
from gongkai.applications.models import LetterTemplate
from gongkai.audit.services import record, service
from gongkai.core import uploads
from gongkai.core.errors import InvalidInput, NotFound

MAX_TEMPLATE_BYTES = 2 * 1024 * 1024


def _check_kind(kind: str) -> None:
    if kind not in texts.KINDS:
        raise NotFound("letter_kind_not_found", "没有这种文书", {"kind": kind})


def _check_renders(kind: str, content: bytes) -> None:
    """A template is accepted only if it is a DOCX that docxtpl renders with sample values."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise InvalidInput("template_too_large", "模板文件不能超过2MB", {"field": "file"})
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            archive.getinfo("word/document.xml")
            too_big = uploads.expands_too_far(archive)
    except (zipfile.BadZipFile, KeyError) as error:
        raise InvalidInput("template_not_docx", "模板应为 Word（.docx）文件", {"field": "file"}) from error
    if too_big:
        raise InvalidInput("template_too_large", "模板文件解压后内容过大", {"field": "file"})
    try:
        fill(content, sample_context(kind), strict=True)
    except Exception as error:  # docxtpl raises jinja2 and lxml errors of many kinds
        raise InvalidInput(
            "template_does_not_render",
            f"模板无法生成文书，请检查占位符写法：{str(error)[:200]}",
            {"field": "file"},
        ) from error


@service
def upload_letter_template(agency: Agency, kind: str, content: bytes, *, actor) -> LetterTemplate:
    """Replace the agency's template for ``kind`` (its departments inherit it unless they have one)."""
    permissions.require(actor, "manage", agency)
    _check_kind(kind)
    _check_renders(kind, content)
    template = LetterTemplate.objects.filter(agency=agency, kind=kind).first() or LetterTemplate(
        agency=agency, kind=kind
    )
    old = template.file.name if template.pk else ""
    template.uploaded_by = actor if getattr(actor, "pk", None) else None
    template.file.save(f"{kind}.docx", ContentFile(content), save=False)
    template.save()
    record(
        actor=actor,
        action="application.letter_template.upload",
        obj=template,
        agency=agency,
        summary=f"上传文书模板：{texts.KINDS[kind][1]}",
        data={"kind": kind, "file": template.file.name, "replaced": old},
    )
    return template


@service
def reset_letter_template(agency: Agency, kind: str, *, actor) -> None:
    """Go back to the inherited or built-in template for ``kind``."""
    permissions.require(actor, "manage", agency)
    _check_kind(kind)
    template = LetterTemplate.objects.filter(agency=agency, kind=kind).first()
    if template is None:
        raise NotFound("letter_template_not_found", "本机关未上传该文书模板")
    name = template.file.name
    template.delete()
    record(
        actor=actor,
        action="application.letter_template.reset",
        agency=agency,
        summary=f"恢复默认文书模板：{texts.KINDS[kind][1]}",
        data={"kind": kind, "file": name},
    )
