"""Static URLs before `collectstatic`: a fresh checkout started with DEBUG off still renders pages."""

import pytest
from django.test import Client


@pytest.fixture
def manifest_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "gongkai.core.storage.StaticStorage"},
    }


@pytest.mark.django_db
def test_api_docs_render_without_a_collectstatic_manifest(manifest_storage):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/static/ninja/swagger-ui.css" in response.content


@pytest.mark.django_db
def test_portal_home_renders_without_a_collectstatic_manifest(manifest_storage):
    assert Client().get("/").status_code == 200
