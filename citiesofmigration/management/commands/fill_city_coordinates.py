from django.core.management.base import BaseCommand

from citiesofmigration.coordinates import fill_city_coordinates


class Command(BaseCommand):
    help = (
        "Give cities without coordinates those of GeoNames (offline data): their dots on "
        "the /cities/ map. Cities already placed are left as they are."
    )

    def handle(self, *args, **options):
        filled, not_found = fill_city_coordinates()
        self.stdout.write(f"Coordinates filled for {len(filled)} cities.")
        for city in not_found:
            self.stdout.write(f"Not found in GeoNames (no dot on the map): {city}")
