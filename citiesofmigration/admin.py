from django.contrib import admin

from citiesofmigration.models import City, Country, Organisation, Person, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "tagline", "position"]
    search_fields = ["name", "description"]
    readonly_fields = ["slug"]

    # The five themes are fixed; editors reword them but never add or remove one.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "province", "country", "slug"]
    list_filter = [("country", admin.RelatedOnlyFieldListFilter), "country__region"]
    list_select_related = ["country"]
    search_fields = ["name", "province", "country__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]
    fieldsets = [(None, {"fields": ["name", "province", "country", "slug"]})]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "website"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "organisation", "city"]
    list_select_related = ["organisation", "city"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "role", "organisation__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "city"]
