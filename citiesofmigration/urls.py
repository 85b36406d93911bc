from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from citiesofmigration import privacy_admin, sitemaps, tags, views
from citiesofmigration.feeds import TagFeed

# Issue 11: every public page under /en/ and /fr/ (see citiesofmigration.i18n).
urlpatterns = i18n_patterns(
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    # Issue 10: the footer's pages, the sitemap and robots.txt.
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("themes/", views.theme_index, name="themes"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("cities/", views.city_index, name="cities"),
    path("cities/<slug:slug>/", views.city_detail, name="city"),
    path("search/", views.site_search, name="search"),
    # Issue 10, one tag set: a tag across every section, and its feed. <str:> because
    # tag slugs may hold accented letters; an unknown slug is a 404.
    path("tags/", tags.tag_index, name="tags"),
    path("tags/<str:slug>/", tags.tag_detail, name="tag"),
    path("tags/<str:slug>/feed/", TagFeed(), name="tag_feed"),
    path("good-ideas/", include("goodideas.urls")),
    path("e-library/", include("elibrary.urls")),
    path("learning-exchange/", include("events.urls")),
    path("conversations/", include("blog.urls")),
)

# Addresses that are the same in every language: machines' files, health checks and the
# admin (which speaks the editor's browser language).
urlpatterns += [
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/worker", views.healthz_worker, name="healthz_worker"),
    # Privacy (issue 9): one admin page for everything held about an e-mail address,
    # portal-wide, so it sits beside the admin rather than under one app's model.
    path("admin/personal-data/", privacy_admin.personal_data_view, name="personal_data"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Post images are public files, served here under `make run` (a web server serves
    # MEDIA_ROOT/conversations/ in production). E-Library documents never are: only their
    # download view serves them, after checking publication.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>conversations/[\w.-]+)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
