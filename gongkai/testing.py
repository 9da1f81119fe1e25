"""Small factories and clients shared by the test suites of every app.

Test support only: tests, ``conftest.py`` and the benchmarks import it, application code never
does (``tests/test_layers.py`` checks).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.test import Client

from gongkai.agencies import services as agency_services
from gongkai.agencies.models import Agency, AgencyKind
from gongkai.api.services import issue_token
from gongkai.core.system import SYSTEM


def postgresql_only(reason: str):
    """Skip on SQLite a test of a structure only PostgreSQL has (``reason`` names it); CI runs the
    whole suite on PostgreSQL too, so such a test always runs there."""
    import pytest  # the benchmarks import this module too, without the test tools
    from django.db import connection

    return pytest.mark.skipif(connection.vendor != "postgresql", reason=reason)


# The five real published documents of the spec (../shared/samples), shipped with the catalogue
# for the demo; tests read them from there so a clean clone has them.
SAMPLES = Path(__file__).resolve().parent / "catalog" / "data" / "samples"

PASSWORD = "Test-Password-2026"  # noqa: S105 (test accounts only)
# The authenticator secret of test accounts that sign in with a second factor (hex, as django-otp
# stores it); ``two_factor.code_now(TOTP_TEST_KEY)`` is what their phone would show.
TOTP_TEST_KEY = b"gongkai-test-totp-00".hex()

# The date every test runs on unless it says otherwise (root conftest.py freezes the clock there):
# a Monday in the last built-in year, late enough that the hand-worked 2026 dates of the suite are
# in the past, early enough that the 20 working days of a clock started today end in it (on
# 2026-12-28). Tests that need another date are marked ``@pytest.mark.today("YYYY-MM-DD")`` or
# pass ``today=`` to the code they call.
TODAY = dt.date(2026, 11, 30)
SHANGHAI = ZoneInfo("Asia/Shanghai")


SYNTHETIC_SOURCE = "测试数据：合成年度（仅周六、周日休息），并非国务院办公厅通知"


def confirm_synthetic_year(year: int, *, region: str = ""):
    """TEST DATA ONLY: confirm ``year`` with no holidays and no make-up days (Monday–Friday are the
    working days), so a test can count deadlines in a year whose real notice is not published.
    The source and note say it is synthetic; never call this outside tests."""
    from gongkai.workdays import services as workday_services

    return workday_services.confirm_year(
        actor=SYSTEM,
        year=year,
        region=region,
        source=SYNTHETIC_SOURCE,
        holidays=[],
        makeup_days=[],
        on=TODAY,
        note="测试数据，不得用于生产",
    )


def frozen_instant(day: dt.date, at: dt.time | None = None) -> dt.datetime:
    """The moment (in UTC, so that the process's time zone is left alone) the tests' clock is set to."""
    local = dt.datetime.combine(day, at or dt.time(10, 0), tzinfo=SHANGHAI)
    return local.astimezone(dt.UTC)


def make_agency(
    code: str,
    *,
    parent: Agency | None = None,
    name: str | None = None,
    kind: str = AgencyKind.DEPARTMENT,
    **fields,
) -> Agency:
    return agency_services.create_agency(
        actor=SYSTEM, code=code, name=name or f"{code}机构", parent=parent, kind=kind, **fields
    )


def make_user(username: str, *, agency: Agency | None = None, role: str | None = None, superuser=False):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        user = agency_services.create_user(
            actor=SYSTEM, username=username, password=PASSWORD, superuser=superuser
        )
    if agency is not None and role is not None:
        agency_services.set_membership(actor=SYSTEM, user=user, agency=agency, role=role)
    return user


def enrol_for_tests(user):
    """Give ``user`` an authenticator holding ``TOTP_TEST_KEY`` (test set-up, not an audited act)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gongkai.accounts import two_factor

    return two_factor.totp_device(user) or TOTPDevice.objects.create(
        user=user, name="测试设备", key=TOTP_TEST_KEY, confirmed=True
    )


def next_code(device) -> str:
    """A code ``device`` accepts now: the current one, or the next one (within django-otp's
    tolerance of one step) when the current one was already used — a second sign-in of the same
    user within 30 seconds."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    step = max(totp.t(), (device.last_t or -1) + 1)
    totp.time = device.t0 + step * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in_browser(page, live_server, username: str, password: str = PASSWORD) -> None:
    """The login form in a browser, then the second factor where the user needs one (a test
    authenticator, ``enrol_for_tests``). Leaves the browser on the page the sign-in leads to."""
    from django.contrib.auth import get_user_model

    from gongkai.accounts import two_factor

    user = get_user_model().objects.get(username=username)
    device = enrol_for_tests(user) if two_factor.needs_second_factor(user) else None
    if not page.url.startswith(live_server.url + "/workbench/login/"):
        page.goto(live_server.url + "/workbench/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    if device is not None:
        page.wait_for_url("**/workbench/account/verify/**")
        device.refresh_from_db()
        page.get_by_label("验证码").fill(next_code(device))
        page.get_by_role("button", name="验证").click()


class SignedInClient(Client):
    """Django's test client whose ``force_login`` also passes the second factor where the user
    needs one, as a staff member who typed the code would. Tests of the sign-in steps
    themselves use Django's ``Client`` and go through the forms."""

    def force_login(self, user, backend=None):
        from django_otp import DEVICE_ID_SESSION_KEY

        from gongkai.accounts import two_factor

        super().force_login(user, backend)
        if two_factor.needs_second_factor(user):
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = enrol_for_tests(user).persistent_id
            session.save()


class ApiClient:
    """JSON client for /api/v1/ with an optional bearer token."""

    def __init__(self, user=None, *, client: Client | None = None):
        self.client = client or Client()
        self.headers = {}
        if user is not None:
            self.headers["HTTP_AUTHORIZATION"] = "Bearer " + issue_token(user, actor=SYSTEM)

    def _url(self, path: str) -> str:
        return path if path.startswith("/api/") else "/api/v1" + path

    def get(self, path: str, **params: Any):
        return self.client.get(self._url(path), params, **self.headers)

    def post(self, path: str, body: Any = None, *, raw: str | None = None):
        data = raw if raw is not None else json.dumps(body or {})
        return self.client.post(self._url(path), data, content_type="application/json", **self.headers)

    def put(self, path: str, body: Any = None):
        return self.client.put(
            self._url(path), json.dumps(body or {}), content_type="application/json", **self.headers
        )

    def patch(self, path: str, body: Any = None):
        return self.client.patch(
            self._url(path), json.dumps(body or {}), content_type="application/json", **self.headers
        )


def error_code(response) -> str:
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    return body["error"]["code"]


class _Ids(HTMLParser):
    """The ids of a page and the ids its labels and ARIA attributes point to."""

    REFERENCES = ("for", "aria-describedby", "aria-labelledby", "aria-controls")

    def __init__(self):
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.references: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1
            elif name in self.REFERENCES and value and (name != "for" or tag == "label"):
                self.references += [(tag, name, ref) for ref in value.split()]
            elif name == "href" and tag == "a" and value and value.startswith("#") and len(value) > 1:
                self.references.append((tag, name, value[1:]))


def id_problems(html: str) -> list[str]:
    """What is wrong with a rendered page's ids: each id used more than once (a label or an error
    summary's link then leads to the first of them), and each ``<label for>``, ARIA reference or
    in-page link (``href="#…"``) naming an id that is not on the page. Empty when all is well."""
    parser = _Ids()
    parser.feed(html)
    parser.close()
    problems = [f"id {id_!r} used {count} times" for id_, count in parser.ids.items() if count > 1]
    problems += [
        f"<{tag} {attribute}={ref!r}> names no element"
        for tag, attribute, ref in parser.references
        if ref not in parser.ids
    ]
    return problems
