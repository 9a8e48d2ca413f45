from django.urls import path

from . import views
from .feeds import NewEntriesFeed

app_name = "catalogs"

urlpatterns = [
    path("danh-muc/", views.entry_list, name="list"),
    path("danh-muc/xuat.csv", views.export_csv, name="export_csv"),
    path("danh-muc/xuat.xlsx", views.export_xlsx, name="export_xlsx"),
    path("danh-muc/moi.atom", NewEntriesFeed(), name="feed"),
    path("danh-muc/<int:pk>/", views.entry_detail, name="detail"),
    path("danh-muc/<int:pk>/tep/<int:file_pk>/", views.entry_file, name="file"),
    path("co-quan/<slug:slug>/danh-muc/", views.agency_entry_list, name="agency_list"),
    path("co-quan/<slug:slug>/danh-muc/moi.atom", NewEntriesFeed(), name="agency_feed"),
]
