from django.urls import path

# Registers the <token:...> converter: a link's secret, NUL and junk answer 404.
from citiesofmigration import converters  # noqa: F401
from events import views
from events.feeds import UpcomingEventsFeed

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("archive/", views.archive, name="archive"),
    path("calendar.ics", views.calendar_feed, name="calendar"),
    path("feed/", UpcomingEventsFeed(), name="rss"),
    path("registration/<token:token>/", views.manage, name="manage"),
    path("registration/<token:token>/cancel/", views.manage_cancel, name="manage_cancel"),
    path("registration/<token:token>/calendar.ics", views.manage_ics, name="manage_ics"),
    path("registration/<token:token>/resend/", views.manage_resend, name="manage_resend"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/check-your-inbox/", views.registration_sent, name="registration_sent"),
    path("<slug:slug>/calendar.ics", views.event_ics, name="ics"),
    path("<slug:slug>/slides/", views.archive_file, {"kind": "slides"}, name="slides"),
    path("<slug:slug>/captions/", views.archive_file, {"kind": "captions"}, name="captions"),
]
