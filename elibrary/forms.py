from django import forms

from elibrary.models import Resource
from elibrary.services import attach_file


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
        if uploaded and "file" in self.changed_data and hasattr(uploaded, "size"):
            attach_file(self.instance, uploaded)  # raises ValidationError with the reason
        return uploaded
