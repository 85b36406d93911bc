from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from blog.related import post_sections
from citiesofmigration import throttle
from citiesofmigration.facets import paginate
from citiesofmigration.i18n import current_language, own_address
from citiesofmigration.models import City
from elibrary.related import resource_sections
from events.related import event_sections
from goodideas import contact
from goodideas.filters import GoodIdeaFilterSet
from goodideas.forms import ContactReplyForm, ContactRequestForm, SubmitGoodIdeaForm
from goodideas.models import Adaptation, GoodIdea
from goodideas.services import submit_idea

SUBMISSIONS_PER_HOUR = 3


@require_safe
def idea_list(request):
    filterset = GoodIdeaFilterSet(request.GET, queryset=GoodIdea.objects.published())
    page = paginate(request, filterset.qs.for_cards().prefetch_related("tags"))
    return render(request, "goodideas/list.html", {"filterset": filterset, "page": page})


@require_safe
def idea_detail(request, slug):
    idea = get_object_or_404(
        GoodIdea.objects.select_related("primary_theme", "lead_organisation")
        .prefetch_related(
            Prefetch("cities", queryset=City.objects.with_country()), "partners", "tags", "themes"
        )
        .with_slug(slug)
    )
    # Drafts never leak: only editors who may view ideas see an unpublished one (a preview).
    is_preview = not idea.is_public
    if is_preview and not request.user.has_perm("goodideas.view_goodidea"):
        raise Http404
    if redirect_response := own_address(request, idea, slug):
        return redirect_response
    # The idea's own address, without whatever query string a shared link carried.
    canonical_url = request.build_absolute_uri(idea.get_absolute_url())
    context = {
        "idea": idea,
        "is_preview": is_preview,
        "related_ideas": idea.related_ideas.published().for_cards(),
        "adaptations": Adaptation.objects.filter(idea=idea).select_related(
            "city__country", "adapted_idea"
        ),
        "collections": idea.collections.all(),
        # What refers to this idea from the other sections (each relation is entered once,
        # on the event, resource or post): a fixed number of queries however many.
        "relations": [
            *event_sections(idea.events),
            *resource_sections(idea.resources),
            *post_sections(idea.blog_posts),
        ],
        "canonical_url": canonical_url,
        "idea_json_ld": idea.json_ld(canonical_url),
    }
    response = render(request, "goodideas/detail.html", context)
    if is_preview:
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def submit(request):
    form = SubmitGoodIdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            # Look like success to the bot; store nothing.
            return redirect("goodideas:submitted")
        if not throttle.allow(
            request, "goodideas.submit", limit=SUBMISSIONS_PER_HOUR, window=timedelta(hours=1)
        ):
            messages.error(
                request,
                _("You have sent several ideas in the last hour. Please try again later."),
            )
            return render(request, "goodideas/submit.html", {"form": form}, status=429)
        submit_idea(
            data=form.cleaned_data,
            site_url=request.build_absolute_uri("/"),
            language=current_language(),
        )
        return redirect("goodideas:submitted")
    return render(request, "goodideas/submit.html", {"form": form})


@require_safe
def submitted(request):
    return render(request, "goodideas/submitted.html")


# -- the private-contact relay (see goodideas/contact.py) -------------------------------

CONTACT_REQUESTS_PER_HOUR = 3


def idea_taking_contact_requests(slug):
    idea = get_object_or_404(GoodIdea.objects.with_slug(slug))
    if not contact.takes_contact_requests(idea):
        raise Http404
    return idea


def contact_context(idea, form):
    return {"idea": idea, "form": form, "keep_days": settings.CONTACT_REQUESTS_KEEP_DAYS}


@require_http_methods(["GET", "POST"])
def contact_request(request, slug):
    """The form also sits on the idea's page; this page shows it again with its errors."""
    idea = idea_taking_contact_requests(slug)
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            # Look like success to the bot; store and send nothing.
            return redirect("goodideas:contact_request_sent", slug=idea.slug)
        if not throttle.allow(
            request,
            "goodideas.contact",
            limit=CONTACT_REQUESTS_PER_HOUR,
            window=timedelta(hours=1),
        ):
            messages.error(
                request,
                _("You have sent several messages in the last hour. Please try again later."),
            )
            return render(
                request, "goodideas/contact_request.html", contact_context(idea, form), status=429
            )
        contact.send_contact_request(
            idea=idea,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            message=form.cleaned_data["message"],
            site_url=request.build_absolute_uri("/"),
            language=current_language(),
        )
        return redirect("goodideas:contact_request_sent", slug=idea.slug)
    return render(request, "goodideas/contact_request.html", contact_context(idea, form))


@require_safe
def contact_request_sent(request, slug):
    idea = idea_taking_contact_requests(slug)
    return render(
        request,
        "goodideas/contact_sent.html",
        {"idea": idea, "keep_days": settings.CONTACT_REQUESTS_KEEP_DAYS},
    )


@require_http_methods(["GET", "POST"])
def contact_reply(request, token):
    """The contact's private link: one reply per request, then the page says it was sent."""
    contact_request = contact.find_request(token)
    if contact_request is None:
        raise Http404
    context = {"contact_request": contact_request, "idea": contact_request.idea}
    if contact_request.replied_at:
        return render(request, "goodideas/contact_replied.html", context)
    form = ContactReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # A second click or tab finds it answered: the page below says it was sent.
        with suppress(contact.AlreadyReplied):
            contact.send_reply(
                contact_request=contact_request,
                message=form.cleaned_data["message"],
                site_url=request.build_absolute_uri("/"),
            )
        return redirect("goodideas:contact_reply", token=token)
    response = render(request, "goodideas/contact_reply.html", {**context, "form": form})
    # A private link: not for search engines or shared caches.
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response
