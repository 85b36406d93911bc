"""Every e-mail the portal sends, as plain text with an HTML alternative (issue 10).

An e-mail is a pair of templates side by side, ``<name>.txt`` and ``<name>.html``, rendered
from ONE context, so both say the same thing and carry the same links. The HTML one extends
``email/base.html`` (the portal's look, a heading, ``lang``, inline CSS). Sending stays with
``mail.queue_email`` (queued in the caller's transaction, sent by the worker).
"""

import re

from django.template.loader import render_to_string

from citiesofmigration.mail import queue_email


def render_email(template: str, context: dict) -> tuple[str, str]:
    """``(text, html)`` for ``template`` (a path without extension, e.g.
    ``"events/email/confirmed"``). Runs of blank lines left by template tags in the text
    version are folded into one."""
    text = render_to_string(f"{template}.txt", context)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    html = render_to_string(f"{template}.html", context)
    return text, html


def queue_templated_email(*, template: str, context: dict, subject: str, to, **options):
    """Render both versions and queue them; ``options`` go to ``mail.queue_email``
    (``attachments``, ``headers``)."""
    text, html = render_email(template, context)
    return queue_email(subject=subject, body=text, html=html, to=to, **options)
