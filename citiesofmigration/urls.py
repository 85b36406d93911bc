from django.contrib import admin
from django.urls import include, path

from citiesofmigration import views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("cities/<slug:slug>/", views.city_detail, name="city"),
    path("search/", views.site_search, name="search"),
    path("good-ideas/", include("goodideas.urls")),
    path("e-library/", include("elibrary.urls")),
    path("conversations/", include("blog.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
