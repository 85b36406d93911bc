from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from citiesofmigration import related, sitesearch, worker
from citiesofmigration.models import City, Theme


@require_safe
def home(request):
    context = {"themes": Theme.objects.all(), "sections": related.sections_for()}
    return render(request, "pages/home.html", context)


@require_safe
def about(request):
    return render(request, "pages/about.html")


@require_safe
def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    return render(
        request,
        "pages/theme_detail.html",
        {"theme": theme, "sections": related.sections_for(theme=theme)},
    )


@require_safe
def city_detail(request, slug):
    """Everything about one city, from every app."""
    city = get_object_or_404(City.objects.with_country(), slug=slug)
    sections = related.sections_for(city=city)
    if not sections:
        # A city named only by unpublished content (e.g. a proposal from the public form)
        # has no public page: nothing reviewed says anything about it yet.
        raise Http404
    return render(request, "pages/city_detail.html", {"city": city, "sections": sections})


@require_safe
def site_search(request):
    query, sections = sitesearch.search_everything(request.GET.get("q", ""))
    found = [section for section in sections if section.items]
    return render(request, "pages/search.html", {"query": query, "sections": found})


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
