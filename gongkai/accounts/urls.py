from django.urls import path

from gongkai.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.security, name="security"),
    path("verify/", views.verify, name="verify"),
    path("two-factor/", views.enrol, name="enrol"),
    path("password/", views.change_password, name="password"),
]
