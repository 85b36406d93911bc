from django import template

from events import when

register = template.Library()


@register.filter
def event_when(event):
    """The event's date (and times, when known) in its own time zone."""
    return when.describe(event)
