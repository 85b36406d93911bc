from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# The site's sections, in navigation order. A section appears once its app is installed,
# so the menu never links to a page that does not exist.
SECTIONS = [
    ("goodideas:list", _("Good Ideas")),
    ("elibrary:list", _("E-Library")),
    ("events:list", _("Learning Exchange")),
    ("blog:list", _("Conversations")),
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


def site(request):
    return {"site_name": settings.SITE_NAME, "navigation": _navigation(request.path)}
