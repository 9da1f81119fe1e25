"""What a published answer may not say (domain/services.md §4): the proposers' names, contact details."""

import pytest

from gongkai.proposals.wording import contact_details, naming_proposers, proposer_names


@pytest.mark.parametrize(
    ("proposers", "names"),
    [
        ("王某某等5名代表", ["王某某"]),
        ("张三、李四（领衔）", ["张三", "李四"]),
        ("领衔人：张三；附议人：李四 王五", ["张三", "李四", "王五"]),
        ("张三代表等", ["张三"]),
        ("赵六委员", ["赵六"]),
        ("代表们", []),
        ("", []),
    ],
)
def test_the_names_in_the_proposers_field(proposers, names):
    assert proposer_names(proposers) == names


def test_the_fields_that_name_a_proposer():
    texts = {"summary": "已采纳。", "reason": "王某某代表同意摘要公开"}
    assert naming_proposers(texts, "王某某等3名代表") == ["reason"]


def test_landlines_and_e_mail_addresses_are_contact_details_plain_figures_are_not():
    assert contact_details({"text": "联系电话：0571-87001234，邮箱 ghk@jia.gov.cn"}) == ["landline", "email"]
    assert contact_details({"text": "2026年新建充电桩420个，投入3000万元。"}) == []
