"""Measure page times at several content sizes. Each app with a ``bench`` module offers
``prepare(size)`` (generate labelled synthetic content), ``scenarios()`` (name, URL) and
``clear()``. Times are wall-clock medians of in-process requests (no network), so they
measure Django + PostgreSQL on this machine; use them to compare, not as promises."""

import statistics
import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import override_settings


def bench_modules():
    for app in apps.get_app_configs():
        if find_spec(f"{app.name}.bench"):
            yield import_module(f"{app.name}.bench")


class Command(BaseCommand):
    help = "Benchmark the list, filtered list, search and detail pages at given sizes."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="10000,100000")
        parser.add_argument("--requests", type=int, default=25)
        parser.add_argument("--keep", action="store_true", help="Keep the synthetic content.")

    def handle(self, *args, sizes, requests, keep, **options):
        rows = []
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
            client = Client()
            for size in [int(value) for value in sizes.split(",")]:
                for module in bench_modules():
                    started = time.perf_counter()
                    module.prepare(size)
                    elapsed = time.perf_counter() - started
                    self.stdout.write(f"{module.__name__}: {size} synthetic items, {elapsed:.0f} s")
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
                for module in bench_modules():
                    for name, url in module.scenarios():
                        rows.append((size, name, *self.measure(client, url, requests)))
            if not keep:
                for module in bench_modules():
                    module.clear()
        self.stdout.write("\n| items | page | p50 ms | p95 ms | queries | status |")
        self.stdout.write("| ---: | --- | ---: | ---: | ---: | ---: |")
        for size, name, p50, p95, queries, status in rows:
            self.stdout.write(
                f"| {size:,} | {name} | {p50:.0f} | {p95:.0f} | {queries} | {status} |"
            )

    def measure(self, client, url, requests):
        for _ in range(3):  # warm caches and connections
            client.get(url)
        # Counted with a wrapper: Django clears its own query log at every request start.
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
        ):
            status = client.get(url).status_code
        timings = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else timings[0]
        return statistics.median(timings), p95, len(queries), status
