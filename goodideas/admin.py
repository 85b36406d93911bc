from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from citiesofmigration.admin_mixins import TranslatedAdmin, TranslatedPublishableAdmin
from goodideas.models import (
    Adaptation,
    Collection,
    CollectionMembership,
    ContactRequest,
    GoodIdea,
)


class AdaptationInline(admin.TabularInline):
    model = Adaptation
    fk_name = "idea"
    extra = 0
    autocomplete_fields = ["city", "adapted_idea"]


class CollectionMembershipInline(admin.TabularInline):
    """An idea's collections, from the idea's side."""

    model = CollectionMembership
    extra = 0
    autocomplete_fields = ["collection"]
    fields = ["collection", "position"]


class CollectionIdeasInline(admin.TabularInline):
    """A collection's ideas in the editors' order, from the collection's side."""

    model = CollectionMembership
    extra = 0
    autocomplete_fields = ["idea"]
    fields = ["idea", "position"]


@admin.register(GoodIdea)
class GoodIdeaAdmin(TranslatedPublishableAdmin):
    list_display = [
        "title",
        "has_french",
        "status",
        "primary_theme",
        "city_names",
        "practice_status",
        "year_started",
        "updated_at",
    ]
    list_filter = [
        "status",
        "primary_theme",
        ("cities__country", admin.RelatedOnlyFieldListFilter),
        "collections",
        "practice_status",
        "contact_is_private",
    ]
    list_select_related = ["primary_theme"]
    search_fields = [
        "title_en",
        "title_fr",
        "summary_en",
        "summary_fr",
        "cities__name",
        "lead_organisation__name",
    ]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["cities", "lead_organisation", "partners", "related_ideas"]
    filter_horizontal = ["themes"]
    inlines = [AdaptationInline, CollectionMembershipInline]
    readonly_fields = [
        "created_at",
        "updated_at",
        "submitter_name",
        "submitter_email",
        "submitter_language",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "story"]}),
        (_("Publication"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
        (
            _("Where and what"),
            {"fields": ["primary_theme", "themes", "cities", "tags"]},
        ),
        (
            _("The practice"),
            {
                "fields": [
                    "lead_organisation",
                    "partners",
                    "year_started",
                    "practice_status",
                    "last_verified",
                    "results",
                    "reflection_question",
                    "website",
                    "related_ideas",
                ]
            },
        ),
        (
            _("Contact"),
            {
                "fields": [
                    "contact_name",
                    "contact_role",
                    "contact_email",
                    "contact_phone",
                    "contact_is_private",
                ]
            },
        ),
        (
            _("Proposed through the public form"),
            {
                "fields": ["submitter_name", "submitter_email", "submitter_language"],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("cities")

    @admin.display(description=_("cities"))
    def city_names(self, obj):
        return ", ".join(city.name for city in obj.cities.all())

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.after_relations_saved()


@admin.register(Collection)
class CollectionAdmin(TranslatedAdmin):
    list_display = ["name", "has_french", "slug", "position"]
    list_editable = ["position"]
    inlines = [CollectionIdeasInline]
    search_fields = ["name_en", "name_fr"]
    # One slug for both languages (a facet value in addresses), made from the English name.
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    """Messages passed on to private contacts, for editors to follow up: read-only, since
    the portal wrote them; deleted after CONTACT_REQUESTS_KEEP_DAYS (or by the privacy
    page)."""

    list_display = ["idea", "name", "created_at", "replied_at"]
    list_filter = ["replied_at"]
    search_fields = ["idea__title_en", "idea__title_fr", "name", "email"]
    date_hierarchy = "created_at"
    fields = ["idea", "name", "email", "language", "message", "created_at", "replied_at"]
    readonly_fields = fields
    list_select_related = ["idea"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
