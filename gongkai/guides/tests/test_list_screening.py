"""Screening before a 权责清单 or a 标准目录 reaches the portal (Art. 17 保密审查; domain/screening.md):
an imported sheet with a blocking finding in any row is refused whole (409 ``screening_findings``,
each row by line with masked findings) through the API and the workbench; a reviewer overrides with
a substantive reason, audited with masked findings only. The clock is the suite's frozen one."""

import copy
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.audit.models import AuditEvent
from gongkai.core.errors import Forbidden
from gongkai.guides import powers, services
from gongkai.guides.models import PowerEntry, PowerList, StandardEntry
from gongkai.guides.services import sheet_screening
from gongkai.guides.tests.factories import workbook_bytes
from gongkai.guides.tests.test_powers import HEADER, ROWS
from gongkai.guides.tests.test_sheets import STANDARD_MERGES, STANDARD_ROWS
from gongkai.testing import error_code

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 30)
MOBILE = "13812345678"
ID_NUMBER = "110101199003074514"
REASON = "追责情形所列号码为本局对外公布的监督举报手机，依职责公开"
# Line 4 (after the title and the header): a mobile number in 追责情形 and an ID number in 备注 (the API shows 备注).
SCREENED_ROWS = [ROWS[0], [*ROWS[1][:6], f"经办人张三手机{MOBILE}", f"身份证{ID_NUMBER}"], ROWS[2]]


def power_sheet(rows=SCREENED_ROWS) -> bytes:
    return workbook_bytes([["测试市甲局权责清单"], HEADER, *rows])


def standard_sheet() -> bytes:
    rows = copy.deepcopy(STANDARD_ROWS)
    rows[3][3] = f"申请条件、办理材料；联系人张三{MOBILE}"  # line 4, 公开内容（要素）
    return workbook_bytes(rows, STANDARD_MERGES)


def upload(api, username, path, data, **fields):
    client = api(username)
    files = {"file": SimpleUploadedFile("表.xlsx", data), **fields}
    return client.client.post(client._url(path), files, **client.headers)


# --- 权责清单 through the API -------------------------------------------------------------------


def test_api_power_import_with_personal_data_is_refused_whole_with_masked_findings(api, client):
    response = upload(api, "reviewer_a", "/powers/import?agency=dept-a", power_sheet())
    assert response.status_code == 409, response.content
    assert error_code(response) == "screening_findings"
    error = response.json()["error"]
    assert "发布前审查发现2处" in error["message"] and "第4行" in error["message"]
    assert [(f["line"], f["column"], f["field"], f["kind"], f["masked"]) for f in error["details"]["findings"]] == [
        (4, "追责情形", "accountability", "mobile", "138****5678"),
        (4, "备注", "note", "id_card", "110101********4514"),
    ]
    (row,) = error["details"]["screened_out"]
    assert row["line"] == 4 and row["column"] == "追责情形" and "138****5678" in row["message"]
    assert MOBILE not in response.content.decode() and ID_NUMBER not in response.content.decode()
    assert PowerList.objects.count() == 0 and PowerEntry.objects.count() == 0
    assert api().get("/public/powers", agency="dept-a").status_code == 404


def test_a_refused_import_leaves_the_current_revision_on_the_portal(tree, staff, api, client):
    clean = services.import_powers(actor=staff["reviewer_a"], agency=tree["dept_a"], name="一.xlsx", data=power_sheet(ROWS))
    assert upload(api, "reviewer_a", "/powers/import?agency=dept-a", power_sheet()).status_code == 409
    assert powers.current_list(tree["dept_a"]).pk == clean.pk
    page = client.get("/guides/powers/", {"agency": "dept-a"}).content.decode()
    body = api().get("/public/powers", agency="dept-a").content.decode()
    assert "第1版" in page and "食品经营许可" in page
    for text in (page, body):
        assert MOBILE not in text and ID_NUMBER not in text


def test_a_reviewer_overrides_with_a_substantive_reason_audited_masked(api, client):
    path = "/powers/import?agency=dept-a"
    short = upload(api, "reviewer_a", path, power_sheet(), override_reason="同意同意同意")
    assert short.status_code == 422 and error_code(short) == "override_reason_insufficient"
    assert PowerList.objects.count() == 0
    response = upload(api, "reviewer_a", path, power_sheet(), override_reason=REASON)
    assert response.status_code == 201, response.content
    assert response.json()["revision"] == 1 and response.json()["entries"] == 3
    event = AuditEvent.objects.filter(action="guides.powers_import").latest("id")
    assert event.data["override_reason"] == REASON and "放行审查发现" in event.summary
    assert [(f["line"], f["column"], f["kind"], f["masked"]) for f in event.data["screening"]] == [
        (4, "追责情形", "mobile", "138****5678"), (4, "备注", "id_card", "110101********4514")
    ]  # fmt: skip
    assert MOBILE not in str(event.data) and ID_NUMBER not in str(event.data)
    # Overridden, the list is the portal's: the reviewer answered for it.
    assert MOBILE in client.get("/guides/powers/", {"agency": "dept-a"}).content.decode()


def test_a_handler_may_neither_import_nor_override(tree, staff, api):
    response = upload(api, "handler_a", "/powers/import?agency=dept-a", power_sheet(), override_reason=REASON)
    assert response.status_code == 403
    assert upload(api, "handler_a", "/standard/import?agency=dept-a", standard_sheet(), override_reason=REASON).status_code == 403
    # The override itself is a reviewer's, whoever may import.
    rows = [(3, [("note", f"身份证{ID_NUMBER}")])]
    with pytest.raises(Forbidden) as raised:
        sheet_screening.screen_sheet(
            rows, {"note": "备注"}, agency=tree["dept_a"], actor=staff["handler_a"], override_reason=REASON,
            today=TODAY,
        )  # fmt: skip
    assert raised.value.code == "override_needs_reviewer" and raised.value.status == 403
    assert PowerList.objects.count() == 0 and StandardEntry.objects.count() == 0


def test_warnings_do_not_stop_an_import_and_are_kept_in_the_event(tree, staff):
    rows = [ROWS[0], [*ROWS[1][:7], "举报邮箱 jubao@example.gov.cn"]]
    power_list = services.import_powers(actor=staff["reviewer_a"], agency=tree["dept_a"], name="x.xlsx", data=power_sheet(rows))
    assert power_list.entries.count() == 2
    event = AuditEvent.objects.filter(action="guides.powers_import").latest("id")
    assert [(f["kind"], f["severity"]) for f in event.data["screening"]] == [("email", "warn")]
    assert event.data["override_reason"] == "" and "放行" not in event.summary


# --- 标准目录 through the API --------------------------------------------------------------------


def test_api_standard_import_is_refused_then_overridden_by_a_reviewer(api):
    path = "/standard/import?agency=dept-a"
    response = upload(api, "reviewer_a", path, standard_sheet())
    assert response.status_code == 409 and error_code(response) == "screening_findings"
    (finding,) = response.json()["error"]["details"]["findings"]
    assert (finding["line"], finding["column"], finding["masked"]) == (4, "公开内容（要素）", "138****5678")
    assert MOBILE not in response.content.decode() and StandardEntry.objects.count() == 0
    response = upload(api, "reviewer_a", path, standard_sheet(), override_reason=REASON)
    assert response.status_code == 201, response.content
    assert response.json()["entries"] == 3
    event = AuditEvent.objects.filter(action="guides.standard_import").latest("id")
    assert event.data["override_reason"] == REASON and [f["masked"] for f in event.data["screening"]] == ["138****5678"]
    assert MOBILE not in str(event.data)


def test_a_refused_catalogue_import_keeps_the_entries_and_their_links(tree, staff):
    services.import_standard(actor=staff["reviewer_a"], agency=tree["dept_a"], name="目录.xlsx",
                             data=workbook_bytes(STANDARD_ROWS, STANDARD_MERGES))  # fmt: skip
    before = list(StandardEntry.objects.values_list("pk", "content"))
    with pytest.raises(Exception) as raised:
        services.import_standard(actor=staff["reviewer_a"], agency=tree["dept_a"], name="目录.xlsx", data=standard_sheet())
    assert raised.value.code == "screening_findings"
    assert list(StandardEntry.objects.values_list("pk", "content")) == before


# --- Workbench -----------------------------------------------------------------------------------


def test_the_workbench_power_import_shows_the_findings_and_takes_the_override(client, staff):
    client.force_login(staff["reviewer_a"])
    url = "/workbench/guides/powers/import/"
    page = client.post(url, {"file": SimpleUploadedFile("权责清单.xlsx", power_sheet())})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="import-screening-error"' in text and "发布前审查发现2处" in text and "data-findings" in text
    assert 'id="import-screened-out"' in text and "第4行" in text and "追责情形" in text and "138****5678" in text
    assert 'name="override_reason"' in text and "说明理由后导入" in text and "重新选择同一表格文件" in text
    assert "权责清单表格（XLSX）" in text and "办事指南表格" not in text  # the sheet this page imports
    assert PowerList.objects.count() == 0

    short = client.post(url, {"file": SimpleUploadedFile("权责清单.xlsx", power_sheet()), "override_reason": "同意"})
    text = short.content.decode()
    assert "放行理由须具体说明为何可以公开" in text and 'name="override_reason"' in text and "data-findings" in text
    assert "同意</textarea>" in text  # what was typed stays
    assert PowerList.objects.count() == 0

    response = client.post(url, {"file": SimpleUploadedFile("权责清单.xlsx", power_sheet()), "override_reason": REASON})
    assert response.status_code == 302
    assert PowerList.objects.get().revision == 1
    assert AuditEvent.objects.filter(action="guides.powers_import").latest("id").data["override_reason"] == REASON


def test_the_workbench_catalogue_import_shows_the_findings_and_takes_the_override(client, staff):
    client.force_login(staff["reviewer_a"])
    url = "/workbench/guides/standard/import/"
    page = client.post(url, {"file": SimpleUploadedFile("目录.xlsx", standard_sheet())})
    text = page.content.decode()
    assert page.status_code == 200 and "data-findings" in text and "第4行" in text and "138****5678" in text
    assert 'name="override_reason"' in text and StandardEntry.objects.count() == 0
    assert "标准目录表格（XLSX）" in text and "办事指南表格" not in text
    response = client.post(url, {"file": SimpleUploadedFile("目录.xlsx", standard_sheet()), "override_reason": REASON})
    assert response.status_code == 302 and StandardEntry.objects.count() == 3


def test_a_handler_cannot_import_on_the_workbench(client, staff):
    client.force_login(staff["handler_a"])
    upload_ = SimpleUploadedFile("权责清单.xlsx", power_sheet())
    response = client.post("/workbench/guides/powers/import/", {"file": upload_, "override_reason": REASON})
    assert response.status_code in (403, 404)
    assert PowerList.objects.count() == 0
