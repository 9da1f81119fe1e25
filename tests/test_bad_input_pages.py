"""Never a 500 for bad input on pages and the API: junk in paths, query strings and forms.

Each case here once ended in a server error: Unicode digits such as ``²`` pass ``str.isdigit``
but not ``int``; a year in the URL outside any calendar broke the date maths; a token id that is
not a number reached the database.
"""

import pytest

pytestmark = pytest.mark.django_db
BIG = "99999999999999999999"

PUBLIC = [
    "/catalog/dept-a/?year=²",
    "/reports/?year=²",
    "/reports/dept-a/2025/?revision=²",
    "/api/v1/items?agency=²",
    "/search/?q=预算&page=²",
    "/search/?q=预算&year=²",
    "/catalog/dept-a/?year=" + "9" * 5000,
    "/search/?q=预算&page=" + "9" * 5000,
    "/reports/?year=" + "9" * 5000,
]
STAFF = [
    f"/workbench/reports/{BIG}/",
    "/workbench/reports/0/",
    "/workbench/workdays/edit/?year=²",
]
STAFF_POSTS = [
    ("/workbench/profile/", {"action": "revoke", "token": "abc"}),
    ("/workbench/profile/", {"action": "revoke", "token": "²"}),
    ("/workbench/agency/", {"agency": "²"}),
    ("/workbench/agency/", {"agency": "9" * 5000}),
    ("/workbench/profile/", {"action": "revoke", "token": "9" * 5000}),
    (f"/workbench/reports/{BIG}/", {"overview": "x"}),
    (f"/workbench/reports/{BIG}/publish/", {}),
]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_answer_junk_without_a_server_error(client, tree, url):
    assert client.get(url).status_code < 500


@pytest.mark.parametrize("url", STAFF)
def test_workbench_pages_answer_junk_without_a_server_error(client, staff, url):
    client.force_login(staff["office"])
    assert client.get(url).status_code < 500


@pytest.mark.parametrize(("url", "data"), STAFF_POSTS)
def test_workbench_forms_answer_junk_without_a_server_error(client, staff, url, data):
    client.force_login(staff["office"])
    assert client.post(url, data).status_code < 500


def test_catalogue_references_by_unicode_digits_are_not_found(api, tree):
    response = api("handler_a").post(
        "/items",
        {
            "agency": "dept-a",
            "title": "解读",
            "genre": "interpretation",
            "body": "x",
            "formed_on": "2026-01-05",
            "interprets": "²",
        },
    )
    assert response.status_code in {404, 422}, response.content
