from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from citiesofmigration.admin_mixins import PublishableAdmin
from citiesofmigration.search import refresh_search_vector
from elibrary.extraction import extract_resource_text
from elibrary.forms import ResourceAdminForm
from elibrary.models import Authorship, ExtractionStatus, Resource, Series
from elibrary.services import queue_extraction

EXTRACTION_FIELDS = {"extracted_text", "extraction_status", "extraction_error"}


def fields_an_editor_saves(resource) -> list[str]:
    return [
        field.name
        for field in resource._meta.concrete_fields
        if not field.primary_key and field.name not in EXTRACTION_FIELDS
    ]


class AuthorshipInline(admin.TabularInline):
    model = Authorship
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["position", "person"]
    ordering = ["position"]


class TranslationInline(admin.TabularInline):
    model = Resource
    fk_name = "translation_of"
    fields = ["title", "language", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("version in another language")
    verbose_name_plural = _("versions in other languages")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Resource)
class ResourceAdmin(PublishableAdmin):
    form = ResourceAdminForm
    list_display = [
        "title",
        "resource_type",
        "language",
        "year",
        "status",
        "extraction_status",
        "download_count",
    ]
    list_filter = [
        "status",
        "resource_type",
        "language",
        "year",
        "extraction_status",
        ("series", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "abstract", "authors__name", "publisher__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = [
        "publisher",
        "series",
        "translation_of",
        "cities",
        "countries",
        "related_ideas",
        "related_resources",
    ]
    filter_horizontal = ["themes"]
    inlines = [AuthorshipInline, TranslationInline]
    readonly_fields = [
        "file_kind",
        "file_size",
        "original_filename",
        "download_count",
        "extraction_status",
        "extraction_error",
        "created_at",
        "updated_at",
    ]
    actions = [*PublishableAdmin.actions, "extract_text_again"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "resource_type", "language", "translation_of"]}),
        (_("Publication"), {"fields": ["status", "published_at", "created_at", "updated_at"]}),
        (
            _("Document"),
            {
                "fields": [
                    "file",
                    "external_url",
                    "file_kind",
                    "file_size",
                    "original_filename",
                    "extraction_status",
                    "extraction_error",
                    "download_count",
                ],
                "description": _(
                    "PDF, Word, PowerPoint or Excel. The text inside is indexed for search in "
                    "the background after saving."
                ),
            },
        ),
        (
            _("Bibliographic details"),
            {
                "fields": [
                    "publisher",
                    "series",
                    "series_volume",
                    ("year", "month", "day"),
                    "abstract",
                    "isbn",
                    "doi",
                    "licence",
                ]
            },
        ),
        (
            _("Subjects and places"),
            {"fields": ["themes", "tags", "countries", "cities"]},
        ),
        (_("Related"), {"fields": ["related_ideas", "related_resources"]}),
    ]

    def save_model(self, request, obj, form, change):
        """A save that keeps the same file leaves the extraction's fields alone: the
        background worker may have just stored the text, and this form's copy is older."""
        if change and "file" not in form.changed_data:
            obj.save(update_fields=fields_an_editor_saves(obj))
        else:
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        resource = form.instance
        refresh_search_vector(resource)
        if "file" in form.changed_data and resource.file:
            queue_extraction(resource)
            self.message_user(
                request,
                _("The document's text is being indexed in the background."),
                messages.INFO,
            )

    @admin.action(description=_("Index the documents' text again"), permissions=["change"])
    def extract_text_again(self, request, queryset):
        with_files = queryset.exclude(file="")
        count = with_files.update(extraction_status=ExtractionStatus.PENDING)
        for pk in with_files.values_list("pk", flat=True):
            extract_resource_text.enqueue(pk)
        self.message_user(
            request,
            ngettext("%d document queued.", "%d documents queued.", count) % count,
            messages.SUCCESS,
        )


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "publisher"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["publisher"]
