"""The legal ground each reply letter states: the article table and 确认或重新出具 (Art. 2)."""

import datetime as dt
import io

import pytest
from docx import Document

from gongkai.applications import services
from gongkai.applications.choices import REPLY_OUTCOMES
from gongkai.applications.letters import render, texts
from gongkai.applications.letters.context import letter_for
from gongkai.applications.tests.factories import TODAY, received_application
from gongkai.core.system import SYSTEM

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def letter_text(application, event_id=None) -> str:
    content = render.to_docx(letter_for(application, event_id))
    return "\n".join(paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs)


def reply(application, outcome, on="2026-03-10", **fields):
    return services.reply(application, actor=SYSTEM, on=D(on), outcome=outcome, today=TODAY, **fields)


# The article each outcome rests on, read against the 2019 text (国务院令第711号) ----------------------

BASIS = {
    "disclosed": "第三十六条第（二）项",
    "partially_disclosed": "第三十七条、第三十六条第（三）项",
    "withheld.state_secret": "第十四条、第三十六条第（三）项",
    "withheld.law_prohibited": "第十四条、第三十六条第（三）项",
    "withheld.security_stability": "第十四条、第三十六条第（三）项",
    "withheld.third_party": "第十五条、第三十二条、第三十六条第（三）项",
    "withheld.internal_affairs": "第十六条第一款、第三十六条第（三）项",
    "withheld.process_info": "第十六条第二款、第三十六条第（三）项",
    "withheld.enforcement_file": "第十六条第二款、第三十六条第（三）项",
    "withheld.query_matter": "第三十六条第（七）项",
    "unable.not_held": "第三十六条第（四）项",
    "unable.needs_creation": "第三十八条",
    "unable.still_unclear": "第三十条",
    "not_processed.petition": "第三十九条第一款",
    "not_processed.repeated": "第三十六条第（六）项",
    "not_processed.publication": "第三十九条第二款",
    "not_processed.excessive": "第三十五条",
    "not_processed.confirm_reissue": "第二条",
    "other.other": "",
}


@pytest.mark.parametrize("outcome", REPLY_OUTCOMES)
def test_every_reply_outcome_cites_the_article_of_the_2019_regulation_it_rests_on(outcome):
    assert texts.OUTCOMES[outcome][1] == texts.REGULATION + BASIS[outcome]


def test_only_the_publication_reply_cites_article_39_paragraph_2():
    citing = [code for code, (_, basis) in texts.OUTCOMES.items() if "第三十九条第二款" in basis]
    assert citing == ["not_processed.publication"]


def test_a_request_to_confirm_or_reissue_is_answered_as_outside_article_2(tree):
    application = received_application(tree["dept_a"])
    reply(application, "not_processed.confirm_reissue", reason="申请确认2019年收到的批复是否真实")
    text = letter_text(application)
    assert "确认或者重新出具您已获取的信息" in text and "不属于政府信息公开申请" in text
    assert f"依据：{texts.REGULATION}第二条。" in text
    assert "第三十九条" not in text
