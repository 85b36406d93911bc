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

    def get_queryset(self, request):
        # Submissions waiting for review come first, then the most recently changed.
        return (
            super()
            .get_queryset(request)
            .annotate(
                in_review_first=Case(
                    When(status=Status.REVIEW, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
            .order_by("in_review_first", "-updated_at")
        )

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
