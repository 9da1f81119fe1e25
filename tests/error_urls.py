"""The site's URLs plus two views that fail, so the 500 page can be seen (tests only)."""

from django.urls import path

from gongkai.urls import handler400, handler403, handler404, handler500
from gongkai.urls import urlpatterns as site_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def failing_view(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("broken/", failing_view), path("workbench/broken/", failing_view), *site_urlpatterns]
