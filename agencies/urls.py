from django.urls import path

from . import views

app_name = "agencies"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/quy-che/", views.regulation, name="regulation"),
    path("<slug:slug>/quy-che/<int:pk>/", views.regulation, name="regulation_version"),
    path("<slug:slug>/quy-che/<int:pk>/tep/", views.regulation_file, name="regulation_file"),
]
