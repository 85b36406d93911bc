"""Every e-mail the portal sends, as plain text with an HTML alternative (issue 10), in
the language of the person it goes to (issue 11).

An e-mail is a pair of templates side by side, ``<name>.txt`` and ``<name>.html``, rendered
from ONE context, so both say the same thing and carry the same links. The HTML one extends
``email/base.html`` (the portal's look, a heading, ``lang``, inline CSS). Sending stays with
``mail.queue_email`` (queued in the caller's transaction, sent by the worker).

Language. Each person's language is stored with what they sent (``i18n.language_field``).
The e-mail is written in it: callers build the context under ``in_language(language)``
(links reversed there point to that language's pages: ``/fr/…``; dates and times follow
its formats) and pass ``language`` here, which renders the subject and both bodies in it.
The worker only sends what was rendered, so nothing depends on its own language.
"""

import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from citiesofmigration.mail import queue_email

# E-mails to the editors: in the site's language, whatever page the visitor was on.
EDITORS_LANGUAGE = settings.LANGUAGE_CODE


def in_language(language: str | None):
    """A context manager: everything inside speaks ``language`` (the default language
    when it is empty)."""
    return translation.override(language or settings.LANGUAGE_CODE)


def render_email(template: str, context: dict) -> tuple[str, str]:
    """``(text, html)`` for ``template`` (a path without extension, e.g.
    ``"events/email/confirmed"``). Runs of blank lines left by template tags in the text
    version are folded into one."""
    text = render_to_string(f"{template}.txt", context)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    html = render_to_string(f"{template}.html", context)
    return text, html


def queue_templated_email(
    *, template: str, context: dict, subject, to, language: str | None = None, **options
):
    """Render both versions and queue them; ``options`` go to ``mail.queue_email``
    (``attachments``, ``headers``). ``language``: the recipient's; the subject (a lazy
    translation may be given) and both bodies are rendered in it, and the message says
    so in its ``Content-Language`` header. Without it, the active language is used."""
    with in_language(language or translation.get_language()):
        text, html = render_email(template, context)
        subject = str(subject)
        current = translation.get_language()
    headers = {"Content-Language": current, **(options.pop("headers", None) or {})}
    return queue_email(subject=subject, body=text, html=html, to=to, headers=headers, **options)
