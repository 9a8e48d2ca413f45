"""Root URLs: Vietnamese public paths without prefix, English under /en/ (DESIGN §5)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from catalogs.sitemaps import SITEMAPS
from portal import views

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    # Django's documented recipe for "Forgotten your password?" on the admin login page; the
    # same views let a new officer choose their first password from the welcome e-mail.
    path(
        "admin/password_reset/",
        auth_views.PasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "tai-khoan/mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "tai-khoan/mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    path("api/", include("catalogs.api_urls")),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("catalogs.urls")),
    path("co-quan/", include("agencies.urls")),
    path("yeu-cau/", include("requests_app.urls")),
    path("bao-cao/", include("reports.urls")),
    prefix_default_language=False,
)
