from django.urls import path  # noqa: F401  (routes arrive with the MARF journey)

app_name = "intake"

urlpatterns: list = []
