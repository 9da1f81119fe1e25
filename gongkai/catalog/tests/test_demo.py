import datetime as dt
from io import StringIO

from django.core.management import call_command

from gongkai.catalog import demo, selfcheck_demo
from gongkai.catalog.models import Item
from gongkai.testing import TODAY


def test_demo_loader_publishes_the_five_samples_and_an_interpretation_idempotently(db):
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    public = Item.objects.public()
    # Other apps' loaders publish items too (annual report, solicitation feedback): count this loader's.
    titles = {fields["title"] for *_, fields in demo.ITEMS} | {"图解：市经信委2017年政府信息公开工作年度报告"}
    assert public.filter(title__in=titles).count() == 6
    report = public.get(title="迎江区政府信息公开整改提升月活动总结")
    assert report.index_no == "000014001/2015-00001"
    assert report.keywords == "政府信息,公开,整改,总结"
    assert "整改提升月活动" in report.body_text and "设为主页" not in report.body_text
    interpretation = public.get(genre="interpretation")
    assert interpretation.interprets.title == "市经信委2017年政府信息公开工作年度报告"
    assert interpretation.interpretation_lag == 2
    damaged = public.get(title="市经信委2017年政府信息公开工作年度报告")
    assert "娄政办函〔201766号" in damaged.body_text  # kept as found; extraction flags it later


def test_the_demo_home_page_leads_with_recent_news_of_different_agencies(db, client):
    call_command("load_demo", stdout=StringIO())
    latest = client.get("/").context["latest"]
    titles = [item.title for item in latest]
    assert len(set(titles)) == len(titles) == 8, titles
    assert selfcheck_demo.TITLE not in titles and all(item.genre != "guide" for item in latest)
    assert len({item.agency_id for item in latest}) >= 5
    assert all(TODAY - item.published_on <= dt.timedelta(days=14) for item in latest)
    # The 情况说明 of the blank columns were published when each agency set up its columns.
    statements = Item.objects.public().filter(title=selfcheck_demo.TITLE)
    days = sorted(statements.values_list("published_on", flat=True))
    assert len(days) == len(set(days)) == 6 and days[-1] < TODAY - dt.timedelta(days=60)
