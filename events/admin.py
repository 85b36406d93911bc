import csv
import zoneinfo

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from citiesofmigration.admin_mixins import PublishableAdmin, TranslatedPublishableAdmin
from citiesofmigration.escaping import csv_cell
from events import services
from events.models import Event, EventPerson, Registration, RegistrationStatus

DATETIME_FIELDS = ["start", "end", "registration_opens_at", "registration_closes_at"]

CSV_COLUMNS = [
    ("event", _("event")),
    ("event_start", _("event start (UTC)")),
    ("status", _("status")),
    ("name", _("name")),
    ("email", _("e-mail")),
    ("organisation", _("organisation")),
    ("role", _("role")),
    ("city", _("city")),
    ("country", _("country")),
    ("accessibility_needs", _("accessibility needs")),
    ("registered", _("registered")),
    ("attended", _("attended")),
]


def registrations_csv(registrations, filename="registrations.csv") -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # spreadsheet programs then read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([str(label) for _key, label in CSV_COLUMNS])
    for registration in registrations.select_related("event").order_by(
        "event__start", "event_id", "created_at", "pk"
    ):
        row = {
            "event": registration.event.title,
            "event_start": registration.event.start.astimezone(zoneinfo.ZoneInfo("UTC")).strftime(
                "%Y-%m-%d %H:%M"
            ),
            "status": registration.get_status_display(),
            "name": registration.name,
            "email": registration.email,
            "organisation": registration.organisation,
            "role": registration.role,
            "city": registration.city,
            "country": registration.country,
            "accessibility_needs": registration.accessibility_needs,
            "registered": registration.created_at.strftime("%Y-%m-%d %H:%M"),
            "attended": {True: "yes", False: "no", None: ""}[registration.attended],
        }
        # Names, organisations and needs are typed by the public: a cell must stay text.
        writer.writerow([csv_cell(row[key]) for key, _label in CSV_COLUMNS])
    return response


def base_url(request):
    return request.build_absolute_uri("/")


# -- events ------------------------------------------------------------------------------


def time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class EventAdminForm(forms.ModelForm):
    """Start, end and the registration window are entered in the event's own time zone
    (the admin shows them in it too), whatever the editor's or the server's zone."""

    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        initial="America/Toronto",
        help_text=_("The event's own time zone: enter the start and end in it."),
    )

    class Meta:
        model = Event
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose what is shown

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("time_zone")
        if name:
            zone = zoneinfo.ZoneInfo(name)
            shown_in = timezone.get_current_timezone()
            for field in DATETIME_FIELDS:
                value = cleaned.get(field)
                if value is not None:
                    wall_clock = value.astimezone(shown_in).replace(tzinfo=None)
                    cleaned[field] = wall_clock.replace(tzinfo=zone)
        return cleaned


class EventPersonInline(admin.TabularInline):
    model = EventPerson
    extra = 0
    autocomplete_fields = ["person"]


class CancelEventForm(forms.Form):
    note = forms.CharField(
        label=_("Why it is cancelled (shown on the page and sent to registrants)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@admin.register(Event)
class EventAdmin(TranslatedPublishableAdmin):
    form = EventAdminForm
    list_display = [
        "title",
        "has_french",
        "kind",
        "start_in_own_zone",
        "status",
        "cancelled",
        "capacity",
        "confirmed",
        "waitlisted",
        "cancelled_registrations",
    ]
    list_filter = ["status", "kind", "attendance_mode", "themes", "takes_registrations"]
    search_fields = [
        "title_en",
        "title_fr",
        "summary_en",
        "summary_fr",
        "cities__name",
        "hosts__name",
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "venue_city",
        "cities",
        "hosts",
        "partners",
        "related_ideas",
        "related_resources",
    ]
    filter_horizontal = ["themes"]
    inlines = [EventPersonInline]
    date_hierarchy = "start"
    readonly_fields = ["cancelled_at", "created_at", "updated_at", "registrant_links"]
    actions = [*PublishableAdmin.actions, "cancel_events", "export_registrants"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "description"]}),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "created_at", "updated_at"]},
        ),
        (
            _("When (in the event's own time zone)"),
            {"fields": ["time_zone", "start", "end", "date_precision"]},
        ),
        (
            _("Where"),
            {"fields": ["attendance_mode", "join_url", "venue", "address", "venue_city"]},
        ),
        (
            _("Registration"),
            {
                "fields": [
                    "takes_registrations",
                    "capacity",
                    "registration_opens_at",
                    "registration_closes_at",
                    "registrant_links",
                    "cancelled_at",
                    "cancellation_note",
                ]
            },
        ),
        (
            _("Who and what"),
            {"fields": ["hosts", "partners", "themes", "cities", "tags"]},
        ),
        (_("Related"), {"fields": ["related_ideas", "related_resources"]}),
        (
            _("Archive"),
            {"fields": ["recording_url", "slides", "transcript", "captions", "lessons"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_registration_counts()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Show and read the dates in the event's own time zone.
        zone_name = None
        if object_id:
            zone_name = (
                Event.objects.filter(pk=object_id).values_list("time_zone", flat=True).first()
            )
        if not zone_name:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with timezone.override(zoneinfo.ZoneInfo(zone_name)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()  # while the event's zone is active
            return response

    @admin.display(description=_("start"), ordering="start")
    def start_in_own_zone(self, obj):
        return f"{obj.local_start:%Y-%m-%d %H:%M} {obj.local_start.tzname()}"

    @admin.display(description=_("cancelled"), boolean=True, ordering="cancelled_at")
    def cancelled(self, obj):
        return obj.is_cancelled

    def _registrants_link(self, obj, status, count):
        query = urlencode({"event__id__exact": obj.pk, "status__exact": status})
        url = f"{reverse('admin:events_registration_changelist')}?{query}"
        return format_html('<a href="{}">{}</a>', url, count)

    @admin.display(description=_("confirmed"), ordering="confirmed_count")
    def confirmed(self, obj):
        return self._registrants_link(obj, RegistrationStatus.CONFIRMED, obj.confirmed_count)

    @admin.display(description=_("waitlisted"), ordering="waitlisted_count")
    def waitlisted(self, obj):
        return self._registrants_link(obj, RegistrationStatus.WAITLISTED, obj.waitlisted_count)

    @admin.display(description=_("cancelled registrations"), ordering="cancelled_count")
    def cancelled_registrations(self, obj):
        return self._registrants_link(obj, RegistrationStatus.CANCELLED, obj.cancelled_count)

    @admin.display(description=_("registrants"))
    def registrant_links(self, obj):
        if not obj.pk:
            return "—"
        counts = {
            status: obj.registrations.filter(status=status).count()
            for status in RegistrationStatus.values
        }
        return format_html(
            "{} {} · {} {} · {} {}",
            self._registrants_link(obj, "confirmed", counts["confirmed"]),
            _("confirmed"),
            self._registrants_link(obj, "waitlisted", counts["waitlisted"]),
            _("on the waitlist"),
            self._registrants_link(obj, "cancelled", counts["cancelled"]),
            _("cancelled"),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        event = form.instance
        event.after_relations_saved()
        # Raising the number of seats (or removing the limit) fills them from the waitlist.
        promoted = services.promote_from_waitlist(event=event, base_url=base_url(request))
        if promoted:
            self.message_user(
                request,
                ngettext(
                    "%d person was promoted from the waitlist and told.",
                    "%d people were promoted from the waitlist and told.",
                    len(promoted),
                )
                % len(promoted),
                messages.SUCCESS,
            )

    @admin.action(
        description=_("Cancel selected events and tell their registrants"), permissions=["change"]
    )
    def cancel_events(self, request, queryset):
        form = CancelEventForm(request.POST if "confirm" in request.POST else None)
        if "confirm" in request.POST and form.is_valid():
            told = 0
            for event in queryset:
                told += services.cancel_event(
                    event=event, note=form.cleaned_data["note"], base_url=base_url(request)
                )
            self.message_user(
                request,
                ngettext(
                    "Cancelled; %d registrant is being told.",
                    "Cancelled; %d registrants are being told.",
                    told,
                )
                % told,
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Cancel these events?"),
            "opts": self.model._meta,
            "events": queryset.with_registration_counts(),
            "form": form,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/events/event/cancel_confirmation.html", context)

    @admin.action(
        description=_("Export the registrants of selected events (CSV)"), permissions=["view"]
    )
    def export_registrants(self, request, queryset):
        registrations = Registration.objects.filter(event__in=queryset.values("pk"))
        return registrations_csv(registrations, "registrants.csv")


# -- registrations -----------------------------------------------------------------------


class EventTimingFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Upcoming events")), ("past", _("Past events"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "upcoming":
            return queryset.filter(event__end__gte=now)
        if self.value() == "past":
            return queryset.filter(event__end__lt=now)
        return queryset


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Registrations are made and cancelled through the services (which keep the
    waitlist moving and send the e-mails), so they are not added or deleted here."""

    list_display = [
        "name",
        "email",
        "event",
        "status",
        "organisation",
        "city",
        "created_at",
        "attended",
    ]
    list_filter = [
        "status",
        EventTimingFilter,
        ("event", admin.RelatedOnlyFieldListFilter),
        "event__kind",
        "attended",
    ]
    list_select_related = ["event"]
    search_fields = ["name", "email", "organisation", "city", "event__title_en", "event__title_fr"]
    date_hierarchy = "created_at"
    actions = [
        "promote_selected",
        "cancel_selected",
        "mark_attended",
        "mark_absent",
        "export_csv",
    ]
    change_list_template = "admin/events/registration/change_list.html"
    fields = [
        "event",
        "status",
        "name",
        "email",
        "organisation",
        "role",
        "city",
        "country",
        "accessibility_needs",
        "language",
        "consented_at",
        "created_at",
        "confirmed_at",
        "promoted_at",
        "cancelled_at",
        "attended",
        "day_reminder_sent_at",
        "hour_reminder_sent_at",
        "anonymised_at",
    ]
    readonly_fields = [name for name in fields if name != "attended"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Promote selected from the waitlist"), permissions=["change"])
    def promote_selected(self, request, queryset):
        promoted, refused = 0, []
        for registration in queryset.filter(status=RegistrationStatus.WAITLISTED).order_by(
            "created_at", "pk"
        ):
            try:
                services.promote_registration(registration=registration, base_url=base_url(request))
                promoted += 1
            except services.RegistrationRefused as refusal:
                refused.append(f"{registration.name}: {refusal.message}")
        if promoted:
            self.message_user(
                request,
                ngettext("%d person promoted and told.", "%d people promoted and told.", promoted)
                % promoted,
                messages.SUCCESS,
            )
        for message in refused:
            self.message_user(request, message, messages.WARNING)
        if not promoted and not refused:
            self.message_user(request, _("Nobody selected is on the waitlist."), messages.WARNING)

    @admin.action(
        description=_("Cancel selected registrations (frees seats)"), permissions=["change"]
    )
    def cancel_selected(self, request, queryset):
        count = 0
        for registration in queryset.filter(status__in=["confirmed", "waitlisted"]):
            services.cancel_registration(
                registration=registration, base_url=base_url(request), by_editor=True
            )
            count += 1
        self.message_user(
            request,
            ngettext("%d registration cancelled.", "%d registrations cancelled.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark selected as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        count = services.set_attendance(registrations=queryset, attended=True)
        self.message_user(request, _("%d marked as attended.") % count, messages.SUCCESS)

    @admin.action(description=_("Mark selected as absent"), permissions=["change"])
    def mark_absent(self, request, queryset):
        count = services.set_attendance(registrations=queryset, attended=False)
        self.message_user(request, _("%d marked as absent.") % count, messages.SUCCESS)

    @admin.action(description=_("Export selected (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset):
        return registrations_csv(queryset)
