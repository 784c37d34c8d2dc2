from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from articles.web.previews import shared_preview
from articles.web.views import rendition_file, root_redirect
from newsroom.accounts.views import admin_language_view

# A database outage is a 503 with Retry-After, not a 500 (newsroom/errors.py).
handler500 = "newsroom.errors.server_error"

urlpatterns = [
    path("", root_redirect, name="root"),
    # Each editor's own admin language; under admin/ so the admin's login guards it.
    path("admin/language/", admin.site.admin_view(admin_language_view), name="admin_language"),
    path("admin/", admin.site.urls),
    path("preview/<str:token>/", shared_preview, name="preview"),
    path("", include("articles.web.discovery")),
    # Only renditions are reachable; originals under media/originals/ are not.
    # In production a CDN or object storage serves these paths instead.
    re_path(r"^media/renditions/(?P<path>.+)$", rendition_file, name="rendition"),
    # Read-only ninjs for partners (articles/web/api.py); outside i18n_patterns.
    path("api/ninjs/", include("articles.web.api_urls")),
    *i18n_patterns(path("", include("articles.urls"))),
]
