"""What a post page shows under "Related": the seam where related content from other apps
is added. Each entry is a citiesofmigration.related.Section, rendered by
includes/sections.html with the other app's own card template."""

from django.utils.translation import gettext_lazy as _

from citiesofmigration.related import Section


def related_content(post):
    """Sections of published content an editor linked to this post. To relate another
    kind of content, add a many-to-many field on Post and one Section here with that
    app's card template."""
    sections = [
        Section(
            title=_("Related Good Ideas"),
            items=list(post.related_ideas.published().for_cards()),
            item_template="goodideas/_card.html",
            item_name="idea",
        ),
        Section(
            title=_("From the E-Library"),
            items=list(post.related_resources.published().for_cards()),
            item_template="elibrary/_card.html",
            item_name="resource",
        ),
        Section(
            title=_("Learning Exchange events"),
            items=list(post.related_events.published().for_cards()),
            item_template="events/_card.html",
            item_name="event",
        ),
    ]
    return [section for section in sections if section.items]


def post_sections(posts):
    """The published ``posts`` (a related manager or QuerySet) that reference an idea, a
    resource or an event, newest first, for that item's page: the relation is entered
    once, on the post, and shown on both pages. None when there is nothing to show."""
    items = list(posts.published().for_cards().newest_first())
    if not items:
        return []
    return [
        Section(
            title=_("In Conversations on Integration"),
            items=items,
            item_template="blog/_card.html",
            item_name="post",
        )
    ]
