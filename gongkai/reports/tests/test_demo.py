"""The demo report: last year's report of the demo finance bureau, published once."""

from io import StringIO

from django.core.management import call_command

from gongkai.catalog.models import Item
from gongkai.reports.models import ReportRevision
from gongkai.testing import TODAY


def test_load_demo_publishes_last_years_report_from_the_demo_applications_once(db, client):
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    year = TODAY.year - 1
    revision = ReportRevision.objects.get(report__agency__code="sfs-czj", report__year=year)
    assert revision.number == 1
    body = client.get(f"/api/v1/reports/annual/sfs-czj/{year}").json()
    rows = body["applications"]["rows"]
    assert rows["new"]["total"] == 5 and rows["concluded_total"]["total"] == 4
    assert rows["carried_forward"]["total"] == 1
    assert rows["disclosed"]["natural_person"] == 1 and rows["partially_disclosed"]["commercial"] == 1
    assert body["proactive"]["penalty"]["decisions"] == 2
    assert Item.objects.public().filter(agency__code="sfs-czj", genre="annual_report").count() == 1
    assert client.get("/reports/").status_code == 200
