"""Schemathesis against our own OpenAPI document: no input, however odd, gets a 5xx.

``GONGKAI_FUZZ_EXAMPLES=300`` runs a deeper pass than the default 30 examples per operation.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from gongkai.api.services import issue_token
from gongkai.core.system import SYSTEM
from gongkai.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def superuser_token(staff):
    # Requests go straight to the WSGI app in this thread; keep Django from closing the test's
    # connection at the end of each request (the test client does the same).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield issue_token(staff["root"], actor=SYSTEM)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_never_answers_with_a_server_error(case, superuser_token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {superuser_token}"}, checks=[not_a_server_error]
    )
