"""What every content admin shares: the publication workflow's list filter, bulk publish
and unpublish, the review queue first, a rich-text editor for sanitised HTML, and the
history of every change, field by field, with "Revert" (django-simple-history); and, for
models with translated fields, their English and French columns edited side by side
(django-modeltranslation, issue 11)."""

import dataclasses

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import build_localized_fieldname
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from citiesofmigration.i18n import translated_fields
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


class TranslatedAdmin(TranslationAdmin):
    """An admin of a model with translated fields (see each app's ``translation.py``).

    Where the fieldsets name ``title``, the form shows "title [en]" and "title [fr]" next
    to each other (modeltranslation); each slug is prepopulated from the title in its
    language. Every language's input carries ``lang`` so that the browser's spelling
    checker and screen readers take French for French. No tabs: those need jQuery UI from
    a CDN, which the Content-Security-Policy refuses, and hide one language anyway.
    ``search_fields`` name each language's column (``title_en``, ``title_fr``): a plain
    ``title`` would search the admin's current language only."""

    class Media:
        # French titles' prepopulated slugs as the server would make them.
        js = ["js/admin-slugs.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if field is not None and language and hasattr(db_field, "translated_field"):
            self._get_widget_from_field(field).attrs["lang"] = language
            if db_field.translated_field.name == "slug" and language == "fr":
                # See citiesofmigration.models.save_filling_slugs.
                field.help_text = _("Left empty, it is made from the French title when you save.")
        return field

    @admin.display(description=_("in French"), boolean=True)
    def has_french(self, obj):
        """Whether the item has its French title (or name) yet: which ones still wait for
        their translation, at a glance in the list."""
        main = "title" if "title" in self.trans_opts.fields else "name"
        return bool(getattr(obj, build_localized_fieldname(main, "fr"), None))


def _is_empty(value):
    return value is None or value == ""


class HistoryChanges(HistoricalRecordContextHelper):
    """A change's values for the history list, with an empty value shown as a dash (the
    package shows "None" for a field that had no value yet)."""

    def prepare_delta_change_value(self, change, value):
        return "—" if _is_empty(value) else super().prepare_delta_change_value(change, value)


class TranslatedPublishableAdmin(PublishableAdmin, TranslatedAdmin):
    """:class:`PublishableAdmin` for a translated model: the history lists each language's
    change ("Title [fr]: — → …"). Left out of it: the model's untranslated column, which
    only mirrors one language's text, and a field that was empty and still is (a French
    field the form saves as "" where nothing was written)."""

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryChanges(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        mirrors = sorted(translated_fields(self.model))
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=mirrors, foreign_keys_are_objs=foreign_keys_are_objs
                )
                changes = [
                    change
                    for change in delta.changes
                    if not (_is_empty(change.old) and _is_empty(change.new))
                ]
                delta = dataclasses.replace(
                    delta,
                    changes=changes,
                    changed_fields=[change.field for change in changes],
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current
