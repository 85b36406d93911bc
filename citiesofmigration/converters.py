"""Path converters for values that reach the database or a signature check.

Django's ``str`` converter accepts anything but "/", including NUL, which PostgreSQL
refuses with an error (a 500). The ``token`` converter refuses control characters (NUL
and the rest of Unicode category C): such an address answers 404 from the resolver, before
a view or the database sees it. Anything else that is no token of ours (mistyped, cut,
overlong) still reaches the view, which shows its own "this link does not work" page (also
a 404) and checks the length itself. Importing this module registers the converter
(once: Django refuses a second registration of one name)."""

import unicodedata

from django.urls import register_converter


class TokenConverter:
    """``<token:token>``: a secret from an e-mailed link (``secrets.token_urlsafe`` or
    ``django.core.signing``)."""

    regex = r"[^/]+"

    def to_python(self, value: str) -> str:
        if any(unicodedata.category(char)[0] == "C" for char in value):
            raise ValueError("control characters are no part of a link")  # -> 404
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")
