"""Small factories and clients shared by the test suites of every app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client

from gongkai.agencies import services as agency_services
from gongkai.agencies.models import Agency, AgencyKind
from gongkai.api.services import issue_token
from gongkai.core.system import SYSTEM

# The five real published documents of the spec (../shared/samples), shipped with the catalogue
# for the demo; tests read them from there so a clean clone has them.
SAMPLES = Path(__file__).resolve().parent.parent / "catalog" / "data" / "samples"

PASSWORD = "Test-Password-2026"  # noqa: S105 (test accounts only)
# The authenticator secret of test accounts that sign in with a second factor (hex, as django-otp
# stores it); ``two_factor.code_now(TOTP_TEST_KEY)`` is what their phone would show.
TOTP_TEST_KEY = b"gongkai-test-totp-00".hex()


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
