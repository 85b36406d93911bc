from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from citiesofmigration import privacy_admin, views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("cities/<slug:slug>/", views.city_detail, name="city"),
    path("search/", views.site_search, name="search"),
    path("good-ideas/", include("goodideas.urls")),
    path("e-library/", include("elibrary.urls")),
    path("learning-exchange/", include("events.urls")),
    path("conversations/", include("blog.urls")),
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
