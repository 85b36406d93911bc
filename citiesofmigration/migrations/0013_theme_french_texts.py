"""The five themes' French texts (issue 11) for databases made before the French columns
existed; French an editor has already written is kept (``ensure_themes`` fills only empty
columns)."""

from django.db import migrations


def fill_french_theme_texts(apps, schema_editor):
    from citiesofmigration.vocabulary import ensure_themes

    ensure_themes(apps.get_model("citiesofmigration", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("citiesofmigration", "0012_french_search_configuration")]

    operations = [migrations.RunPython(fill_french_theme_texts, migrations.RunPython.noop)]
