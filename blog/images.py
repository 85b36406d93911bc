"""Post images: the format is read from the content (Pillow), never trusted from the file
name; the size is capped; the stored name is generated, so an upload never chooses its path."""

import uuid
import warnings

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image

# Pillow format -> the extension the stored file gets.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MAX_IMAGE_BYTES = 5 * 1024 * 1024
# Far beyond any photo a page needs; stops "decompression bombs" early.
MAX_IMAGE_PIXELS = 40_000_000


def image_format(file) -> str | None:
    """The Pillow format name of an image file, or None when it is not a readable image."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                found = image.format
                width, height = image.size
                image.verify()  # reads the whole file: truncated or forged data fails here
    except Exception:  # Pillow raises many types for bad data; all mean "not an image"
        return None
    finally:
        file.seek(0)
    if width * height > MAX_IMAGE_PIXELS:
        return None
    return found


def validate_post_image(value) -> None:
    """Model-field validator: a new upload must be a JPEG, PNG, WebP or GIF under the size
    limit. Files stored earlier are not read again."""
    if not value or getattr(value, "_committed", True):
        return
    if value.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("This image is %(size)s; the limit is %(limit)s. Please upload a smaller image.")
            % {"size": filesizeformat(value.size), "limit": filesizeformat(MAX_IMAGE_BYTES)},
            code="too_large",
        )
    if image_format(value) not in ALLOWED_FORMATS:
        raise ValidationError(
            _("This file is not an image we can use. Please upload a JPEG, PNG, WebP or GIF."),
            code="not_an_image",
        )


def post_image_path(instance, filename: str) -> str:
    """A generated name under conversations/, with the extension of the real format."""
    extension = ALLOWED_FORMATS.get(image_format(instance.image) or "", "img")
    return f"conversations/{uuid.uuid4().hex}.{extension}"
