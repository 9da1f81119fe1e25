"""Screening before a guide reaches the portal (Art. 17 保密审查; domain/screening.md): blocking
findings stop the API, the editor, republication and import rows; a reviewer overrides with a
substantive reason, audited; the 联系电话 element only warns. The clock is the suite's frozen one."""

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.core.errors import Forbidden, InvalidInput, RuleViolation
from gongkai.guides import services
from gongkai.guides.models import Guide
from gongkai.guides.tests.factories import COMPLETE, make_guide, workbook_bytes
from gongkai.testing import error_code

pytestmark = pytest.mark.django_db

MOBILE = "13812345678"
ID_NUMBER = "110101199003074514"
REASON = "该号码是本局窗口对外公布的咨询手机，依职责公开"


def body(**changes):
    return {"agency": "dept-a", **COMPLETE, "materials": [{"name": "申请书", "form": "原件"}], **changes}


# --- API ------------------------------------------------------------------------------------------


def test_api_create_with_a_mobile_number_is_refused_with_the_masked_findings(api):
    response = api("handler_a").post("/guides", body(conditions=f"申请人联系人李四，手机{MOBILE}"))
    assert response.status_code == 409, response.content
    assert error_code(response) == "screening_findings"
    error = response.json()["error"]
    assert "发布前审查发现1处" in error["message"]
    (finding,) = error["details"]["findings"]
    assert finding == {"kind": "mobile", "start": 11, "end": 22, "masked": "138****5678", "severity": "block",
                       "field": "conditions"}  # fmt: skip
    assert MOBILE not in response.content.decode()
    assert Guide.objects.count() == 0


def test_api_refuses_id_numbers_in_materials_and_secret_markers(api):
    materials = [{"name": f"张三身份证{ID_NUMBER}复印件"}]
    response = api("handler_a").post("/guides", body(materials=materials, procedure="内部资料\n申请→受理→决定"))
    assert response.status_code == 409
    findings = response.json()["error"]["details"]["findings"]
    assert {(f["field"], f["kind"]) for f in findings} == {("materials:1", "id_card"), ("procedure", "secret_marker")}
    assert ID_NUMBER not in response.content.decode()


def test_a_reviewer_overrides_with_a_reason_which_is_audited(api):
    payload = body(conditions=f"联系人手机{MOBILE}")
    assert error_code(api("handler_a").post("/guides", {**payload, "override_reason": REASON})) == "override_needs_reviewer"
    short = api("reviewer_a").post("/guides", {**payload, "override_reason": "同意同意同意"})
    assert short.status_code == 422 and error_code(short) == "override_reason_insufficient"
    response = api("reviewer_a").post("/guides", {**payload, "override_reason": REASON})
    assert response.status_code == 201, response.content
    assert set(response.json()) == {"id", "findings"} and response.json()["findings"] == []
    event = AuditEvent.objects.filter(action="guides.create").latest("id")
    assert event.data["override_reason"] == REASON and "放行审查发现" in event.summary
    assert [(f["kind"], f["masked"]) for f in event.data["screening"]] == [("mobile", "138****5678")]
    assert MOBILE not in str(event.data)


def test_a_mobile_number_in_the_phone_element_does_not_block(api):
    response = api("handler_a").post("/guides", body(phone=f"0731-12345604，{MOBILE}"))
    assert response.status_code == 201, response.content
    assert response.json()["findings"] == []
    event = AuditEvent.objects.filter(action="guides.create").latest("id")
    assert [(f["field"], f["kind"], f["severity"]) for f in event.data["screening"]] == [("phone", "mobile", "warn")]
    assert event.data["override_reason"] == ""


def test_a_mobile_in_a_contact_element_warns_but_an_id_number_there_blocks(api):
    """咨询方式 and 监督投诉方式 publish the office's numbers too; an ID number is no contact."""
    response = api("handler_a").post("/guides", body(consultation=f"咨询电话{MOBILE}", complaint=f"投诉电话{MOBILE}"))
    assert response.status_code == 201, response.content
    refused = api("handler_a").post("/guides", body(name="另一事项", phone=f"经办人身份证{ID_NUMBER}"))
    assert refused.status_code == 409
    assert [(f["field"], f["kind"]) for f in refused.json()["error"]["details"]["findings"]] == [("phone", "id_card")]


def test_warnings_do_not_stop_anything(api):
    response = api("handler_a").post("/guides", body(consultation="咨询邮箱 banshi@example.gov.cn，电话0731-88886666"))
    assert response.status_code == 201, response.content


def test_patch_screens_the_changed_text_of_a_public_guide(api, tree, staff):
    guide = make_guide(tree["dept_a"], staff["handler_a"])
    refused = api("handler_a").patch(f"/guides/{guide.pk}", {"location": f"市民中心，联系人身份证{ID_NUMBER}"})
    assert refused.status_code == 409 and error_code(refused) == "screening_findings"
    guide.refresh_from_db()
    assert guide.location == COMPLETE["location"]
    allowed = api("reviewer_a").patch(f"/guides/{guide.pk}", {"conditions": f"联系人手机{MOBILE}", "override_reason": REASON})
    assert allowed.status_code == 200, allowed.content
    event = AuditEvent.objects.filter(action="guides.update").latest("id")
    assert event.data["override_reason"] == REASON
    # A later change elsewhere does not ask again about the text it leaves alone.
    assert api("handler_a").patch(f"/guides/{guide.pk}", {"hours": "工作日全天"}).status_code == 200


# --- Services: withdrawn guides and republication --------------------------------------------------


def test_a_withdrawn_guide_is_screened_when_put_back(tree, staff):
    guide = make_guide(tree["dept_a"], staff["handler_a"])
    services.set_public(guide, actor=staff["reviewer_a"], public=False, reason="事项调整")
    # Not public: the editor saves without screening.
    services.update_guide(guide, actor=staff["handler_a"], conditions=f"联系人手机{MOBILE}")
    guide.refresh_from_db()
    with pytest.raises(RuleViolation) as refused:
        services.set_public(guide, actor=staff["reviewer_a"], public=True)
    assert refused.value.code == "screening_findings"
    with pytest.raises(InvalidInput):
        services.set_public(guide, actor=staff["reviewer_a"], public=True, override_reason="可以")
    services.set_public(guide, actor=staff["reviewer_a"], public=True, override_reason=REASON)
    guide.refresh_from_db()
    assert guide.public
    event = AuditEvent.objects.filter(action="guides.publish").latest("id")
    assert event.data["override_reason"] == REASON and event.data["screening"][0]["field"] == "conditions"


def test_an_editor_cannot_override(tree, staff):
    with pytest.raises(Forbidden):
        make_guide(tree["dept_a"], staff["handler_a"], conditions=f"手机{MOBILE}", override_reason=REASON)
    make_guide(tree["dept_a"], staff["admin_a"], conditions=f"手机{MOBILE}", override_reason=REASON)


# --- Import ---------------------------------------------------------------------------------------

HEADER = ["事项名称", "申请条件", "办理地点", "联系电话", "材料名称"]


def test_import_leaves_out_screened_rows_and_reports_them_by_line(tree, staff):
    existing = make_guide(tree["dept_a"], staff["handler_a"], name="临时占道许可", conditions="需临时占用道路")
    data = workbook_bytes(
        [
            HEADER,
            ["户外广告设置许可", f"联系人手机{MOBILE}", "市民中心", "0731-1", "申请表"],
            ["临时占道许可", "需临时占用道路", "市民中心", "0731-2", "申请表"],
            [None, None, None, None, f"王五身份证{ID_NUMBER}"],
            ["食品经营许可", "有经营场所", "市民中心", MOBILE, "申请书"],
        ],
        merges=["A3:A4", "B3:B4", "C3:C4", "D3:D4"],
    )
    result = services.import_guides(actor=staff["handler_a"], agency=tree["dept_a"], name="指南.xlsx", data=data)
    assert (result["created"], result["updated"]) == (1, 0)
    rows = result["screened_out"]
    assert [(row["line"], row["column"]) for row in rows] == [(2, "申请条件"), (4, "材料名称")]
    assert "“户外广告设置许可”未导入" in rows[0]["message"] and "手机号码 138****5678" in rows[0]["message"]
    assert rows[1]["findings"][0]["kind"] == "id_card" and ID_NUMBER not in str(rows)
    assert set(Guide.objects.values_list("name", flat=True)) == {"临时占道许可", "食品经营许可"}
    existing.refresh_from_db()
    assert [m.name for m in existing.materials.all()] == ["食品经营许可申请书", "营业执照"]  # kept as it was
    event = AuditEvent.objects.filter(action="guides.import").latest("id")
    assert "2项未通过发布前审查未导入" in event.summary and len(event.data["screened_out"]) == 2


# --- Workbench ------------------------------------------------------------------------------------


def form_data(**changes):
    return {**COMPLETE, "materials": "申请书｜原件｜1｜必要", **changes}


def test_the_editor_shows_the_refusal_and_offers_reviewers_the_override(client, staff):
    client.force_login(staff["handler_a"])
    page = client.post("/workbench/guides/new/", form_data(conditions=f"联系人手机{MOBILE}"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "发布前审查发现1处可能涉及个人信息或涉密标志的内容" in text and "data-findings" in text
    assert "138****5678" in text and 'name="override_reason"' not in text and "须由审核人说明理由后保存" in text
    assert Guide.objects.count() == 0

    client.force_login(staff["reviewer_a"])
    page = client.post("/workbench/guides/new/", form_data(conditions=f"联系人手机{MOBILE}"))
    text = page.content.decode()
    assert 'name="override_reason"' in text and "放行理由（审核人）" in text and "说明理由后保存" in text
    response = client.post(
        "/workbench/guides/new/", form_data(conditions=f"联系人手机{MOBILE}", override_reason=REASON)
    )
    assert response.status_code == 302
    assert Guide.objects.get().conditions == f"联系人手机{MOBILE}"
    assert AuditEvent.objects.filter(action="guides.create").latest("id").data["override_reason"] == REASON
    page = client.get(response["Location"]).content.decode()
    assert "发布前审查提示1处需核实的内容" in page


def test_the_editor_refuses_an_edit_of_a_public_guide(client, tree, staff):
    guide = make_guide(tree["dept_a"], staff["handler_a"])
    client.force_login(staff["handler_a"])
    page = client.post(f"/workbench/guides/{guide.pk}/edit/", form_data(procedure="秘密★1年\n申请→受理"))
    assert page.status_code == 200 and "发布前审查发现1处" in page.content.decode()
    guide.refresh_from_db()
    assert guide.procedure == COMPLETE["procedure"]


def test_republishing_on_the_detail_page_needs_the_override(client, tree, staff):
    guide = make_guide(tree["dept_a"], staff["handler_a"], public=False, conditions=f"联系人手机{MOBILE}")
    client.force_login(staff["reviewer_a"])
    page = client.get(f"/workbench/guides/{guide.pk}/").content.decode()
    assert 'name="override_reason"' in page and "说明理由后重新公开" in page and "138****5678" in page
    url = f"/workbench/guides/{guide.pk}/visibility/"
    page = client.post(url, {"public": "1"}, follow=True).content.decode()
    assert "发布前审查发现1处" in page
    guide.refresh_from_db()
    assert not guide.public
    client.post(url, {"public": "1", "override_reason": REASON})
    guide.refresh_from_db()
    assert guide.public


def test_the_workbench_import_lists_the_screened_out_rows(client, tree, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = workbook_bytes([HEADER, ["户外广告设置许可", f"联系人手机{MOBILE}", "市民中心", "0731-1", "申请表"],
                           ["临时占道许可", "需临时占用道路", "市民中心", "0731-2", "申请表"]])  # fmt: skip
    client.force_login(staff["handler_a"])
    upload = SimpleUploadedFile("指南.xlsx", data)
    page = client.post("/workbench/guides/import/", {"file": upload}, follow=True).content.decode()
    assert "新增1项" in page and "1项未通过发布前审查" in page
    assert 'id="import-screened-out"' in page and "第2行" in page and "申请条件" in page
    assert list(Guide.objects.values_list("name", flat=True)) == ["临时占道许可"]


def test_a_too_short_reason_keeps_the_override_field_on_the_page(client, staff):
    client.force_login(staff["reviewer_a"])
    page = client.post("/workbench/guides/new/", form_data(conditions=f"联系人手机{MOBILE}", override_reason="同意"))
    text = page.content.decode()
    assert "放行理由须具体说明为何可以公开" in text and 'name="override_reason"' in text and "data-findings" in text
    assert Guide.objects.count() == 0
