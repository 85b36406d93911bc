"""Readers' comments: held for moderation, shown once approved, plain text, e-mail never
shown; bots are kept out by a honeypot, a signed timestamp and a rate limit."""

import re

import pytest
from django.core import mail
from django.test import Client

from blog.models import Comment, CommentStatus
from tests.blog.conftest import form_token
from tests.factories import PostCommentFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(themes):
    return PostFactory(title="Immigrant friendly, or immigrant competent?")


def comment_url(post):
    return f"{post.get_absolute_url()}comments/"


def send(client, post, *, seconds_ago=60, **fields):
    data = {
        "name": "Ana Reader",
        "email": "ana.reader@example.org",
        "body": "Our library runs conversation circles; they work.",
        "started": form_token(post, seconds_ago=seconds_ago),
        "website": "",
    }
    data.update(fields)
    return client.post(comment_url(post), data, follow=True)


def page(client, post):
    return client.get(post.get_absolute_url()).content.decode()


def test_a_comment_is_invisible_until_an_editor_approves_it(client, post, editor_client):
    response = send(client, post)
    assert response.redirect_chain[-1][0] == f"{post.get_absolute_url()}#comment-sent"
    assert "Your comment will appear once an editor has read and approved it" in (
        response.content.decode()
    )
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert "conversation circles" not in page(Client(), post)

    editor_client.post(
        "/admin/blog/comment/",
        {"action": "approve_selected", "_selected_action": [comment.pk]},
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED and comment.moderated_at
    html = page(Client(), post)
    assert "conversation circles" in html
    assert "Ana Reader" in html


def test_the_e_mail_address_is_never_shown(client, post):
    PostCommentFactory(post=post, approved=True, email="private.person@example.org")
    html = page(client, post)
    assert "private.person" not in html
    assert "example.org" not in html


def test_comments_marked_as_spam_stay_hidden(client, post):
    PostCommentFactory(post=post, spam=True, body="Buy cheap watches")
    PostCommentFactory(post=post, approved=True, body="A useful answer")
    html = page(client, post)
    assert "A useful answer" in html and "cheap watches" not in html


def test_markup_in_a_comment_is_shown_as_text(client, post):
    PostCommentFactory(
        post=post,
        approved=True,
        name="<b>Bold</b>",
        body='<script>alert("x")</script>\n<a href="https://spam.example">click</a>',
    )
    html = page(client, post)
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'href="https://spam.example"' not in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html


def test_a_comment_with_a_script_tag_is_stored_as_typed_and_escaped_when_shown(client, post):
    send(client, post, body="<script>alert(1)</script> I agree")
    Comment.objects.update(status=CommentStatus.APPROVED)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; I agree" in page(client, post)


@pytest.mark.parametrize("name", ["Ana\r\nBcc: victim@example.org", "Ana\nReader", "Ana\rReader"])
def test_a_name_with_a_line_break_is_refused_with_a_message(client, post, name):
    response = send(client, post, name=name)
    assert response.status_code == 200
    assert "Please keep your name on one line." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_huge_comment_is_refused_with_a_message_and_kept_for_editing(client, post):
    response = send(client, post, body="word " * 1000)
    html = response.content.decode()
    assert "Ensure this value has at most 3000 characters" in html
    assert "Your comment was not sent" in html
    assert not Comment.objects.exists()


def test_missing_fields_are_named_in_the_message(client, post):
    html = send(client, post, name="  ", email="not-an-address", body="").content.decode()
    assert "Please give a name." in html
    assert "Enter a valid email address." in html
    assert "This field is required." in html
    assert not Comment.objects.exists()


def test_a_form_sent_within_seconds_of_loading_is_refused(client, post):
    html = send(client, post, seconds_ago=1).content.decode()
    assert "That was sent faster than anyone can write" in html
    assert not Comment.objects.exists()


def test_a_form_left_open_for_hours_is_refused_and_the_text_is_kept(client, post):
    html = send(client, post, seconds_ago=3 * 3600, body="My long reply").content.decode()
    assert "This form was open for more than two hours" in html
    assert "My long reply" in html
    assert not Comment.objects.exists()


def test_a_tampered_or_missing_timestamp_is_refused(client, post, themes):
    other = PostFactory()
    token = form_token(post)
    for started in [token[:-2] + "xx", "", "123", form_token(other)]:
        html = send(client, post, started=started).content.decode()
        assert "We could not check this form" in html, started
    assert not Comment.objects.exists()


def test_the_form_carries_a_fresh_signed_timestamp_and_a_hidden_honeypot(client, post):
    html = page(client, post)
    token = re.search(r'<input type="hidden" name="started" value="([^"]+)">', html)[1]
    assert token.startswith(f"{post.pk}:")
    assert re.search(r'<div class="honeypot" aria-hidden="true">', html)


def test_a_filled_honeypot_looks_like_success_but_stores_nothing(client, post):
    response = send(client, post, website="http://spam.example")
    assert response.redirect_chain[-1][0] == f"{post.get_absolute_url()}#comment-sent"
    assert "Your comment will appear once an editor" in response.content.decode()
    assert not Comment.objects.exists()


THANKS = re.compile(r'<p class="message comment-sent" id="comment-sent" tabindex="-1"[^>]*>')


def test_the_thank_you_is_where_the_form_was_named_by_the_redirect_and_shown_once(client, post):
    """The redirect's fragment names the message, which sits with the comment form (not
    at the top of the page, off screen) and can take focus; reloading shows it no more."""
    html = send(client, post).content.decode()
    assert len(THANKS.findall(html)) == 1
    thanks_at = THANKS.search(html).start()
    assert html.index('id="comments"') < thanks_at < html.index('id="comment-form"')
    assert 'class="messages"' not in html  # not repeated at the top of the page
    assert not THANKS.search(page(client, post))


def test_a_link_to_the_thank_you_anchor_thanks_nobody_who_did_not_comment(client, post):
    other = PostFactory(title="Another conversation")
    data = {"name": "Ana", "email": "ana@example.org", "body": "Hello", "website": ""}
    response = client.post(comment_url(post), {**data, "started": form_token(post, seconds_ago=60)})
    assert response.status_code == 302
    # The thank-you belongs to the post commented on, and to the person who commented.
    assert not THANKS.search(page(Client(), post))
    assert not THANKS.search(page(client, other))


def test_a_client_that_sends_too_many_comments_is_slowed_down(client, post):
    for n in range(5):
        send(client, post, body=f"Comment {n}")
    response = send(client, post, body="One too many")
    assert response.status_code == 429
    assert "several comments in the last hour" in response.content.decode()
    assert Comment.objects.count() == 5
    # Another client is not affected.
    other = send(Client(REMOTE_ADDR="203.0.113.9"), post, body="From elsewhere")
    assert other.status_code == 200 and Comment.objects.count() == 6


def test_comments_notify_nobody(client, post):
    send(client, post)
    assert mail.outbox == []


def test_drafts_and_posts_closed_for_comments_take_no_comments(client, themes):
    draft = PostFactory(draft=True)
    closed = PostFactory(comments_open=False)
    assert send(client, draft).status_code == 404
    assert send(client, closed).status_code == 404
    assert "Comments are closed for this post." in page(client, closed)
    assert not Comment.objects.exists()


def test_reading_the_comments_form_needs_a_post_request(client, post):
    assert client.get(comment_url(post)).status_code == 405


def test_the_moderation_queue_lists_comments_waiting_for_moderation_first(editor_client, post):
    PostCommentFactory(post=post, approved=True, body="Approved earlier")
    PostCommentFactory(post=post, body="Waiting one")
    PostCommentFactory(post=post, spam=True, body="Spam earlier")
    html = editor_client.get("/admin/blog/comment/").content.decode()
    assert html.index("Waiting one") < html.index("Approved earlier")
    assert html.index("Waiting one") < html.index("Spam earlier")


def test_editors_mark_comments_as_spam(editor_client, post):
    comments = [PostCommentFactory(post=post), PostCommentFactory(post=post, approved=True)]
    response = editor_client.post(
        "/admin/blog/comment/",
        {"action": "mark_selected_as_spam", "_selected_action": [c.pk for c in comments]},
        follow=True,
    )
    assert "2 comments marked as spam." in response.content.decode()
    assert set(Comment.objects.values_list("status", flat=True)) == {CommentStatus.SPAM}
    assert "A synthetic comment" not in page(Client(), post)


def test_editors_see_the_e_mail_in_the_admin_but_cannot_rewrite_the_comment(editor_client, post):
    comment = PostCommentFactory(post=post, email="ask.me@example.org", body="Original words")
    url = f"/admin/blog/comment/{comment.pk}/change/"
    assert "ask.me@example.org" in editor_client.get(url).content.decode()
    editor_client.post(url, {"status": "approved", "body": "Rewritten"})
    comment.refresh_from_db()
    assert comment.body == "Original words"
    assert comment.status == CommentStatus.APPROVED


def test_staff_who_are_not_editors_cannot_moderate(staff_client, post):
    assert staff_client.get("/admin/blog/comment/").status_code == 403
