"""While the database cannot be reached (a restart, a fail-over) every answer is a Chinese 503 page
or the API's error body, never a stack trace; the next request after it is back succeeds."""

import contextlib
import json
import socket

import pytest
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.django_db(transaction=True)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def database_unreachable(tmp_path):
    """Point the connection at a database that is not there, as during a restart (a real failure:
    the driver cannot connect; nothing is mocked)."""
    settings_dict = connection.settings_dict
    saved = dict(settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "missing-directory" / "gongkai.sqlite3")
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
    try:
        yield
    finally:
        connection.close()
        settings_dict.clear()
        settings_dict.update(saved)


def test_pages_and_api_answer_503_in_chinese_while_the_database_is_down(tree, tmp_path):
    client = Client(raise_request_exception=False)
    with database_unreachable(tmp_path):
        page = client.get("/")
        api = client.get("/api/v1/agencies")
        submission = client.post(
            "/api/v1/public/applications",
            json.dumps(
                {
                    "agency": "dept-a",
                    "applicant": {"type": "natural_person", "name": "张三", "phone": "13800000000"},
                    "description": "申请公开2024年度部门预算",
                }
            ),
            content_type="application/json",
        )
    assert page.status_code == 503 and page["Retry-After"] == "10"
    html = page.content.decode()
    assert "系统暂时无法访问" in html and "Traceback" not in html and "Error" not in html
    for response in (api, submission):
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "service_unavailable"
        assert "请稍后再试" in response.json()["error"]["message"]


def test_service_resumes_by_itself_when_the_database_is_back(tree, tmp_path):
    client = Client(raise_request_exception=False)
    with database_unreachable(tmp_path):
        assert client.get("/").status_code == 503
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/agencies").status_code == 200
