"""Decisions and the feedback table (domain/solicitation.md; 国办发〔2018〕37号)."""

import pytest

from gongkai.core.errors import InvalidInput, RuleViolation
from gongkai.solicitation.decisions import (
    build_rows,
    require_all_decided,
    require_no_particulars,
    require_reason,
    tally,
)
from gongkai.solicitation.vocabulary import Decision


@pytest.mark.parametrize("decision", ["partially_adopted", "not_adopted"])
def test_partial_and_no_adoption_need_a_reason(decision):
    with pytest.raises(InvalidInput) as caught:
        require_reason(decision, "  ")
    assert caught.value.code == "reason_required"
    assert require_reason(decision, " 与上位法不一致 ") == "与上位法不一致"


@pytest.mark.parametrize("decision", ["adopted", "not_applicable"])
def test_adoption_and_out_of_scope_need_no_reason(decision):
    assert require_reason(decision, "") == ""


def test_an_unknown_decision_is_refused():
    with pytest.raises(InvalidInput) as caught:
        require_reason("maybe", "")
    assert caught.value.code == "invalid_decision"


def test_the_report_waits_for_every_decision():
    with pytest.raises(RuleViolation) as caught:
        require_all_decided({1: "adopted", 2: "", 3: None})
    assert caught.value.code == "comments_undecided"
    assert caught.value.details == {"comments": [2, 3]}
    require_all_decided({1: "adopted"})


def test_totals_are_counted_from_the_decisions():
    totals = tally(["adopted", "adopted", "not_adopted", "not_applicable"])
    assert totals.as_dict() == {
        "received": 4,
        "adopted": 2,
        "partially_adopted": 0,
        "not_adopted": 1,
        "not_applicable": 1,
    }


DECISIONS = {1: "adopted", 2: "adopted", 3: "not_adopted", 4: "not_applicable"}


def row(comments, decision, summary="意见摘要", reason=""):
    return {"comments": comments, "summary": summary, "decision": decision, "reason": reason}


def test_a_table_covering_every_comment_in_scope_is_accepted():
    rows = build_rows(
        [row([1, 2], "adopted"), row([3], "not_adopted", reason="超出本办法调整范围")], DECISIONS
    )
    assert [(r.comments, r.decision) for r in rows] == [
        ((1, 2), Decision.ADOPTED),
        ((3,), Decision.NOT_ADOPTED),
    ]


@pytest.mark.parametrize(
    ("rows", "code"),
    [
        ([row([1, 2], "adopted")], "comments_not_in_feedback"),
        ([row([1, 2], "adopted"), row([3], "not_adopted")], "reason_required"),
        ([row([1, 2, 3], "adopted")], "row_decision_mismatch"),
        ([row([1, 2], "adopted"), row([2, 3], "adopted")], "comment_in_two_rows"),
        ([row([1, 2, 9], "adopted")], "unknown_comment"),
        ([row([], "adopted")], "row_without_comments"),
        ([row([1, 2], "adopted", summary=" ")], "summary_required"),
    ],
)
def test_a_table_that_does_not_match_the_decisions_is_refused(rows, code):
    with pytest.raises(InvalidInput) as caught:
        build_rows(rows, DECISIONS)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("王五建议延长开放时间", True),
        ("请拨打0731 8888 1234联系", True),
        ("建议延长开放时间", False),
        ("市民建议延长开放时间", False),  # "市民" in the name box names nobody
        ("长沙市民建议延长开放时间", False),  # a contact of two characters identifies nobody
    ],
)
def test_the_reports_wording_never_repeats_a_commenters_name_or_contact(text, refused):
    commenters = [("王五", "0731-8888-1234"), ("市民", "长沙")]
    if refused:
        with pytest.raises(RuleViolation) as caught:
            require_no_particulars({"rows[1].summary": text}, commenters)
        assert caught.value.code == "personal_data_in_wording"
    else:
        require_no_particulars({"rows[1].summary": text}, commenters)
