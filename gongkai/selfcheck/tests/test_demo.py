"""The demo city's self-check: a mix of passes, warnings or failures, one veto, open tasks."""

from io import StringIO

from django.core.management import call_command

from gongkai.agencies.models import Agency
from gongkai.selfcheck import selectors
from gongkai.selfcheck.models import RectificationTask, Snapshot
from gongkai.selfcheck.vocabulary import TaskStatus
from gongkai.testing import TODAY


def test_demo_mix(db):
    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    agencies = list(Agency.objects.filter(code__startswith="sfs", active=True))
    reports = selectors.evaluate_all(agencies, TODAY)
    verdicts = {agency.code: reports[agency.pk].verdict for agency in agencies}
    # Its blank columns veto twice: as blank columns and as 应更新但长期未更新 columns (≥ 10); its
    # guide without 办理时间/联系电话 is the guides' veto.
    assert verdicts["sfs-dcz"] == "fail" and reports[Agency.objects.get(code="sfs-dcz").pk].vetoes == [
        "columns_blank",
        "columns_long_stale",
        "guide_missing_element",
    ]
    assert sum(verdict == "pass" for verdict in verdicts.values()) >= 3
    mandatory = {a.code: reports[a.pk].finding("mandatory_column_empty") for a in agencies}
    assert {code: str(f.status) for code, f in mandatory.items()} == {
        "sfs": "pass",
        "sfs-fgw": "pass",
        "sfs-czj": "pass",
        "sfs-zsj": "pass",
        "sfs-jxw": "warn",
        "sfs-xsjd": "warn",
        "sfs-dcz": "fail",
    }
    assert mandatory["sfs-dcz"].count == 5  # (一)(二) and its recorded (五)(十一)(十二), loaded twice
    statuses = {str(f.status) for report in reports.values() for f in report.findings}
    assert statuses == {"pass", "warn", "fail"}
    tasks = RectificationTask.objects.filter(status=TaskStatus.OPEN)
    assert 1 <= tasks.count() <= 3
    assert Snapshot.objects.filter(date=TODAY).count() == Agency.objects.filter(active=True).count()
