"""Staff pages of opinion solicitation, under /workbench/solicitations/."""

from django.urls import path

from gongkai.solicitation import workbench_views as views

app_name = "solicitation_staff"
urlpatterns = [
    path("", views.solicitation_list, name="list"),
    path("new/", views.solicitation_new, name="new"),
    path("note/", views.note, name="note"),
    path("<int:pk>/", views.solicitation_detail, name="detail"),
    path("<int:pk>/edit/", views.solicitation_edit, name="edit"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/attachments/", views.attach, name="attach"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_file, name="attachment"),
    path("<int:pk>/attachments/<int:attachment_pk>/delete/", views.detach, name="detach"),
    path("<int:pk>/extend/", views.extend, name="extend"),
    path("<int:pk>/group/", views.group, name="group"),
    path("<int:pk>/comments/register/", views.register, name="register"),
    path("<int:pk>/groups/<int:group_pk>/decide/", views.decide_group, name="decide_group"),
    path("<int:pk>/comments/<int:comment_pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/comments/<int:comment_pk>/file/", views.comment_file, name="comment_file"),
    path("<int:pk>/comments.xlsx", views.export, name="export"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("<int:pk>/final/", views.link_final, name="final"),
]
