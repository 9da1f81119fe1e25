"""Stored guides: the five checks and the deduction on hand-made guides, the API of API.md, the
XLSX import (merged cells, "同上", problems by line, nothing half-imported) and export, the pages."""

import datetime as dt

import openpyxl
import pytest

from gongkai.catalog import services as catalog_services
from gongkai.core.errors import InvalidInput
from gongkai.guides import exports, selectors, services
from gongkai.guides.models import Guide
from gongkai.guides.tests.factories import COMPLETE, make_guide, workbook_bytes
from gongkai.testing import error_code

pytestmark = pytest.mark.django_db


def codes(findings):
    return sorted((str(f.code), str(f.element) if f.element else None) for f in findings)


def test_a_complete_guide_has_no_findings(tree, staff):
    guide = make_guide(tree["dept_a"], staff["handler_a"])
    assert services.findings_of(guide) == []
    assert [m.position for m in guide.materials.all()] == [1, 2]
    assert guide.materials.first().form == "original"


def test_each_check_on_hand_made_guides(tree, staff):
    agency, actor = tree["dept_a"], staff["handler_a"]
    missing = make_guide(agency, actor, name="缺要素的事项", phone="", hours="暂无", materials=[])
    assert codes(services.findings_of(missing)) == [
        ("missing_element", "hours"),
        ("missing_element", "materials"),
        ("missing_element", "phone"),
    ]
    promise = make_guide(agency, actor, name="承诺超期", statutory_days=15, promised_days=20)
    assert codes(services.findings_of(promise)) == [("promise_exceeds_statute", None)]
    fee = make_guide(agency, actor, name="收费无标准", fee_basis="《某某收费管理办法》", fee_amount="")
    assert codes(services.findings_of(fee)) == [("fee_without_amount", None)]
    priced = make_guide(agency, actor, name="收费有标准", fee_basis="《某某收费管理办法》", fee_amount="每件10元")
    assert services.findings_of(priced) == []
    vague = make_guide(agency, actor, name="材料含糊", materials=[{"name": "申请书"}, {"name": "其他相关材料"}])
    assert codes(services.findings_of(vague)) == [("vague_material", None)]


def test_basis_citing_an_abolished_item_is_found(tree, staff):
    agency, root = tree["dept_a"], staff["root"]
    item = catalog_services.create_item(
        actor=root, agency=agency, title="某市小餐饮管理暂行办法", genre="normative_document",
        body="<p>第一条</p>", formed_on=dt.date(2020, 3, 2), doc_number="某政发〔2020〕3号",
    )  # fmt: skip
    catalog_services.publish_item(item, actor=root, on=dt.date(2020, 3, 5))
    guide = make_guide(agency, root, basis="《某市小餐饮管理暂行办法》第五条")
    assert services.findings_of(guide) == []
    catalog_services.abolish_item(item, actor=root, on=dt.date(2025, 1, 1))
    (finding,) = services.findings_of(guide)
    assert (finding.code, finding.element) == ("basis_invalid", "basis")
    assert "某政发〔2020〕3号" in finding.message


def test_deduction_counts_a_kind_once_per_agency_and_caps_at_16(tree, staff):
    agency, actor = tree["dept_a"], staff["handler_a"]
    for number in range(3):
        make_guide(agency, actor, name=f"缺电话{number}", phone="")
    deduction, findings = selectors.check_agency(agency)
    assert len(findings) == 3 and deduction.points == 2 and deduction.missing_elements == ["phone"]
    empty = dict.fromkeys(("basis", "conditions", "location", "hours", "phone", "procedure"), "")
    make_guide(agency, actor, name="几乎空白", materials=[], **empty)
    deduction, _ = selectors.check_agency(agency)
    assert deduction.points == 14  # seven kinds (事项名称 is there)
    # Another agency's guides do not count for this one.
    make_guide(tree["dept_b"], staff["handler_b"], name="乙局空白", materials=[], **empty)
    assert selectors.check_agency(agency)[0].points == 14


def test_api_create_answers_id_and_findings(api):
    body = {"agency": "dept-a", **COMPLETE, "phone": "", "promised_days": 30,
            "materials": [{"name": "申请书", "form": "原件", "copies": 1, "required": True}]}  # fmt: skip
    response = api("handler_a").post("/guides", body)
    assert response.status_code == 201, response.content
    payload = response.json()
    assert payload["id"] and payload["findings"][0] == {
        "code": "missing_element", "element": "phone", "message": "要素缺失：联系电话"
    }  # fmt: skip
    assert [f["code"] for f in payload["findings"]] == ["missing_element", "promise_exceeds_statute"]


def test_api_takes_a_fee_amount_given_as_a_number(api):
    """API.md names ``fee_amount`` without a type: an amount sent as a number is an amount."""
    body = {"agency": "dept-a", **COMPLETE, "fee_basis": "《某某收费管理办法》", "fee_amount": 50}
    response = api("handler_a").post("/guides", body)
    assert response.status_code == 201, response.content
    assert "fee_without_amount" not in [f["code"] for f in response.json()["findings"]]
    assert api("handler_a").get(f"/guides/{response.json()['id']}").json()["fee_amount"] == "50"
    patched = api("handler_a").patch(f"/guides/{response.json()['id']}", {"fee_amount": 12.5})
    assert patched.status_code == 200 and patched.json()["fee_amount"] == "12.5"


def test_api_check_answers_the_deduction(api):
    api("handler_a").post("/guides", {"agency": "dept-a", "name": "只有名称"})
    response = api("handler_a").get("/guides/check", agency="dept-a")
    assert response.status_code == 200
    body = response.json()
    assert body["deduction"] == 14
    assert body["missing_elements"] == ["basis", "conditions", "materials", "location", "hours", "phone", "procedure"]
    assert {f["code"] for f in body["findings"]} == {"missing_element"} and body["findings"][0]["guide"]


def test_api_scope_other_agency_is_404_and_bad_input_422(api):
    created = api("handler_a").post("/guides", {"agency": "dept-a", **COMPLETE}).json()
    assert api("handler_b").get(f"/guides/{created['id']}").status_code == 404
    assert api("handler_b").get("/guides/check", agency="dept-a").status_code == 404
    assert api("handler_b").post("/guides", {"agency": "dept-a", **COMPLETE}).status_code == 404
    bad = api("handler_a").post("/guides", {"agency": "dept-a", "name": "x", "materials": [{"name": "a", "form": "传真"}]})
    assert bad.status_code == 422 and error_code(bad) == "validation_error"
    assert api().post("/guides", {"agency": "dept-a", **COMPLETE}).status_code == 401


def test_public_api_shows_public_guides_only(api, tree, staff):
    shown = make_guide(tree["dept_a"], staff["handler_a"])
    hidden = make_guide(tree["dept_a"], staff["handler_a"], name="已撤下的事项")
    services.set_public(hidden, actor=staff["reviewer_a"], public=False, reason="事项已取消")
    listing = api().get("/public/guides", agency="dept-a").json()
    assert [row["id"] for row in listing["results"]] == [shown.pk]
    assert "findings" not in listing["results"][0]
    assert api().get(f"/public/guides/{hidden.pk}").status_code == 404


def test_patch_replaces_materials(api, tree, staff):
    guide = make_guide(tree["dept_a"], staff["handler_a"])
    response = api("handler_a").patch(f"/guides/{guide.pk}", {"phone": "0731-1", "materials": [{"name": "身份证"}]})
    assert response.status_code == 200
    assert response.json()["phone"] == "0731-1"
    assert [m["name"] for m in response.json()["materials"]] == ["身份证"]


# --- XLSX ------------------------------------------------------------------------------------

HEADER = ["事项名称", "设定依据", "申请条件", "办理地点", "办理时间", "联系电话", "办理流程",
          "法定办结时限", "承诺办结时限", "材料名称", "材料形式", "份数"]  # fmt: skip


def test_import_reads_merged_cells_and_same_as_above(tree, staff):
    data = workbook_bytes(
        [
            ["测试市甲局办事指南"],
            HEADER,
            ["户外广告设置许可", "《城市市容和环境卫生管理条例》第十一条", "设置单位", "市民中心", "工作日",
             "0731-1", "申请→审查→决定", "20个工作日", "10个工作日", "申请表", "原件", "1"],
            [None, None, None, None, None, None, None, None, None, "设计效果图", "电子", "1"],
            ["同上", "同上", "同上", "同上", "同上", "同上", "同上", "同上", "同上", "场地使用证明", "复印件", "1"],
            ["临时占道许可", "《城市道路管理条例》第三十一条", "需临时占用道路", "市民中心", "工作日",
             "0731-2", "申请→审查→决定", "即办", "即办", "申请表", "原件", "1"],
        ],
        merges=["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:G4", "H3:H4", "I3:I4"],
    )  # fmt: skip
    result = services.import_guides(actor=staff["handler_a"], agency=tree["dept_a"], name="指南.xlsx", data=data)
    assert result["created"] == 2
    guide = Guide.objects.get(name="户外广告设置许可")
    assert [m.name for m in guide.materials.all()] == ["申请表", "设计效果图", "场地使用证明"]
    assert (guide.statutory_days, guide.promised_days) == (20, 10)
    assert Guide.objects.get(name="临时占道许可").promised_days == 0
    # The same sheet again replaces, never duplicates.
    again = services.import_guides(actor=staff["handler_a"], agency=tree["dept_a"], name="指南.xlsx", data=data)
    assert again == {"created": 0, "updated": 2, "sheet": "Sheet"} and Guide.objects.count() == 2


def test_a_sheet_with_bad_rows_imports_nothing_and_names_the_lines(tree, staff):
    data = workbook_bytes(
        [
            [*HEADER, "审批科长"],
            ["甲事项", "依据", "条件", "地点", "时间", "电话", "流程", "20个工作日", "5个工作日", "申请表", "原件", "1", "x"],
            ["乙事项", "依据", "条件", "地点", "时间", "电话", "流程", "二十天", "5个工作日", "申请表", "传真件", "1", ""],
        ]
    )  # fmt: skip
    with pytest.raises(InvalidInput) as raised:
        services.import_guides(actor=staff["handler_a"], agency=tree["dept_a"], name="坏表.xlsx", data=data)
    problems = raised.value.details["problems"]
    assert problems[0]["line"] is None and "审批科长" in problems[0]["message"]
    assert {(p["line"], p["column"]) for p in problems[1:]} == {(3, "法定办结时限"), (3, "材料形式")}
    assert Guide.objects.count() == 0


def test_export_reads_back_through_the_import(tree, staff):
    make_guide(tree["dept_a"], staff["handler_a"], code="GD-001")
    content = exports.guides_xlsx(selectors.staff_guides(staff["handler_a"], agency=tree["dept_a"]), "导出")
    sheet = openpyxl.load_workbook(__import__("io").BytesIO(content)).active
    assert sheet.cell(row=2, column=2).value == "事项名称" and sheet.max_row >= 4
    result = services.import_guides(actor=staff["handler_a"], agency=tree["dept_a"], name="导出.xlsx", data=content)
    assert result == {"created": 0, "updated": 1, "sheet": "办事指南"}
    guide = Guide.objects.get(code="GD-001")
    assert [m.name for m in guide.materials.all()] == ["食品经营许可申请书", "营业执照"]
    assert (guide.statutory_days, guide.promised_days, guide.fee_basis) == (20, 5, "不收费")


# --- Pages and search ----------------------------------------------------------------------------


def test_portal_pages_by_agency_and_topic(client, tree, staff):
    guide = make_guide(tree["dept_a"], staff["handler_a"], conditions="<script>alert(1)</script>")
    make_guide(tree["dept_b"], staff["handler_b"], name="乙局事项", topic="交通出行")
    page = client.get("/guides/", {"topic": "市场监管"}).content.decode()
    assert guide.name in page and "乙局事项" not in page
    page = client.get("/guides/", {"agency": "dept-b"}).content.decode()
    assert "乙局事项" in page and guide.name not in page
    detail = client.get(f"/guides/{guide.pk}/").content.decode()
    assert "食品经营许可申请书" in detail and "&lt;script&gt;" in detail and "<script>alert" not in detail
    updated = guide.updated_on.isoformat()
    assert f'更新日期：<time datetime="{updated}">{updated}</time>' in detail  # as dates across the portal


def test_workbench_list_shows_the_deduction(client, tree, staff):
    make_guide(tree["dept_a"], staff["handler_a"], phone="")
    client.force_login(staff["handler_a"])
    page = client.get("/workbench/guides/").content.decode()
    assert "扣2分" in page and "联系电话" in page


def test_workbench_list_is_paginated_in_chinese(client, tree, staff):
    for number in range(35):
        make_guide(tree["dept_a"], staff["handler_a"], name=f"事项{number:02d}")
    client.force_login(staff["handler_a"])
    first = client.get("/workbench/guides/").content.decode()
    assert "事项00" in first and "事项29" in first and "事项30" not in first
    assert "第 1 / 2 页" in first and 'href="?page=2"' in first and "下一页" in first
    second = client.get("/workbench/guides/", {"page": 2}).content.decode()
    assert "事项30" in second and "事项34" in second and "事项29" not in second and "上一页" in second


def test_an_import_without_a_file_is_answered_in_chinese_not_by_the_browser(client, tree, staff):
    client.force_login(staff["reviewer_a"])
    for address in ("/workbench/guides/", "/workbench/guides/standard/"):
        page = client.get(address).content.decode()
        assert 'enctype="multipart/form-data" class="inline-form" novalidate>' in page
    page = client.post("/workbench/guides/import/", follow=True).content.decode()
    assert "请选择要导入的 XLSX 文件" in page


def test_workbench_editor_creates_a_guide_with_materials(client, tree, staff):
    client.force_login(staff["handler_a"])
    response = client.post(
        "/workbench/guides/new/",
        {**COMPLETE, "materials": "居民身份证｜原件、复印件｜1｜必要\n户口簿"},
    )
    assert response.status_code == 302, response.context["form"].errors
    guide = Guide.objects.get(name=COMPLETE["name"])
    assert [(m.name, m.form) for m in guide.materials.all()] == [("居民身份证", "original,copy"), ("户口簿", "")]


def test_search_finds_guides_and_forgets_withdrawn_ones(client, tree, staff):
    guide = make_guide(tree["dept_a"], staff["handler_a"], name="食品经营许可证补办")
    page = client.get("/search/", {"q": "食品经营许可证补办"}).content.decode()
    assert f"/guides/{guide.pk}/" in page
    services.set_public(guide, actor=staff["reviewer_a"], public=False, reason="事项已取消")
    page = client.get("/search/", {"q": "食品经营许可证补办"}).content.decode()
    assert f"/guides/{guide.pk}/" not in page


def test_indicator_selectors(tree, staff):
    agency, actor = tree["dept_a"], staff["handler_a"]
    complete = make_guide(agency, actor)
    missing = make_guide(agency, actor, name="缺电话", phone="")
    slow = make_guide(agency, actor, name="承诺超期", statutory_days=15, promised_days=20)
    hidden = make_guide(agency, actor, name="撤下的", phone="", statutory_days=1, promised_days=2)
    services.set_public(hidden, actor=staff["reviewer_a"], public=False, reason="事项已取消")
    ids, today = [agency.pk], dt.date(2026, 11, 30)
    assert [(g.pk, m) for g, m in selectors.guide_missing_element(ids, today)] == [(missing.pk, ["phone"])]
    assert list(selectors.guide_promise_exceeds_statute(ids, today)) == [slow]
    assert selectors.guide_missing_deduction(agency.pk, today).points == 2
    assert complete.pk not in [g.pk for g, _ in selectors.guide_missing_element(ids, today)]


def test_the_portal_home_and_sitemap_link_guides_powers_proposals_and_tasks(client, tree):
    from django.urls import reverse

    for page in (client.get("/").content.decode(), client.get(reverse("portal:sitemap")).content.decode()):
        for url in ("/guides/", "/guides/powers/", "/proposals/", "/proposals/tasks/"):
            assert f'href="{url}"' in page


def test_a_guide_without_materials_shows_a_dash_on_its_workbench_page_like_other_empty_elements(client, tree, staff):
    guide = make_guide(tree["dept_a"], staff["handler_a"], materials=[])
    client.force_login(staff["handler_a"])
    page = client.get(f"/workbench/guides/{guide.pk}/").content.decode()
    assert "<dt>办理材料</dt><dd>—</dd>" in page and "<li>—</li>" not in page


def test_a_material_the_service_refuses_is_shown_at_the_materials_field_with_the_input_kept(client, tree, staff):
    """The editor's own parse lets 1000 copies through; the service's refusal ("份数应为1至999") is
    shown at 办理材料, not above the form, and what was typed stays."""
    client.force_login(staff["handler_a"])
    response = client.post("/workbench/guides/new/", {**COMPLETE, "materials": "申请表｜原件｜1000｜必要"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"materials": ["第1项材料的份数应为1至999"]}
    assert 'autofocus' in str(form["materials"])
    assert "申请表｜原件｜1000｜必要" in response.content.decode()
    assert not Guide.objects.filter(name=COMPLETE["name"]).exists()
