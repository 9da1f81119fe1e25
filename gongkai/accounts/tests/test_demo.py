"""The demo's administrators sign in with a published authenticator secret; others need none."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from gongkai.accounts import two_factor
from gongkai.accounts.demo import DEMO_KEY
from gongkai.testing import TODAY, frozen_instant


def test_load_demo_enrols_the_accounts_whose_role_requires_a_second_factor(db, time_machine):
    out = StringIO()
    time_machine.move_to(frozen_instant(TODAY), tick=False)
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=StringIO())  # idempotent
    time_machine.shift(30)  # the next code: the one used to enrol cannot be used again
    _sign_in_as_office_with_the_demo_code()
    users = get_user_model().objects
    for username in ("admin", "office", "czj_admin"):
        assert two_factor.totp_device(users.get(username=username)).key == DEMO_KEY
    assert two_factor.totp_device(users.get(username="fgw_handler")) is None
    assert "demo_otp_code" in out.getvalue() and two_factor.base32_of(DEMO_KEY) in out.getvalue()


def _sign_in_as_office_with_the_demo_code():
    client = Client()
    client.post("/workbench/login/", {"username": "office", "password": "Gongkai-Office-2026"})
    code = StringIO()
    call_command("demo_otp_code", "office", stdout=code)
    response = client.post("/workbench/account/verify/", {"code": code.getvalue().strip()})
    assert response.status_code == 302
    assert client.get("/workbench/").status_code == 200
