"""In a browser: the public list of proposals shows a published answer and leads to its catalogue
item; the proposers' names appear nowhere."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from gongkai.proposals import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_proposals_list_with_a_published_answer(live_server, page, tree, staff):
    actor = staff["reviewer_a"]
    proposal = services.create_proposal(
        actor=actor, agency=tree["dept_a"], kind="cppcc_proposal", session="市政协十三届三次会议",
        number="112", title="关于优化营商环境减少企业办事环节的提案", assigned_on=dt.date(2026, 8, 3),
        proposers="李某某委员",
    )  # fmt: skip
    services.answer(
        proposal, actor=actor, on=dt.date(2026, 10, 20), result_class="B", doc_number="甲发〔2026〕112号",
        text="经研究，我局已将企业开办环节压减至3个，下一步推进全程网办。",
    )  # fmt: skip
    services.publish(proposal, actor=actor, on=dt.date(2026, 11, 2), mode="full")
    page.goto(live_server.url + "/proposals/")
    row = page.locator("#proposal-list tbody tr").first
    expect(row).to_contain_text("市政协十三届三次会议第112号")
    expect(row).to_contain_text("B类")
    expect(page.locator("body")).not_to_contain_text("李某某")
    page.get_by_role("link", name="政协提案", exact=True).click()
    row.get_by_role("link", name="关于优化营商环境减少企业办事环节的提案").click()
    expect(page.locator("body")).to_contain_text("企业开办环节压减至3个")
    expect(page.locator("body")).not_to_contain_text("李某某")
