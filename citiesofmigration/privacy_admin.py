"""The admin page "Everything held about one e-mail address": find, export (JSON) and
erase, portal-wide, through :mod:`citiesofmigration.privacy`.

Finding and exporting need the view permission on every section it reads; erasing
needs the right to delete (or change) each of them. Editors have both."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from citiesofmigration import privacy

VIEW_PERMISSIONS = (
    "events.view_registration",
    "blog.view_subscriber",
    "blog.view_comment",
    "goodideas.view_goodidea",
)
ERASE_PERMISSIONS = (
    "events.delete_registration",
    "blog.delete_subscriber",
    "blog.delete_comment",
    "goodideas.change_goodidea",
)

# Column headings for the keys of the sections' items.
LABELS = {
    "event": _("Event"),
    "event_start": _("Starts"),
    "status": _("Status"),
    "name": _("Name"),
    "email": _("E-mail"),
    "organisation": _("Organisation"),
    "role": _("Role"),
    "city": _("City"),
    "country": _("Country"),
    "accessibility_needs": _("Accessibility needs"),
    "consented_at": _("Agreed to the privacy notice"),
    "registered_at": _("Registered"),
    "confirmed_at": _("Confirmed"),
    "cancelled_at": _("Cancelled"),
    "attended": _("Attended"),
    "signed_up_at": _("Signed up"),
    "consent_at": _("Consent given"),
    "unsubscribed_at": _("Unsubscribed"),
    "post": _("Post"),
    "comment": _("Comment"),
    "sent_at": _("Sent"),
    "idea": _("Good Idea"),
    "submitter_name": _("Submitted by"),
    "submitter_email": _("Submitter e-mail"),
    "proposed_at": _("Proposed"),
    "contact_name": _("Contact name"),
    "contact_role": _("Contact role"),
    "contact_email": _("Contact e-mail"),
    "contact_phone": _("Contact phone"),
    "task": _("Task"),
    "queued_at": _("Queued"),
    "finished_at": _("Finished"),
    "to": _("To"),
    "subject": _("Subject"),
    "body": _("Text"),
    "changed_at": _("Changed"),
    "object": _("Object"),
    "username": _("Username"),
    "joined_at": _("Joined"),
    "record": _("Record"),
    "ip_address": _("IP address"),
    "attempted_at": _("Attempted"),
}


class PersonalDataForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Any case: Ana@Example.org finds ana@example.org."),
    )
    keep_comment_text = forms.BooleanField(
        label=_("Keep the text of their comments, shown under “Anonymous”"),
        help_text=_("Unticked, their comments are deleted."),
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("I confirm: erase everything listed above about this address"),
        required=False,
    )


def _table(section):
    """The section's items as (headings, rows), for the template."""
    keys = list(section.items[0]) if section.items else []
    headings = [LABELS.get(key, key) for key in keys]
    rows = [[item[key] for key in keys] for item in section.items]
    return headings, rows


def _export_response(email):
    data = privacy.export(email)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str),
        content_type="application/json; charset=utf-8",
    )
    filename = f"personal-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _erase(request, form):
    counts = privacy.erase(
        form.cleaned_data["email"],
        keep_comment_text=form.cleaned_data["keep_comment_text"],
        base_url=request.build_absolute_uri("/"),
    )
    total = sum(counts.values())
    messages.success(
        request,
        ngettext(
            "Erased: %(count)d record deleted or made anonymous.",
            "Erased: %(count)d records deleted or made anonymous.",
            total,
        )
        % {"count": total},
    )
    return redirect("personal_data")


def _personal_data_view(request):
    user = request.user
    if not user.has_perms(VIEW_PERMISSIONS):
        raise PermissionDenied
    can_erase = user.has_perms(ERASE_PERMISSIONS)
    form = PersonalDataForm(request.POST or None)
    sections = None
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        if action == "export":
            return _export_response(form.cleaned_data["email"])
        if action == "erase":
            if not can_erase:
                raise PermissionDenied
            if form.cleaned_data["confirm"]:
                return _erase(request, form)
            messages.error(request, _("Tick the box to confirm the erasure."))
        sections = [
            {"section": section, "table": _table(section)}
            for section in privacy.find(form.cleaned_data["email"])
        ]
    context = {
        **admin.site.each_context(request),
        "title": _("Everything held about one e-mail address"),
        "form": form,
        "sections": sections,
        "total": sum(item["section"].count for item in sections) if sections else 0,
        "can_erase": can_erase,
    }
    return TemplateResponse(request, "admin/personal_data.html", context)


# Staff only (the admin's login page for anyone else), like every admin page.
personal_data_view = admin.site.admin_view(_personal_data_view)
