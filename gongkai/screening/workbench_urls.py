"""Staff pages of the screening app, under /workbench/screening/."""

app_name = "screening_staff"
urlpatterns: list = []
