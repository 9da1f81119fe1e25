"""The indicators of 办事服务 and 建议提案办理, registered by the guides and proposals apps: pass and
fail with count, deduction, records (linked to the workbench pages) and the next change."""

import datetime as dt

import pytest

from gongkai.catalog.models import Column
from gongkai.guides import services as guide_services
from gongkai.guides.models import Guide, PowerList, StandardEntry
from gongkai.guides.tests.factories import make_guide, workbook_bytes
from gongkai.guides.tests.test_powers import HEADER, ROWS
from gongkai.guides.tests.test_sheets import STANDARD_MERGES, STANDARD_ROWS
from gongkai.guides.tests.test_standard import published
from gongkai.selfcheck import selectors
from gongkai.selfcheck.vocabulary import Status
from gongkai.testing import TODAY, confirm_synthetic_year

pytestmark = pytest.mark.django_db


class TestGuides:
    def test_missing_element_counts_kinds_once_per_agency(self, tree, staff, check):
        make_guide(tree["dept_a"], staff["reviewer_a"])
        assert check(tree["dept_a"], "guide_missing_element").status == Status.PASS
        no_phone = make_guide(tree["dept_a"], staff["reviewer_a"], name="食品经营许可（变更）", phone="")
        no_basis = make_guide(tree["dept_a"], staff["reviewer_a"], name="食品经营许可（注销）", phone="", basis="")
        finding = check(tree["dept_a"], "guide_missing_element")
        # 联系电话 missing twice counts once: two kinds, −2 each.
        assert finding.status == Status.FAIL and finding.count == 2 and finding.deduction == 4
        assert sorted(record.id for record in finding.records) == sorted([no_phone.pk, no_basis.pk])
        record = next(r for r in finding.records if r.id == no_basis.pk)
        assert record.url == f"/workbench/guides/{no_basis.pk}/" and "设定依据" in record.label
        assert check(tree["dept_b"], "guide_missing_element").status == Status.PASS

    def test_missing_element_is_a_veto(self, tree, staff, check):
        """domain/compliance.md lists 办事指南要素缺失 among the inspection's veto items (单项否决)."""
        make_guide(tree["dept_a"], staff["reviewer_a"], phone="")
        finding = check(tree["dept_a"], "guide_missing_element")
        assert finding.status == Status.FAIL and finding.veto and finding.vetoing
        report = selectors.evaluate_all([tree["dept_a"]], TODAY)[tree["dept_a"].pk]
        assert report.verdict == "fail" and "guide_missing_element" in report.vetoes

    def test_missing_element_deduction_is_capped_at_sixteen(self, tree, staff, check):
        empty = dict.fromkeys(("basis", "conditions", "location", "hours", "phone", "procedure"), "")
        guide = make_guide(tree["dept_a"], staff["reviewer_a"], materials=[], **empty)
        finding = check(tree["dept_a"], "guide_missing_element")
        assert finding.count == 7 and finding.deduction == 14
        Guide.objects.filter(pk=guide.pk).update(name="")  # as a record stored before the rule may be
        finding = check(tree["dept_a"], "guide_missing_element")
        assert finding.count == 8 and finding.deduction == 16

    def test_promise_exceeds_statute(self, tree, staff, check):
        make_guide(tree["dept_a"], staff["reviewer_a"], statutory_days=20, promised_days=20)
        assert check(tree["dept_a"], "guide_promise_exceeds_statute").status == Status.PASS
        longer = make_guide(tree["dept_a"], staff["reviewer_a"], name="餐饮许可", statutory_days=20, promised_days=30)
        finding = check(tree["dept_a"], "guide_promise_exceeds_statute")
        assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 1
        assert [record.id for record in finding.records] == [longer.pk]
        assert "承诺30日，法定20日" in finding.records[0].label


def import_powers(tree, staff, rows):
    data = workbook_bytes([["测试市甲局权责清单"], HEADER, *rows])
    guide_services.import_powers(actor=staff["reviewer_a"], agency=tree["dept_a"], name="权责清单.xlsx", data=data)


def test_powers_incomplete_reads_the_current_revision(tree, staff, check):
    import_powers(tree, staff, ROWS)  # JC-001 lacks 设定依据 and 责任事项
    finding = check(tree["dept_a"], "powers_incomplete")
    assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 1
    (record,) = finding.records
    assert record.type == "power_entry" and record.url == "/workbench/guides/powers/"
    assert "食品安全监督检查" in record.label and "设定依据" in record.label and "责任事项" in record.label
    import_powers(tree, staff, ROWS[:2])  # the new revision is complete
    assert check(tree["dept_a"], "powers_incomplete").status == Status.PASS


def test_a_report_on_a_past_day_reads_the_guides_and_powers_of_that_day(tree, staff, check):
    """A guide created after the day did not exist on it; a power list revised after it was not
    yet in force (the revision before it was)."""
    make_guide(tree["dept_a"], staff["reviewer_a"], statutory_days=20, promised_days=30, phone="")
    import_powers(tree, staff, ROWS)
    PowerList.objects.filter(agency=tree["dept_a"]).update(revised_on=dt.date(2026, 11, 2))
    import_powers(tree, staff, ROWS[:2])
    PowerList.objects.filter(agency=tree["dept_a"], revision=2).update(revised_on=dt.date(2026, 11, 20))
    for code in ("guide_missing_element", "guide_promise_exceeds_statute"):
        assert check(tree["dept_a"], code).status == Status.FAIL
        assert check(tree["dept_a"], code, TODAY - dt.timedelta(days=1)).status == Status.PASS
    assert check(tree["dept_a"], "powers_incomplete").status == Status.PASS
    assert check(tree["dept_a"], "powers_incomplete", dt.date(2026, 11, 19)).count == 1


class TestStandardCatalogue:
    def test_uncovered_entries(self, tree, staff, check):
        assert check(tree["dept_a"], "standard_entry_uncovered").status == Status.PASS
        guide_services.import_standard(
            actor=staff["reviewer_a"], agency=tree["dept_a"], name="目录.xlsx",
            data=workbook_bytes(STANDARD_ROWS, STANDARD_MERGES),
        )  # fmt: skip
        finding = check(tree["dept_a"], "standard_entry_uncovered")
        # 县级 entries only for a department: 办事指南 and 政策文件 (审核确认结果 is 乡级).
        assert finding.status == Status.FAIL and finding.count == 2 and finding.deduction == 2
        assert {record.url for record in finding.records} == {"/workbench/guides/standard/"}
        assert any("政策文件" in record.label for record in finding.records)
        assert check(tree["dept_a"], "standard_entry_stale").status == Status.PASS

    def test_stale_entry_until_published_again(self, tree, staff, check):
        rows = [["一级事项", "二级事项", "公开时限", "公开渠道和载体", "公开方式"],
                ["财政信息", "预算执行情况", "每季度", "■政府网站", "主动"]]  # fmt: skip
        guide_services.import_standard(
            actor=staff["reviewer_a"], agency=tree["dept_a"], name="目录.xlsx", data=workbook_bytes(rows)
        )
        entry = StandardEntry.objects.get()
        column = Column.objects.get(agency=tree["dept_a"], code="budget")
        guide_services.link_column(entry, actor=staff["handler_a"], column=column)
        published(tree, staff, "budget", dt.date(2026, 7, 20), dt.date(2026, 7, 25), title="上半年预算执行情况")
        finding = check(tree["dept_a"], "standard_entry_stale")
        assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 1
        assert [record.id for record in finding.records] == [entry.pk]
        assert check(tree["dept_a"], "standard_entry_uncovered").status == Status.PASS
        published(tree, staff, "budget", dt.date(2026, 10, 20), dt.date(2026, 10, 22), title="三季度预算执行情况")
        assert check(tree["dept_a"], "standard_entry_stale").status == Status.PASS

    def catalogue(self, tree, staff, rows, imported_on):
        header = ["一级事项", "二级事项", "公开时限", "公开渠道和载体", "公开方式"]
        guide_services.import_standard(
            actor=staff["reviewer_a"], agency=tree["dept_a"], name="目录.xlsx", data=workbook_bytes([header, *rows])
        )
        StandardEntry.objects.filter(agency=tree["dept_a"], imported_on=TODAY).update(imported_on=imported_on)
        return {entry.second_level: entry for entry in StandardEntry.objects.filter(agency=tree["dept_a"])}

    def link(self, staff, entry, code, on):
        column = Column.objects.get(agency=entry.agency, code=code)
        guide_services.link_column(entry, actor=staff["handler_a"], column=column)
        entry.links.filter(column=column).update(confirmed_on=on)

    def test_uncovered_on_a_past_day_knows_only_that_day_s_entries_links_items_and_confirmations(
        self, tree, staff, check
    ):
        """On 5 Nov: an entry imported, a column linked, an item published or an offline channel
        confirmed on 20 Nov had not happened yet."""
        past, later = dt.date(2026, 11, 5), dt.date(2026, 11, 20)
        rows = [["财政信息", "预算执行情况", "每季度", "■政府网站", "主动"],
                ["人事信息", "人事任免", "每季度", "■政府网站", "主动"],
                ["村务公开", "低保公示", "每季度", "■公示栏", "主动"]]  # fmt: skip
        entries = self.catalogue(tree, staff, rows, dt.date(2026, 9, 1))
        self.link(staff, entries["预算执行情况"], "budget", later)  # linked later, to an item of before
        published(tree, staff, "budget", dt.date(2026, 10, 1), dt.date(2026, 10, 8), title="三季度预算执行情况")
        self.link(staff, entries["人事任免"], "personnel", dt.date(2026, 9, 1))  # its item came later
        published(tree, staff, "personnel", later, later, title="人事任免通知")
        guide_services.confirm_channel(entries["低保公示"], actor=staff["handler_a"], channel="公示栏", on=later)
        rows.append(["政务公开", "政策文件", "实时", "■政府网站", "主动"])  # imported later, uncovered
        entries = self.catalogue(tree, staff, rows, later)
        assert entries["预算执行情况"].imported_on == dt.date(2026, 9, 1)  # a re-import keeps the first day

        now = check(tree["dept_a"], "standard_entry_uncovered")
        assert [record.id for record in now.records] == [entries["政策文件"].pk]
        then = check(tree["dept_a"], "standard_entry_uncovered", past)
        assert then.count == 3
        assert {record.id for record in then.records} == {
            entries[name].pk for name in ("预算执行情况", "人事任免", "低保公示")
        }
        assert check(tree["dept_a"], "standard_entry_uncovered", dt.date(2026, 8, 31)).status == Status.PASS

    def test_stale_on_a_past_day_and_the_day_an_entry_turns_stale(self, tree, staff, check):
        """A quarterly entry published on 25 Jul may wait until 25 Oct (民法典 Art. 202): stale on
        5 Nov although published again on 10 Nov; one confirmed on 10 Aug turns stale on 11 Nov."""
        past = dt.date(2026, 11, 5)
        rows = [["财政信息", "预算执行情况", "每季度", "■政府网站", "主动"],
                ["村务公开", "低保公示", "每季度", "■公示栏", "主动"]]  # fmt: skip
        entries = self.catalogue(tree, staff, rows, dt.date(2026, 7, 1))
        self.link(staff, entries["预算执行情况"], "budget", dt.date(2026, 7, 1))
        published(tree, staff, "budget", dt.date(2026, 7, 20), dt.date(2026, 7, 25), title="上半年预算执行情况")
        published(tree, staff, "budget", dt.date(2026, 11, 9), dt.date(2026, 11, 10), title="三季度预算执行情况")
        for on in (dt.date(2026, 8, 10), dt.date(2026, 11, 20)):
            guide_services.confirm_channel(entries["低保公示"], actor=staff["handler_a"], channel="公示栏", on=on)

        now = check(tree["dept_a"], "standard_entry_stale")
        assert now.status == Status.PASS
        # 10 Nov + a quarter = 10 Feb 2027; 20 Nov's confirmation lasts until 20 Feb.
        assert now.next_change_on == dt.date(2027, 2, 11) and "预算执行情况" in now.next_change
        then = check(tree["dept_a"], "standard_entry_stale", past)
        assert [record.id for record in then.records] == [entries["预算执行情况"].pk]
        assert "2026-07-25" in then.records[0].label
        assert then.next_change_on == dt.date(2026, 11, 11) and "低保公示" in then.next_change
        assert check(tree["dept_a"], "standard_entry_stale", dt.date(2026, 10, 25)).next_change_on == dt.date(
            2026, 10, 26
        )


BODY = {"agency": "dept-a", "kind": "deputy_suggestion", "session": "十七届人大三次会议", "number": 58,
        "title": "关于加快城区公共充电桩建设的建议", "proposers": "王某某等5名代表"}  # fmt: skip
ANSWER = "经研究，今年新建公共充电桩420个，下一步将推进老旧小区充电设施改造。"


def proposal(api, assigned_on, **changes):
    response = api("reviewer_a").post("/proposals", {**BODY, "assigned_on": assigned_on, **changes})
    assert response.status_code == 201, response.content
    return response.json()


class TestProposals:
    def test_pending_answer_passes_until_its_due_day(self, tree, api, check):
        waiting = proposal(api, "2026-09-01")  # due 2026-12-01
        finding = check(tree["dept_a"], "proposal_overdue")
        assert finding.status == Status.PASS and finding.count == 0
        assert finding.next_change_on == dt.date(2026, 12, 2)
        assert check(tree["dept_a"], "proposal_overdue", dt.date(2026, 12, 2)).count == 1
        assert check(tree["dept_a"], "proposal_report_missing").status == Status.PASS  # 2025 had none
        assert waiting["id"]

    @pytest.mark.today("2027-01-10")
    def test_overdue_unpublished_and_missing_report(self, tree, api, check):
        confirm_synthetic_year(2027)
        late = proposal(api, "2026-08-03")  # due 2026-11-03, unanswered
        answered = proposal(api, "2026-10-09", number=61)
        response = api("reviewer_a").post(
            f"/proposals/{answered['id']}/actions/answer",
            {"date": "2026-11-02", "result_class": "A", "doc_number": "甲发〔2026〕61号", "text": ANSWER},
        )
        assert response.status_code == 200, response.content
        today = dt.date(2027, 1, 10)
        overdue = check(tree["dept_a"], "proposal_overdue", today)
        assert overdue.status == Status.FAIL and overdue.count == 1 and overdue.deduction == 2
        assert [(r.id, r.url) for r in overdue.records] == [(late["id"], f"/workbench/proposals/{late['id']}/")]
        unpublished = check(tree["dept_a"], "proposal_unpublished", today)  # due 2026-11-30
        assert unpublished.count == 1 and [r.id for r in unpublished.records] == [answered["id"]]
        missing = check(tree["dept_a"], "proposal_report_missing", today)
        assert missing.status == Status.FAIL and missing.count == 1 and missing.deduction == 5
        assert missing.records[0].url == "/workbench/proposals/report/"
        assert check(tree["dept_b"], "proposal_overdue", today).status == Status.PASS

    @pytest.mark.today("2026-06-01")
    def test_a_late_answer_counts_for_a_year(self, tree, api, check):
        """Per-record indicators look back one year (docs/decisions.md, self-check statuses): a late
        answer or a late publication stops counting a year after the act, as for applications."""
        answered = proposal(api, "2025-01-06")  # due 2025-04-07 (5 April is 清明节 weekend)
        for action, body in (
            ("answer", {"date": "2025-05-06", "result_class": "A", "doc_number": "甲发〔2025〕9号", "text": ANSWER}),
            ("publish", {"date": "2025-07-01", "mode": "full"}),  # due 2025-06-04
        ):
            response = api("reviewer_a").post(f"/proposals/{answered['id']}/actions/{action}", {**body})
            assert response.status_code == 200, response.content
        assert check(tree["dept_a"], "proposal_overdue", dt.date(2026, 5, 5)).count == 1
        assert check(tree["dept_a"], "proposal_unpublished", dt.date(2026, 6, 30)).count == 1
        assert check(tree["dept_a"], "proposal_overdue", dt.date(2026, 5, 6)).status == Status.PASS
        assert check(tree["dept_a"], "proposal_unpublished", dt.date(2026, 7, 1)).status == Status.PASS

    @pytest.mark.today("2026-08-03")
    def test_a_second_answer_owed_after_dissatisfied_counts_once_past_its_due_day(self, tree, api, check):
        """services.md 4: 不满意 → a second answer is due 1 month later; owed past that day, or given
        after it, it is as overdue as a late first answer (the first was on time here)."""
        rated = proposal(api, "2026-03-02")  # due 2026-06-02
        for action, body in (
            ("answer", {"date": "2026-05-06", "result_class": "B", "doc_number": "甲发〔2026〕9号", "text": ANSWER}),
            ("rate", {"date": "2026-05-29", "satisfaction": "dissatisfied"}),  # second answer due 2026-06-29
        ):
            response = api("reviewer_a").post(f"/proposals/{rated['id']}/actions/{action}", {**body})
            assert response.status_code == 200, response.content
        waiting = check(tree["dept_a"], "proposal_overdue", dt.date(2026, 6, 29))
        assert waiting.status == Status.PASS and waiting.next_change_on == dt.date(2026, 6, 30)
        overdue = check(tree["dept_a"], "proposal_overdue", dt.date(2026, 6, 30))
        assert overdue.status == Status.FAIL and [r.id for r in overdue.records] == [rated["id"]]
        response = api("reviewer_a").post(
            f"/proposals/{rated['id']}/actions/second_answer",
            {"date": "2026-07-03", "doc_number": "甲发〔2026〕31号", "text": "再次答复"},
        )
        assert response.status_code == 200, response.content
        assert check(tree["dept_a"], "proposal_overdue", dt.date(2026, 8, 3)).count == 1  # given late
        assert check(tree["dept_a"], "proposal_overdue", dt.date(2027, 7, 3)).status == Status.PASS

    @pytest.mark.today("2026-08-03")
    def test_a_report_on_a_past_day_knows_no_act_after_it(self, tree, api, check):
        """Answered 6 May, published late on 1 Jul, rated 不满意 on 29 May and answered again late on
        3 Jul: on 5 May the answer was still pending (due 2 Jun) and nothing was owed for the
        publication; on 20 May no second answer was owed yet."""
        rated = proposal(api, "2026-03-02")  # due 2026-06-02
        for action, body in (
            ("answer", {"date": "2026-05-06", "result_class": "B", "doc_number": "甲发〔2026〕9号", "text": ANSWER}),
            ("rate", {"date": "2026-05-29", "satisfaction": "dissatisfied"}),  # second answer due 2026-06-29
            ("publish", {"date": "2026-07-01", "mode": "full"}),  # due 2026-06-03
            ("second_answer", {"date": "2026-07-03", "doc_number": "甲发〔2026〕31号", "text": "再次答复"}),
        ):
            response = api("reviewer_a").post(f"/proposals/{rated['id']}/actions/{action}", {**body})
            assert response.status_code == 200, response.content
        assert check(tree["dept_a"], "proposal_overdue", dt.date(2026, 8, 3)).count == 1
        assert check(tree["dept_a"], "proposal_unpublished", dt.date(2026, 8, 3)).count == 1
        before_answer = check(tree["dept_a"], "proposal_overdue", dt.date(2026, 5, 5))
        assert before_answer.status == Status.PASS and before_answer.next_change_on == dt.date(2026, 6, 3)
        assert check(tree["dept_a"], "proposal_unpublished", dt.date(2026, 5, 5)).status == Status.PASS
        assert check(tree["dept_a"], "proposal_overdue", dt.date(2026, 5, 20)).status == Status.PASS

    @pytest.mark.today("2026-03-02")
    def test_a_report_on_a_past_day_ignores_a_year_report_published_after_it(self, tree, api, check):
        proposal(api, "2025-03-03")
        response = api("reviewer_a").post("/proposals/reports", {"agency": "dept-a", "year": 2025, "date": "2026-02-10"})
        assert response.status_code in (200, 201), response.content
        assert check(tree["dept_a"], "proposal_report_missing", dt.date(2026, 2, 10)).status == Status.PASS
        assert check(tree["dept_a"], "proposal_report_missing", dt.date(2026, 2, 9)).status == Status.FAIL


def test_key_task_no_progress(tree, api, check):
    task = api("reviewer_a").post(
        "/tasks",
        {"agency": "dept-a", "co_agencies": ["dept-b"], "source": "2026年政府工作报告",
         "title": "新建公共充电桩400个以上", "assigned_on": "2026-03-01", "deadline": "2026-06-30"},
    ).json()  # fmt: skip
    finding = check(tree["dept_a"], "key_task_no_progress")
    assert finding.status == Status.FAIL and finding.count == 1 and finding.deduction == 2
    assert [(r.id, r.url) for r in finding.records] == [(task["id"], "/workbench/proposals/tasks/")]
    response = api("handler_b").post(f"/tasks/{task['id']}/progress", {"date": "2026-10-15", "status": "at_risk", "text": "已建成300个"})
    assert response.status_code == 201
    assert check(tree["dept_a"], "key_task_no_progress").status == Status.PASS
