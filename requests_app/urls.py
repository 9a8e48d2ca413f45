from django.urls import path

from . import views

app_name = "requests_app"

urlpatterns = [
    path("gui/", views.submit, name="submit"),
    path("da-gui/<str:code>/", views.receipt, name="receipt"),
    path("tra-cuu/", views.track, name="track"),
    path("tra-cuu/<str:code>/", views.status, name="status"),
    path("tep/<str:token>/", views.download, name="download"),
    path("phan-anh/<slug:slug>/", views.complaint, name="complaint"),
]
