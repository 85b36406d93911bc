from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL extensions for search: trigram similarity and accent-insensitive text."""

    initial = True
    dependencies = []
    operations = [TrigramExtension(), UnaccentExtension()]
