"""Agencies endpoints of API.md and their error format."""

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.testing import error_code


def test_list_is_public_and_has_the_contract_fields(api, tree):
    response = api().get("/agencies")
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()}
    assert set(rows) == {"city", "dept-a", "dept-b", "town"}
    assert rows["dept-a"]["parent"] == "city"
    assert rows["dept-a"]["index_prefix"] == "000000002"
    assert {"code", "name", "parent", "index_prefix"} <= set(rows["city"])


def test_superuser_creates_agency_with_default_prefix(api, tree):
    response = api("root").post("/agencies", {"code": "dept-c", "name": "测试市丙局", "parent": "city"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"] == "dept-c" and body["index_prefix"] == "dept-c" and body["parent"] == "city"
    event = AuditEvent.objects.filter(action="agency.create").latest("id")
    assert event.data["code"] == "dept-c" and event.actor_label == "root"


def test_office_may_create_below_its_government_but_handler_may_not(api, tree):
    assert (
        api("office").post("/agencies", {"code": "t2", "name": "新镇", "parent": "city"}).status_code == 201
    )
    response = api("handler_a").post("/agencies", {"code": "t3", "name": "新镇", "parent": "city"})
    assert response.status_code == 403
    assert error_code(response) == "office_required"


def test_anonymous_cannot_create(api, tree):
    response = api().post("/agencies", {"code": "x", "name": "x"})
    assert response.status_code == 401
    assert error_code(response) == "unauthorized"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({}, 422, "validation_error"),
        ({"code": "ok"}, 422, "validation_error"),
        ({"code": "has space", "name": "名称"}, 422, "invalid_agency"),
        ({"code": "中文", "name": "名称"}, 422, "invalid_agency"),
        ({"code": "x" * 40, "name": "名称"}, 422, "validation_error"),
        ({"code": "ok", "name": "名称", "parent": "nope"}, 404, "agency_not_found"),
        ({"code": "ok", "name": "名称", "kind": "empire"}, 422, "validation_error"),
        ({"code": "ok", "name": "名称", "index_prefix": "含中文"}, 422, "invalid_agency"),
        ({"code": "dept-a", "name": "重复"}, 409, "agency_exists"),
        ({"code": "DEPT-A", "name": "大小写重复"}, 409, "agency_exists"),
        ([1, 2], 422, "validation_error"),
    ],
)
def test_bad_input_gets_the_error_format(api, tree, body, status, code):
    response = api("root").post("/agencies", body)
    assert response.status_code == status, response.content
    assert error_code(response) == code
    assert response.json()["error"]["message"]  # a Chinese explanation, never empty


def test_malformed_json_is_a_400_not_a_500(api, tree):
    response = api("root").post("/agencies", raw="{not json")
    assert response.status_code == 400
    assert error_code(response) == "invalid_json"


def test_nothing_is_written_when_creation_fails(api, tree):
    client = api("root")
    before = AuditEvent.objects.count()
    client.post("/agencies", {"code": "bad code", "name": "x"})
    assert AuditEvent.objects.count() == before


def test_unknown_agency_and_unknown_path(api, tree):
    assert error_code(api().get("/agencies/nope")) == "agency_not_found"
    response = api().get("/no/such/endpoint")
    assert response.status_code == 404


def test_patch_changes_fields_and_is_audited(api, tree):
    response = api("admin_a").patch("/agencies/dept-a", {"phone": "0731-1234567", "address": "人民路1号"})
    assert response.status_code == 200, response.content
    tree["dept_a"].refresh_from_db()
    assert tree["dept_a"].phone == "0731-1234567"
    event = AuditEvent.objects.filter(action="agency.update").latest("id")
    assert event.actor_label == "admin_a" and event.data["after"]["phone"] == "0731-1234567"


def test_invalid_token_is_refused(client, tree):
    response = client.get("/api/v1/audit", HTTP_AUTHORIZATION="Bearer gk_not-a-token")
    assert response.status_code == 401


def test_revoked_token_stops_working(staff, tree):
    from gongkai.api.models import ApiToken
    from gongkai.api.services import revoke_token
    from gongkai.testing import ApiClient

    client = ApiClient(staff["admin_a"])
    assert client.get("/audit").status_code == 200
    revoke_token(ApiToken.objects.get(user=staff["admin_a"]), actor=staff["admin_a"])
    assert client.get("/audit").status_code == 401


def test_page_size_over_100_is_refused(api, tree):
    response = api("root").get("/audit", size=101)
    assert response.status_code == 422
    assert error_code(response) == "validation_error"


def test_list_pagination_shape(api, tree):
    body = api("root").get("/audit", page=1, size=2).json()
    assert set(body) == {"total", "page", "size", "results"}
    assert body["page"] == 1 and body["size"] == 2 and len(body["results"]) == 2 and body["total"] >= 4


def test_api_times_carry_the_china_offset(api, tree):
    event = api("root").get("/audit", size=1).json()["results"][0]
    assert event["at"].endswith("+08:00")
