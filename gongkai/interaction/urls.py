"""Public pages of 互动交流, under /interaction/."""

from django.urls import path

from gongkai.interaction import views

app_name = "interaction"
urlpatterns = [
    path("", views.index, name="index"),
    path("write/", views.write, name="write"),
    path("receipt/<str:code>/", views.receipt, name="receipt"),
    path("track/", views.track, name="track"),
    path("track/<str:code>/rate/", views.rate, name="rate"),
    path("messages/", views.message_list, name="messages"),
    path("messages/<int:pk>/", views.message_page, name="message"),
    path("faq/", views.faqs, name="faqs"),
    path("statistics/", views.statistics, name="statistics"),
]
