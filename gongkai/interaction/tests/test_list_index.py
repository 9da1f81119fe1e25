"""The public list of published messages is read in its order from ``message_published_order``.

The list sorts by the date of the published reply (``selectors.published_reply_on``) and the id;
without an index of that very expression, every page sorted all published messages (20 ms at
3,500 on PostgreSQL, growing with the mailbox). The plan check fails if the selector's order and
the index's expression drift apart. Sequential scans and sorts are discouraged on PostgreSQL so
that an empty test table gives the plan a full one would.
"""

import pytest
from django.db import connection, transaction

from gongkai.interaction import selectors

pytestmark = pytest.mark.django_db


def plan_of(queryset) -> str:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off")
        return queryset.explain()


def test_the_first_page_of_published_messages_is_read_from_the_order_index():
    plan = plan_of(selectors.published()[:20])
    assert "message_published_order" in plan, plan
    if connection.vendor == "sqlite":
        assert "TEMP B-TREE" not in plan, plan  # no sort step
