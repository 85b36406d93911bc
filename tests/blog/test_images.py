"""A post's image, added by editors in the admin: checked by its content, limited in size,
stored under a generated name, and never without a description for people who cannot
see it."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from PIL import Image

from blog.models import Post
from tests.factories import PostFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/blog/post/add/"


def png_bytes(size=(8, 6)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def admin_form(**fields):
    """What the admin's "add post" form sends, with one author row."""
    data = {
        "title_en": "A post with a picture",
        "slug_en": "a-post-with-a-picture",
        "kind": "news",
        "summary_en": "Summary.",
        "body_en": "<p>Body.</p>",
        "status": "draft",
        "tags": "",
        "comments_open": "on",
        "authorships-TOTAL_FORMS": "0",
        "authorships-INITIAL_FORMS": "0",
        "authorships-MIN_NUM_FORMS": "0",
        "authorships-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def errors_in(response):
    return " ".join(
        re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    )


def test_an_image_with_a_description_is_stored_under_a_generated_name(editor_client, media):
    upload = SimpleUploadedFile("../../holiday photo.php.jpg", png_bytes(), "image/jpeg")
    response = editor_client.post(
        ADD, admin_form(image=upload, image_alt_en="A market square with a welcome banner")
    )
    assert response.status_code == 302, errors_in(response)
    post = Post.objects.get(slug="a-post-with-a-picture")
    # The name is generated and the extension is the real format's, whatever the upload said.
    assert re.fullmatch(r"conversations/[0-9a-f]{32}\.png", post.image.name)
    assert (media / post.image.name).read_bytes() == png_bytes()


def test_an_image_without_a_description_is_refused(editor_client, media):
    upload = SimpleUploadedFile("photo.png", png_bytes(), "image/png")
    response = editor_client.post(ADD, admin_form(image=upload, image_alt_en=" "))
    assert response.status_code == 200
    assert "Describe the image for people who cannot see it." in errors_in(response)
    assert not Post.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(editor_client, media):
    upload = SimpleUploadedFile("photo.png", b"<?php echo 'hello'; ?>", "image/png")
    response = editor_client.post(ADD, admin_form(image=upload, image_alt_en="A photo"))
    assert response.status_code == 200
    assert "Upload a valid image." in errors_in(response)
    assert not Post.objects.exists()


def test_an_image_in_a_format_pages_cannot_show_is_refused(editor_client, media):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6)).save(buffer, format="TIFF")
    upload = SimpleUploadedFile("photo.tiff", buffer.getvalue(), "image/tiff")
    response = editor_client.post(ADD, admin_form(image=upload, image_alt_en="A photo"))
    assert response.status_code == 200
    assert "Please upload a JPEG, PNG, WebP or GIF." in errors_in(response)
    assert not Post.objects.exists()


def test_a_truncated_image_is_refused(editor_client, media):
    upload = SimpleUploadedFile("photo.png", png_bytes((64, 64))[:60], "image/png")
    response = editor_client.post(ADD, admin_form(image=upload, image_alt_en="A photo"))
    assert response.status_code == 200
    assert not Post.objects.exists()


def test_an_image_over_the_size_limit_is_refused_with_the_limit_named(editor_client, media):
    big = png_bytes() + b"\0" * (5 * 1024 * 1024)  # a valid PNG with padding after its end
    upload = SimpleUploadedFile("photo.png", big, "image/png")
    response = editor_client.post(ADD, admin_form(image=upload, image_alt_en="A photo"))
    assert response.status_code == 200
    assert "the limit is 5.0\xa0MB" in errors_in(response)
    assert not Post.objects.exists()


def test_the_database_refuses_an_image_without_a_description(themes):
    post = PostFactory()
    with pytest.raises(IntegrityError):
        Post.objects.filter(pk=post.pk).update(image="conversations/x.png", image_alt="")


def test_slugs_that_would_hide_other_pages_are_refused(editor_client):
    response = editor_client.post(ADD, admin_form(slug_en="feed"))
    assert response.status_code == 200
    assert "is used by another page" in errors_in(response)
