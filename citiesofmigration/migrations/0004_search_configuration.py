from django.db import migrations


class Migration(migrations.Migration):
    """A text search configuration that stems English and ignores accents, so that
    "Montreal" finds "Montréal" in stored vectors, queries and highlighted snippets alike."""

    dependencies = [("citiesofmigration", "0003_the_five_themes")]

    operations = [
        migrations.RunSQL(
            sql=[
                "CREATE TEXT SEARCH CONFIGURATION english_unaccent (COPY = pg_catalog.english);",
                "ALTER TEXT SEARCH CONFIGURATION english_unaccent "
                "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;",
            ],
            reverse_sql="DROP TEXT SEARCH CONFIGURATION IF EXISTS english_unaccent;",
        )
    ]
