"""What every content admin shares: the publication workflow's list filter, bulk publish
and unpublish, and the review queue first."""

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from citiesofmigration.publication import Status


class PublishableAdmin(admin.ModelAdmin):
    actions = ["publish_selected", "unpublish_selected"]
    list_filter = ["status"]
    date_hierarchy = "published_at"

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
