from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog

from ieum.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("ieum.accounts.urls")),
    path("directory/", include("ieum.directory.urls")),
    path("facilities/", include("ieum.facilities.urls")),
    path("partnering/", include("ieum.partnering.urls")),
    path("linkage/", include("ieum.linkage.urls")),
    path("programs/", include("ieum.programs.urls")),
    path("outcomes/", include("ieum.outcomes.urls")),
    path("api/v1/", include("ieum.api.urls")),
    path("admin/", admin.site.urls),
    path("favicon.ico", RedirectView.as_view(url=static_url("ieum/favicon.svg"), permanent=True)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
