"""The five themes' short introductions (issue 10) for databases made before the field
existed; an intro an editor has already written is kept."""

from django.db import migrations


def fill_empty_intros(apps, schema_editor):
    from citiesofmigration.vocabulary import THEMES

    Theme = apps.get_model("citiesofmigration", "Theme")
    for theme in THEMES:
        Theme.objects.filter(slug=theme["slug"], intro="").update(intro=theme["intro"])


class Migration(migrations.Migration):
    dependencies = [("citiesofmigration", "0009_city_coordinates_redirects_theme_intro")]

    operations = [migrations.RunPython(fill_empty_intros, migrations.RunPython.noop)]
