"""GET /applications/{id}/letter (API.md): the reply or notice letter as DOCX or PDF."""

from typing import Literal

from ninja import Field, Query, Router, Schema

from gongkai.api.auth import staff_auth
from gongkai.applications import selectors
from gongkai.applications.letters import render
from gongkai.applications.letters.context import letter_for
from gongkai.core import documents

router = Router(tags=["依申请公开 applications"])


class LetterQuery(Schema):
    format: Literal["docx", "pdf"] = Field("pdf", description="docx 或 pdf")
    event: int | None = Field(None, ge=1, le=2**62, description="办理记录编号（缺省为最近一份文书）")


@router.get(
    "/applications/{application_id}/letter",
    auth=staff_auth,
    summary="申请的告知书或通知书（DOCX/PDF）",
    description=(
        "最近一个需要送达申请人的办理环节（补正告知、延期答复、确定延后答复期限、收费通知、答复及其他办结）"
        "的文书；`event` 指定某一办理记录。尚无文书时返回 409 `no_letter`；文书须写明的日期落在节假日安排"
        "尚未确认的年度、无法计算时返回 409 `calendar_not_confirmed`（details 含 year、region、dates），"
        "不生成缺少日期的文书。"
    ),
    openapi_extra={
        "responses": {
            200: {
                "description": "文书文件",
                "content": {
                    documents.CONTENT_TYPES[fmt]: {"schema": {"type": "string", "format": "binary"}}
                    for fmt in ("docx", "pdf")
                },
            },
            404: {"description": "申请或办理记录不存在"},
            409: {"description": "该申请（或该办理环节）没有文书，或文书须写明的日期尚无法计算"},
        }
    },
)
def get_letter(request, application_id: int, query: Query[LetterQuery]):
    application = selectors.application_for(request.user, application_id)
    letter = letter_for(application, query.event)
    docx = render.to_docx(letter)
    content = docx if query.format == "docx" else render.to_pdf(letter, docx)
    return documents.file_response(
        content, letter.filename(query.format), query.format, fallback=letter.ascii_filename(query.format)
    )
