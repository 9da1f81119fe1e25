import datetime as dt

import pytest

from gongkai.catalog import services
from gongkai.core.system import SYSTEM


@pytest.fixture
def draft(tree):
    """draft(**fields) → a draft item of dept_a (created by the system actor)."""

    def build(agency=None, **fields):
        values = {
            "title": "关于开展政务公开工作的通知",
            "genre": "notice",
            "formed_on": dt.date(2024, 9, 20),
            "body": "各科室：\n现将有关事项通知如下。",
        }
        values.update(fields)
        return services.create_item(actor=SYSTEM, agency=agency or tree["dept_a"], **values)

    return build


@pytest.fixture
def published(draft):
    def build(on=dt.date(2024, 9, 27), **fields):
        return services.publish_item(draft(**fields), actor=SYSTEM, on=on)

    return build


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
