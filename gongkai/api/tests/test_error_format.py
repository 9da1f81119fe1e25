"""Every API answer, even one no endpoint produced, uses the contract's error format."""

import pytest

from gongkai.testing import ApiClient, error_code

pytestmark = pytest.mark.django_db


def test_an_unknown_api_path_is_a_json_404():
    response = ApiClient().get("/no-such-endpoint")
    assert response.status_code == 404
    assert error_code(response) == "not_found"


def test_a_method_the_path_does_not_take_is_a_json_405_with_allow():
    response = ApiClient().client.delete("/api/v1/agencies")
    assert response.status_code == 405
    assert error_code(response) == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_pages_outside_the_api_keep_their_html_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")
