from django.urls import path

from blog import feeds, views

# Registers the <token:...> converter: a link's secret, NUL and junk answer 404.
from citiesofmigration import converters  # noqa: F401

app_name = "blog"

urlpatterns = [
    path("", views.post_list, name="list"),
    path("feed/", feeds.LatestPostsFeed(), name="feed"),
    path("feed/atom/", feeds.LatestPostsAtomFeed(), name="atom_feed"),
    path("feed/tag/<slug:slug>/", feeds.TagFeed(), name="tag_feed"),
    path("feed/tag/<slug:slug>/atom/", feeds.TagAtomFeed(), name="tag_atom_feed"),
    path("feed/theme/<slug:slug>/", feeds.ThemeFeed(), name="theme_feed"),
    path("feed/theme/<slug:slug>/atom/", feeds.ThemeAtomFeed(), name="theme_atom_feed"),
    path("newsletter/", views.newsletter, name="newsletter"),
    path("newsletter/check-your-inbox/", views.newsletter_sent, name="newsletter_sent"),
    path("newsletter/confirm/<token:token>/", views.newsletter_confirm, name="newsletter_confirm"),
    path("newsletter/confirmed/", views.newsletter_confirmed, name="newsletter_confirmed"),
    path(
        "newsletter/unsubscribe/<token:token>/",
        views.newsletter_unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path("<slug:slug>/", views.post_detail, name="detail"),
    path("<slug:slug>/comments/", views.post_comment, name="comment"),
]
