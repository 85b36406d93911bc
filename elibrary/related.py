"""E-Library resources on the pages of the content they relate to: an idea shows the
resources an editor related to it (entered once, on the resource). Rendered by
includes/sections.html with the resource card."""

from django.utils.translation import gettext_lazy as _

from citiesofmigration.i18n import current_language
from citiesofmigration.related import Section


def resource_sections(resources):
    """One section of the published ``resources`` (a related manager or QuerySet), one
    language version per work (the reader's language where there is one), newest first;
    none when there is nothing to show."""
    language = current_language()
    items = list(resources.published().one_per_work(language).for_cards().newest_first())
    if not items:
        return []
    return [
        Section(
            title=_("From the E-Library"),
            items=items,
            item_template="elibrary/_card.html",
            item_name="resource",
        )
    ]
