from datetime import timedelta

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from taggit.models import Tag

from blog import services
from blog.filters import PostFilterSet
from blog.forms import CommentForm, NewsletterForm, comment_form_token
from blog.models import Post, Subscriber
from blog.related import related_content
from citiesofmigration import throttle
from citiesofmigration.facets import paginate
from citiesofmigration.i18n import current_language, own_address
from citiesofmigration.models import City, Theme

COMMENTS_PER_HOUR = 5
SIGNUPS_PER_HOUR = 5


@require_safe
def post_list(request):
    filterset = PostFilterSet(request.GET, queryset=Post.objects.published())
    page = paginate(request, filterset.qs.for_cards())
    context = {"filterset": filterset, "page": page, **_feeds_for_filters(filterset)}
    return render(request, "blog/list.html", context)


def _feeds_for_filters(filterset):
    """When the list shows one tag or one theme, offer that tag's or theme's feeds."""
    tags, themes = filterset.cleaned.get("tag") or [], filterset.cleaned.get("theme") or []
    published = Post.objects.published()
    tag = (
        Tag.objects.filter(slug=tags[0], pk__in=published.values("tags")).first()
        if len(tags) == 1
        else None
    )
    theme = Theme.objects.filter(slug=themes[0]).first() if len(themes) == 1 else None
    return {"feed_tag": tag, "feed_theme": theme}


def _post_page(request, post, *, comment_form=None, comment_sent=False, status=200):
    is_preview = not post.is_public
    context = {
        "post": post,
        "is_preview": is_preview,
        "comment_sent": comment_sent,
        "related": related_content(post),
        "comments": post.comments.approved(),
        "comment_form": comment_form or CommentForm(post=post),
        "comment_form_token": comment_form_token(post),
        "post_json_ld": post.json_ld(
            request.build_absolute_uri(post.get_absolute_url()),
            request.build_absolute_uri(post.image.url) if post.image else "",
        ),
    }
    if not is_preview:
        published = Post.objects.published()
        context["previous_post"] = published.before(post).newest_first().first()
        context["next_post"] = published.after(post).oldest_first().first()
    response = render(request, "blog/detail.html", context, status=status)
    if is_preview:
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
    return response


def _post_or_404(request, slug):
    post = get_object_or_404(
        Post.objects.with_authors()
        .prefetch_related(
            Prefetch("cities", queryset=City.objects.with_country()), "themes", "tags"
        )
        .with_slug(slug)
    )
    # Drafts and scheduled posts never leak: only editors see them, as a preview.
    if not post.is_public and not request.user.has_perm("blog.view_post"):
        raise Http404
    return post


# The thank-you after a comment is shown where the reader is, in place of the comment
# form's heading, not at the top of the page: the redirect's fragment names it and it takes
# focus. A session flag (not a query string) so that a shared link never says "thank you".
COMMENT_SENT_KEY = "blog.comment_sent"
COMMENT_SENT_ANCHOR = "comment-sent"


def _comment_sent(request, post):
    request.session[COMMENT_SENT_KEY] = post.pk
    return redirect(f"{post.get_absolute_url()}#{COMMENT_SENT_ANCHOR}")


@require_safe
def post_detail(request, slug):
    post = _post_or_404(request, slug)
    if redirect_response := own_address(request, post, slug):
        return redirect_response
    comment_sent = request.session.pop(COMMENT_SENT_KEY, None) == post.pk
    return _post_page(request, post, comment_sent=comment_sent)


@require_POST
def post_comment(request, slug):
    post = _post_or_404(request, slug)
    if not post.is_public or not post.comments_open:
        raise Http404
    form = CommentForm(request.POST, post=post)
    if not form.is_valid():
        return _post_page(request, post, comment_form=form)
    if form.is_spam:
        return _comment_sent(request, post)  # look like success to the bot; store nothing
    if not throttle.allow(
        request, "blog.comment", limit=COMMENTS_PER_HOUR, window=timedelta(hours=1)
    ):
        messages.error(
            request, _("You have sent several comments in the last hour. Please try again later.")
        )
        return _post_page(request, post, comment_form=form, status=429)
    services.submit_comment(
        post=post,
        name=form.cleaned_data["name"],
        email=form.cleaned_data["email"],
        body=form.cleaned_data["body"],
        language=current_language(),
    )
    return _comment_sent(request, post)


# -- Newsletter -----------------------------------------------------------------------


def _newsletter_page(request, template, context=None, status=200):
    # These pages are about the newsletter: the footer's sign-up form would repeat them.
    context = {"newsletter_page": True, **(context or {})}
    return render(request, f"blog/newsletter/{template}", context, status=status)


# The sign-up form is in the footer of every page. Requiring a CSRF token there would set a
# cookie on every page for every visitor; a forged sign-up gains an attacker nothing they
# could not do from their own browser, and double opt-in means nobody is subscribed without
# clicking a link sent to their own inbox (repeat e-mails to one address are held back by
# Subscriber.may_resend_confirmation and the per-client rate limit).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def newsletter(request):
    form = NewsletterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            return redirect("blog:newsletter_sent")
        if not throttle.allow(
            request, "blog.newsletter", limit=SIGNUPS_PER_HOUR, window=timedelta(hours=1)
        ):
            messages.error(
                request, _("There were several sign-ups from here recently. Please try later.")
            )
            return _newsletter_page(request, "signup.html", {"form": form}, status=429)
        services.request_subscription(
            email=form.cleaned_data["email"],
            absolute_url=request.build_absolute_uri,
            language=current_language(),
        )
        return redirect("blog:newsletter_sent")
    return _newsletter_page(request, "signup.html", {"form": form})


@require_safe
def newsletter_sent(request):
    """The same neutral answer for every address, subscribed or not."""
    return _newsletter_page(request, "check_inbox.html")


def _link_problem(request, *, expired=False):
    return _newsletter_page(
        request, "link_problem.html", {"expired": expired}, status=410 if expired else 404
    )


@never_cache
@require_http_methods(["GET", "POST"])
def newsletter_confirm(request, token):
    """GET shows a button; only its POST confirms, so a mail scanner that follows the
    link confirms nothing."""
    if request.method == "POST":
        try:
            services.confirm_subscription(token=token)
        except services.ExpiredLink:
            return _link_problem(request, expired=True)
        except services.InvalidLink:
            return _link_problem(request)
        return redirect("blog:newsletter_confirmed")
    subscriber = Subscriber.objects.with_confirmation_token(token).first()
    if subscriber is None:
        return _link_problem(request)
    if subscriber.confirmation_has_expired:
        return _link_problem(request, expired=True)
    response = _newsletter_page(request, "confirm.html", {"token": token})
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def newsletter_confirmed(request):
    return _newsletter_page(request, "confirmed.html")


# RFC 8058: mail programs POST "List-Unsubscribe=One-Click" to this address without a
# session or CSRF token. The secret in the address is the only credential needed, and all
# it can do is stop e-mails to its owner.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request, token):
    if request.method == "POST":
        if services.unsubscribe(token=token) is None:
            return _link_problem(request)
        return _newsletter_page(request, "unsubscribed.html")
    if not Subscriber.objects.filter(unsubscribe_token=token).exists():
        return _link_problem(request)
    response = _newsletter_page(
        request,
        "unsubscribe.html",
        {"action": reverse("blog:newsletter_unsubscribe", kwargs={"token": token})},
    )
    response["X-Robots-Tag"] = "noindex"
    return response
