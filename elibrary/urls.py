from django.urls import path, re_path

from elibrary import views

app_name = "elibrary"

urlpatterns = [
    path("", views.resource_list, name="list"),
    path("<slug:slug>/", views.resource_detail, name="detail"),
    path("<slug:slug>/download/", views.download, name="download"),
    re_path(r"^(?P<slug>[-a-zA-Z0-9_]+)/cite\.(?P<format>bib|ris)$", views.citation, name="cite"),
]
