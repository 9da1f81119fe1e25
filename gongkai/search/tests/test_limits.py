"""Time limits of a search (``search.limits``): a long statement is stopped on the database
server, none starts once the time is up, limits nest, and the connection stays usable."""

import time

import pytest
from django.db import connection

from gongkai.search.limits import OverTime, time_limit

pytestmark = pytest.mark.django_db

# A statement that runs for seconds on each backend (stopped long before it would finish).
LONG_SQL = {
    "sqlite": "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 10000000) "
    "SELECT COUNT(*) FROM c",
    "postgresql": "SELECT pg_sleep(5)",
}


def run(sql: str):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def statement_timeout() -> str | None:
    return run("SHOW statement_timeout")[0] if connection.vendor == "postgresql" else None


def test_a_statement_still_running_at_the_limit_is_stopped_and_the_connection_goes_on():
    before = statement_timeout()
    started = time.monotonic()
    with pytest.raises(OverTime), time_limit(0.2):
        run(LONG_SQL[connection.vendor])
    # Stopped by the database, not finished: the statement takes seconds.
    assert time.monotonic() - started < 3
    assert run("SELECT 1") == (1,)
    assert statement_timeout() == before


def test_no_statement_starts_once_the_time_is_up():
    reached = []  # statements that got past the limit's check, to the database

    def record(execute, sql, params, many, context):
        reached.append(sql)
        return execute(sql, params, many, context)

    with pytest.raises(OverTime), time_limit(0), connection.execute_wrapper(record):
        run("SELECT 1")
    assert reached == []
    with pytest.raises(OverTime), time_limit(0.05), connection.execute_wrapper(record):
        run("SELECT 2")
        time.sleep(0.1)
        run("SELECT 3")
    assert reached == ["SELECT 2"]
    assert run("SELECT 4") == (4,)


def test_an_inner_limit_stops_its_block_and_the_outer_one_goes_on():
    before = statement_timeout()
    with time_limit(30):
        with pytest.raises(OverTime), time_limit(0.2):
            run(LONG_SQL[connection.vendor])
        assert run("SELECT 1") == (1,)
        if connection.vendor == "postgresql":
            # The inner limit's setting was rolled back with its savepoint: the outer one's holds.
            assert statement_timeout() not in (before, "0")
            with time_limit(1):
                pass
            # Given back after an inner limit that ended well: the outer one's time left.
            milliseconds = run("SELECT current_setting('statement_timeout')::interval")[0].total_seconds()
            assert 20 < milliseconds <= 30
    assert statement_timeout() == before


def test_without_a_limit_nothing_is_stopped():
    with time_limit(None):
        assert run("SELECT 1") == (1,)
    with time_limit(30), time_limit(None):
        assert run("SELECT 2") == (2,)


def test_an_error_of_another_kind_is_not_taken_for_the_time_limit():
    from django.db import DatabaseError

    with pytest.raises(DatabaseError) as raised, time_limit(30):
        run("SELECT * FROM no_such_table")
    assert not isinstance(raised.value, OverTime)
    assert run("SELECT 1") == (1,)
