"""What every content admin shares: the publication workflow's list filter, bulk publish
and unpublish, the review queue first, a rich-text editor for sanitised HTML, and the
history of every change, field by field, with "Revert" (django-simple-history)."""

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from citiesofmigration.publication import Status
from citiesofmigration.richtext import RichTextAdminWidget, SanitisedHTMLField
from citiesofmigration.search import refresh_search_vector


class PublishableAdmin(SimpleHistoryAdmin):
    actions = ["publish_selected", "unpublish_selected"]
    list_filter = ["status"]
    date_hierarchy = "published_at"
    formfield_overrides = {SanitisedHTMLField: {"widget": RichTextAdminWidget}}
    # The package's list of versions (each with its changes, old → new, per field), without
    # its one inline style attribute, which the Content-Security-Policy refuses.
    object_history_list_template = "admin/history/object_history_list.html"

    # Submissions waiting for review come first, then the most recently changed. As an
    # admin ordering (not the queryset's), because the change list puts the model's own
    # ordering before the queryset's.
    ordering = [
        Case(
            When(status=Status.REVIEW, then=Value(0)), default=Value(1), output_field=IntegerField()
        ).asc(),
        "-updated_at",
    ]

    @admin.action(description=_("Publish selected items"), permissions=["change"])
    def publish_selected(self, request, queryset):
        count = queryset.publish()
        self.message_user(
            request,
            ngettext("%d item published.", "%d items published.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish selected items (back to draft)"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        count = queryset.unpublish()
        self.message_user(
            request,
            ngettext("%d item unpublished.", "%d items unpublished.", count) % count,
            messages.SUCCESS,
        )

    def save_form(self, request, form, change):
        # Who made the change, for the history. Here rather than in save_model, which some
        # admins replace (the E-Library's saves only the fields an editor changes).
        obj = super().save_form(request, form, change)
        obj._history_user = request.user
        return obj

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A version's page; "Revert" saves it as the current content. The revert saves
        the model's own fields (many-to-many relations are not in the history), so the
        search index is refreshed here as the change form's save_related would."""
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            obj = self.model._default_manager.filter(pk=object_id).first()
            if obj is not None and hasattr(obj, "search_vector"):
                refresh_search_vector(obj)
        return response
