from django import forms

from elibrary.models import Resource
from elibrary.services import attach_file, detach_file


class ResourceAdminForm(forms.ModelForm):
    """Checks an uploaded document by its content and size before anything is saved."""

    class Meta:
        model = Resource
        # The admin's fieldsets decide the layout; these are the editable fields.
        fields = [
            "title", "slug", "resource_type", "language", "translation_of", "status",
            "published_at", "file", "external_url", "publisher", "series", "series_volume",
            "year", "month", "day", "abstract", "isbn", "doi", "licence", "themes", "tags",
            "countries", "cities", "related_ideas", "related_resources",
        ]  # fmt: skip

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if "file" not in self.changed_data:
            return uploaded
        if uploaded is False:  # "Clear" ticked: the document and its indexed text go
            detach_file(self.instance)
        elif uploaded and hasattr(uploaded, "size"):
            attach_file(self.instance, uploaded)  # raises ValidationError with the reason
        return uploaded
