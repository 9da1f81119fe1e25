"""Concurrent publication gives unique, gap-free 索引号: PostgreSQL serialises on the counter's row
lock, SQLite on ``BEGIN IMMEDIATE`` (the test database is a file, see the root conftest)."""

import datetime as dt
import threading

import pytest
from django.db import connection

from gongkai.catalog import services
from gongkai.catalog.models import Item
from gongkai.core.system import SYSTEM
from gongkai.testing import make_agency


@pytest.mark.django_db(transaction=True)
def test_concurrent_publications_get_unique_gap_free_numbers():
    agency = make_agency("race", index_prefix="RACE")
    items = [
        services.create_item(
            actor=SYSTEM,
            agency=agency,
            title=f"通知{n}",
            genre="notice",
            formed_on=dt.date(2024, 9, 2),
            body="正文",
        )
        for n in range(12)
    ]
    start = threading.Barrier(len(items))
    errors = []

    def publish(item):
        try:
            start.wait()
            services.publish_item(item, actor=SYSTEM, on=dt.date(2024, 9, 27))
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Item.objects.filter(agency=agency).values_list("index_no", flat=True))
    assert numbers == [f"RACE/2024-{n:05d}" for n in range(1, len(items) + 1)]
