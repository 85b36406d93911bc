from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from citiesofmigration.i18n import alternates

# The site's sections, in navigation order. A section appears once its app is installed,
# so the menu never links to a page that does not exist.
SECTIONS = [
    ("goodideas:list", _("Good Ideas")),
    ("elibrary:list", _("E-Library")),
    ("events:list", _("Learning Exchange")),
    ("blog:list", _("Conversations")),
    ("cities", _("Cities")),
    ("about", _("About")),
]


def _navigation(path):
    items = []
    for url_name, label in SECTIONS:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": path.startswith(url)})
    return items


# The footer's feeds (issue 10): (URL name, label, format). Like the menu, a feed appears
# only when its app is installed.
FEEDS = [
    ("blog:feed", _("Conversations on Integration"), "RSS"),
    ("blog:atom_feed", _("Conversations on Integration"), "Atom"),
    ("events:rss", _("Learning Exchange events"), "RSS"),
    ("events:calendar", _("Learning Exchange calendar"), "iCal"),
]


def _feeds():
    items = []
    for url_name, label, kind in FEEDS:
        try:
            items.append({"url": reverse(url_name), "label": label, "kind": kind})
        except NoReverseMatch:
            continue
    return items


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "navigation": _navigation(request.path),
        # Named by the footer and by every privacy notice.
        "contact_email": settings.CONTACT_EMAIL,
        "footer_feeds": _feeds(),
        # The same page in each language: the header's toggle and the hreflang links.
        "language_alternates": alternates(request),
    }
