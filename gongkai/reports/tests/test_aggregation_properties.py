"""Property: the database's table 3 equals a plain count over the same records, for any record set."""

import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.reports import figures, tables
from gongkai.reports.tests.records import application

YEAR = 2025
days = st.dates(min_value=dt.date(2023, 6, 1), max_value=dt.date(2026, 6, 30))


@st.composite
def records(draw):
    received = draw(st.one_of(st.none(), days))
    concluded = None
    if draw(st.booleans()):
        start = received or dt.date(2023, 6, 1)
        concluded = start + dt.timedelta(days=draw(st.integers(min_value=0, max_value=400)))
    outcome = draw(st.sampled_from(tables.OUTCOME_KEYS)) if concluded else ""
    return draw(st.sampled_from(tables.APPLICANT_TYPES)), received, concluded, outcome


def expected(recs):
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    counts, open_counts = {}, {}
    for applicant, received, concluded, outcome in recs:
        if received is None or received > end:
            continue
        if concluded is not None and concluded < start:
            continue
        key = "new" if received >= start else "carried_over"
        counts[(key, applicant)] = counts.get((key, applicant), 0) + 1
        if concluded is not None and concluded <= end:
            counts[(outcome, applicant)] = counts.get((outcome, applicant), 0) + 1
        else:
            open_counts[applicant] = open_counts.get(applicant, 0) + 1
    return tables.applications_table(counts), tables.with_open_totals(open_counts)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(recs=st.lists(records(), max_size=25))
def test_table3_equals_a_plain_count_of_the_records(tree, recs):
    agency = tree["dept_a"]
    with transaction.atomic():
        for applicant, received, concluded, outcome in recs:
            application(agency, applicant, received, concluded, outcome)
        document = figures.live_tables(agency, YEAR)
        transaction.set_rollback(True)
    rows, open_counts = expected(recs)
    assert document["applications"]["rows"] == rows
    assert document["applications"]["open_at_year_end"] == open_counts
    assert all(check["passed"] for check in document["checks"] if check["code"] != "continuity")


@st.composite
def cases(draw):
    filed = draw(days)
    decided = None
    if draw(st.booleans()):
        decided = filed + dt.timedelta(days=draw(st.integers(min_value=0, max_value=300)))
    result = draw(st.sampled_from(["maintained", "corrected", "other"])) if decided else ""
    return draw(st.sampled_from([group for group, _ in tables.REVIEW_GROUPS])), filed, decided, result


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(recs=st.lists(cases(), max_size=20))
def test_table4_equals_a_plain_count_of_the_cases(tree, recs):
    from gongkai.reports.tests.records import review

    agency = tree["dept_a"]
    counts = {}
    for kind, filed, decided, result in recs:
        if filed.year == YEAR:
            column = result if decided and decided <= dt.date(YEAR, 12, 31) else "pending"
            counts[(kind, column)] = counts.get((kind, column), 0) + 1
    with transaction.atomic():
        case = application(agency, "natural_person", dt.date(2024, 1, 2))
        for kind, filed, decided, result in recs:
            review(agency, case, kind, filed, decided, result)
        table = figures.live_tables(agency, YEAR)["review_litigation"]
        transaction.set_rollback(True)
    assert table == tables.review_table(counts)
