"""Public pages of the screening app."""

app_name = "screening"
urlpatterns: list = []
