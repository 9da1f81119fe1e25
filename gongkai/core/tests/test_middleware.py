"""A NUL character anywhere in a request is refused with 400, never a 500 from PostgreSQL."""

import pytest
from django.test import Client

from gongkai.testing import error_code


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/audit?action=%00",
        "/api/v1/workdays/add?start=%00&days=1",
        "/api/v1/workdays/2026-01-0%00",
        "/api/v1/agencies?x%00=1",
    ],
)
def test_api_request_with_nul_is_refused_in_the_error_format(api, path):
    response = api("root").get(path)
    assert response.status_code == 400
    assert error_code(response) == "invalid_characters"
    assert response.json()["error"]["message"] == "请求中含有非法字符"


def test_api_path_with_nul_is_refused(api):
    response = api("root").get("/api/v1/agencies/%00")
    assert response.status_code == 400
    assert error_code(response) == "invalid_characters"


@pytest.mark.django_db
def test_page_request_with_nul_gets_a_plain_bad_request_page():
    response = Client().get("/", {"q": "\x00"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "非法字符" in response.content.decode()


@pytest.mark.django_db
def test_form_post_with_nul_is_refused(staff):
    response = Client().post("/workbench/login/", {"username": "handler_a\x00", "password": "x"})
    assert response.status_code == 400


def test_ordinary_requests_pass(api):
    assert api("root").get("/api/v1/audit", action="agency.create").status_code == 200
    assert api().get("/api/v1/workdays/add", start="2026-01-05", days=1).status_code == 200


def test_api_json_body_with_nul_is_refused(api):
    response = api("handler_a").post("/screening", {"text": "含有\x00空字符的文本"})
    assert response.status_code == 400
    assert error_code(response) == "invalid_characters"


def test_api_json_body_with_an_escaped_backslash_before_u0000_is_text_not_nul(api):
    response = api("handler_a").post("/screening", {"text": "C:\\u0000 是一段普通文字"})
    assert response.status_code == 200


def test_json_write_with_nul_is_refused_before_the_database(api, tree):
    from gongkai.applications.tests.factories import body

    payload = body()
    payload["description"] = "申请\x00公开"
    response = api().post("/public/applications", payload)
    assert response.status_code == 400
    assert error_code(response) == "invalid_characters"
