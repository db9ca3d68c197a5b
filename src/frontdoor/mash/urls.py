from django.urls import path  # noqa: F401  (routes arrive with the MASH pages)

app_name = "mash"

urlpatterns: list = []
