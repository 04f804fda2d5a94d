from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from clinic.security.sign_out import SignOutView
from clinic.serving.sitemap import ClinicSitemap
from home.views import robots_txt, search

# Too large or malformed requests get the clinic's own page (413 or 400), not Django's bare one.
handler400 = "clinic.serving.bad_requests.bad_request"
# Database down: 503 with the phone and crisis lines, not a 500 (clinic/serving/database_down.py).
handler500 = "clinic.serving.database_down.server_error"

urlpatterns = [
    # Before Wagtail's own: a GET only asks, a POST signs out (clinic/security/sign_out.py).
    path("admin/logout/", SignOutView.as_view(), name="wagtailadmin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Both languages, each page with its translations (clinic/serving/sitemap.py).
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": ClinicSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Development, or one server measuring itself (make lighthouse); in production the
    # proxy or the object storage serves /media/.
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

# English at the site's own addresses, Spanish under /es/ (clinic/serving/language.py).
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
