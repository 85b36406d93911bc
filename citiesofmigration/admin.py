from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.models import get_date_max

from citiesofmigration import mail
from citiesofmigration.admin_mixins import TranslatedAdmin
from citiesofmigration.models import City, Country, Email, Organisation, Person, Theme
from citiesofmigration.services import merge_cities


@admin.register(Theme)
class ThemeAdmin(TranslatedAdmin):
    list_display = ["name", "tagline", "has_french", "position"]
    search_fields = ["name_en", "name_fr", "description_en", "description_fr"]
    readonly_fields = ["slug"]

    # The five themes are fixed; editors reword them but never add or remove one.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Country)
class CountryAdmin(TranslatedAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name_en", "name_fr", "code"]


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "country", "slug"]
    list_filter = [("country", admin.RelatedOnlyFieldListFilter), "country__region"]
    list_select_related = ["country"]
    search_fields = ["name", "province", "country__name_en", "country__name_fr"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    fieldsets = [
        (None, {"fields": ["name", "province", "country", "slug"]}),
        (
            _("Place on the map"),
            {
                "fields": ["latitude", "longitude"],
                "description": _(
                    "Left empty, they are filled from GeoNames when the city is saved "
                    "(if GeoNames knows it)."
                ),
            },
        ),
    ]
    actions = ["merge_selected"]

    def save_model(self, request, obj, form, change):
        # The /cities/ map's dot: from GeoNames (offline data) when the editor gave none.
        if obj.latitude is None or obj.longitude is None:
            from citiesofmigration.coordinates import fill_one

            obj.latitude, obj.longitude = fill_one(obj) or (obj.latitude, obj.longitude)
        super().save_model(request, obj, form, change)

    @admin.action(
        description=_("Merge the selected cities into one"), permissions=["change", "delete"]
    )
    def merge_selected(self, request, queryset):
        """Two steps: the list's action shows a page to choose the city to keep; that
        page posts the action again with "keep", and the merge is done."""
        cities = list(queryset.with_country())
        if len(cities) < 2:
            self.message_user(request, _("Select at least two cities to merge."), messages.WARNING)
            return None
        keep = next((city for city in cities if str(city.pk) == request.POST.get("keep")), None)
        if keep is None:
            context = {
                **self.admin_site.each_context(request),
                "title": _("Merge cities"),
                "opts": self.model._meta,
                "cities": cities,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "error": "keep" in request.POST,
            }
            return TemplateResponse(request, "admin/citiesofmigration/city/merge.html", context)
        result = merge_cities(keep=keep, duplicates=[city for city in cities if city != keep])
        self.log_change(
            request,
            keep,
            _("Merged into this city: %(cities)s.") % {"cities": "; ".join(result.removed)},
        )
        self.message_user(
            request,
            ngettext(
                "%(removed)s merged into %(kept)s (%(count)d link moved). "
                "Their old addresses now lead to %(kept)s.",
                "%(removed)s merged into %(kept)s (%(count)d links moved). "
                "Their old addresses now lead to %(kept)s.",
                result.moved,
            )
            % {"removed": "; ".join(result.removed), "kept": keep, "count": result.moved},
            messages.SUCCESS,
        )
        return None


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "website"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "organisation", "city"]
    list_select_related = ["organisation", "city"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "role", "organisation__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "city"]


class EmailStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("FAILED", _("Failed")),
            ("READY", _("Waiting")),
            ("RUNNING", _("Being sent")),
            ("SUCCESSFUL", _("Sent")),
        ]

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    """Waiting and failed e-mails for editors: who, what, how often tried, why it failed,
    when the next try is; "Send again now" for stuck ones. Read-only otherwise: the
    privacy service erases e-mail rows, not this page."""

    list_display = ["recipients", "subject", "state", "attempts", "last_error", "next_try"]
    list_filter = [EmailStateFilter]
    search_fields = ["args_kwargs__kwargs__to", "args_kwargs__kwargs__subject"]
    actions = ["send_again_now"]
    fields = ["recipients", "subject", "state", "attempts", "last_error", "next_try",
              "enqueued_at", "finished_at"]  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).current()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # The list's action needs "change"; a single e-mail's page is read-only.
        return obj is None and super().has_change_permission(request)

    @admin.display(description=_("to"))
    def recipients(self, email):
        return ", ".join(email.message.get("to", []))

    @admin.display(description=_("subject"))
    def subject(self, email):
        return email.message.get("subject", "")

    @admin.display(description=_("state"), ordering="status")
    def state(self, email):
        return {
            "FAILED": _("Failed — given up"),
            "READY": _("Waiting"),
            "RUNNING": _("Being sent"),
            "SUCCESSFUL": _("Sent"),
        }.get(email.status, email.status)

    @admin.display(description=_("attempts"))
    def attempts(self, email):
        return email.attempts

    @admin.display(description=_("last error"))
    def last_error(self, email):
        return email.last_error or "—"

    @admin.display(description=_("next try"), ordering="run_after")
    def next_try(self, email):
        if email.status != "READY":
            return "—"
        if email.run_after == get_date_max() or email.run_after <= timezone.now():
            return _("now")
        return date_format(timezone.localtime(email.run_after), "DATETIME_FORMAT")

    @admin.action(description=_("Send again now"), permissions=["change"])
    def send_again_now(self, request, queryset):
        selected = list(queryset)
        sent_again = sum(1 for email in selected if mail.retry_now(email))
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail will be sent at the next chance.",
                "%(count)d e-mails will be sent at the next chance.",
                sent_again,
            )
            % {"count": sent_again},
            messages.SUCCESS,
        )
        if skipped := len(selected) - sent_again:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail was left alone: it is being sent or was sent.",
                    "%(count)d e-mails were left alone: they are being sent or were sent.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
