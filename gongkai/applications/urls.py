"""Public pages of the applications app."""

app_name = "applications"
urlpatterns: list = []
