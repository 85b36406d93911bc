from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.urls import path
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from blog import services
from blog.exports import confirmed_subscribers_csv
from blog.models import (
    PENDING_FIRST,
    Comment,
    CommentStatus,
    NewsletterIssue,
    Post,
    PostAuthor,
    Subscriber,
)
from citiesofmigration.admin_mixins import TranslatedPublishableAdmin
from citiesofmigration.publication import Status

IN_REVIEW_FIRST = [
    Case(When(status=Status.REVIEW, then=Value(0)), default=Value(1), output_field=IntegerField()),
    "-updated_at",
]


class PostAuthorInline(admin.TabularInline):
    model = PostAuthor
    extra = 1
    autocomplete_fields = ["person"]
    fields = ["person", "position"]


@admin.register(Post)
class PostAdmin(TranslatedPublishableAdmin):
    list_display = [
        "title",
        "has_french",
        "kind",
        "status",
        "published_at",
        "author_list",
        "pending_comments",
        "updated_at",
    ]
    list_filter = ["status", "kind", "themes", "comments_open"]
    search_fields = ["title_en", "title_fr", "summary_en", "summary_fr", "authors__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["cities", "related_ideas", "related_resources", "related_events"]
    filter_horizontal = ["themes"]
    inlines = [PostAuthorInline]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "body"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (
            _("Publication"),
            {
                "fields": ["status", "published_at", "created_at", "updated_at"],
                "description": _(
                    "A publication date in the future schedules the post: it appears on the "
                    "site and in the feeds on that date."
                ),
            },
        ),
        (_("Where and what"), {"fields": ["themes", "tags", "cities"]}),
        (_("Related"), {"fields": ["related_ideas", "related_resources", "related_events"]}),
        (_("Comments"), {"fields": ["comments_open"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                pending_comment_count=Count(
                    "comments", filter=Q(comments__status=CommentStatus.PENDING)
                )
            )
            .prefetch_related("authorships__person")
        )

    def get_ordering(self, request):
        # TranslatedPublishableAdmin orders its queryset "in review first", but the change list puts
        # the model's Meta.ordering before a queryset's order; an explicit ordering wins.
        return IN_REVIEW_FIRST

    @admin.display(description=_("authors"))
    def author_list(self, obj):
        return obj.author_names

    @admin.display(description=_("comments to moderate"), ordering="pending_comment_count")
    def pending_comments(self, obj):
        return obj.pending_comment_count

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.after_relations_saved()


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """The moderation queue: comments waiting for an editor first."""

    list_display = ["excerpt", "name", "post", "status", "created_at"]
    list_display_links = ["excerpt"]
    list_filter = ["status"]
    list_select_related = ["post"]
    search_fields = ["name", "body", "post__title_en", "post__title_fr"]
    actions = ["approve_selected", "mark_selected_as_spam"]
    fields = ["post", "name", "email", "body", "language", "status", "created_at", "moderated_at"]
    readonly_fields = ["post", "name", "email", "body", "language", "created_at", "moderated_at"]

    def get_ordering(self, request):
        # Comments waiting for moderation first (the change list applies this order
        # before the model's Meta.ordering).
        return PENDING_FIRST

    def has_add_permission(self, request):
        return False  # comments come from readers, through the post page

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        return Truncator(obj.body).chars(80)

    @admin.action(description=_("Approve selected comments (show them)"), permissions=["change"])
    def approve_selected(self, request, queryset):
        count = queryset.approve()
        self.message_user(
            request,
            ngettext("%d comment approved.", "%d comments approved.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Mark selected comments as spam (hide them)"), permissions=["change"]
    )
    def mark_selected_as_spam(self, request, queryset):
        count = queryset.mark_as_spam()
        self.message_user(
            request,
            ngettext("%d comment marked as spam.", "%d comments marked as spam.", count) % count,
            messages.SUCCESS,
        )


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Read-only: people subscribe and unsubscribe themselves. Editors may export the
    confirmed addresses, and delete a record when someone asks to be forgotten."""

    list_display = ["email", "status", "language", "consent_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email"]
    actions = ["export_confirmed"]
    change_list_template = "blog/admin/subscriber_change_list.html"
    fields = [
        "email",
        "status",
        "language",
        "consent_at",
        "confirmed_at",
        "unsubscribed_at",
        "created_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_all_confirmed)
        return [
            path("export/", export, name="blog_subscriber_export"),
            *super().get_urls(),
        ]

    def export_all_confirmed(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return confirmed_subscribers_csv(Subscriber.objects.all())

    @admin.action(
        description=_("Export the confirmed ones among the selected (CSV)"), permissions=["view"]
    )
    def export_confirmed(self, request, queryset):
        return confirmed_subscribers_csv(queryset)


@admin.register(NewsletterIssue)
class NewsletterIssueAdmin(admin.ModelAdmin):
    # Each issue goes to the confirmed subscribers of its language only.
    list_display = ["subject", "language", "created_at", "sent_at", "recipient_count"]
    list_filter = ["language"]
    autocomplete_fields = ["posts"]
    readonly_fields = ["sent_at", "recipient_count"]
    actions = ["send_selected"]

    @admin.action(
        description=_("Send selected issues to the confirmed subscribers of their language"),
        permissions=["change"],
    )
    def send_selected(self, request, queryset):
        for issue in queryset:
            try:
                count = services.send_newsletter(
                    issue=issue, absolute_url=request.build_absolute_uri
                )
            except services.AlreadySent:
                self.message_user(
                    request,
                    _("“%(subject)s” was already sent; it was not sent again.")
                    % {"subject": issue.subject},
                    messages.WARNING,
                )
                continue
            self.message_user(
                request,
                ngettext(
                    "“%(subject)s” is on its way to %(count)d subscriber.",
                    "“%(subject)s” is on its way to %(count)d subscribers.",
                    count,
                )
                % {"subject": issue.subject, "count": count},
                messages.SUCCESS,
            )
