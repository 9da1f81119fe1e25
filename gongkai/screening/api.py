"""Screening endpoint of API.md: findings of personal data and secret markers in a text."""

from ninja import Field, Router, Schema

from gongkai.agencies import permissions
from gongkai.api.auth import staff_auth
from gongkai.core.errors import Forbidden
from gongkai.screening.screen import finding_dict, screen_text

router = Router(tags=["发布前审查 screening"])


class ScreeningIn(Schema):
    text: str = Field(..., description="待审查的文本（标题、正文或附件提取的文字），不超过2MB")


class FindingOut(Schema):
    kind: str = Field(
        ...,
        description="id_card / id_card_15 / mobile / bank_card / passport / hk_macau_permit / "
        "landline / email / secret_marker",
    )
    start: int = Field(..., description="起始位置（字符偏移，含）")
    end: int = Field(..., description="结束位置（字符偏移，不含）")
    masked: str = Field(..., description="遮蔽后的显示值")
    severity: str = Field(..., description="block（阻止发布）/ warn（提示核实）")
    message: str


class ScreeningOut(Schema):
    findings: list[FindingOut]


@router.post("/screening", response=ScreeningOut, auth=staff_auth, summary="发布前审查（个人信息与密级标志）")
def screen(request, payload: ScreeningIn):
    if not permissions.access_for(request.user).is_staff_anywhere:
        raise Forbidden()
    findings = screen_text(payload.text)
    return {"findings": [finding_dict(finding) for finding in findings]}
