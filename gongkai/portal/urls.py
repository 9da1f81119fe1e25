from django.urls import path

from gongkai.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/<str:code>/", views.agency_detail, name="agency"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("sitemap/", views.sitemap_page, name="sitemap"),
    path("favicon.ico", views.favicon),
]
