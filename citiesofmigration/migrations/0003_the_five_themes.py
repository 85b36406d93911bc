from django.db import migrations

from citiesofmigration.vocabulary import ensure_themes


def create_themes(apps, schema_editor):
    ensure_themes(apps.get_model("citiesofmigration", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("citiesofmigration", "0002_themes_and_places")]
    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]
