"""The time-rule parser on the phrasings of domain/services.md §3 and of real catalogue sheets."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.guides.time_rules import Period, TimeRuleKind, chinese_number, parse_time_rule

WORKING_DAYS = TimeRuleKind.WORKING_DAYS_AFTER_FORMATION


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("信息形成（变更）之日起20个工作日内", 20),
        ("信息形成(变更)之日起20个工作日内", 20),
        ("自信息形成或者变更之日起２０个工作日内", 20),
        ("自该信息形成或者变更之日起二十个工作日内及时公开", 20),
        ("自作出行政处罚决定之日起7个工作日内", 7),
        ("信息形成之日起 15 个工作日内", 15),
        ("形成或变更之日起十个工作日", 10),
    ],
)
def test_a_count_of_working_days_after_formation(text, days):
    rule = parse_time_rule(text)
    assert (rule.kind, rule.days, rule.text) == (WORKING_DAYS, days, text.strip())


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("实时", TimeRuleKind.REALTIME),
        ("实时更新", TimeRuleKind.REALTIME),
        ("及时", TimeRuleKind.PROMPTLY),
        ("及时公开", TimeRuleKind.PROMPTLY),
        ("信息变更后及时更新", TimeRuleKind.PROMPTLY),
    ],
)
def test_realtime_and_promptly(text, kind):
    assert parse_time_rule(text).kind == kind


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("每季度", Period.QUARTER),
        ("按季度公开", Period.QUARTER),
        ("每季", Period.QUARTER),
        ("每年", Period.YEAR),
        ("每年度", Period.YEAR),
        ("每年3月底前", Period.YEAR),
        ("年度", Period.YEAR),
        ("每月", Period.MONTH),
        ("按月更新", Period.MONTH),
        ("每月10日前", Period.MONTH),
        ("每半年", Period.HALF_YEAR),
        ("半年度", Period.HALF_YEAR),
    ],
)
def test_periodic_rules_carry_their_period(text, period):
    rule = parse_time_rule(text)
    assert (rule.kind, rule.period) == (TimeRuleKind.PERIODIC, period)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "长期公开",
        "常态化公开",
        "动态调整",
        "定期",  # names no period
        "即时",
        "15日内",  # calendar days are not working days
        "收到申请之日起15天内",
        "每季度结束后15个工作日内",  # two rules at once: a person decides
        "每年第一季度",
        "实时公开，每年汇总",
        "7个工作日或20个工作日内",
        "按照《政府信息公开条例》规定的时限",
    ],
)
def test_anything_else_is_manual_and_kept_verbatim(text):
    rule = parse_time_rule(f"  {text} ")
    assert (rule.kind, rule.text, rule.days, rule.period) == (TimeRuleKind.MANUAL, text.strip(), None, None)


def test_labels_say_the_rule_in_words():
    assert parse_time_rule("信息形成（变更）之日起20个工作日内").label == "形成或变更之日起20个工作日内"
    assert parse_time_rule("每季度").label == "每季度"
    assert parse_time_rule("说不清").label == "需人工判断"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", 7),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("三十", 30),
        ("二十五", 25),
        ("一百二十", 120),
        ("两", 2),
    ],
)
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


@given(st.integers(min_value=1, max_value=200))
def test_any_number_of_working_days_is_read_back(days):
    assert parse_time_rule(f"信息形成（变更）之日起{days}个工作日内").days == days


@given(st.text(max_size=40))
def test_the_parser_never_fails_and_always_keeps_the_text(text):
    rule = parse_time_rule(text)
    assert rule.text == text.strip()
    assert (rule.days is not None) == (rule.kind == WORKING_DAYS)
    assert (rule.period is not None) == (rule.kind == TimeRuleKind.PERIODIC)
