"""E-mail backends for the tests."""

from django.core.mail.backends.base import BaseEmailBackend


class UnreachableSMTPBackend(BaseEmailBackend):
    """Behaves like an SMTP server that cannot be reached."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("[Errno 111] Connection refused (SMTP is down in this test)")
