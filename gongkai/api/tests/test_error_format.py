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


def test_a_form_post_to_a_json_endpoint_is_never_a_500():
    """A multipart POST (what a bare ``client.post(url)`` sends) reaches a JSON endpoint: its fields
    are read as the body, never a 500 because the form was read before the JSON body."""
    from gongkai.testing import make_agency, make_user

    admin = ApiClient(make_user("root", superuser=True))
    response = admin.client.post("/api/v1/agencies", {"code": "formed", "name": "表单机构"}, **admin.headers)
    assert response.status_code == 201, response.content
    assert response.json()["code"] == "formed"
    make_agency("edu")
    response = admin.client.post("/api/v1/screening", **admin.headers)  # no fields at all
    assert response.status_code == 422 and error_code(response) == "validation_error"


def test_a_large_upload_to_a_json_endpoint_is_a_415():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings

    from gongkai.testing import make_user

    admin = ApiClient(make_user("root", superuser=True))
    upload = SimpleUploadedFile("a.txt", b"x" * 500)
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100):
        response = admin.client.post("/api/v1/screening", {"file": upload}, **admin.headers)
    assert response.status_code == 415 and error_code(response) == "unsupported_media_type"
