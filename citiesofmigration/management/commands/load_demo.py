from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from citiesofmigration.coordinates import fill_city_coordinates


class Command(BaseCommand):
    help = (
        "Load the demo content written from the seeds. Idempotent: running it again "
        "updates the same rows and creates no duplicates."
    )

    def handle(self, *args, **options):
        # Each app that has demo content offers `<app>.demo.load()`; apps are visited in
        # INSTALLED_APPS order, so places exist before the content that points at them.
        with transaction.atomic():
            for app in apps.get_app_configs():
                module_name = f"{app.name}.demo"
                if find_spec(module_name) is None:
                    continue
                counts = import_module(module_name).load()
                summary = ", ".join(f"{count} {label}" for label, count in counts.items())
                self.stdout.write(f"{app.verbose_name}: {summary}")
            # Last, once every app has created its cities: their dots on the /cities/ map.
            filled, not_found = fill_city_coordinates()
            self.stdout.write(
                f"City coordinates: {len(filled)} filled, {len(not_found)} not in GeoNames"
            )
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
