from django.db import migrations, models
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):
    Organisation = apps.get_model("citiesofmigration", "Organisation")
    taken = set()
    for organisation in Organisation.objects.order_by("pk"):
        base = slugify(organisation.name)[:150] or "organisation"
        slug, suffix = base, 2
        while slug in taken:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(slug)
        organisation.slug = slug
        organisation.save(update_fields=["slug"])


class Migration(migrations.Migration):
    """Organisations get slugs, so that facets and addresses never show database ids."""

    dependencies = [("citiesofmigration", "0006_person")]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="slug",
            field=models.SlugField(
                blank=True, max_length=200, default="", db_index=False, verbose_name="slug"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="slug",
            field=models.SlugField(blank=True, max_length=200, unique=True, verbose_name="slug"),
        ),
    ]
