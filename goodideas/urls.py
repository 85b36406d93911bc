from django.urls import path

from citiesofmigration import converters  # noqa: F401  (registers <token:…>)
from goodideas import collection_pages, views

app_name = "goodideas"

urlpatterns = [
    path("", views.idea_list, name="list"),
    path("submit/", views.submit, name="submit"),
    path("submit/thanks/", views.submitted, name="submitted"),
    # Before the ideas' own addresses: "collections" is not an idea's slug.
    path("collections/", collection_pages.collection_index, name="collections"),
    path("collections/<slug:slug>/", collection_pages.collection_detail, name="collection"),
    path(
        "collections/<slug:slug>/feed/",
        collection_pages.CollectionFeed(),
        name="collection_feed",
    ),
    path("contact-reply/<token:token>/", views.contact_reply, name="contact_reply"),
    path("<slug:slug>/", views.idea_detail, name="detail"),
    path("<slug:slug>/contact/", views.contact_request, name="contact_request"),
    path("<slug:slug>/contact/sent/", views.contact_request_sent, name="contact_request_sent"),
]
