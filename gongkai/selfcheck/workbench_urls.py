"""Staff pages of the self-check, under /workbench/selfcheck/."""

from django.urls import path

from gongkai.selfcheck import workbench_views as views

app_name = "selfcheck"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("agency/<str:code>/", views.agency_detail, name="agency"),
    path("agency/<str:code>/rectify/<str:indicator>/", views.rectify, name="rectify"),
    path("ledger/", views.ledger, name="ledger"),
    path("ledger.xlsx", views.ledger_export, name="ledger_export"),
    path("ledger/<int:pk>/", views.task_detail, name="task"),
    path("scheme/", views.scheme, name="scheme"),
    path("snapshot/", views.snapshot_now, name="snapshot"),
]
