"""Staff pages of the applications app, under /workbench/apply/."""

from django.urls import path

from gongkai.applications import correction_views, guide_views, letter_views, workbench_views

app_name = "applications_staff"
urlpatterns = [
    path("", workbench_views.index, name="index"),
    path("register/", workbench_views.register, name="register"),
    path("<int:pk>/", workbench_views.application_page, name="detail"),
    path("<int:pk>/act/<str:action>/", workbench_views.act, name="act"),
    path("<int:pk>/reviews/", workbench_views.file_review, name="file_review"),
    path("<int:pk>/approvals/<int:document_id>/", workbench_views.approval_file, name="approval_file"),
    path("<int:pk>/reviews/<int:review_id>/decide/", workbench_views.decide_review, name="decide_review"),
    path("<int:pk>/letters/<int:event_id>.<str:fmt>", letter_views.letter, name="letter"),
    path("<int:pk>/corrections/<int:submission_id>/receive/", correction_views.receive, name="receive_online"),
    path(
        "<int:pk>/corrections/files/<int:attachment_id>/", correction_views.attachment, name="correction_file"
    ),
    path("guide/", guide_views.guide_settings, name="guide_settings"),
    path("templates/", letter_views.templates, name="templates"),
    path("settings/", workbench_views.settings_page, name="settings"),
    path("templates/<str:kind>.docx", letter_views.template_file, name="template_file"),
    path("templates/<str:kind>/", letter_views.template_upload, name="template_upload"),
]
