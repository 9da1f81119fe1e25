"""The notifications app has no public pages."""

app_name = "notifications"
urlpatterns: list = []
