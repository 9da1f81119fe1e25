"""The home page blocks: latest items, notices, policy interpretations, open solicitations and the
year's application figures."""

import datetime as dt

import pytest

from gongkai.applications import services as applications
from gongkai.applications.tests.factories import received_application
from gongkai.catalog import services as catalog
from gongkai.core.system import SYSTEM
from gongkai.solicitation.tests.factories import open_solicitation

pytestmark = pytest.mark.django_db


def item(agency, title, genre, on, **fields):
    draft = catalog.create_item(
        actor=SYSTEM, agency=agency, title=title, genre=genre, formed_on=on, body="正文", **fields
    )
    return catalog.publish_item(draft, actor=SYSTEM, on=on)


def block(page: str, name: str) -> str:
    return page.split(f'data-home-block="{name}"')[1].split("</section>")[0]


def test_the_home_page_shows_the_blocks_a_visitor_looks_for(client, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    dept = tree["dept_a"]
    item(dept, "2026年财政预算报告", "budget", dt.date(2026, 11, 20))
    item(dept, "关于春节放假的通知", "notice", dt.date(2026, 11, 25))
    item(dept, "《停车管理办法》解读", "interpretation", dt.date(2026, 11, 26))
    hidden = catalog.create_item(
        actor=SYSTEM,
        agency=dept,
        title="尚未发布的草稿",
        genre="notice",
        formed_on=dt.date(2026, 11, 1),
        body="x",
    )
    open_solicitation(
        dept,
        SYSTEM,
        publish_on="2026-11-20",
        opens_on=dt.date(2026, 11, 20),
        closes_on=dt.date(2026, 12, 31),
        title="公共停车场管理办法（征求意见稿）",
    )
    open_solicitation(dept, SYSTEM, title="已截止的草案")  # closed on 2026-10-08
    replied = received_application(dept, on="2026-11-02")
    applications.reply(replied, actor=SYSTEM, on=dt.date(2026, 11, 20), outcome="disclosed")
    received_application(dept, on="2026-11-16")
    received_application(dept, on="2025-12-01")  # last year's

    page = client.get("/").content.decode()
    latest = block(page, "latest")
    assert (
        latest.index("《停车管理办法》解读")
        < latest.index("关于春节放假的通知")
        < latest.index("2026年财政预算报告")
    )
    assert hidden.title not in page
    assert "关于春节放假的通知" in block(page, "notices") and "财政预算" not in block(page, "notices")
    assert "《停车管理办法》解读" in block(page, "interpretations")
    solicitations = block(page, "solicitations")
    assert "公共停车场管理办法（征求意见稿）" in solicitations and "截止 2026-12-31" in solicitations
    assert "已截止的草案" not in solicitations
    figures = block(page, "applications")
    assert "2026年依申请公开" in figures
    assert 'data-figure="received">2 件' in figures and 'data-figure="concluded">1 件' in figures
    assert 'data-figure="disclosed">1 件' in figures and 'data-figure="open">2 件' in figures
    # Open now counts last year's open application too, so the labels say which period each has.
    assert "本年收到申请" in figures and "本年办结（含上年结转）" in figures and "目前正在办理" in figures
    assert "张三" not in page


def test_an_empty_portal_says_so(client, tree):
    page = client.get("/").content.decode()
    assert (
        "暂无信息" in page and "目前没有正在征集意见的草案" in page and 'data-figure="received">0 件' in page
    )
