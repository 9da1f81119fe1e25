"""Staff pages of suggestions, proposals and key tasks, under /workbench/proposals/."""

from django.urls import path

from gongkai.proposals import workbench_views as views

app_name = "proposals_staff"
urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("new/", views.proposal_new, name="new"),
    path("tasks/", views.task_list, name="tasks"),
    path("tasks/<int:pk>/progress/", views.task_progress, name="task_progress"),
    path("report/", views.year_report, name="year_report"),
    path("<int:pk>/views/<str:agency_code>/", views.co_views, name="co_views"),
    path("<int:pk>/views-due/<str:agency_code>/", views.views_due, name="views_due"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/act/<str:action>/", views.proposal_act, name="act"),
]
