import pytest

from gongkai.agencies import demo as agency_demo
from gongkai.applications import demo
from gongkai.applications.models import Application
from gongkai.core.demo import DemoContext


@pytest.mark.django_db
def test_demo_applications_cover_every_state_and_load_once():
    context = DemoContext(log=lambda line: None)
    agency_demo.load(context)
    demo.load(context)
    demo.load(context)
    states = set(Application.objects.values_list("state", flat=True))
    assert Application.objects.count() == 12
    assert states == {
        "submitted",
        "received",
        "correction_requested",
        "in_consultation",
        "awaiting_fee",
        "concluded",
    }
