"""Public pages of service guides, under /guides/."""

from django.urls import path

from gongkai.guides import views

app_name = "guides"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("powers/", views.power_list, name="powers"),
]
