from io import StringIO

from django.core.management import call_command

from gongkai.catalog import demo
from gongkai.catalog.models import Item


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
