"""The format's arithmetic, on the worked check of domain/annual-report.md."""

from gongkai.reports.tables import (
    APPLICANT_TYPES,
    OUTCOME_KEYS,
    TABLE3_KEYS,
    applications_table,
    check_applications,
    check_reviews,
    review_table,
    with_open_totals,
)


def test_the_table_has_exactly_the_rows_of_the_format():
    assert TABLE3_KEYS[:2] == ["new", "carried_over"]
    assert TABLE3_KEYS[-2:] == ["concluded_total", "carried_forward"]
    assert len(OUTCOME_KEYS) == 21
    assert not any(key.endswith(".total") for key in TABLE3_KEYS)


def test_worked_check_of_the_spec():
    # 3 open at the end of 2025, 40 received in 2026, 38 concluded in 2026 (2 of them from 2025).
    counts = {
        ("carried_over", "natural_person"): 3,
        ("new", "natural_person"): 30,
        ("new", "commercial"): 10,
        ("disclosed", "natural_person"): 25,
        ("disclosed", "commercial"): 9,
        ("withheld.third_party", "natural_person"): 3,
        ("other.other", "commercial"): 1,
    }
    rows = applications_table(counts)
    assert rows["carried_over"]["total"] == 3
    assert rows["new"]["total"] == 40
    assert rows["concluded_total"]["total"] == 38
    assert rows["carried_forward"]["total"] == 5
    assert rows["carried_forward"]["natural_person"] == 5 and rows["carried_forward"]["commercial"] == 0
    open_counts = with_open_totals({"natural_person": 5})
    checks = check_applications(
        rows, open_at_year_end=open_counts, previous_carried_forward=with_open_totals({"natural_person": 3})
    )
    assert all(check.passed for check in checks), checks


def test_every_cell_is_present_and_zero_filled():
    rows = applications_table({})
    assert set(rows) == set(TABLE3_KEYS)
    assert all(set(row) == {*APPLICANT_TYPES, "total"} and not any(row.values()) for row in rows.values())


def test_failed_checks_name_the_offending_columns():
    rows = applications_table({("new", "research"): 2})
    checks = {
        check.code: check
        for check in check_applications(
            rows,
            open_at_year_end=with_open_totals({"research": 1}),
            previous_carried_forward=with_open_totals({"research": 4}),
        )
    }
    assert not checks["open_at_year_end"].passed and checks["open_at_year_end"].details["columns"] == [
        "research",
        "total",
    ]
    assert not checks["continuity"].passed
    assert checks["balance"].passed and checks["row_totals"].passed
    rows["disclosed"]["total"] = 99  # a tampered total is caught
    assert not {c.code: c for c in check_applications(rows)}["row_totals"].passed


def test_review_table_totals():
    table = review_table(
        {("review", "maintained"): 2, ("review", "pending"): 1, ("litigation_direct", "other"): 1}
    )
    assert table["review"] == {"maintained": 2, "corrected": 0, "other": 0, "pending": 1, "total": 3}
    assert table["litigation_after_review"]["total"] == 0
    assert all(check.passed for check in check_reviews(table))
