"""POST /api/v1/screening: staff paste a text and get the findings with character offsets."""

import pytest

from gongkai.screening.screen import MAX_TEXT_BYTES
from gongkai.testing import ApiClient, error_code, make_user

TEXT = "秘密★1年\n申请人张三，身份证号11010519491231002X，电话138 1234 5678，邮箱zhang@example.com。"


def test_staff_get_findings_with_offsets_into_the_text(api):
    response = api("handler_a").post("/screening", {"text": TEXT})
    assert response.status_code == 200
    findings = response.json()["findings"]
    assert [f["kind"] for f in findings] == ["secret_marker", "id_card", "mobile", "email"]
    assert set(findings[0]) == {"kind", "start", "end", "masked", "severity", "message"}
    id_card = findings[1]
    assert TEXT[id_card["start"] : id_card["end"]] == "11010519491231002X"
    assert id_card["masked"] == "110105********002X"
    assert findings[2]["masked"] == "138****5678"
    assert [f["severity"] for f in findings] == ["block", "block", "block", "warn"]


def test_offsets_count_python_characters_astral_and_full_width_alike(api):
    """API.md: start/end are character offsets into text — one per code point, whatever its width in
    UTF-8 or UTF-16 (𠀀 is outside the BMP), and a full-width digit counts one."""
    text = "𠀀𠀁申请人电话：１３８１２３４５６７８，😀身份证11010519491231002X"
    findings = api("handler_a").post("/screening", {"text": text}).json()["findings"]
    assert [(f["kind"], f["start"], f["end"], f["masked"]) for f in findings] == [
        ("mobile", 8, 19, "138****5678"),
        ("id_card", 24, 42, "110105********002X"),
    ]
    assert text[8:19] == "１３８１２３４５６７８" and text[24:42] == "11010519491231002X"


def test_raw_values_are_not_echoed_back(api):
    body = api("handler_a").post("/screening", {"text": TEXT}).content.decode()
    assert "11010519491231002X" not in body and "1234 5678" not in body


def test_clean_text_has_no_findings(api):
    response = api("reviewer_a").post("/screening", {"text": "各级机关要保守国家秘密。发布日期：2018-01-31"})
    assert response.json() == {"findings": []}


def test_anonymous_is_unauthorized(api):
    response = api().post("/screening", {"text": TEXT})
    assert response.status_code == 401
    assert error_code(response) == "unauthorized"


@pytest.mark.django_db
def test_user_without_a_role_is_forbidden():
    response = ApiClient(make_user("nobody")).post("/screening", {"text": TEXT})
    assert response.status_code == 403
    assert error_code(response) == "forbidden"


def test_text_over_two_megabytes_is_refused_with_a_code(api):
    response = api("handler_a").post("/screening", {"text": "政" * (MAX_TEXT_BYTES // 3 + 1)})
    assert response.status_code == 422
    assert error_code(response) == "text_too_large"


def test_missing_text_is_a_validation_error(api):
    response = api("handler_a").post("/screening", {})
    assert response.status_code == 422
    assert error_code(response) == "validation_error"
