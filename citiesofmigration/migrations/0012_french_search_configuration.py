from django.db import migrations


class Migration(migrations.Migration):
    """A text search configuration that stems French and ignores accents (issue 11), the
    counterpart of ``english_unaccent``: "logement" finds "logements", "Montreal" finds
    "Montréal" and "integration" finds "intégration", in stored vectors, queries and
    highlighted snippets alike. Accents are removed before stemming, on both sides."""

    dependencies = [
        ("citiesofmigration", "0011_country_name_en_country_name_fr_theme_description_en_and_more")
    ]

    operations = [
        migrations.RunSQL(
            sql=[
                "CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = pg_catalog.french);",
                "ALTER TEXT SEARCH CONFIGURATION french_unaccent "
                "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;",
            ],
            reverse_sql="DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;",
        )
    ]
