"""Public pages of the catalog app."""

from django.urls import path

from gongkai.catalog import feeds, views

app_name = "catalog"
urlpatterns = [
    path("", views.index, name="index"),
    path("interpretations/", views.interpretations, name="interpretations"),
    path("statistics/", views.statistics, name="statistics"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("items/<path:index_no>/", views.item_detail, name="item"),
    path("feeds/<str:code>/rss/", feeds.AgencyRss(), name="feed_rss"),
    path("feeds/<str:code>/atom/", feeds.AgencyAtom(), name="feed_atom"),
    path("feeds/<str:code>/<str:column>/rss/", feeds.AgencyRss(), name="column_rss"),
    path("feeds/<str:code>/<str:column>/atom/", feeds.AgencyAtom(), name="column_atom"),
    path("<str:code>/", views.agency_catalog, name="agency"),
    path("<str:code>/<str:column>/", views.agency_catalog, name="column"),
]
