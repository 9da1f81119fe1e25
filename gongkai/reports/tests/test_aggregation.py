"""Tables 2–4 computed in the database from hand-built record sets, expected cell by cell.

Records are written with their cached columns (received_on, concluded_on, outcome; published_on,
abolished_on; filed_on, decided_on, result), which is exactly what the report reads.
"""

import datetime as dt
import itertools

import pytest

from gongkai.reports import aggregates, figures, services, tables
from gongkai.reports.tests.records import application, item, review

D = dt.date
COLUMNS = [*tables.APPLICANT_TYPES, "total"]


def row(natural_person=0, commercial=0, research=0, social_welfare=0, legal_service=0, other_org=0):
    cells = [natural_person, commercial, research, social_welfare, legal_service, other_org]
    return dict(zip(COLUMNS, [*cells, sum(cells)], strict=True))


def expected_table3(**rows):
    return {key: rows.get(key.replace(".", "__"), row()) for key in tables.TABLE3_KEYS}


@pytest.fixture
def scenario_a(tree):
    """dept_a's applications around 2026 (and one of dept_b's), each commented with where it counts."""
    a, b = tree["dept_a"], tree["dept_b"]
    ids = {
        # carried over from 2025, answered in January 2026
        "a1": application(a, "natural_person", D(2025, 12, 20), D(2026, 1, 15), "disclosed"),
        # received and concluded in 2025: in no row of 2026
        "a2": application(a, "commercial", D(2025, 11, 3), D(2025, 11, 20), "disclosed"),
        # carried over from 2025 and still open at the end of 2026
        "a3": application(a, "research", D(2025, 12, 28)),
        "a4": application(a, "natural_person", D(2026, 3, 2), D(2026, 3, 20), "partially_disclosed"),
        # received in December, answered in January 2027: carried forward
        "a5": application(a, "social_welfare", D(2026, 12, 25), D(2027, 1, 10), "disclosed"),
        # withdrawn: counted under 三（六）3. 其他
        "a6": application(a, "natural_person", D(2026, 5, 5), D(2026, 5, 9), "other.other"),
        "a7": application(a, "legal_service", D(2026, 6, 1), D(2026, 7, 1), "other.correction_lapsed"),
        "a8": application(a, "other_org", D(2026, 8, 1), D(2026, 9, 10), "other.fee_lapsed"),
        # an online submission never confirmed as received, then withdrawn: never counted
        "a9": application(a, "natural_person", None, D(2026, 2, 2), "other.other"),
        "a10": application(a, "commercial", D(2026, 10, 10), D(2026, 10, 30), "withheld.third_party"),
        # another agency: only in the city's tree
        "a11": application(b, "natural_person", D(2026, 4, 4), D(2026, 4, 10), "disclosed"),
        # received in 2027: not in 2026
        "a12": application(a, "natural_person", D(2027, 1, 5)),
        "a13": application(a, "natural_person", D(2026, 2, 1), D(2026, 2, 3), "not_processed.repeated"),
    }
    return ids


def test_table3_of_one_agency_cell_by_cell(tree, scenario_a):
    document = figures.live_tables(tree["dept_a"], 2026)
    assert document["applications"]["rows"] == expected_table3(
        new=row(natural_person=3, commercial=1, social_welfare=1, legal_service=1, other_org=1),
        carried_over=row(natural_person=1, research=1),
        disclosed=row(natural_person=1),
        partially_disclosed=row(natural_person=1),
        withheld__third_party=row(commercial=1),
        not_processed__repeated=row(natural_person=1),
        other__correction_lapsed=row(legal_service=1),
        other__fee_lapsed=row(other_org=1),
        other__other=row(natural_person=1),
        concluded_total=row(natural_person=4, commercial=1, legal_service=1, other_org=1),
        carried_forward=row(research=1, social_welfare=1),
    )
    assert document["applications"]["open_at_year_end"] == row(research=1, social_welfare=1)
    assert all(check["passed"] for check in document["checks"]), document["checks"]


def test_table3_of_the_tree_adds_the_agencies_below(tree, scenario_a):
    rows = figures.live_tables(tree["city"], 2026, "tree")["applications"]["rows"]
    assert rows["new"] == row(natural_person=4, commercial=1, social_welfare=1, legal_service=1, other_org=1)
    assert rows["disclosed"] == row(natural_person=2)
    assert rows["concluded_total"]["total"] == 8
    assert rows["carried_forward"] == row(research=1, social_welfare=1)
    own = figures.live_tables(tree["city"], 2026, "agency")["applications"]["rows"]
    assert own["new"]["total"] == 0


def test_the_next_year_starts_with_what_this_year_carried_forward(tree, scenario_a):
    rows = figures.live_tables(tree["dept_a"], 2027)["applications"]["rows"]
    assert rows["carried_over"] == row(research=1, social_welfare=1)
    assert rows["new"] == row(natural_person=1)
    assert rows["disclosed"] == row(social_welfare=1)
    assert rows["carried_forward"] == row(natural_person=1, research=1)


def test_worked_check_of_the_domain_spec(tree):
    """3 open at the end of 2025, 40 received in 2026, 38 concluded in 2026 of which 2 from 2025."""
    agency = tree["dept_a"]
    types = itertools.cycle(tables.APPLICANT_TYPES)
    for day in (1, 2):
        application(agency, next(types), D(2025, 12, 10 + day), D(2026, 1, day + 4), "disclosed")
    application(agency, next(types), D(2025, 12, 30))  # still open at the end of 2026
    for index in range(40):
        received = D(2026, 1 + index % 12, 1 + index % 28)
        if index < 36:
            application(agency, next(types), received, received + dt.timedelta(days=3), "disclosed")
        else:
            application(agency, next(types), received)
    document = figures.live_tables(agency, 2026)
    rows = document["applications"]["rows"]
    assert rows["carried_over"]["total"] == 3
    assert rows["new"]["total"] == 40
    assert rows["concluded_total"]["total"] == 38
    assert rows["carried_forward"]["total"] == 5
    assert document["applications"]["open_at_year_end"]["total"] == 5
    assert all(check["passed"] for check in document["checks"])


def test_table4_counts_cases_filed_in_the_year_by_their_result_at_31_december(tree, scenario_a):
    a = tree["dept_a"]
    case = scenario_a["a1"]
    review(a, case, "review", D(2026, 3, 1), D(2026, 5, 1), "maintained")
    review(a, case, "review", D(2026, 11, 20), D(2027, 1, 15), "corrected")  # decided after 31 Dec
    review(a, case, "litigation_direct", D(2026, 6, 1))
    review(a, case, "litigation_after_review", D(2026, 2, 1), D(2026, 9, 1), "corrected")
    review(a, case, "review", D(2025, 12, 1), D(2026, 2, 1), "other")  # filed in 2025
    review(a, case, "litigation_direct", D(2026, 7, 7), D(2026, 8, 8), "other")
    table = figures.live_tables(a, 2026)["review_litigation"]
    assert table == {
        "review": {"maintained": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2},
        "litigation_direct": {"maintained": 0, "corrected": 0, "other": 1, "pending": 1, "total": 2},
        "litigation_after_review": {"maintained": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1},
    }


def test_table2_counts_rules_and_normative_documents_from_the_catalogue(tree):
    a = tree["dept_a"]
    item(a, "rule", published_on=D(2026, 3, 1))
    item(a, "rule", published_on=D(2020, 1, 1), abolished_on=D(2026, 6, 30))
    item(a, "rule", published_on=D(2019, 1, 1), abolished_on=D(2027, 2, 1))
    item(a, "normative_document", published_on=D(2026, 12, 31))
    item(a, "normative_document", published_on=D(2027, 1, 2))
    item(a, "normative_document", published_on=None, state="draft")
    item(a, "news", published_on=D(2026, 5, 1))
    item(tree["dept_b"], "rule", published_on=D(2026, 4, 1))
    proactive = figures.live_tables(a, 2026)["proactive"]
    assert proactive["rules"] == {"issued": 1, "abolished": 1, "in_force": 2}
    assert proactive["normative_documents"] == {"issued": 1, "abolished": 0, "in_force": 1}
    tree_rules = figures.live_tables(tree["city"], 2026, "tree")["proactive"]["rules"]
    assert tree_rules == {"issued": 2, "abolished": 1, "in_force": 3}


def test_a_failed_check_names_the_records_that_cause_it(tree, scenario_a, staff):
    broken = application(tree["dept_a"], "commercial", D(2026, 4, 1), D(2026, 4, 20), "")
    document = figures.live_tables(tree["dept_a"], 2026)
    failed = {check["code"]: check for check in document["checks"] if not check["passed"]}
    assert "open_at_year_end" in failed
    assert failed["open_at_year_end"]["details"]["applications"] == [broken]
    from gongkai.core.errors import RuleViolation

    with pytest.raises(RuleViolation) as caught:
        services.publish_report(tree["dept_a"], 2026, actor=staff["admin_a"], on=D(2027, 1, 20))
    assert caught.value.code == "report_checks_failed"
    assert broken in caught.value.details["checks"][0]["details"]["applications"]


def test_last_years_published_carried_forward_must_equal_this_years_carried_over(tree, staff):
    a = tree["dept_a"]
    application(a, "natural_person", D(2025, 12, 1))
    services.publish_report(a, 2025, actor=staff["admin_a"], on=D(2026, 1, 20))
    assert all(check["passed"] for check in figures.live_tables(a, 2026)["checks"])
    # an application registered afterwards with a 2025 receipt date changes 2025's figures
    late = application(a, "commercial", D(2025, 12, 15), event_on=D(2025, 12, 15))
    checks = {check["code"]: check for check in figures.live_tables(a, 2026)["checks"]}
    assert not checks["continuity"]["passed"]
    assert checks["continuity"]["details"]["columns"] == ["commercial", "total"]
    assert checks["continuity"]["details"]["applications"] == [late]
    # correcting last year's report restores the chain
    services.correct_report(a, 2025, actor=staff["admin_a"], on=D(2026, 2, 1), reason="补录12月申请1件")
    assert all(check["passed"] for check in figures.live_tables(a, 2026)["checks"])


@pytest.mark.today("2027-02-10")  # published 2027-01-20, corrected 2027-02-01: both in the past
def test_publishing_puts_the_report_in_the_annual_report_column(tree, staff, scenario_a):
    from django.apps import apps

    revision = services.publish_report(tree["dept_a"], 2026, actor=staff["admin_a"], on=D(2027, 1, 20))
    Item = apps.get_model("catalog", "Item")
    published = Item.objects.get(pk=revision.catalog_item_id)
    assert published.genre == "annual_report" and published.state == "published"
    assert published.published_on == D(2027, 1, 20)
    assert list(published.columns.values_list("code", flat=True)) == ["annual_report"]
    assert "收到和处理政府信息公开申请情况" in published.body
    correction = services.correct_report(
        tree["dept_a"], 2026, actor=staff["admin_a"], on=D(2027, 2, 1), reason="更正笔误"
    )
    assert Item.objects.get(pk=correction.catalog_item_id).title.endswith("（第2版，更正）")
    superseded = Item.objects.get(pk=revision.catalog_item_id)
    assert superseded.validity == "amended" and superseded.successor_id == correction.catalog_item_id


def test_the_workbench_shows_a_failed_check_with_its_records_and_refuses_to_publish(
    client, tree, staff, scenario_a
):
    broken = application(tree["dept_a"], "commercial", D(2025, 4, 1), D(2025, 4, 20), "")
    client.force_login(staff["admin_a"])
    page = client.get("/workbench/reports/2025/").content.decode()
    assert "未通过" in page and "商业企业、总计" in page and f"{broken}" in page
    assert "数据校验未通过，不能发布" in page
    client.post("/workbench/reports/2025/publish/")
    assert not tree["dept_a"].annual_reports.filter(revisions__isnull=False).exists()


def test_the_overview_counts_published_items_by_column(tree, staff):
    services.publish_report(tree["dept_a"], 2025, actor=staff["admin_a"], on=D(2026, 1, 20))
    services.publish_report(tree["dept_b"], 2025, actor=staff["root"], on=D(2026, 1, 21))
    assert aggregates.published_by_column([tree["dept_a"].pk, tree["dept_b"].pk], 2026) == [
        {"column": "政府信息公开年报", "count": 2}
    ]
    overview = figures.live_report(tree["city"], 2026, "tree")["narrative"]["overview"]
    assert "全年主动公开政府信息2条（其中“政府信息公开年报”2条）" in overview


@pytest.mark.today("2027-01-10")
def test_the_overview_counts_an_item_filed_in_two_columns_once(tree, staff):
    from gongkai.catalog import services as catalog_services

    item = catalog_services.create_item(
        actor=staff["admin_a"],
        agency=tree["dept_a"],
        title="关于做好2026年春季农业生产工作的通知",
        genre="notice",
        body="正文",
        formed_on=D(2026, 3, 1),
        disclosure="proactive",
        columns=["notice", "art20-11"],
    )
    catalog_services.publish_item(item, actor=staff["reviewer_a"], on=D(2026, 3, 2))
    overview = figures.live_report(tree["dept_a"], 2026)["narrative"]["overview"]
    assert "全年主动公开政府信息1条（其中" in overview
    assert "“通知公告”1条" in overview


def test_the_overview_counts_only_what_was_disclosed_proactively(tree, staff):
    """全年主动公开: an item kept internal (仅内部可见) is published with a 索引号 but the public catalogue
    never shows it, so it was not disclosed proactively and counts in neither the overview nor its
    columns."""
    from gongkai.catalog import services as catalog_services

    def published(title, **fields):
        item = catalog_services.create_item(
            actor=staff["admin_a"], agency=tree["dept_a"], title=title, genre="notice", body="正文",
            formed_on=D(2026, 3, 1), columns=["notice"], **fields,
        )  # fmt: skip
        catalog_services.publish_item(item, actor=staff["reviewer_a"], on=D(2026, 3, 2))
        return item

    published("关于做好2026年春季农业生产工作的通知", disclosure="proactive")
    published("关于2026年内部值班安排的通知", disclosure="proactive", internal=True)
    assert aggregates.published_count([tree["dept_a"].pk], 2026) == 1
    assert aggregates.published_by_column([tree["dept_a"].pk], 2026) == [{"column": "通知公告", "count": 1}]
    overview = figures.live_report(tree["dept_a"], 2026)["narrative"]["overview"]
    assert "全年主动公开政府信息1条（其中" in overview
