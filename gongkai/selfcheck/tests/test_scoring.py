"""Scoring (pure), the scheme as versioned data, the subtree and the ranking."""

import datetime as dt

import pytest

from gongkai.core.errors import Forbidden, InvalidInput, NotFound
from gongkai.selfcheck import scoring, selectors, services
from gongkai.selfcheck.models import SchemeVersion
from gongkai.selfcheck.tests.factories import application, item
from gongkai.testing import TODAY


class TestPureScoring:
    SCHEME = {
        "a": {"deduction": 2, "cap": 5, "veto": False},
        "v": {"deduction": 0, "cap": None, "veto": True},
    }

    def test_deduction_per_record_with_cap(self):
        assert scoring.score([("a", "fail", 2)], self.SCHEME).deductions == {"a": 4}
        assert scoring.score([("a", "fail", 9)], self.SCHEME).score == 95

    def test_warn_and_pass_cost_nothing(self):
        result = scoring.score([("a", "warn", 3), ("v", "pass", 0)], self.SCHEME)
        assert (result.score, result.verdict, result.vetoes) == (100, "pass", ())

    def test_veto_fails_whatever_the_score(self):
        result = scoring.score([("v", "fail", 1)], self.SCHEME)
        assert (result.score, result.verdict, result.vetoes) == (100, "fail", ("v",))

    def test_threshold_veto(self):
        assert scoring.score([("v", "fail", 3, False)], self.SCHEME).verdict == "pass"

    def test_below_sixty_fails(self):
        scheme = {"a": {"deduction": 41, "cap": None, "veto": False}}
        assert scoring.score([("a", "fail", 1)], scheme).verdict == "fail"
        assert scoring.score([("a", "fail", 3)], scheme).score == 0  # never below zero


@pytest.mark.django_db
class TestScheme:
    def test_defaults_come_from_the_spec(self):
        number, rules = selectors.current_scheme()
        assert number is None
        assert rules["item_published_late"] == {"deduction": 2, "cap": None, "veto": False}
        assert rules["application_late"]["deduction"] == 6
        assert rules["interpretation_lag"]["deduction"] == 4
        assert rules["home_stale"]["veto"] and rules["messages_unanswered_3_months"]["veto"]

    def test_an_edit_by_the_office_changes_the_score(self, tree, staff):
        application(tree["dept_a"], state="concluded", concluded_on=dt.date(2026, 10, 1), late=True)
        before = selectors.selfcheck(staff["office"], tree["dept_a"], TODAY)
        assert before.finding("application_late").deduction == 6
        services.save_scheme(
            actor=staff["office"],
            rules={"application_late": {"deduction": 10, "cap": 8}},
            note="加重逾期答复扣分",
        )
        after = selectors.selfcheck(staff["office"], tree["dept_a"], TODAY)
        assert after.finding("application_late").deduction == 8
        assert after.score == before.score - 2
        version = SchemeVersion.objects.get()
        assert version.number == 1 and version.created_by == staff["office"]
        assert version.rules["item_published_late"]["deduction"] == 2  # the rest kept

    def test_a_veto_flag_set_by_the_office(self, tree, staff):
        application(tree["dept_a"], due_on=dt.date(2026, 11, 27))
        assert "application_overdue" not in selectors.selfcheck(staff["office"], tree["dept_a"], TODAY).vetoes
        services.save_scheme(
            actor=staff["office"], rules={"application_overdue": {"deduction": 6, "veto": True}}
        )
        report = selectors.selfcheck(staff["office"], tree["dept_a"], TODAY)
        assert "application_overdue" in report.vetoes and report.verdict == "fail"

    def test_versions_are_numbered_and_only_the_office_edits(self, staff):
        services.save_scheme(actor=staff["office"], rules={"application_late": {"deduction": 5}})
        services.save_scheme(actor=staff["root"], rules={"application_late": {"deduction": 4}})
        assert list(SchemeVersion.objects.values_list("number", flat=True)) == [2, 1]
        assert selectors.current_scheme()[1]["application_late"]["deduction"] == 4
        with pytest.raises(Forbidden):
            services.save_scheme(actor=staff["admin_a"], rules={"application_late": {"deduction": 1}})

    def test_invalid_rules_are_refused(self, staff):
        with pytest.raises(InvalidInput):
            services.save_scheme(actor=staff["office"], rules={"no_such_indicator": {"deduction": 1}})
        with pytest.raises(InvalidInput):
            services.save_scheme(actor=staff["office"], rules={"application_late": {"deduction": -1}})
        with pytest.raises(InvalidInput):
            services.save_scheme(actor=staff["office"], rules={"application_late": {"deduction": "多"}})


@pytest.mark.django_db
class TestTreeAndRanking:
    def test_the_office_sees_every_agency_ranked(self, tree, staff):
        for agency in tree.values():
            item(agency, published_on=dt.date(2026, 11, 27))
        application(tree["dept_a"], state="concluded", concluded_on=dt.date(2026, 10, 1), late=True)
        ranked = selectors.ranking(staff["office"], tree["city"], TODAY)
        assert len(ranked) == 4
        # Every agency has blank columns (a veto), so all fail; the one with the late answer is last.
        assert ranked[-1].agency == tree["dept_a"]
        scores = [report.score for report in ranked]
        assert scores == sorted(scores, reverse=True)
        tree_report = selectors.selfcheck(staff["office"], tree["city"], TODAY, "tree")
        assert tree_report.score == scoring.average(report.score for report in ranked)
        assert tree_report.finding("application_late").count == 1
        assert len(tree_report.agencies) == 4

    def test_a_department_sees_itself_only(self, tree, staff):
        assert [r.agency for r in selectors.ranking(staff["handler_a"], tree["dept_a"], TODAY)] == [
            tree["dept_a"]
        ]
        with pytest.raises(NotFound):
            selectors.selfcheck(staff["handler_b"], tree["dept_a"], TODAY)


class TestSharedWithinOneEvaluation:
    def test_a_shared_value_is_computed_once_per_run_and_again_in_the_next(self):
        from gongkai.selfcheck import registry

        calls = []

        def compute():
            calls.append(1)
            return len(calls)

        with registry.run():
            assert registry.shared("k", compute) == 1
            assert registry.shared("k", compute) == 1
            assert registry.shared("other", compute) == 2
        with registry.run():
            assert registry.shared("k", compute) == 3
        assert registry.shared("k", compute) == 4  # outside of a run: every time
        assert registry.shared("k", compute) == 5
