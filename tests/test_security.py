"""Security defaults: deploy checks, CSRF, cookies, lockout, CSP."""

import os
import subprocess
import sys
from pathlib import Path

from django.test import Client

from gongkai.testing import PASSWORD

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "SECRET_KEY": "a-production-secret-that-is-long-and-random-enough-0123456789abcdefXYZ",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "gongkai.example.gov.cn",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "SECURE_PROXY_SSL_HEADER": "1",
}


def production_env(tmp_path) -> dict:
    env = {**os.environ, **PRODUCTION_ENV, "GONGKAI_VAR_DIR": str(tmp_path)}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests of this process only
    return env


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    env = production_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_a_missing_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "gongkai.W001" in result.stdout + result.stderr


def test_cookies_are_secure_when_not_debug(settings):
    assert settings.DEBUG is False
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE and settings.SESSION_COOKIE_HTTPONLY


def test_login_form_requires_csrf(staff):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/workbench/login/", {"username": "handler_a", "password": PASSWORD})
    assert response.status_code == 403


def test_api_post_with_token_needs_no_csrf_but_session_alone_is_not_enough(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff["root"])
    response = client.post("/api/v1/agencies", '{"code": "x1", "name": "x"}', content_type="application/json")
    assert response.status_code == 401  # a browser session does not authenticate API writes


def test_lockout_after_repeated_failures(client, staff):
    for _ in range(5):
        response = client.post("/workbench/login/", {"username": "handler_a", "password": "wrong-password"})
        assert response.status_code in {200, 429}
    response = client.post("/workbench/login/", {"username": "handler_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "账号已暂时锁定" in response.content.decode()


def test_csp_and_other_headers_on_pages(client, db):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_inline_script_or_style_in_shell_templates():
    templates = list((ROOT / "gongkai").rglob("templates/**/*.html"))
    assert templates
    for template in templates:
        text = template.read_text()
        assert "<script>" not in text and " style=" not in text and "onclick=" not in text, template
