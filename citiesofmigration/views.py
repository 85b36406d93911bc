from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from citiesofmigration.models import Theme


@require_safe
def home(request):
    return render(request, "pages/home.html", {"themes": Theme.objects.all()})


@require_safe
def about(request):
    return render(request, "pages/about.html")


@require_safe
def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    return render(request, "pages/theme_detail.html", {"theme": theme})


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
