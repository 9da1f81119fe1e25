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


@pytest.mark.django_db(transaction=True)
def test_reviewers_publishing_one_item_at_once_burn_no_number():
    """Two reviewers press 发布 on the same item: the row lock lets one publish, the others find it
    published (``item_published``), and the agency's counter moves by one only."""
    agency = make_agency("race2", index_prefix="DUO")

    def draft(title):
        return services.create_item(
            actor=SYSTEM,
            agency=agency,
            title=title,
            genre="notice",
            formed_on=dt.date(2024, 9, 2),
            body="正文",
        )

    item = draft("同时发布的通知")
    copies = [Item.objects.get(pk=item.pk) for _ in range(4)]  # each reviewer's own view: a draft
    start = threading.Barrier(len(copies))
    outcomes = []

    def publish(copy):
        try:
            start.wait()
            services.publish_item(copy, actor=SYSTEM, on=dt.date(2024, 9, 27))
            outcomes.append("published")
        except Exception as error:  # collected and asserted below
            outcomes.append(getattr(error, "code", repr(error)))
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=(copy,)) for copy in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["item_published"] * 3 + ["published"]
    assert Item.objects.get(pk=item.pk).index_no == "DUO/2024-00001"
    following = services.publish_item(draft("下一条通知"), actor=SYSTEM, on=dt.date(2024, 9, 28))
    assert following.index_no == "DUO/2024-00002"
