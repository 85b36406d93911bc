from datetime import timedelta

from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from blog.related import post_sections
from citiesofmigration import throttle
from citiesofmigration.emails import in_language
from citiesofmigration.facets import paginate
from citiesofmigration.i18n import current_language, own_address
from citiesofmigration.models import City
from events import calendar, links, services, when
from events.filters import ArchiveFilterSet, EventFilterSet
from events.forms import RegistrationForm
from events.models import Event, EventPerson, RegistrationState

REGISTRATIONS_PER_HOUR = 10
MANAGE_ACTIONS_PER_HOUR = 20
# A subscribed calendar keeps events for a while after they end.
FEED_KEEPS_PAST_DAYS = 30


def base_url(request) -> str:
    return request.build_absolute_uri("/")


@require_safe
def event_list(request):
    filterset = EventFilterSet(request.GET, queryset=Event.objects.published().upcoming())
    page = paginate(request, filterset.qs.for_cards())
    return render(request, "events/list.html", {"filterset": filterset, "page": page})


@require_safe
def archive(request):
    past = Event.objects.published().past().not_cancelled()
    filterset = ArchiveFilterSet(request.GET, queryset=past)
    page = paginate(request, filterset.qs.for_cards())
    return render(request, "events/archive.html", {"filterset": filterset, "page": page})


def _visible_event(request, slug) -> tuple[Event, bool]:
    """The event and whether this is an editor's preview. Drafts never leak."""
    event = get_object_or_404(
        Event.objects.select_related("venue_city__country")
        .prefetch_related(
            Prefetch("cities", queryset=City.objects.with_country()),
            Prefetch(
                "participations",
                queryset=EventPerson.objects.select_related(
                    "person__organisation", "person__city__country"
                ),
            ),
            "hosts",
            "partners",
            "themes",
            "tags",
        )
        .with_slug(slug)
    )
    is_preview = not event.is_public
    if is_preview and not request.user.has_perm("events.view_event"):
        raise Http404
    return event, is_preview


def _detail(request, event, is_preview, *, form=None, status=200):
    state = event.registration_state()
    if form is None and state in (RegistrationState.OPEN, RegistrationState.WAITLIST):
        form = RegistrationForm()
    context = {
        "event": event,
        "is_preview": is_preview,
        "state": state,
        "states": RegistrationState,
        "form": form,
        "when": when.describe(event),
        "elsewhere": when.in_major_zones(event),
        "speakers": [p for p in event.participations.all() if p.role == "speaker"],
        "moderators": [p for p in event.participations.all() if p.role == "moderator"],
        "related_ideas": event.related_ideas.published().for_cards(),
        "related_resources": event.related_resources.published().select_related("publisher"),
        # Entered once, on the post, and shown here too.
        "relations": post_sections(event.blog_posts),
        "event_json_ld": event.json_ld(request.build_absolute_uri(event.get_absolute_url())),
        "anonymise_after_days": services.anonymise_after_days(),
    }
    response = render(request, "events/detail.html", context, status=status)
    if is_preview:
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def event_detail(request, slug):
    event, is_preview = _visible_event(request, slug)
    if redirect_response := own_address(request, event, slug):
        return redirect_response
    return _detail(request, event, is_preview)


@require_POST
def register(request, slug):
    """The answer is the same whether or not the address was already registered (and for
    a bot): "check your inbox". What happened, confirmed seat, waitlist or an existing
    registration, is told to the owner of the address by e-mail, with the manage link;
    a person who merely typed an address learns nothing about anyone's registration."""
    event, is_preview = _visible_event(request, slug)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return _detail(request, event, is_preview, form=form)
    if form.is_spam:
        return redirect("events:registration_sent", slug=event.slug)  # store and send nothing
    if not throttle.allow(
        request, "events.register", limit=REGISTRATIONS_PER_HOUR, window=timedelta(hours=1)
    ):
        form.add_error(
            None, _("Too many registrations from here in the last hour. Please try later.")
        )
        return _detail(request, event, is_preview, form=form, status=429)
    data = {
        key: value for key, value in form.cleaned_data.items() if key not in ("consent", "homepage")
    }
    try:
        services.register_or_remind(
            event=event, base_url=base_url(request), language=current_language(), **data
        )
    except services.RegistrationRefused as refusal:
        # About the event (not open yet, closed, cancelled, past), never about the address.
        messages.error(request, refusal.message)
        return _detail(request, event, is_preview, form=None, status=409)
    return redirect("events:registration_sent", slug=event.slug)


@require_safe
def registration_sent(request, slug):
    """Where every registration lands: the same page for a new registration, a repeated
    one and a bot."""
    event, _is_preview = _visible_event(request, slug)
    # The times and the PUBLIC calendar file: this page knows nobody's registration, so
    # the join link travels only in the e-mail and the manage page's personal file.
    context = {
        "event": event,
        "when": when.describe(event),
        "elsewhere": when.in_major_zones(event),
    }
    return render(request, "events/registration_sent.html", context)


@require_safe
def event_ics(request, slug):
    event, is_preview = _visible_event(request, slug)
    if is_preview:
        raise Http404
    content = calendar.calendar(
        [event],
        url_for=lambda item: request.build_absolute_uri(item.get_absolute_url()),
        domain=request.get_host().split(":")[0],
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug[:80]}.ics"'
    return response


@require_safe
def calendar_feed(request):
    """Upcoming events for calendar apps to subscribe to (webcal)."""
    since = timezone.now() - timedelta(days=FEED_KEEPS_PAST_DAYS)
    events = Event.objects.published().filter(end__gte=since).select_related("venue_city__country")
    content = calendar.calendar(
        events.order_by("start", "pk")[:500],
        url_for=lambda item: request.build_absolute_uri(item.get_absolute_url()),
        name=_("Cities of Migration — Learning Exchange"),
        domain=request.get_host().split(":")[0],
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="learning-exchange.ics"'
    return response


ARCHIVE_FILES = {
    # kind -> (field, content types by extension)
    "slides": (
        "slides",
        {
            "pdf": "application/pdf",
            "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "ppt": "application/vnd.ms-powerpoint",
            "odp": "application/vnd.oasis.opendocument.presentation",
        },
    ),
    "captions": (
        "captions",
        {"vtt": "text/vtt; charset=utf-8", "srt": "text/plain; charset=utf-8"},
    ),
}


@require_safe
def archive_file(request, slug, kind):
    """Slides or captions, served only while the event is public (editors: previews)."""
    event, _is_preview = _visible_event(request, slug)
    field_name, content_types = ARCHIVE_FILES[kind]
    stored = getattr(event, field_name)
    extension = stored.name.rsplit(".", 1)[-1].lower() if stored else ""
    if not stored or extension not in content_types:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=kind == "slides",
        filename=f"{event.slug[:80]}-{kind}.{extension}",
        content_type=content_types[extension],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# -- managing one's registration (the signed link from the e-mails) -----------------------


def _registration_or_error_page(request, token):
    try:
        return links.registration_from_token(token), None
    except links.ManageLinkExpired:
        return None, render(request, "events/manage_invalid.html", {"expired": True}, status=410)
    except links.ManageLinkError:
        return None, render(request, "events/manage_invalid.html", {"expired": False}, status=404)


def _private(response):
    # The page shows one person's details: never cached, never indexed.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_safe
def manage(request, token):
    """Shows the registration. Following the link changes nothing (mail scanners follow
    links); cancelling takes the POST of the button on this page."""
    registration, error_page = _registration_or_error_page(request, token)
    if error_page:
        return _private(error_page)
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "token": token,
        "when": when.describe(event),
        "elsewhere": when.in_major_zones(event),
        "can_cancel": registration.is_active and not event.is_past(),
        # A personal calendar file while the registration holds a seat or a waitlist place.
        "offers_calendar": registration.is_active and not event.is_cancelled,
    }
    return _private(render(request, "events/manage.html", context))


@never_cache
@require_safe
def manage_ics(request, token):
    """The registrant's own calendar file, from the signed manage link: with the join
    link for a confirmed seat only (``calendar.registrant_join_url``), in the registrant's
    language like the one attached to their e-mails."""
    registration, error_page = _registration_or_error_page(request, token)
    if error_page:
        return _private(error_page)
    with in_language(registration.language):
        content = calendar.for_registrant(
            registration,
            url_for=lambda item: request.build_absolute_uri(item.get_absolute_url()),
            domain=request.get_host().split(":")[0],
        )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    slug = registration.event.slug[:80]
    response["Content-Disposition"] = f'attachment; filename="{slug}.ics"'
    return _private(response)


@never_cache
@require_POST
def manage_cancel(request, token):
    registration, error_page = _registration_or_error_page(request, token)
    if error_page:
        return _private(error_page)
    try:
        services.cancel_registration(registration=registration, base_url=base_url(request))
    except services.RegistrationRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request, _("Your registration is cancelled. Thank you for letting us know.")
        )
    return redirect(reverse("events:manage", kwargs={"token": token}))


@never_cache
@require_POST
def manage_resend(request, token):
    registration, error_page = _registration_or_error_page(request, token)
    if error_page:
        return _private(error_page)
    if throttle.allow(
        request, "events.resend", limit=MANAGE_ACTIONS_PER_HOUR, window=timedelta(hours=1)
    ):
        services.resend_registration_email(registration=registration, base_url=base_url(request))
        messages.success(request, _("We have sent the e-mail again."))
    else:
        messages.error(request, _("Please wait a while before asking again."))
    return redirect(reverse("events:manage", kwargs={"token": token}))
