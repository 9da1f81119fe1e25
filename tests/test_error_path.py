"""One error path: domain errors become responses in one place for pages, as they do in the API."""

import datetime as dt

import pytest
from django.urls import path

from gongkai import urls as project_urls
from gongkai.core.errors import Forbidden, InvalidInput, NotFound, RateLimited, RuleViolation
from gongkai.workdays.calendar import CalendarNotConfirmed
from gongkai.workdays.selectors import CalendarNotConfirmedError


def _raises(error):
    def view(request):
        raise error

    return view


# The project's pages, plus pages that let one domain error of each kind escape.
urlpatterns = [
    path("probe/not-found/", _raises(NotFound("item_not_found", "未找到该信息"))),
    path("probe/forbidden/", _raises(Forbidden("forbidden", "当前角色无权执行此操作（需要审核人）"))),
    path("probe/rule/", _raises(RuleViolation("correction_too_late", "补正告知应在收到申请之日起7个工作日内作出"))),
    path("probe/input/", _raises(InvalidInput("invalid_period", "补正期限应为1至60个工作日"))),
    path("probe/rate/", _raises(RateLimited())),
    *project_urls.urlpatterns,
]


def test_the_domain_calendar_error_is_the_pure_one():
    error = CalendarNotConfirmedError(2031, "广东")
    assert isinstance(error, CalendarNotConfirmed) and isinstance(error, RuleViolation)
    assert (error.code, error.status, error.year, error.region) == ("calendar_not_confirmed", 409, 2031, "广东")
    assert error.details == {"year": 2031, "region": "广东"}
    assert "2031年的节假日安排尚未确认" in error.message


@pytest.mark.django_db
def test_an_unconfirmed_year_from_the_stored_calendar_is_caught_as_the_pure_error():
    from gongkai.workdays.selectors import workdays

    with pytest.raises(CalendarNotConfirmed) as caught:
        workdays().add(dt.date(2098, 12, 30), 1)
    assert caught.value.code == "calendar_not_confirmed"


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/probe/not-found/", 404, None),
        ("/probe/forbidden/", 403, None),
        ("/probe/rule/", 409, "补正告知应在收到申请之日起7个工作日内作出"),
        ("/probe/input/", 422, "补正期限应为1至60个工作日"),
        ("/probe/rate/", 429, "提交过于频繁，请稍后再试"),
    ],
)
def test_a_domain_error_escaping_a_page_is_the_page_of_its_status(client, url, status, text):
    response = client.get(url)
    assert response.status_code == status
    if text is not None:
        page = response.content.decode()
        assert text in page and "<h1>" in page
        assert "correction_too_late" not in page and "invalid_period" not in page  # codes stay in the API


@pytest.mark.django_db
def test_a_missing_public_item_is_the_404_page(client):
    assert client.get("/catalog/items/000000001/2026-99999/").status_code == 404
