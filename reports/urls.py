from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("tong-quan/", views.dashboard, name="dashboard"),
    path("lap/", views.compile_report, name="compile"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tien-do/", views.progress, name="progress"),
    path("<int:pk>/nhan-xet/", views.save_narrative, name="narrative"),
    path("<int:pk>/da-xem-xet/", views.review, name="review"),
    path("<int:pk>/cong-bo/", views.publish, name="publish"),
    path("<int:pk>/tong-hop-lai/", views.recompile, name="recompile"),
    path("<int:pk>/bao-cao.pdf", views.report_pdf, name="pdf"),
    path("<int:pk>/so-lieu.xlsx", views.report_xlsx, name="xlsx"),
    path("<int:pk>/so-lieu.csv", views.report_csv, name="csv"),
    path("<int:pk>/co-quan/<slug:slug>.pdf", views.agency_pdf, name="agency_pdf"),
]
