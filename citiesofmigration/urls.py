from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from citiesofmigration import views

admin.site.site_header = _("Cities of Migration — editors")
admin.site.site_title = _("Cities of Migration admin")
admin.site.index_title = _("Curate the portal")

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("cities/<slug:slug>/", views.city_detail, name="city"),
    path("good-ideas/", include("goodideas.urls")),
    path("e-library/", include("elibrary.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
