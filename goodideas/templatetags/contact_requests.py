from django import template
from django.conf import settings

from goodideas.contact import takes_contact_requests
from goodideas.forms import ContactRequestForm

register = template.Library()


@register.simple_tag
def contact_request_form(idea):
    """An empty form to write to the idea's private contact, or None when the idea takes
    no requests (its contact is public or unknown, or it is a draft seen in preview)."""
    return ContactRequestForm() if takes_contact_requests(idea) else None


@register.simple_tag
def contact_requests_keep_days():
    """How many days a request is kept, for the privacy notice next to the form."""
    return settings.CONTACT_REQUESTS_KEEP_DAYS
