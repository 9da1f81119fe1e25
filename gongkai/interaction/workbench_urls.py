"""Staff pages of 互动交流, under /workbench/interaction/."""

from django.urls import path

from gongkai.interaction import workbench_views

app_name = "interaction_staff"
urlpatterns = [
    path("", workbench_views.index, name="index"),
    path("register/", workbench_views.register, name="register"),
    path("<int:pk>/", workbench_views.message_page, name="detail"),
    path("<int:pk>/act/<str:action>/", workbench_views.act, name="act"),
    path("faq/", workbench_views.faq_index, name="faqs"),
    path("faq/new/", workbench_views.faq_edit, name="faq_new"),
    path("faq/<int:pk>/", workbench_views.faq_edit, name="faq_edit"),
    path("limits/", workbench_views.limits, name="limits"),
]
