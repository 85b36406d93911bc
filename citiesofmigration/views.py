from itertools import groupby

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from citiesofmigration import citymap, related, sitesearch, worker
from citiesofmigration.models import City, CityRedirect, Region, Theme
from citiesofmigration.publication import by_title
from citiesofmigration.search import clean_query


@require_safe
def home(request):
    context = {"themes": Theme.objects.all(), "sections": related.sections_for()}
    return render(request, "pages/home.html", context)


@require_safe
def about(request):
    return render(request, "pages/about.html")


@require_safe
def privacy(request):
    """The privacy notice: what each service keeps, for how long, and whom to write to."""
    context = {
        "anonymise_after_days": settings.EVENTS_ANONYMISE_AFTER_DAYS,
        "task_results_keep_days": settings.TASK_RESULTS_KEEP_DAYS,
    }
    return render(request, "pages/privacy.html", context)


@require_safe
def accessibility(request):
    return render(request, "pages/accessibility.html")


@require_safe
def theme_index(request):
    """The five themes, each with its short introduction and what every section holds."""
    themes = list(Theme.objects.annotate(**related.count_annotations("themes")))
    for theme in themes:
        theme.section_counts = related.counts_of(theme)
    return render(request, "pages/theme_index.html", {"themes": themes})


@require_safe
def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    return render(
        request,
        "pages/theme_detail.html",
        {"theme": theme, "sections": related.sections_for(theme=theme)},
    )


# Long enough for any city name ("Sault Ste. Marie"), short enough to keep the query small.
CITY_QUERY_LENGTH = 100


@require_safe
def city_index(request):
    """Every city that published content names, by world region and country, with what
    each section holds about it, a map and a search box (plain GET: works without
    JavaScript). One query for the cities and all their counts."""
    query = clean_query(request.GET.get("q", ""))[:CITY_QUERY_LENGTH].strip()
    cities = list(
        City.objects.named_by_published_content()
        .with_country()
        .name_contains(query)
        .order_by("country__region", "country__name", *by_title("name"))
    )
    regions = []
    for region, in_region in groupby(cities, key=lambda city: city.country.region):
        countries = [
            (country, list(in_country))
            for country, in_country in groupby(in_region, key=lambda city: city.country)
        ]
        regions.append((Region(region).label, countries))
    for city in cities:
        city.section_counts = related.counts_of(city)
    context = {
        "query": query,
        "regions": regions,
        "city_count": len(cities),
        "map": citymap.draw(cities, label_of=str),
        "unplaced": [city for city in cities if city.latitude is None or city.longitude is None],
    }
    return render(request, "pages/city_index.html", context)


@require_safe
def city_detail(request, slug):
    """Everything about one city, from every app, the archive's past events included."""
    city = City.objects.with_country().with_section_counts().filter(slug=slug).first()
    if city is None:
        # An old address (the city was renamed or merged into another): moved for good.
        moved = CityRedirect.objects.select_related("city").filter(old_slug=slug).first()
        if moved is None:
            raise Http404
        return redirect(moved.city, permanent=True)
    counts = related.counts_of(city)
    if not counts:
        # A city named only by unpublished content (e.g. a proposal from the public form)
        # has no public page: nothing reviewed says anything about it yet.
        raise Http404
    context = {
        "city": city,
        "section_counts": counts,
        "sections": related.sections_for(city=city),
    }
    return render(request, "pages/city_detail.html", context)


@require_safe
def site_search(request):
    result = sitesearch.search_everything(request.GET.get("q", ""))
    return render(
        request,
        "pages/search.html",
        {"query": result.query, "sections": result.sections, "search": result},
    )


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache
@require_safe
def healthz_worker(request):
    """For monitoring the background worker: the queue's oldest waiting task and when a
    worker was last seen (counts and ages, no addresses). 200 when work flows; 503 when
    work waits and no worker has been seen for a lease ("stalled"), when the oldest task
    has waited too long ("backlog"), or when the database does not answer."""
    try:
        report = worker.queue_health()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)
