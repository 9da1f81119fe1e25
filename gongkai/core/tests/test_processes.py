"""Worker processes come from a fork server with Django set up, point at the parent's databases
and run below the writer's priority."""

import os

import pytest
from django.db import connection, connections

from gongkai.core.processes import WORKER_NICENESS, worker_pool


def _what_the_worker_sees() -> dict:
    from django.apps import apps
    from django.db import connections

    return {
        "apps_ready": apps.ready,
        "database": connections["default"].settings_dict["NAME"],
        "niceness": os.nice(0),
        "parent": os.getppid(),
    }


def _count_agencies() -> int:
    from gongkai.agencies.models import Agency

    return Agency.objects.count()


@pytest.mark.django_db(transaction=True)
def test_workers_reach_the_parents_database_below_its_priority():
    from gongkai.agencies.models import Agency, AgencyKind

    Agency.objects.create(code="proc-a", name="测试进程局", kind=AgencyKind.GOVERNMENT)
    with worker_pool(2) as pool:
        seen = [pool.submit(_what_the_worker_sees).result() for _ in range(2)]
        counted = pool.submit(_count_agencies).result()
    for worker in seen:
        assert worker["apps_ready"]
        # The test database (its name differs from the settings' on both backends), not the
        # fork server's: a worker that wrote would write where the parent does.
        assert worker["database"] == connection.settings_dict["NAME"]
        assert worker["niceness"] == min(19, os.nice(0) + WORKER_NICENESS)  # 19: the lowest priority
        assert worker["parent"] != os.getpid()  # forked by the server, not from this process
    assert counted == _count_agencies()
    connections.close_all()
