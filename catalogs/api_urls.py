from django.urls import path

from . import api

app_name = "api"

urlpatterns = [
    path("", api.documentation, name="index"),
    path("co-quan/", api.agency_list, name="agencies"),
    path("danh-muc/", api.entry_list, name="entries"),
    path("danh-muc/<int:pk>/", api.entry_detail, name="entry"),
]
