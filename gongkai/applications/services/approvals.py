"""The signed approval of an extension (Art. 33), uploaded when the head is not a system user."""

from __future__ import annotations

from gongkai.agencies import permissions
from gongkai.applications.models import ExtensionApproval
from gongkai.applications.services.common import required
from gongkai.audit.services import record, service
from gongkai.catalog import attachments
from gongkai.core.errors import InvalidInput

HELPERS = ("store_approval",)

ACCEPTED = ("pdf", "png", "jpg")


def _check(upload) -> str:
    """Validated like every upload (size limit, type by content), and only a PDF or an image."""
    limit = attachments.max_bytes()
    if upload.size > limit:
        raise InvalidInput(
            "attachment_too_large", f"审批文件大小超过限制（最大{limit // (1024 * 1024)}MB）", {"field": "approval"}
        )
    if upload.size == 0:
        raise InvalidInput("attachment_empty", "审批文件为空文件", {"field": "approval"})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    kind = attachments.detect_kind(head, upload, upload.name or "")
    upload.seek(0)
    if kind not in ACCEPTED:
        raise InvalidInput(
            "attachment_type_not_allowed",
            "审批文件只能是 PDF、PNG 或 JPG（按文件内容判断），应为负责人签批的扫描件或照片",
            {"field": "approval"},
        )
    return kind


def store_approval(application, *, actor, approver: str, upload) -> ExtensionApproval:
    """Check and keep the signed approval; part of the act that uses it (no audit record of its own)."""
    approver = required((approver or "").strip(), "approver", "请填写批准延长的负责人姓名")
    kind = _check(upload)
    document = ExtensionApproval(
        application=application,
        approver=approver[:100],
        name=(upload.name or f"审批文件.{kind}")[-200:],
        content_type=attachments.TYPES[kind],
        size=upload.size,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    document.file.save(f"approval.{kind}", upload, save=False)
    document.save()
    return document


@service
def upload_extension_approval(application, *, actor, approver: str, upload) -> ExtensionApproval:
    """API step before ``extend``: the signed approval, then ``extend {approval_document: id}``."""
    permissions.require(actor, "edit", application.agency_id)
    document = store_approval(application, actor=actor, approver=approver, upload=upload)
    record(
        actor=actor,
        action="application.extension_approval.upload",
        obj=document,
        agency=application.agency,
        summary=f"上传延期审批文件（批准人：{document.approver}，{application.tracking_code}）",
        data={"application": application.pk, "approver": document.approver, "name": document.name},
    )
    return document
