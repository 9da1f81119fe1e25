from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.workbench import views

app_name = "workbench"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("agency/", views.switch_agency, name="switch_agency"),
    path("profile/", views.profile, name="profile"),
    path("audit/", views.audit, name="audit"),
]
